"""What a request brings in (JSON bodies, numbers in the query string): refused with a 422 naming the
field and the reason, never a 500 or a silent guess."""

from __future__ import annotations

import pytest

from tests.web.test_api import token

PROBLEM = "application/problem+json"


def _field_errors(response) -> dict[str, str]:
    assert response.content_type == PROBLEM, response.data[:300]
    return {e["field"]: e["message"] for e in response.json["errors"]}


# -- JSON bodies ----------------------------------------------------------------------------

@pytest.mark.parametrize("body", ["[" * 100_000, '{"username": ' + "[" * 100_000, "[" * 40 + "]" * 40])
def test_json_nested_too_deep_is_refused_unauthenticated(app, body):
    response = app.test_client().post("/api/v1/auth/token", data=body, content_type="application/json")
    assert response.status_code == 422
    assert "te diep genest" in _field_errors(response)["(body)"]


def test_a_lone_surrogate_in_a_json_string_is_refused_naming_the_field(app, people):
    response = app.test_client().post("/api/v1/auth/token", data='{"username": "ab\\ud800", "password": "x"}',
                                      content_type="application/json")
    assert response.status_code == 422
    assert "surrogaat" in _field_errors(response)["username"]


def test_a_lone_surrogate_deep_in_task_data_names_its_path(app, people, services, team_trajectory):
    client, auth = app.test_client(), token(app, "psychologist")
    task = client.get("/api/v1/tasks", headers=auth).json[0]["id"]
    body = '{"bevinding": {"afgenomen_onderzoeken": [{"instrument": "\\udc00"}]}}'
    response = client.post(f"/api/v1/tasks/{task}/complete", headers=auth, data=body,
                           content_type="application/json")
    assert response.status_code == 422
    assert "bevinding.afgenomen_onderzoeken[0].instrument" in _field_errors(response)


def test_nul_in_a_json_string_is_refused(app, people):
    response = app.test_client().post("/api/v1/auth/token", json={"username": "psycho\x00logist", "password": "x"})
    assert response.status_code == 422 and "username" in _field_errors(response)


def test_ordinary_json_still_works(app, people):
    assert app.test_client().post("/api/v1/auth/token", json={"username": "psychologist",
                                                               "password": "wachtwoord-123"}).status_code == 200


# -- numbers in the query string --------------------------------------------------------------

def test_a_malformed_version_is_refused_naming_the_parameter(app, browser, people, team_trajectory):
    auth, coordinator = token(app, "coordinator"), browser("coordinator")
    for value in ("abc", "1.5", "-1", "0", "1e3", "9" * 5000, "١"):
        api = app.test_client().get(f"/api/v1/trajectories/{team_trajectory}/a-document?version={value}",
                                    headers=auth)
        assert api.status_code == 422 and "version" in _field_errors(api), value
        page = coordinator.get(f"/trajecten/{team_trajectory}/a-document.json?versie={value}")
        assert page.status_code == 422 and "versie" in page.text, value
