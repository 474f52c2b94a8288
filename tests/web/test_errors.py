"""Errors: problem details everywhere under /api/, the error page elsewhere, and refusals in the access log."""

from __future__ import annotations

from tests.web.test_api import token

PROBLEM = "application/problem+json"


def test_every_error_under_the_api_is_a_problem(app):
    client = app.test_client()
    unknown = client.get("/api/v1/bestaat-niet")
    assert (unknown.status_code, unknown.content_type) == (404, PROBLEM) and unknown.json["status"] == 404
    wrong_method = client.get("/api/v1/auth/token")
    assert (wrong_method.status_code, wrong_method.content_type) == (405, PROBLEM)
    assert "POST" in wrong_method.headers["Allow"]
    too_large = client.post("/api/v1/auth/token", data="x" * (3 * 1024 * 1024), content_type="application/json")
    assert (too_large.status_code, too_large.content_type) == (413, PROBLEM)
    assert "2 MB" in too_large.json["detail"]


def test_pages_get_the_error_page_with_allow_on_405(browser, people):
    person = browser("psychologist")
    wrong_method = person.get("/taal")
    assert wrong_method.status_code == 405 and wrong_method.content_type.startswith("text/html")
    assert "POST" in wrong_method.headers["Allow"] and "Niet toegestaan" in wrong_method.text
    unknown = person.get("/bestaat-niet")
    assert unknown.status_code == 404 and "Deze pagina bestaat niet." in unknown.text
    too_large = person.client.post("/login", data={"username": "x" * (3 * 1024 * 1024)}, base_url="https://localhost")
    assert too_large.status_code == 413 and too_large.content_type.startswith("text/html")


def _refusals(services, subject):
    with services.uow() as uow:
        return [(e.actor, e.action, e.detail) for e in uow.access.about(subject)]


def test_a_refused_page_read_is_in_the_access_log(browser, people, services, team_trajectory, child):
    assert browser("auditor").get(f"/kinderen/{child}?tab=medisch").status_code == 403
    [(actor, action, detail)] = _refusals(services, f"/kinderen/{child}")
    assert (actor, action) == (people["auditor"].id, "geweigerd") and detail


def test_a_refused_api_read_is_in_the_access_log(app, people, services, team_trajectory):
    medical = next(r.task_id for r in services.inbox.tasks(people["physician"]) if r.element == "onderzoek_medisch")
    response = app.test_client().get(f"/api/v1/tasks/{medical}", headers=token(app, "psychologist"))
    assert response.status_code == 403 and response.content_type == PROBLEM
    [(actor, action, detail)] = _refusals(services, f"/api/v1/tasks/{medical}")
    assert (actor, action) == (people["psychologist"].id, "geweigerd") and detail == response.json["detail"]
