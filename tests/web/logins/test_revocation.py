"""API tokens end on the server too: by logging out with them, or when an admin revokes them."""

from __future__ import annotations

import pytest

from engine.access import Forbidden
from tests.web.test_api import token


def _works(app, bearer: dict) -> bool:
    status = app.test_client().get("/api/v1/tasks", headers=bearer).status_code
    assert status in (200, 401)
    return status == 200


def test_logging_out_with_a_token_revokes_that_token_only(app, people):
    first, second = token(app, "psychologist"), token(app, "psychologist")
    response = app.test_client().post("/api/v1/auth/logout", headers=first)
    assert response.status_code == 204
    assert not _works(app, first) and _works(app, second)
    assert app.test_client().post("/api/v1/auth/logout", headers=first).status_code == 401


def test_an_admin_revokes_every_session_and_token_of_a_person(app, browser, people, services):
    page, bearer = browser("psychologist"), token(app, "psychologist")
    admin, coordinator = token(app, "admin"), token(app, "coordinator")
    url = f"/api/v1/people/{people['psychologist'].id}/sessions"
    client = app.test_client()
    refused = client.delete(url, headers=coordinator)
    assert refused.status_code == 403 and refused.content_type == "application/problem+json"
    assert _works(app, bearer) and page.get("/taken").status_code == 200
    assert client.delete(url, headers=admin).status_code == 204
    assert not _works(app, bearer)
    assert page.get("/taken").status_code == 302
    assert _works(app, admin) and _works(app, coordinator)       # nobody else's
    assert client.delete("/api/v1/people/niemand/sessions", headers=admin).status_code == 404
    assert browser().login("psychologist").status_code == 302    # a new log-in works again
    psychologist = people["psychologist"].id
    with services.uow() as uow:
        revoked = [e for e in uow.access.about(f"persoon:{psychologist}") if e.action == "intrekken"]
    assert [e.actor for e in revoked] == [people["admin"].id]


def test_a_deactivated_person_loses_their_sessions_and_tokens(app, browser, people, services):
    page, bearer = browser("psychologist"), token(app, "psychologist")
    with services.uow(write=True) as uow:
        uow.people.get(people["psychologist"].id).active = False
        uow.commit()
    assert page.get("/taken").status_code == 302 and not _works(app, bearer)
    assert browser().login("psychologist").status_code == 401


def test_revoking_is_for_admins_only(people, services):
    with pytest.raises(Forbidden):
        services.logins.revoke_all(people["psychologist"].id, people["coordinator"])
    assert services.logins.revoke_all(people["psychologist"].id, people["admin"]) == 0
