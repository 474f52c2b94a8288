"""The authorization sweep: every page route and API operation, for every role — as a team member,
as a non-member, and as a member after consent was withdrawn — against the need-to-know policy
of engine/access.py. A route without an entry in ROUTES fails the sweep: a new route cannot be
forgotten. Requests carry no valid answer, so an allowed request is refused later (400/409/422)
and the world stays as it is; what counts is whether the policy's refusal (403) came or not."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

import pytest

from engine import access
from engine.access import Act, Data
from engine.actors import Actor
from engine.history import events
from engine.roles import LANE_ROLES, ROLES
from tests.store.helpers import make_child
from tests.web.conftest import BASE, PASSWORD, SAME_ORIGIN, Browser, csrf, run_as_coordinator

SIGNERS = {"psychologist", "physician", "social_worker", "speech_therapist"}      # the VAPH scenario's
TASK_LANES = ("psychologist", "physician")            # a ready task of each: one's own lane and another's


@dataclass(frozen=True)
class Persona:
    name: str
    roles: frozenset[str]
    member_roles: frozenset[str] = frozenset()        # the roles they hold on the trajectory's team
    registrar: bool = False                           # registered the child
    anonymous: bool = False


@dataclass(frozen=True)
class Case:
    """One request of a route, with what the policy needs to judge it."""

    persona: Persona
    phase: access.Phase
    lane: str | None = None                           # the lane of the task the URL names

    @property
    def clearance(self) -> access.Clearance:
        actor = Actor(self.persona.name, self.persona.name, self.persona.roles)
        return access.clearance(actor, self.persona.member_roles, self.phase.value)


Oracle = Callable[[Case], bool]


def public(case: Case) -> bool:
    return True


def person(case: Case) -> bool:
    """Anyone logged in who is not a family member (they reach only their own pages)."""
    return not case.persona.anonymous and not family(case)


def logged_in(case: Case) -> bool:
    return not case.persona.anonymous


def family(case: Case) -> bool:
    """A family member (the person role `client`): their own pages, about their own child only."""
    return access.CLIENT in case.persona.roles


def nobody(case: Case) -> bool:
    return False


def client_work(case: Case) -> bool:
    return bool(case.persona.roles & access.TEAM_ROLES)


def has_role(role: str) -> Oracle:
    return lambda case: role in case.persona.roles


def team(grant) -> Oracle:
    return lambda case: case.clearance.may(grant)


def member(case: Case) -> bool:
    return bool(case.clearance.roles)


def lane_work(case: Case) -> bool:
    return case.clearance.works_in(case.lane)


def release(case: Case) -> bool:
    """A team lead releases anyone's claim; a lane member their own (the sweep claimed it just before)."""
    return case.clearance.may(Act.REASSIGN) or lane_work(case)


def step(lane: str, author: str) -> Oracle:
    """A completed step's page: its lane's data by the policy (one's own always)."""
    return lambda case: case.clearance.reads_contribution(lane, author, case.persona.name)


def dossier(case: Case) -> bool:
    return member(case) or case.persona.registrar and "coordinator" in case.persona.roles


def either(*oracles: Oracle) -> Oracle:
    return lambda case: any(oracle(case) for oracle in oracles)


def start(case: Case) -> bool:
    return "coordinator" in case.persona.roles and (case.persona.registrar or case.clearance.coordinates)


def a_document(*, also: Act | None = None, coordinator: bool = False, signer: bool = False) -> Oracle:
    def oracle(case: Case) -> bool:
        clearance = case.clearance
        signs = bool(clearance.roles & SIGNERS)
        if not (clearance.coordinates or signs) or not clearance.reads(Data.SHARED):
            return False
        if coordinator and not (clearance.coordinates and clearance.may(Act.MANAGE)):
            return False
        if signer and not (signs and clearance.may(Act.SIGN)):
            return False
        return also is None or clearance.may(also)
    return oracle


@dataclass(frozen=True)
class Entry:
    allows: Oracle
    form: dict = field(default_factory=dict)          # a page's POST body (refused after the access check)
    json: dict | None = None                          # an API body
    alone: bool = False                               # in a client of its own (log-out would end the session)


