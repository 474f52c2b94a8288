"""The auditor's workbench over HTTP: the list by pseudonym with its filters, step-through replay with
rounds apart, a reveal with a reason that ends with the session, verification from the page, the
access log (and its CSV) — the same through /api/v1/audit — and none of it changes a trajectory or
shows the child's name, INSZ, family or the team's free text."""

from __future__ import annotations

import csv
import io
import re
from datetime import date

import pytest
from sqlalchemy import text

from engine import access
from tests.store.helpers import run_scenario
from tests.web.audit_world import two_rounds
from tests.web.conftest import BASE, PASSWORD


@pytest.fixture
def world(services, everyone, test_clock):
    return two_rounds(services, everyone)


@pytest.fixture
def auditor(browser, people):
    return browser("auditor")


@pytest.fixture
def api(app, people):
    client = app.test_client()
    token = client.post("/api/v1/auth/token", json={"username": "auditor", "password": PASSWORD}).json["token"]

    def call(method: str, url: str, **kwargs):
        return client.open(url, method=method, headers={"Authorization": f"Bearer {token}"}, base_url=BASE, **kwargs)
    return call


def _events(services, trajectory):
    with services.uow() as uow:
        row = uow.trajectories.get(trajectory)
        return (row.event_count, row.head_hash, row.updated_at, row.state,
                [(e.seq, e.hash) for e in uow.events.of_trajectory(trajectory)])


def _step_of(services, trajectory, element, nth=1) -> int:
    with services.uow() as uow:
        found = [e.seq for e in uow.events.of_trajectory(trajectory) if f'"path":"{element}"' in (e.payload or "")]
    return found[nth - 1]


def test_the_list_shows_each_trajectory_by_pseudonym_and_filters_it(services, world, auditor, api, everyone,
                                                                    test_clock, browser, people):
    pseudonym = access.pseudonym(services.audit_key, world.child)
    page = auditor.get("/audit")
    assert page.status_code == 200 and pseudonym in page.text and world.trajectory in page.text
    assert "afgerond" in page.text
    assert world.trajectory not in auditor.get("/audit?status=lopend").text
    assert world.trajectory in auditor.get("/audit?status=afgerond&from=2026-09-01&to=2026-09-01").text
    assert world.trajectory not in auditor.get("/audit?from=2026-09-02").text
    assert world.trajectory not in auditor.get("/audit?deadline_exceeded=1").text     # no timer fired in it
    assert world.trajectory not in auditor.get("/audit?integrity_problems=1").text
    assert auditor.get("/audit?from=gisteren").status_code == 422
    rows = api("GET", "/api/v1/audit/trajectories?status=afgerond").json
    assert [(r["id"], r["pseudonym"], r["status"], r["deadline_exceeded"]) for r in rows] == [
        (world.trajectory, pseudonym, "afgerond", False)]
    assert rows[0]["event_count"] > 20 and rows[0]["versions"] and rows[0]["started_at"].startswith("2026-09-01")
    version = rows[0]["versions"][0]
    assert len(api("GET", f"/api/v1/audit/trajectories?version={version}").json) == 1
    assert api("GET", "/api/v1/audit/trajectories?version=999").json == []
    late = services.trajectories.start(services.children.register("18031510072", "Ruben", "Claes",
                                                                   date(2018, 3, 15), everyone), everyone)
    run_scenario(services, late, everyone, "standaard", stop_at="registratie_a001")
    test_clock.advance(days=120)                  # the A001 registration's deadline passes
    again = browser("auditor")
    assert late in again.get("/audit?deadline_exceeded=1").text and late in again.get("/audit?status=lopend").text
    assert world.trajectory not in again.get("/audit?deadline_exceeded=1").text


