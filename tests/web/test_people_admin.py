"""People and roles: the administrator adds people with a one-time link to set a password, gives and
takes roles, deactivates (sessions and tokens end at once) and resets passwords — on the page and
through the API, every change logged and an event of the person's record."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from engine.store.models import PasswordLink
from tests.web.conftest import BASE, PASSWORD, SAME_ORIGIN, csrf
from tests.web.test_api import token

NEW_PASSWORD = "nieuw-wachtwoord-1"


def _secret(link: str) -> str:
    return re.search(r"/wachtwoord/([A-Za-z0-9_-]+)", link).group(1)


def _set_password(app, secret: str, password: str = NEW_PASSWORD):
    client = app.test_client()
    page = client.get(f"/wachtwoord/{secret}", base_url=BASE)
    if page.status_code != 200:
        return page
    return client.post(f"/wachtwoord/{secret}", data={"password": password, "confirm": password,
                                                      "csrf_token": csrf(page.text)}, base_url=BASE,
                       headers=SAME_ORIGIN)


def _kinds(services, person_id: str) -> list[str]:
    with services.uow() as uow:
        return [e.kind for e in uow.person_events.of_person(person_id)]


def test_the_admin_adds_a_person_on_the_page_who_sets_a_password_with_the_link_once(app, browser, people, services):
    admin = browser("admin")
    listing = admin.get("/beheer/mensen")
    assert listing.status_code == 200 and "Psychologist Persoon" in listing.text and "Kinderen" not in listing.text
    added = admin.post("/beheer/mensen", {"username": "an.peeters", "display_name": "An Peeters",
                                          "rol": ["psychologist", "speech_therapist"]}, token_from="/beheer/mensen")
    assert added.status_code == 201 and "werkt één keer" in added.text
    link = re.search(r'id="link" value="([^"]+)"', added.text).group(1)
    assert link.startswith("http") and "/wachtwoord/" in link
    assert browser().login("an.peeters", "").status_code == 401              # no password yet
    shown = app.test_client().get(f"/wachtwoord/{_secret(link)}", base_url=BASE)
    assert shown.status_code == 200 and "an.peeters" in shown.text
    done = _set_password(app, _secret(link))
    assert done.status_code == 302 and done.headers["Location"] == "/login"
    assert browser().login("an.peeters", NEW_PASSWORD).status_code == 302
    assert _set_password(app, _secret(link), "nog-een-ander-1").status_code == 404          # used once
    with services.uow() as uow:
        person = uow.people.by_username("an.peeters")
        stored = [link.id for link in uow.session.scalars(select(PasswordLink))]
    assert _secret(link) not in stored and len(stored) == 1                        # only its digest is kept
    assert _kinds(services, person.id) == ["aangemaakt", "wachtwoordlink", "wachtwoord_ingesteld"]
    record = admin.get(f"/beheer/mensen/{person.id}")
    assert "Wachtwoord ingesteld" in record.text and "Admin Persoon" in record.text


def test_the_page_refuses_a_known_username_and_a_person_without_roles(browser, people):
    admin = browser("admin")
    known = admin.post("/beheer/mensen", {"username": "psychologist", "display_name": "Twee", "rol": "auditor"},
                       token_from="/beheer/mensen")
    assert known.status_code == 409 and "bestaat al" in known.text
    none = admin.post("/beheer/mensen", {"username": "zonder.rol", "display_name": "Zonder rol"},
                      token_from="/beheer/mensen")
    assert none.status_code == 422 and 'id="e-roles"' in none.text and "minstens één rol" in none.text


def test_giving_and_taking_roles_acts_at_once_and_is_recorded(app, browser, people, services):
    admin, person = browser("admin"), people["psychologist"]
    auth = token(app, "psychologist")
    client = app.test_client()
    assert client.get("/api/v1/children", headers=auth).status_code == 200
    page = f"/beheer/mensen/{person.id}"
    changed = admin.post(f"{page}/rollen", {"rol": ["auditor"]}, token_from=page)
    assert changed.status_code == 302
    assert client.get("/api/v1/children", headers=auth).status_code == 403       # a token's roles are read each time
    assert browser("psychologist").get("/").headers["Location"] == "/audit"
    with services.uow() as uow:
        [event] = [e for e in uow.person_events.of_person(person.id) if e.kind == "rollen_gewijzigd"]
        logged = [e.action for e in uow.access.about(f"persoon:{person.id}")]
    assert event.body["gegeven"] == ["auditor"] and event.body["afgenomen"] == ["psychologist"]
    assert event.actor == people["admin"].id and "persoon-rollen_gewijzigd" in logged


def test_deactivating_ends_sessions_and_tokens_at_once(app, browser, people, services):
    client, auth = app.test_client(), token(app, "physician")
    session = browser("physician")
    assert session.get("/taken").status_code == 200
    answer = client.patch(f"/api/v1/people/{people['physician'].id}", headers=token(app, "admin"),
                          json={"active": False})
    assert answer.status_code == 200 and answer.json["active"] is False
    assert client.get("/api/v1/tasks", headers=auth).status_code == 401
    assert session.get("/taken").status_code == 302
    assert browser().login("physician").status_code == 401
    again = client.patch(f"/api/v1/people/{people['physician'].id}", headers=token(app, "admin"), json={"active": True})
    assert again.json["active"] is True and browser().login("physician").status_code == 302
    assert _kinds(services, people["physician"].id)[-2:] == ["gedeactiveerd", "geactiveerd"]


def test_a_reset_gives_a_new_link_and_the_old_password_works_until_the_new_one_is_set(app, browser, people):
    client, admin = app.test_client(), token(app, "admin")
    person = people["social_worker"]
    first = client.post(f"/api/v1/people/{person.id}/password-reset", headers=admin)
    second = client.post(f"/api/v1/people/{person.id}/password-reset", headers=admin)
    assert first.status_code == second.status_code == 200 and second.json["id"] == person.id
    kept = token(app, "social-worker")                                    # the old password still works
    assert _set_password(app, _secret(first.json["password_link"])).status_code == 404     # replaced
    set_now = client.post("/api/v1/auth/password", json={"link": _secret(second.json["password_link"]),
                                                        "password": NEW_PASSWORD})
    assert set_now.status_code == 204
    assert client.get("/api/v1/tasks", headers=kept).status_code == 401        # its sessions and tokens ended
    assert browser().login("social-worker", PASSWORD).status_code == 401
    assert browser().login("social-worker", NEW_PASSWORD).status_code == 302


def test_the_api_adds_a_person_with_a_link_and_only_the_admin_may(app, people, services):
    client, admin = app.test_client(), token(app, "admin")
    body = {"username": "lies.claes", "display_name": "Lies Claes", "roles": ["coordinator"]}
    for role in ("coordinator", "quality-center", "auditor"):
        assert client.post("/api/v1/people", headers=token(app, role), json=body).status_code == 403
    created = client.post("/api/v1/people", headers=admin, json=body)
    assert created.status_code == 201 and created.headers["Location"] == f"/api/v1/people/{created.json['id']}"
    assert created.json["password_link"].startswith("http") and created.json["expires_at"]
    record = client.get(created.headers["Location"], headers=admin).json
    assert (record["username"], record["roles"], record["active"], record["has_password"]) == \
        ("lies.claes", ["coordinator"], True, False)
    assert [e["kind"] for e in record["events"]] == ["aangemaakt", "wachtwoordlink"]
    assert client.post("/api/v1/people", headers=admin, json=body).status_code == 409
    wrong = client.post("/api/v1/people", headers=admin, json={**body, "username": "x y", "roles": ["koning"]})
    assert wrong.status_code == 422 and wrong.json["errors"][0]["field"].startswith("roles")


def test_an_admin_keeps_their_own_access(app, people):
    client, admin = app.test_client(), token(app, "admin")
    me = people["admin"].id
    assert client.patch(f"/api/v1/people/{me}", headers=admin, json={"active": False}).status_code == 409
    assert client.patch(f"/api/v1/people/{me}", headers=admin, json={"roles": ["auditor"]}).status_code == 409
    assert client.patch(f"/api/v1/people/{me}", headers=admin,
                        json={"roles": ["admin", "coordinator"]}).status_code == 409       # nor gives themselves more
    assert client.patch(f"/api/v1/people/{me}", headers=admin, json={}).status_code == 422


def test_who_holds_which_role_for_coordinators_and_admins_only(app, people):
    client = app.test_client()
    listed = client.get("/api/v1/people?role=psychologist", headers=token(app, "coordinator")).json
    assert [(p["username"], p["roles"]) for p in listed] == [("psychologist", ["psychologist"])]
    everyone = client.get("/api/v1/people", headers=token(app, "coordinator")).json
    assert "quality-center" not in {p["username"] for p in everyone}          # no team role: not for a team
    assert len(client.get("/api/v1/people", headers=token(app, "admin")).json) == len(people)
    assert client.get("/api/v1/people", headers=token(app, "psychologist")).status_code == 403
    assert client.get("/api/v1/people?role=koning", headers=token(app, "admin")).status_code == 422


def test_the_admin_sees_no_client_data(app, browser, people, child, team_trajectory):
    client, admin = app.test_client(), token(app, "admin")
    assert client.get("/api/v1/children", headers=admin).status_code == 403
    assert client.get(f"/api/v1/children/{child}", headers=admin).status_code == 403
    assert client.get(f"/api/v1/trajectories/{team_trajectory}", headers=admin).status_code == 403
    assert "Lotte" not in browser("admin").get("/beheer/mensen").text


def test_the_only_coordinator_of_a_running_trajectory_stays_until_another_takes_over(services, people,
                                                                                   team_trajectory):
    from engine.services.errors import Conflict
    admin, coordinator = people["admin"], people["coordinator"]
    for change in ({"active": False}, {"roles": ["psychologist"]}):
        with pytest.raises(Conflict, match="enige coördinator"):
            services.accounts.change(coordinator.id, admin, **change)
    other = services.people.add("tweede-coordinator", "wachtwoord-123", ["coordinator"], "Tweede Coördinator")
    services.teams.set_role(team_trajectory, "coordinator", [coordinator.id, other.id], coordinator)
    services.accounts.change(coordinator.id, admin, active=False)
    with services.uow() as uow:
        assert not uow.people.get(coordinator.id).active


def test_leaving_or_losing_a_role_gives_back_the_tasks_taken(services, people, team_trajectory):
    psychologist = people["psychologist"]
    task = next(t for t in services.trajectories.view(team_trajectory).ready if t.lane == "psychologist")
    services.inbox.claim(task.id, psychologist)
    services.accounts.change(psychologist.id, people["admin"], roles=["physician"])
    with services.uow() as uow:
        assert uow.tasks.get(task.id).claimed_by is None