# endpoint (and method, where a route has several) → what the policy asks of it.
ROUTES: dict[str, Entry] = {
    "static": Entry(public), "vendor.asset": Entry(public), "health": Entry(public),
    "inbox.home": Entry(public), "auth.login GET": Entry(public),
    "auth.login POST": Entry(public, {"username": "{username}", "password": PASSWORD}, alone=True),
    "auth.logout": Entry(public, alone=True),
    "i18n.choose_language": Entry(public, {"lang": "xx"}),
    "inbox.inbox": Entry(person),
    "inbox.claim": Entry(lane_work),
    "inbox.unclaim": Entry(release),
    "tasks.show": Entry(lane_work),
    "tasks.submit": Entry(lane_work, {"actie": "afronden"}),
    "dossier.children": Entry(client_work),
    "dossier.show": Entry(dossier),
    "dossier.diagram": Entry(either(client_work, has_role("quality_center"))),
    "steps.show": Entry(step("coordinator", "coordinator")),    # the world's first step: the coordinator's
    "coordinator.register GET": Entry(has_role("coordinator")),
    "coordinator.register POST": Entry(has_role("coordinator"), {"insz": "1"}),
    "coordinator.start": Entry(start),
    "coordinator.team": Entry(team(Act.MANAGE), {"lid": "geen-rol:niemand"}),
    "coordinator.anchor": Entry(team(Act.MANAGE), {"persoon": "niemand"}),
    "coordinator.consent": Entry(team(Act.MANAGE), {"actie": "herstellen", "toelichting": ""}),
    "adocument.show": Entry(a_document()),
    "adocument.json": Entry(a_document()),
    "adocument.pdf_download": Entry(a_document()),
    "adocument.complete_missing": Entry(a_document(coordinator=True)),
    "adocument.sign": Entry(a_document(signer=True)),
    "adocument.agree": Entry(a_document(coordinator=True), {"datum": "2026-10-01"}),
    "adocument.submit": Entry(a_document(coordinator=True)),
    "adocument.correct": Entry(a_document(coordinator=True), {"reden": ""}),
    "api.openapi": Entry(public), "api.token": Entry(public, json={}),
    "api.logout": Entry(logged_in, alone=True),
    "api.revoke": Entry(has_role("admin")),
    "api.tasks": Entry(person),
    "api.task": Entry(lane_work),
    "api.complete": Entry(lane_work, json={"geen": "veld"}),
    "api.start": Entry(start, json={"child_id": "{child_id}"}),
    "api.trajectory": Entry(team(Data.PROGRESS)),
    "api.events": Entry(member),
    "api.a_document": Entry(a_document()),
    "api.a_document_pdf": Entry(a_document()),
    # The quality center's workbench (web/api/guidelines.py, web/pages/quality): its members only. Draft ids in
    # the URLs stay placeholders, so a member's request ends in 404 (or 422 for a missing reason) and nothing changes.
    **{key: Entry(has_role("quality_center")) for key in (
        "api.guidelines", "api.draft", "api.draft_file GET", "api.draft_file PUT", "api.draft_file DELETE",
        "api.checks", "api.test_run", "api.approve", "api.publish", "api.diff", "api.export")},
    **{f"quality.{name}": Entry(has_role("quality_center")) for name in (
        "library", "create", "file", "export", "version", "retire", "compare", "draft", "upload", "remove", "check",
        "test_run", "approve", "publish")},
    # issue 15: the editors (modeler, DMN, forms), their saves, the form preview and the comparison's marks.
    **{f"quality.{name}": Entry(has_role("quality_center")) for name in ("edit", "save", "preview", "compare_marks")},
    "api.create_draft": Entry(has_role("quality_center"), json={}),
    "api.retire": Entry(has_role("quality_center"), json={}),
    # Every page action's API twin: the same use case, so the same oracle; bodies refused after the check.
    "api.set_password": Entry(public, json={"link": "onbekend", "password": PASSWORD}),
    "api.claim": Entry(lane_work),
    "api.unclaim": Entry(release),
    "api.task_draft": Entry(lane_work, json={"concept": "van de sweep"}),
    "api.register": Entry(has_role("coordinator"), json={
        "voornaam": "Lotte", "familienaam": "Peeters", "geboortedatum": "2016-05-14", "insz": "16051412351",
        "vertegenwoordigers": [{"naam": "Sofie Janssens", "wettelijk": True}]}),        # a known INSZ: 409
    "api.children": Entry(client_work),
    "api.child": Entry(dossier),
    "api.team": Entry(team(Act.MANAGE), json={"members": [{"person": "niemand", "role": "coordinator"}]}),
    "api.anchor": Entry(team(Act.MANAGE), json={"person": "niemand"}),
    "api.consent": Entry(team(Act.MANAGE), json={"status": "gegeven", "note": "", "by": ""}),
    "api.additions": Entry(a_document(coordinator=True), json={"geen": "veld"}),
    "api.sign": Entry(a_document(signer=True)),
    "api.agree": Entry(a_document(coordinator=True), json={"datum": "2026-10-01", "partijen": []}),
    "api.submit": Entry(a_document(coordinator=True)),
    "api.correct": Entry(a_document(coordinator=True), json={"reden": ""}),
    "api.people": Entry(either(has_role("coordinator"), has_role("admin"))),
    "api.add_person": Entry(has_role("admin"), json={"username": "coordinator", "display_name": "Dubbel",
                                                     "roles": ["psychologist"]}),        # a known username: 409
    "api.person": Entry(has_role("admin")),
    "api.change_person": Entry(has_role("admin"), json={}),
    "api.reset_password": Entry(has_role("admin")),
    # The roles' homes and the administrator's people and roles.
    "people.people": Entry(has_role("admin")),
    "people.add": Entry(has_role("admin"), {"username": "coordinator", "display_name": "Dubbel", "rol": "auditor"}),
    "people.person": Entry(has_role("admin")),
    "people.roles": Entry(has_role("admin")),                             # no roles: refused, nothing kept
    "people.activity": Entry(has_role("admin"), {"actief": "misschien"}),
    "people.reset": Entry(has_role("admin")),
    "people.set_password GET": Entry(public),
    "people.set_password POST": Entry(public, {"password": "kort", "confirm": "kort"}),
    # The auditor's workbench (issue 17, web/pages/audit, web/api/audit.py): auditors only, read-only. A reveal
    # without a reason is refused after the check (422); a verification of everything changes nothing.
    **{f"audit.{name}": Entry(has_role("auditor")) for name in (
        "trajectories", "step", "jump", "verify", "access_log", "access_log_csv", "diagram")},
    "audit.reveal": Entry(has_role("auditor"), {"item": "/onbekend", "reden": ""}),
    **{f"api.audit_{name}": Entry(has_role("auditor")) for name in ("trajectories", "step", "access_log")},
    "api.audit_verify": Entry(has_role("auditor"), json={}),
    "api.audit_reveal": Entry(has_role("auditor"), json={"trajectory": "{child_id}", "step": 1, "item": "/x"}),
    # Conformance and the research exports (issue 18, web/pages/audit/research.py, web/api/research.py).
    **{f"research.{name}": Entry(has_role("auditor")) for name in ("conformance", "export_xes", "export_csv")},
    **{f"api.audit_{name}": Entry(has_role("auditor")) for name in ("conformance", "export_xes", "export_csv")},
    # -- issue 20: the family's own view. Their pages take no ids (always their own child); bodies are refused
    # after the check. A family member of another child ('gezin-b') reaches their own, and nothing of this one.
    "family.home": Entry(family), "family.copy": Entry(family), "family.pdf_download": Entry(family),
    "family.consent": Entry(family, {"antwoord": "misschien"}),
    "family.withdraw": Entry(family, {"toelichting": "\u202e"}),
    "family.give_again": Entry(family, {"toelichting": "\u202e"}),
    "family.words": Entry(family, {"tekst": ""}),
    "family.agree": Entry(family, {"akkoord": "misschien"}),
    "family.correction": Entry(family, {"vraag": ""}),
    "family.objection": Entry(family, {"delen": "alles"}),
    "family.grant": Entry(nobody),                         # only a young adult (18+): nobody in this world
    "family.invite": Entry(team(Act.MANAGE), {"naam": ""}),
    "family.answer_correction": Entry(team(Act.MANAGE), {"antwoord": ""}),
    "family.enter_code": Entry(public), "family.invitation GET": Entry(public),
    "family.invitation POST": Entry(public, {"username": "", "password": PASSWORD, "confirm": PASSWORD}),
    "api.invite": Entry(team(Act.MANAGE), json={"name": "", "role": "parent"}),
    "api.accept_invitation": Entry(public, json={"username": "nieuw", "password": PASSWORD}),
    "api.answer_correction": Entry(team(Act.MANAGE), json={"answer": ""}),
    "api.family_trajectory": Entry(family), "api.family_copy": Entry(family), "api.family_pdf": Entry(family),
    "api.family_consent": Entry(family, json={"answer": "misschien"}),
    "api.family_withdraw": Entry(family, json={"note": "\u202e"}),
    "api.family_give_again": Entry(family, json={"note": "\u202e"}),
    "api.family_words": Entry(family, json={"text": ""}),
    "api.family_agreement": Entry(family, json={"agrees": "misschien"}),
    "api.family_correction": Entry(family, json={"request": ""}),
    "api.family_objection": Entry(family, json={"parts": ["alles"]}),
    "api.family_grant": Entry(family, json={}),
    "family.second_factor": Entry(family), "family.confirm_second_factor": Entry(family, {"code": ""}),
    "api.family_second_factor": Entry(family), "api.family_second_factor_confirm": Entry(family, json={"code": ""}),
    # -- issue 16: moving running trajectories across guideline versions, what-if (quality center only; the
    # placeholder version ids end a member's request in 404, so nothing moves)
    "api.migrations": Entry(has_role("quality_center"), json={"from": "onbekend", "trajectories": "all",
                                                              "dry_run": False}),
    "api.what_if": Entry(has_role("quality_center"), json={"trajectory": "onbekend"}),
    "quality.migration": Entry(has_role("quality_center")),
    "quality.migrate": Entry(has_role("quality_center"), {"van": "onbekend", "traject": "onbekend"}),
}