def test_a_step_shows_the_rounds_apart_the_actor_the_clock_and_what_changed(services, world, auditor, api):
    motor = _step_of(services, world.trajectory, "diagnostische_fase/onderzoek[0]/onderzoek_motorisch")
    page = auditor.get(f"/audit/trajecten/{world.trajectory}/stappen/{motor}")
    assert page.status_code == 200
    assert f'href="/audit/trajecten/{world.trajectory}/stappen/{motor - 1}"' in page.text
    assert f'href="/audit/trajecten/{world.trajectory}/stappen/{motor + 1}"' in page.text
    step = api("GET", f"/api/v1/audit/trajectories/{world.trajectory}/steps/{motor}").json
    assert step["n"] == motor and step["kind"] == "taak_afgerond" and step["role"] == "physiotherapist"
    assert step["actor"] == {"name": "Al Les", "username": "alleskunner"} and step["clock"].startswith("2026-11-03")
    assert step["mismatch"] == [] and step["seal"] == [] and step["age_band"] == "6-11"
    runs = {(r["path"], r["round"], r["state"]) for r in step["runs"]}
    assert ("diagnostische_fase/onderzoek[0]/onderzoek_motorisch", 2, "done") in runs
    assert ("diagnostische_fase/teamoverleg", 2, "active") in runs
    elements = {e["element"]: e for e in step["elements"]}
    assert elements["onderzoek"]["rounds"] == 2 and elements["onderzoek"]["instances"] == ["0", "1"]
    assert elements["onderzoek_psychologisch"]["rounds"] == 1 and elements["teamoverleg"]["state"] == "active"
    changed = {c["pointer"]: c for c in step["changes"]}
    assert changed["/laatste_bevindingen/0/discipline"]["value"] == "physiotherapist"
    assert changed["/laatste_bevindingen/0/samenvatting"] == {
        "pointer": "/laatste_bevindingen/0/samenvatting", "value": access.HIDDEN, "hidden": True, "revealed": False,
        "change": "gewijzigd"}
    first_round = api("GET", f"/api/v1/audit/trajectories/{world.trajectory}/steps/"
                             f"{_step_of(services, world.trajectory, 'diagnostische_fase/teamoverleg')}").json
    assert ("diagnostische_fase/teamoverleg", 1, "done") in {(r["path"], r["round"], r["state"])
                                                             for r in first_round["runs"]}
    assert auditor.get(f"/audit/trajecten/{world.trajectory}/stappen?n={motor}").headers["Location"].endswith(
        f"/stappen/{motor}")
    assert auditor.get(f"/audit/trajecten/{world.trajectory}/stappen/999").status_code == 404


def test_a_reveal_needs_a_reason_is_logged_and_ends_with_the_session(services, world, browser, people, api):
    seq = _step_of(services, world.trajectory, "intake")
    url = f"/audit/trajecten/{world.trajectory}/stappen/{seq}"
    first = browser("auditor")
    pointer = "/hulpvraag_kind"
    refused = first.post(f"{url}/onthullen", {"item": pointer, "reden": "kort"}, token_from=url)
    assert refused.status_code == 422
    secret = next(m for m in world.markers if m in _raw_value(services, world.trajectory, "hulpvraag_kind"))
    assert secret not in first.get(url).text
    shown = first.post(f"{url}/onthullen", {"item": pointer, "reden": "klacht van de ouders nakijken"}, token_from=url)
    assert shown.status_code == 302 and secret in first.get(url).text
    with services.uow() as uow:
        entries = [e for e in uow.access.about(f"traject:{world.trajectory}") if e.action == "onthullen"]
    assert [e.detail for e in entries] == [f"stap {seq} {pointer}: klacht van de ouders nakijken"]
    first.post("/logout", {}, token_from=url)
    again = browser("auditor")
    assert secret not in again.get(url).text                   # a new session: hidden again
    answer = api("POST", "/api/v1/audit/reveals", json={"trajectory": world.trajectory, "step": seq, "item": pointer,
                                                        "reason": "klacht van de ouders nakijken"})
    assert answer.status_code == 200 and answer.json == {"value": secret}
    assert api("POST", "/api/v1/audit/reveals", json={"trajectory": world.trajectory, "step": seq, "item": pointer,
                                                      "reason": ""}).status_code == 422


def _raw_value(services, trajectory, name):
    with services.uow() as uow:
        return next(e.payload for e in uow.events.of_trajectory(trajectory) if f'"{name}"' in (e.payload or ""))


def test_a_tampered_event_is_named_by_verification_and_flagged_on_its_step(services, world, auditor, api):
    assert api("POST", "/api/v1/audit/verifications", json={"trajectory": world.trajectory}).json == {
        "intact": True, "problems": {}}
    seq = _step_of(services, world.trajectory, "intake")
    with services.database.engine.begin() as connection:
        connection.execute(text("UPDATE events SET payload = replace(payload, 'intake_datum', 'intake_dag') "
                                "WHERE trajectory_id = :t AND seq = :s"), {"t": world.trajectory, "s": seq})
    page = auditor.post("/audit/verificaties", {"traject": world.trajectory}, token_from="/audit")
    assert page.status_code == 200 and f"gebeurtenis {seq}" in page.text and "bewerkt" in page.text
    assert f'href="/audit/trajecten/{world.trajectory}/stappen/{seq}"' in page.text
    found = api("POST", "/api/v1/audit/verifications", json={}).json
    assert found["intact"] is False
    first = found["problems"][f"traject {world.trajectory}"][0]
    assert first == {"where": f"gebeurtenis {seq}", "kind": "bewerkt",
                     "detail": "inhoud gewijzigd (hash van de inhoud klopt niet)"}
    step = auditor.get(f"/audit/trajecten/{world.trajectory}/stappen/{seq}")
    assert "gebroken" in step.text and "inhoud gewijzigd" in step.text
    assert world.trajectory in auditor.get("/audit?integrity_problems=1").text


