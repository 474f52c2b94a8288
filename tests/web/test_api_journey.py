"""A trajectory run through the API alone — as an intake portal or a test harness would — from
registering the child to a frozen A-document, and a correction frozen again; every step's answer
comes from the shipped VAPH scenario (processes/scenarios/vaph_aanvraag.json)."""

from __future__ import annotations

from tests.steps.trajectory import SCENARIOS, answer, as_recorded
from tests.web.test_api import token

VAPH = SCENARIOS["vaph_aanvraag"]
TEAM = ("psychologist", "physician", "social_worker", "speech_therapist")
USERNAMES = {"coordinator": "coordinator", **{role: role.replace("_", "-") for role in TEAM}}


def _family() -> list[dict]:
    """The legal representatives the scenario's consent names, as the child record has them."""
    return [{"naam": r["naam"], "relatie": r["relatie"], "wettelijk": True, "in_contact": True}
            for r in answer(VAPH, "instemming")["wettelijke_vertegenwoordigers"]]


class Client:
    """The API with one bearer token per role."""

    def __init__(self, app):
        self.http = app.test_client()
        self.auth = {role: token(app, name) for role, name in USERNAMES.items()}

    def call(self, method: str, url: str, role: str = "coordinator", expect: int = 200, **kwargs):
        response = self.http.open(f"/api/v1{url}", method=method, headers=self.auth[role], **kwargs)
        assert response.status_code == expect, (method, url, role, response.status_code, response.get_json())
        return response


def _register(api: Client) -> str:
    born = answer(VAPH, "aanmelding")["kind_geboortedatum"]
    child = {"voornaam": "Ruben", "familienaam": "Claes", "geboortedatum": born, "insz": "14.01.20-123.92",
             "vertegenwoordigers": _family()}
    created = api.call("POST", "/children", json=child, expect=201)
    child_id = created.json["id"]
    assert created.headers["Location"] == f"/api/v1/children/{child_id}"
    again = api.call("POST", "/children", json=child, expect=409)
    assert again.content_type == "application/problem+json" and again.json["coordinators"] == ["Coordinator Persoon"]
    assert "heeft al een dossier" in again.json["detail"]
    assert [c["id"] for c in api.call("GET", "/children").json] == [child_id]
    record = api.call("GET", f"/children/{child_id}").json
    assert record["insz"] == "14012012392" and [r["naam"] for r in record["vertegenwoordigers"]] == \
        [r["naam"] for r in _family()]
    return child_id


def _form_the_team(api: Client, trajectory: str) -> None:
    members = [{"person": api.call("GET", "/people?role=coordinator").json[0]["id"], "role": "coordinator"}]
    for role in TEAM:
        [person] = [p for p in api.call("GET", f"/people?role={role}").json if p["username"] == USERNAMES[role]]
        members.append({"person": person["id"], "role": role})
    team = api.call("PUT", f"/trajectories/{trajectory}/team", json={"members": members}).json
    assert {(m["person"], m["role"]) for m in team["members"]} == {(m["person"], m["role"]) for m in members}
    without = api.call("PUT", f"/trajectories/{trajectory}/team", json={"members": members[1:]}, expect=422)
    assert "coördinator" in without.json["detail"]
    psychologist = next(m["person"] for m in members if m["role"] == "psychologist")
    api.call("PUT", f"/trajectories/{trajectory}/anchor", json={"person": psychologist}, expect=204)


def _withdraw_and_restore(api: Client, trajectory: str) -> None:
    api.call("POST", f"/trajectories/{trajectory}/consent", expect=204,
             json={"status": "ingetrokken", "note": "Moeder wil eerst nadenken.", "by": "Sofie Janssens (moeder)"})
    assert api.call("GET", f"/trajectories/{trajectory}").json["status"] == "opgeschort"
    api.call("GET", f"/trajectories/{trajectory}", role="psychologist", expect=403)     # sharing halts
    api.call("POST", f"/trajectories/{trajectory}/consent", expect=204,
             json={"status": "gegeven", "note": "Na een gesprek opnieuw akkoord.", "by": "Sofie Janssens (moeder)"})
    kinds = [e["type"] for e in api.call("GET", f"/trajectories/{trajectory}/events").json[-2:]]
    assert kinds == ["instemming_ingetrokken", "instemming_gegeven"]


def _who_changed_consent(services, trajectory: str) -> list[str]:
    """Who withdrew and gave consent again, as the events record it."""
    from engine.history import events
    with services.uow() as uow:
        return [(events.payload(e) or {}).get("door") for e in uow.events.of_trajectory(trajectory)
                if e.type.startswith("instemming_")]


