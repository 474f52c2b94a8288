"""Through the API, the quality center moves running trajectories to a new version: a dry run that
names each blocker, then the move; the trajectory's API shows the version it is on and the versions it
has been on. What-if re-runs a trajectory's answers on another version without client data."""

from __future__ import annotations

from tests.store.helpers import start_with_team
from tests.store.versions import drive, publish, renamed, replaced
from tests.web.test_api import token


def test_dry_run_then_move_through_the_api(app, services, members, everyone, child, test_clock):
    a = services.library.current()
    trajectory = start_with_team(services, child, everyone)
    drive(services, trajectory, everyone, "standaard", stop_at="strategie")
    b = publish(services, lambda files: renamed(files, "strategie", "strategie_bepalen"))
    client, an, coordinator = app.test_client(), token(app, "an"), token(app, "alleskunner")
    url = f"/api/v1/guidelines/{b}/migrations"

    blocked = client.post(url, json={"from": a, "trajectories": "all", "dry_run": True}, headers=an)
    assert blocked.status_code == 200, blocked.json
    [result] = blocked.json["results"]
    assert (result["trajectory"], result["status"]) == (trajectory, "blocked")
    assert [x["element"] for x in result["blockers"]] == ["strategie"]
    assert "Lotte" not in blocked.get_data(as_text=True) and "Peeters" not in blocked.get_data(as_text=True)

    mapping = {"strategie": "strategie_bepalen"}
    dry = client.post(url, json={"from": a, "trajectories": [trajectory], "mappings": mapping, "dry_run": True},
                      headers=an).json["results"]
    assert [(r["status"], r["moves"]) for r in dry] == [("can_move", mapping)]
    assert {"termijn_mdv"} <= {d["element"] for d in dry[0]["deadlines"]}
    assert client.get(f"/api/v1/trajectories/{trajectory}", headers=coordinator).json["guideline_version"] == a

    moved = client.post(url, json={"from": a, "trajectories": [trajectory], "mappings": mapping, "dry_run": False,
                                   "reason": "heldere strategie"}, headers=an)
    assert [r["status"] for r in moved.json["results"]] == ["moved"]
    seen = client.get(f"/api/v1/trajectories/{trajectory}", headers=coordinator).json
    assert seen["guideline_version"] == b
    assert [v["version"] for v in seen["versions"]] == [a, b]
    assert [t["element"] for t in seen["ready"]] == ["strategie_bepalen"]
    history = client.get(f"/api/v1/trajectories/{trajectory}/events", headers=coordinator).json
    assert history[-1]["type"] == "naar_versie_verplaatst" and history[-1]["guideline_version"] == b
    assert {e["guideline_version"] for e in history[:-1]} == {a}
    inbox = client.get("/api/v1/tasks", headers=coordinator).json
    assert "traject_verplaatst" in [t["element"] for t in inbox]


def test_the_migration_api_refuses_what_it_cannot_do(app, services, members, everyone, child, test_clock):
    a = services.library.current()
    b = publish(services, lambda files: renamed(files, "teamoverleg", "teamoverleg_integratie"))
    client, an = app.test_client(), token(app, "an")
    url = f"/api/v1/guidelines/{b}/migrations"
    assert client.post(url, json={"from": a, "trajectories": "all"},
                       headers=token(app, "alleskunner")).status_code == 403
    assert client.post(url, json={"trajectories": "all"}, headers=an).status_code == 422
    assert client.post(url, json={"from": a, "trajectories": "sommige"}, headers=an).status_code == 422
    assert client.post(url, json={"from": "onbekend", "trajectories": "all"}, headers=an).status_code == 404
    wrong = client.post(url, json={"from": a, "trajectories": "all", "mappings": {"bestaat_niet": "teamoverleg"}},
                        headers=an)
    assert wrong.status_code == 409 and "bestaat_niet" in wrong.json["detail"]
    assert client.post(url, json={"from": b, "trajectories": "all"}, headers=an).status_code == 409