def _key(endpoint: str, method: str, methods: set[str]) -> str:
    return f"{endpoint} {method}" if len(methods) > 1 else endpoint


@pytest.fixture
def world(app, services, people, everyone):
    """One trajectory in the investigations (VAPH), coordinated by 'coordinator', with a member
    per lane role; an outsider per role; the child registered by 'coordinator'."""
    coordinator = people["coordinator"]
    child = make_child(services, coordinator)
    trajectory = services.trajectories.start(child, coordinator)
    for role in LANE_ROLES - {"coordinator"}:
        services.teams.set_role(trajectory, role, [people[role].id], coordinator)
    run_as_coordinator(services, trajectory, coordinator)
    personas = [Persona("anoniem", frozenset(), anonymous=True)]
    for role in ROLES:
        outsider = services.people.add(f"buiten-{role}", PASSWORD, [role], f"Buiten {role}")
        personas.append(Persona(outsider.username, frozenset({role})))
        if role in LANE_ROLES:
            personas.append(Persona(people[role].username, frozenset({role}), frozenset({role}),
                                    registrar=role == "coordinator"))
    personas += _family(services, trajectory, coordinator)
    tasks = {t.lane: t.id for t in services.trajectories.view(trajectory).ready}
    bystander = services.people.add("omstaander", PASSWORD, ["psychologist"], "Omstaander")   # whose sessions end
    with services.uow() as uow:
        first_step = next(e.seq for e in uow.events.of_trajectory(trajectory) if e.type == events.TASK_COMPLETED)
    return {"bystander": bystander.id, "services": services, "trajectory": trajectory, "child": child,
            "personas": personas, "tasks": {lane: tasks[lane] for lane in TASK_LANES}, "coordinator": coordinator,
            "version": services.trajectories.view(trajectory).guideline_version, "step": str(first_step)}