def _run(api: Client, trajectory: str) -> None:
    """Complete ready tasks with the scenario's answers, each by the person of its lane, until the
    A-document waits to be submitted; on the way: consent withdrawn and restored, a task taken, a
    draft saved and the task released, what the A-document needs restated."""
    rounds: dict[str, int] = {}
    drafted = False
    for _ in range(60):
        ready = api.call("GET", f"/trajectories/{trajectory}").json["ready"]
        if any(t["element"] == "a_document_indienen" for t in ready):
            return
        task = next(t for t in ready if t["element"] in VAPH)
        role, element = task["lane"], task["element"]
        data = as_recorded(answer(VAPH, element, rounds.get(element, 0)))
        if not drafted and role == "psychologist":
            api.call("POST", f"/tasks/{task['id']}/claim", role=role, expect=204)
            api.call("PUT", f"/tasks/{task['id']}/draft", role=role, json=data, expect=204)
            assert api.call("GET", f"/tasks/{task['id']}", role=role).json["values"] == data
            api.call("DELETE", f"/tasks/{task['id']}/claim", role=role, expect=204)
            drafted = True
        done = api.call("POST", f"/tasks/{task['id']}/complete", role=role, json=data).json
        rounds[element] = rounds.get(element, 0) + 1
        if element == "instemming":
            _withdraw_and_restore(api, trajectory)
        if element == "verslag":
            report = answer(VAPH, "verslag")
            api.call("PUT", f"/trajectories/{trajectory}/a-document/additions", expect=204, json={
                "ontvanger_documenten": report["ontvanger_documenten"],
                "bestemming_kinderbijslag": report["bestemming_kinderbijslag"]})
        assert task["id"] not in [t["id"] for t in done["ready"]]
    raise AssertionError("the A-document never became ready to submit")


def test_a_trajectory_through_the_api_alone_to_a_frozen_a_document(app, people, services):
    api = Client(app)
    child = _register(api)
    started = api.call("POST", "/trajectories", json={"child_id": child}, expect=201)
    trajectory = started.json["id"]
    _form_the_team(api, trajectory)
    _run(api, trajectory)
    assert _who_changed_consent(services, trajectory) == ["Sofie Janssens (moeder)"] * 2

    api.call("POST", f"/trajectories/{trajectory}/a-document/submission", expect=204)
    frozen = api.call("GET", f"/trajectories/{trajectory}/a-document").json
    assert (frozen["status"], frozen["versie"]) == ("ingediend", 1)
    assert {s["discipline"] for s in frozen["ondertekening"] if s["geldig"]} == set(TEAM)
    assert frozen["akkoord"]["geldig"]
    api.call("PUT", f"/trajectories/{trajectory}/a-document/additions", json={}, expect=409)    # frozen

    corrected = api.call("POST", f"/trajectories/{trajectory}/a-document/corrections", expect=201,
                         json={"reden": "Typemodule verduidelijkt na overleg met de ITP."})
    assert corrected.json["version"] == 2
    assert corrected.headers["Location"].endswith(f"/trajectories/{trajectory}/a-document?version=2")
    api.call("POST", f"/trajectories/{trajectory}/a-document/submission", expect=409)           # unsigned
    for role in TEAM:
        api.call("POST", f"/trajectories/{trajectory}/a-document/signatures", role=role, expect=204)
    agreement = answer(VAPH, "akkoord_client")
    api.call("POST", f"/trajectories/{trajectory}/a-document/agreement", expect=204,
             json={"datum": agreement["akkoord_datum"], "partijen": agreement["akkoorden"]})
    api.call("POST", f"/trajectories/{trajectory}/a-document/submission", expect=204)
    second = api.call("GET", f"/trajectories/{trajectory}/a-document").json
    assert (second["status"], second["versie"], second["vervangt_versie"]) == ("ingediend", 2, 1)
    assert all(s["geldig"] for s in second["ondertekening"]) and second["akkoord"]["geldig"]
    assert api.call("GET", f"/trajectories/{trajectory}/a-document?version=1").json["status"] == "vervangen"


def test_api_refusals_are_the_pages_refusals(app, people, child, team_trajectory):
    api = Client(app)
    assert api.call("GET", f"/children/{child}", role="physician").json["id"] == child
    outsider = app.test_client().get(f"/api/v1/children/{child}", headers=token(app, "auditor"))
    assert outsider.status_code == 403 and outsider.content_type == "application/problem+json"
    api.call("PUT", f"/trajectories/{team_trajectory}/team", role="psychologist", json={"members": []}, expect=403)
    api.call("POST", f"/trajectories/{team_trajectory}/consent", expect=409,
             json={"status": "gegeven", "note": "x", "by": ""})                  # consent was never withdrawn
    bad = api.call("POST", "/children", expect=422, json={"voornaam": "A", "familienaam": "B", "insz": "1",
                                                          "geboortedatum": "14/01/2020", "vertegenwoordigers": [
                                                              {"naam": "", "wettelijk": "ja"}]})
    assert {e["field"] for e in bad.json["errors"]} == {"geboortedatum", "vertegenwoordigers[0].wettelijk"}
    insz = api.call("POST", "/children", expect=422, json={"voornaam": "A", "familienaam": "B", "insz": "123",
                                                           "geboortedatum": "2020-01-14", "vertegenwoordigers": [
                                                               {"naam": "Moeder", "wettelijk": True}]})
    assert insz.json["errors"][0]["field"] == "insz"
    nobody = api.call("POST", "/children", expect=422, json={"voornaam": "A", "familienaam": "B",
                                                             "insz": "15030512392", "geboortedatum": "2015-03-05",
                                                             "vertegenwoordigers": [{"naam": "Buur"}]})
    assert nobody.json["errors"][0]["field"] == "vertegenwoordigers"
    form = api.call("PUT", f"/trajectories/{team_trajectory}/a-document/additions", expect=422,
                    json={"typemodules": "veel"})
    assert form.json["errors"][0]["field"] == "typemodules"