def test_verification_against_an_uploaded_anchor_sees_a_truncation(services, world, auditor):
    anchor = services.audit.anchor(_cli())
    with services.database.engine.begin() as connection:
        last = connection.execute(text("SELECT max(seq) FROM events WHERE trajectory_id = :t"),
                                  {"t": world.trajectory}).scalar()
        connection.execute(text("DELETE FROM events WHERE trajectory_id = :t AND seq = :s"),
                           {"t": world.trajectory, "s": last})
        connection.execute(text("UPDATE trajectories SET event_count = :n, head_hash = (SELECT hash FROM events "
                                "WHERE trajectory_id = :t AND seq = :n) WHERE id = :t"),
                           {"t": world.trajectory, "n": last - 1})
    page = auditor.post("/audit/verificaties", {"anker": (io.BytesIO(anchor.encode()), "anker.txt")},
                        token_from="/audit", content_type="multipart/form-data")
    assert page.status_code == 200 and "anker" in page.text and "afgekapt" in page.text


def _cli():
    from engine.actors import COMMAND_LINE
    return COMMAND_LINE


def test_the_access_log_by_pseudonym_person_and_refusals_with_csv(services, world, auditor, api, browser):
    pseudonym = access.pseudonym(services.audit_key, world.child)
    assert browser("quality-center").get(f"/audit/trajecten/{world.trajectory}/stappen/1").status_code == 403
    auditor.get(f"/audit/trajecten/{world.trajectory}/stappen/3")
    entries = api("GET", f"/api/v1/audit/access-log?pseudonym={pseudonym}").json
    assert {e["action"] for e in entries} >= {"registratie", "stap"}
    assert all(e["pseudonym"] == pseudonym for e in entries if e["subject"].startswith("traject"))
    mine = api("GET", "/api/v1/audit/access-log?person=auditor").json
    assert mine[0]["username"] == "auditor" and mine[0]["display_name"] == "Auditor Persoon"
    assert "stap" in {e["action"] for e in mine} and mine[0]["roles"] == ["auditor"]
    refused = api("GET", "/api/v1/audit/access-log?refused=1").json
    assert refused and refused[0]["username"] == "quality-center" and refused[0]["refused"]
    assert refused[0]["subject"] == f"/audit/trajecten/{world.trajectory}/stappen/1"
    page = auditor.get(f"/audit/toegangslog?pseudonym={pseudonym}")
    assert page.status_code == 200 and pseudonym in page.text and "Auditor Persoon" in page.text
    download = auditor.get("/audit/toegangslog.csv?refused=1")
    assert download.mimetype == "text/csv" and "attachment" in download.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(download.text)))
    assert rows[0][:5] == ["tijd", "gebruikersnaam", "naam", "rollen", "actie"]
    assert rows[1][1] == "quality-center" and rows[1][8] == "ja"
    assert not api("GET", "/api/v1/audit/access-log?from=2000-01-01&to=2000-01-02").json


def test_nothing_an_auditor_does_changes_a_trajectory(services, world, auditor, api):
    before = _events(services, world.trajectory)
    for url in ("/audit", f"/audit/trajecten/{world.trajectory}/stappen/1", "/audit/toegangslog",
                f"/audit/trajecten/{world.trajectory}/stappen/{before[0]}"):
        assert auditor.get(url).status_code == 200
    auditor.post("/audit/verificaties", {}, token_from="/audit")
    api("POST", "/api/v1/audit/verifications", json={})
    api("POST", "/api/v1/audit/reveals", json={"trajectory": world.trajectory, "step": 9, "item": "/aanleiding",
                                               "reason": "nagaan wat de aanleiding was"})
    assert _events(services, world.trajectory) == before


def test_no_auditor_page_or_answer_holds_the_childs_name_insz_family_or_free_text(services, world, auditor, api):
    """Every auditor page and API answer, for every step: none of the markers of the team's free text, the
    child's name and INSZ, the family's name, phone and e-mail, or the birth date is in it."""
    assert len(world.markers) > 30
    count = _events(services, world.trajectory)[0]
    pseudonym = access.pseudonym(services.audit_key, world.child)
    bodies = [auditor.get(url).text for url in (
        "/audit", "/audit?deadline_exceeded=1", "/audit/toegangslog", f"/audit/toegangslog?pseudonym={pseudonym}",
        "/audit/toegangslog.csv")]
    bodies += [auditor.post("/audit/verificaties", {}, token_from="/audit").text]
    bodies += [auditor.get(f"/audit/trajecten/{world.trajectory}/stappen/{n}").text for n in range(1, count + 1)]
    bodies += [api("GET", url).get_data(True) for url in (
        "/api/v1/audit/trajectories", "/api/v1/audit/access-log", f"/api/v1/audit/access-log?pseudonym={pseudonym}")]
    bodies += [api("GET", f"/api/v1/audit/trajectories/{world.trajectory}/steps/{n}").get_data(True)
               for n in range(1, count + 1)]
    bodies += [api("POST", "/api/v1/audit/verifications", json={}).get_data(True)]
    everything = "\n".join(bodies)
    assert pseudonym in everything
    leaked = [secret for secret in world.secrets if re.search(re.escape(secret), everything)]
    assert leaked == []
