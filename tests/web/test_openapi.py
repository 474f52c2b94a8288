"""The OpenAPI document comes from the routes: every /api/v1 operation is documented and every
documented operation is a route; and every action of a page has a twin in the API."""

from __future__ import annotations

from openapi_spec_validator import validate

from web.api.openapi import path_of

# Every page action (a POST on a page) → its API twin, or why it has none. A page action missing
# here fails the test: a new page action needs an API operation (or a reason it cannot have one).
PAGE_TWINS: dict[str, tuple[str, ...] | str] = {
    "auth.login POST": ("POST /api/v1/auth/token",),
    "auth.logout": ("POST /api/v1/auth/logout",),
    "i18n.choose_language": "the page's language; an API client sends its own texts",
    "inbox.claim": ("POST /api/v1/tasks/{task_id}/claim",),
    "inbox.unclaim": ("DELETE /api/v1/tasks/{task_id}/claim",),
    "tasks.submit": ("POST /api/v1/tasks/{task_id}/complete", "PUT /api/v1/tasks/{task_id}/draft"),
    "coordinator.register POST": ("POST /api/v1/children",),
    "coordinator.start": ("POST /api/v1/trajectories",),
    "coordinator.team": ("PUT /api/v1/trajectories/{trajectory_id}/team",),
    "coordinator.anchor": ("PUT /api/v1/trajectories/{trajectory_id}/anchor",),
    "coordinator.consent": ("POST /api/v1/trajectories/{trajectory_id}/consent",),
    "adocument.complete_missing": ("PUT /api/v1/trajectories/{trajectory_id}/a-document/additions",),
    "adocument.sign": ("POST /api/v1/trajectories/{trajectory_id}/a-document/signatures",),
    "adocument.agree": ("POST /api/v1/trajectories/{trajectory_id}/a-document/agreement",),
    "adocument.submit": ("POST /api/v1/trajectories/{trajectory_id}/a-document/submission",),
    "adocument.correct": ("POST /api/v1/trajectories/{trajectory_id}/a-document/corrections",),
    "people.add": ("POST /api/v1/people",),
    "people.roles": ("PATCH /api/v1/people/{person_id}",),
    "people.activity": ("PATCH /api/v1/people/{person_id}",),
    "people.reset": ("POST /api/v1/people/{person_id}/password-reset",),
    "people.set_password POST": ("POST /api/v1/auth/password",),
    "quality.create": ("POST /api/v1/guidelines/drafts",),
    "quality.upload": ("PUT /api/v1/guidelines/drafts/{draft_id}/files/{name}",),
    "quality.remove": ("DELETE /api/v1/guidelines/drafts/{draft_id}/files/{name}",),
    "quality.check": ("POST /api/v1/guidelines/drafts/{draft_id}/checks",),
    "quality.test_run": ("POST /api/v1/guidelines/drafts/{draft_id}/test-runs",),
    "quality.approve": ("POST /api/v1/guidelines/drafts/{draft_id}/approval",),
    "quality.publish": ("POST /api/v1/guidelines/drafts/{draft_id}/publication",),
    "quality.retire": ("POST /api/v1/guidelines/{version_id}/retirement",),
    # issue 15: an editor's save is the API's file PUT; the preview draws a form for the page's editor only
    "quality.save": ("PUT /api/v1/guidelines/drafts/{draft_id}/files/{name}",),
    "quality.preview": "draws a form for the page's editor; an API client checks a form with PUT …/files/{name}",
    # The auditor's workbench (issue 17).
    "audit.verify": ("POST /api/v1/audit/verifications",),
    "audit.reveal": ("POST /api/v1/audit/reveals",),
    # -- issue 20: the family's own view
    "family.invite": ("POST /api/v1/trajectories/{trajectory_id}/invitations",),
    "family.invitation POST": ("POST /api/v1/invitations/{code}/acceptance",),
    "family.consent": ("POST /api/v1/family/consent",),
    "family.withdraw": ("POST /api/v1/family/consent/withdrawal",),
    "family.give_again": ("POST /api/v1/family/consent/renewal",),
    "family.words": ("POST /api/v1/family/words",),
    "family.agree": ("POST /api/v1/family/agreement",),
    "family.correction": ("POST /api/v1/family/corrections",),
    "family.objection": ("PUT /api/v1/family/objection",),
    "family.grant": ("PUT /api/v1/family/access/{member_id}",),
    "family.answer_correction": ("POST /api/v1/trajectories/{trajectory_id}/correction-requests/{notice}/answer",),
    "family.second_factor": ("POST /api/v1/family/second-factor",),
    "family.confirm_second_factor": ("POST /api/v1/family/second-factor/confirmation",),
    # -- issue 16: the quality center moves running trajectories to another version
    "quality.migrate": ("POST /api/v1/guidelines/{to}/migrations",),
}


def _document(app) -> dict:
    return app.test_client().get("/api/v1/openapi.json").json


def _api_operations(app) -> set[str]:
    found = set()
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/v1/"):
            found |= {f"{method} {path_of(rule.rule)}" for method in rule.methods - {"HEAD", "OPTIONS"}}
    return found


def test_the_document_is_valid_openapi(app):
    validate(_document(app))


def test_every_api_route_is_documented_and_every_documented_operation_is_a_route(app):
    documented = {f"{method.upper()} {path}" for path, item in _document(app)["paths"].items() for method in item}
    routes = _api_operations(app)
    assert sorted(routes - documented) == [], "routes missing from the OpenAPI document"
    assert sorted(documented - routes) == [], "documented operations without a route"


def test_path_parameters_come_from_the_rules(app):
    item = _document(app)["paths"]["/api/v1/trajectories/{trajectory_id}/team"]["put"]
    assert [(p["name"], p["in"], p["required"]) for p in item["parameters"]] == [("trajectory_id", "path", True)]
    assert item["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith("/Team")
    created = _document(app)["paths"]["/api/v1/children"]["post"]["responses"]["201"]
    assert "Location" in created["headers"]


def test_every_page_action_has_an_api_twin(app):
    documented = {f"{method.upper()} {path}" for path, item in _document(app)["paths"].items() for method in item}
    actions = set()
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith(("/api/", "/static/", "/vendor/")):
            continue
        methods = rule.methods - {"HEAD", "OPTIONS"}
        for method in methods - {"GET"}:
            actions.add(f"{rule.endpoint} {method}" if len(methods) > 1 else rule.endpoint)
    unknown = sorted(actions - set(PAGE_TWINS))
    assert unknown == [], f"page actions without an API twin (add one, or say why in PAGE_TWINS): {unknown}"
    for action, twins in PAGE_TWINS.items():
        if isinstance(twins, str):
            continue
        assert action in actions, f"{action} is no page action any more"
        assert set(twins) <= documented, f"{action}: {sorted(set(twins) - documented)} not in the API"

