"""The JSON API: same use cases and access rules as the pages, problem details, OpenAPI."""

from __future__ import annotations

from openapi_spec_validator import validate


def token(app, username, password="wachtwoord-123"):
    response = app.test_client().post("/api/v1/auth/token", json={"username": username, "password": password})
    assert response.status_code == 200, response.json
    return {"Authorization": f"Bearer {response.json['token']}"}


def test_the_openapi_document_is_public_and_valid(app):
    document = app.test_client().get("/api/v1/openapi.json").json
    validate(document)
    assert {"/api/v1/auth/token", "/api/v1/tasks", "/api/v1/tasks/{task_id}", "/api/v1/tasks/{task_id}/complete",
            "/api/v1/trajectories", "/api/v1/trajectories/{trajectory_id}",
            "/api/v1/trajectories/{trajectory_id}/events", "/api/v1/auth/logout",
            "/api/v1/people/{person_id}/sessions"} <= set(document["paths"])
    assert "204" in document["paths"]["/api/v1/people/{person_id}/sessions"]["delete"]["responses"]
    assert "Retry-After" in document["paths"]["/api/v1/auth/token"]["post"]["responses"]["429"]["headers"]
    assert "TaskDetail" in document["components"]["schemas"]


def test_the_token_endpoint(app, people):
    client = app.test_client()
    refused = client.post("/api/v1/auth/token", json={"username": "psychologist", "password": "fout"})
    assert refused.status_code == 401 and refused.content_type == "application/problem+json"
    invalid = client.post("/api/v1/auth/token", json={"username": "psychologist"})
    assert invalid.status_code == 422 and invalid.json["errors"][0]["field"] == "password"
    assert client.get("/api/v1/tasks", headers={"Authorization": "Bearer vervalst"}).status_code == 401


def test_tasks_and_a_task_with_its_form(app, people, team_trajectory):
    client, auth = app.test_client(), token(app, "psychologist")
    tasks = client.get("/api/v1/tasks", headers=auth).json
    assert [t["element"] for t in tasks] == ["onderzoek_psychologisch"]
    assert tasks[0]["child"] == "Lotte Peeters" and tasks[0]["due_at"]
    detail = client.get(f"/api/v1/tasks/{tasks[0]['id']}", headers=auth).json
    assert detail["form"] == "onderzoek_psychologisch.json"
    assert detail["form_schema"]["properties"]["bevinding"]["type"] == "object"


def test_completing_with_invalid_data_is_422_with_field_errors(app, people, team_trajectory):
    client, auth = app.test_client(), token(app, "psychologist")
    task = client.get("/api/v1/tasks", headers=auth).json[0]["id"]
    response = client.post(f"/api/v1/tasks/{task}/complete", headers=auth,
                           json={"bevinding": {"samenvatting": "Kort.", "totaal_iq": "hoog"}})
    assert response.status_code == 422 and response.content_type == "application/problem+json"
    assert {(e["field"], e["code"]) for e in response.json["errors"]} == {
        ("bevinding.conclusie", "required"), ("bevinding.totaal_iq", "type")}
    ok = client.post(f"/api/v1/tasks/{task}/complete", headers=auth,
                     json={"bevinding": {"samenvatting": "Gemiddeld.", "conclusie": "Geen stoornis."}})
    assert ok.status_code == 200 and "bevinding_vastleggen" in ok.json["steps"]
    assert task not in [t["id"] for t in ok.json["ready"]]
    assert {t["element"] for t in ok.json["ready"]} >= {"onderzoek_medisch"}
    again = client.post(f"/api/v1/tasks/{task}/complete", headers=auth, json={})
    assert again.status_code == 404


def test_same_access_rules_as_the_pages(app, people, services, team_trajectory):
    client = app.test_client()
    medical = next(r.task_id for r in services.inbox.tasks(people["physician"]) if r.element == "onderzoek_medisch")
    psychologist = token(app, "psychologist")
    assert client.get(f"/api/v1/tasks/{medical}", headers=psychologist).status_code == 403
    assert client.post(f"/api/v1/tasks/{medical}/complete", headers=psychologist, json={}).status_code == 403
    quality = token(app, "quality-center")
    assert client.get(f"/api/v1/trajectories/{team_trajectory}", headers=quality).status_code == 403


def test_trajectories_and_their_events(app, people, services, child):
    client, auth = app.test_client(), token(app, "coordinator")
    created = client.post("/api/v1/trajectories", headers=auth, json={"child_id": child})
    assert created.status_code == 201
    trajectory = created.json["id"]
    view = client.get(f"/api/v1/trajectories/{trajectory}", headers=auth).json
    assert view["status"] == "lopend" and [t["element"] for t in view["ready"]] == ["aanmelding"]
    history = client.get(f"/api/v1/trajectories/{trajectory}/events", headers=auth).json
    assert [e["type"] for e in history] == ["traject_gestart"] and len(history[0]["hash"]) == 64
    assert client.post("/api/v1/trajectories", headers=token(app, "psychologist"),
                       json={"child_id": child}).status_code == 403
    assert client.post("/api/v1/trajectories", headers=auth, json={}).status_code == 422