def test_what_if_shows_both_paths_and_the_first_difference(app, services, members, everyone, child, test_clock):
    a = services.library.current()
    trajectory = start_with_team(services, child, everyone)
    drive(services, trajectory, everyone, "standaard")
    assert services.trajectories.view(trajectory).status == "afgerond"
    b = publish(services, lambda files: replaced(                   # every registration is a crisis on b
        files, "diagnostisch_traject.bpmn", ">crisis</bpmn:conditionExpression>",
        ">not crisis</bpmn:conditionExpression>"))
    client, an = app.test_client(), token(app, "an")
    same = client.post(f"/api/v1/guidelines/{a}/what-if", json={"trajectory": trajectory}, headers=an)
    assert same.status_code == 200, same.json
    assert same.json["first_difference"] is None and same.json["path"] == same.json["recorded"]
    other = client.post(f"/api/v1/guidelines/{b}/what-if", json={"trajectory": trajectory}, headers=an).json
    first = other["first_difference"]
    assert other["recorded"][:first] == other["path"][:first]
    assert other["differs_at"] == {"recorded": "gw_naar_instemming", "version": "crisisafstemming"}
    assert other["stopped"] == "'instemming' ligt op deze versie niet klaar"
    assert other["recorded_on"] == [a]
    text = str(other)
    assert "Lotte" not in text and "Peeters" not in text
    assert client.post(f"/api/v1/guidelines/{b}/what-if", json={"trajectory": trajectory},
                       headers=token(app, "alleskunner")).status_code == 403


def test_the_quality_center_dry_runs_and_moves_on_its_page_and_the_dossier_shows_the_move(
        app, services, members, everyone, child, test_clock):
    from tests.quality.test_pages import login
    a = services.library.current()
    trajectory = start_with_team(services, child, everyone)
    drive(services, trajectory, everyone, "standaard", stop_at="strategie")
    b = publish(services, lambda files: renamed(files, "strategie", "strategie_bepalen"))
    an = login(app, "an")
    assert f"/kwaliteit/versies/{b}/migratie" in an.get("/kwaliteit").text
    page = f"/kwaliteit/versies/{b}/migratie"
    blocked = an.get(page, query_string={"van": a})
    assert blocked.status_code == 200 and "geblokkeerd" in blocked.text and "strategie" in blocked.text
    assert "Verplaats deze" not in blocked.text and "Lotte" not in blocked.text
    dry = an.get(page, query_string={"van": a, "koppeling": "strategie = strategie_bepalen"})
    assert "kan verplaatst worden" in dry.text and "Verplaats deze 1" in dry.text
    assert an.get(page, query_string={"van": a, "koppeling": "zonder gelijkteken"}).status_code == 422
    moved = an.post(page, data={"van": a, "koppeling": "strategie = strategie_bepalen", "traject": trajectory,
                                "reden": "heldere strategie"},
                    token_from=f"{page}?van={a}&koppeling=strategie+%3D+strategie_bepalen")
    assert moved.status_code == 200 and "1 van 1 trajecten verplaatst" in moved.text
    assert services.trajectories.view(trajectory).guideline_version == b

    coordinator = login(app, "alleskunner")
    inbox = coordinator.get("/taken").text
    assert "Traject verplaatst naar richtlijnversie 2" in inbox
    dossier = coordinator.get(f"/kinderen/{child}").text
    assert "Verplaatst naar een andere versie van de richtlijn" in dossier and "heldere strategie" in dossier
    assert f"versie 2 <code>{b[:8]}</code>" in dossier and f"versie 1 <code>{a[:8]}</code>" in dossier
    assert "Traject verplaatst naar richtlijnversie" not in coordinator.get("/taken").text     # read: it goes
    assert services.audit.verify(everyone) == {}

    what_if = an.get(page, query_string={"wat_als": trajectory})
    assert what_if.status_code == 200 and "Twee paden" in what_if.text