def _family(services, trajectory: str, coordinator) -> list[Persona]:
    """A legal representative of this child ('gezin-a') and one of another child ('gezin-b'), each with a log-in."""
    other = services.trajectories.start(make_child(services, coordinator, insz="13030245601", born=date(2013, 3, 2)),
                                        coordinator)
    found = []
    for name, on in (("gezin-a", trajectory), ("gezin-b", other)):
        issued = services.invitations.invite(on, f"Ouder {name}", "legal_representative", coordinator)
        services.invitations.accept(issued.code, name, PASSWORD)
        found.append(Persona(name, frozenset({access.CLIENT})))
    return found


def _urls(app, world) -> list[tuple[str, str, str, str | None]]:
    """(entry key, method, URL, lane) for every route, with real ids from the world."""
    values = {"trajectory_id": world["trajectory"], "child_id": world["child"], "version": world["version"],
              "person_id": world["bystander"], "seq": world["step"], "n": world["step"], "secret": "onbekend",
              "name": "diagnostisch_traject.bpmn", "filename": "ekd.css", "path": "ekd.css",
              "code": "ONBEKEND", "notice": "onbekend", "member_id": "onbekend"}
    found = []
    for rule in app.url_map.iter_rules():
        methods = set(rule.methods) - {"HEAD", "OPTIONS"}
        for method in sorted(methods):
            key = _key(rule.endpoint, method, methods)
            assert key in ROUTES, f"route {method} {rule.rule} ({key}) has no entry in the authorization sweep"
            if rule.endpoint == "vendor.asset":
                variants = [("/vendor/bpmn-viewer.js", None)]
            elif "task_id" in rule.arguments:
                variants = [(rule.rule.replace("<task_id>", world["tasks"][lane]), lane) for lane in TASK_LANES]
            else:
                url = rule.rule
                for name, value in values.items():
                    url = url.replace(f"<{name}>", value).replace(f"<path:{name}>", value).replace(f"<int:{name}>",
                                                                                                     value)
                variants = [(url, None)]
            found += [(key, method, url, lane) for url, lane in variants]
    return found


class _Session:
    """A logged-in person: pages with a session and CSRF token, the API with a bearer token."""

    def __init__(self, app, persona: Persona):
        self.app, self.persona = app, persona
        self.browser, self.api = Browser(app), app.test_client()
        self.auth, self.token = {}, None
        if not persona.anonymous:
            assert self.browser.login(persona.name).status_code == 302
            self.auth = self.fresh_token()
        self.token = csrf(self.browser.get("/login" if persona.anonymous else "/taken").text)

    def fresh_token(self) -> dict:
        """A token of its own (for a request that revokes the one it came with)."""
        if self.persona.anonymous:
            return {}
        answer = self.api.post("/api/v1/auth/token", json={"username": self.persona.name, "password": PASSWORD})
        return {"Authorization": f"Bearer {answer.json['token']}"}

    def request(self, method: str, url: str, entry: Entry, world):
        values = {"child_id": world["child"], "username": self.persona.name}
        if url.startswith("/api/"):
            body = None if entry.json is None else {k: v.format(**values) if isinstance(v, str) else v
                                                    for k, v in entry.json.items()}
            auth = self.fresh_token() if entry.alone else self.auth
            return self.api.open(url, method=method, headers=auth, json=body, base_url=BASE)
        browser = Browser(self.app) if entry.alone else self.browser
        if method == "GET":
            return browser.get(url)
        form = {k: v.format(**values) for k, v in entry.form.items()}
        token = csrf(browser.get("/login").text) if entry.alone else self.token
        return browser.client.post(url, data={**form, "csrf_token": token}, base_url=BASE, headers=SAME_ORIGIN)


def _judge(response, url: str, persona: Persona, allowed: bool) -> str | None:
    """What is wrong with this response for this persona (None when it is what the policy says)."""
    status = response.status_code
    to_login = status == 302 and "/login" in response.headers.get("Location", "")
    api_refusal = status == 401 and url.startswith("/api/")
    # Anonymous: a public page may still send to the log-in page (/, /logout); a refusal must.
    refused = status == 403 or persona.anonymous and (api_refusal or to_login and not allowed)
    if allowed and refused:
        return f"refused ({status}) but the policy allows it"
    if not allowed and not refused:
        return f"answered {status} but the policy refuses it"
    if status >= 500:
        return f"server error {status}"
    if not allowed and not persona.anonymous and status == 403 and not response.get_data(True).strip():
        return "refused without saying why"
    return None


def _sweep(app, world, phase: access.Phase, personas) -> list[str]:
    wrong = []
    for persona in personas:
        session = _Session(app, persona)
        for key, method, url, lane in _urls(app, world):
            entry = ROUTES[key]
            allowed = entry.allows(Case(persona, phase, lane))
            problem = _judge(session.request(method, url, entry, world), url, persona, allowed)
            if problem:
                wrong.append(f"{persona.name} ({phase}): {method} {url}: {problem}")
    return wrong


def test_every_route_obeys_the_policy_for_every_role_member_and_outsider(app, world):
    wrong = _sweep(app, world, access.Phase.RUNNING, world["personas"])
    assert not wrong, f"{len(wrong)} requests disagree with the policy:\n" + "\n".join(wrong)


def test_after_consent_withdrawal_every_route_obeys_the_policy(app, world):
    world["services"].trajectories.withdraw_consent(world["trajectory"], "Moeder trekt in.", world["coordinator"])
    members = [p for p in world["personas"] if p.member_roles or access.CLIENT in p.roles]   # and the family
    wrong = _sweep(app, world, access.Phase.HALTED, members)
    assert not wrong, f"{len(wrong)} requests disagree with the policy:\n" + "\n".join(wrong)


def test_every_api_operation_of_the_openapi_document_has_a_route_in_the_sweep(app):
    document = app.test_client().get("/api/v1/openapi.json").json
    adapter = app.url_map.bind("localhost")
    for path, operations in document["paths"].items():
        for method in operations:
            endpoint, _ = adapter.match(path.replace("{", "").replace("}", ""), method=method.upper())
            rule_methods = {r for rule in app.url_map.iter_rules(endpoint) for r in rule.methods} - {"HEAD", "OPTIONS"}
            assert _key(endpoint, method.upper(), rule_methods) in ROUTES, f"{method.upper()} {path}"


def test_the_sweep_fails_for_a_route_it_does_not_know(app, world):
    app.add_url_rule("/nieuw-en-vergeten", "vergeten", lambda: "geheim")
    with pytest.raises(AssertionError, match="has no entry in the authorization sweep"):
        _urls(app, world)
