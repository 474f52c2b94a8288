"""The auditor's conformance page and research exports over real trajectories: the CSV's rows match
the trajectories, the XES validates and holds each task start and completion, and neither the
exports nor the page nor the API carry a name, INSZ or free-text marker the team recorded."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest
from lxml import etree
from sqlalchemy import select

from engine.store.models import AccessEntry
from tests.store.helpers import EVERYONE, make_child, run_scenario, start_with_team
from tests.web.conftest import PASSWORD

SCHEMA = etree.XMLSchema(etree.parse(str(Path(__file__).parents[1] / "audit" / "xes-ieee-1849-2016.xsd")))
MARKS = {"aanmelding": {"aanleiding": "MARKER-aanleiding-7f3a"}, "intake": {"hulpvraag_kind": "MARKER-hulpvraag-91c2"},
         "teamoverleg": {"integratief_beeld": "MARKER-beeld-44d0"}}


@pytest.fixture
def world(services, people):
    """One finished trajectory with markers in the team's free text (a claimed task among its steps),
    and one running trajectory halfway."""
    everyone = services.people.add("alleskunner", PASSWORD, EVERYONE, "Al Les")
    done = start_with_team(services, make_child(services, everyone, "16051412549", date(2016, 5, 14)), everyone)
    run_scenario(services, done, everyone, "standaard", stop_at="strategie", changes=MARKS)
    strategy = next(t for t in services.trajectories.view(done).ready if t.element == "strategie")
    services.inbox.claim(strategy.id, everyone)
    run_scenario(services, done, everyone, "standaard", changes=MARKS)
    running = start_with_team(services, make_child(services, everyone, "16051412747", date(2016, 5, 14)), everyone)
    run_scenario(services, running, everyone, "standaard", stop_at="intake")
    return {"done": done, "running": running, "auditor": people["auditor"]}


def test_conformance_the_csv_and_the_xes_over_real_trajectories(services, world):
    report = services.research.conformance(world["auditor"])
    by_id = {t.conformance.trajectory: t for t in report.trajectories}
    assert set(by_id) == {world["done"], world["running"]}
    done = by_id[world["done"]].conformance
    assert done.submitted and done.status == "afgerond" and done.path[0] == "aanmelding"
    assert {d.id: d.state for d in done.deadlines}["termijn_mdv"] == "gehaald"
    strategy = next(s for s in done.steps if s.element == "strategie")
    assert strategy.taken is not None and strategy.waiting is not None and not strategy.estimated
    (version,) = report.versions
    assert version.summary.trajectories == 2 and sum(n for _, n in version.summary.paths) == 2
    assert {s.element for s in version.summary.steps} >= {"aanmelding", "screening", "intake", "strategie"}

    # The CSV: one row per trajectory.
    rows = list(csv.DictReader(io.StringIO(services.research.csv(world["auditor"]))))
    assert sorted(r["pseudoniem"] for r in rows) == sorted(t.pseudonym for t in report.trajectories)
    finished = next(r for r in rows if r["status"] == "afgerond")
    assert finished["a_document_ingediend"] == "ja" and finished["uitkomst"] == "a_document_ingediend"
    assert "psychologist" in finished["disciplines"].split(";")
    assert next(r for r in rows if r["status"] == "lopend")["a_document_ingediend"] == "nee"

    # The XES: valid, one trace per trajectory, a start and a completion per task done.
    root = etree.fromstring(services.research.xes(world["auditor"]))
    assert SCHEMA.validate(root), SCHEMA.error_log
    traces = {t.find("string[@key='concept:name']").get("value"): t for t in root.iter("trace")}
    assert set(traces) == {t.pseudonym for t in report.trajectories}
    for traced in report.trajectories:
        events = traces[traced.pseudonym].findall("event")
        assert len(events) == 2 * len(traced.conformance.steps)
        transitions = [e.find("string[@key='lifecycle:transition']").get("value") for e in events]
        assert transitions.count("start") == transitions.count("complete") == len(traced.conformance.steps)


def test_a_version_that_does_not_exist_is_refused(services, people):
    from engine.services.audit.research import Scope
    from engine.services.errors import NotFound
    with pytest.raises(NotFound):
        services.research.conformance(people["auditor"], Scope(version="bestaat-niet"))


def test_nobody_but_an_auditor_reads_or_exports(browser, people):
    for role in ("coordinator", "quality_center", "psychologist", "admin"):
        page = browser(role.replace("_", "-"))
        for url in ("/audit/conformantie", "/audit/export.xes", "/audit/export.csv"):
            assert page.get(url).status_code == 403, (role, url)


def test_pages_exports_and_api_carry_no_client_data_and_are_logged(app, services, browser, world):
    auditor = browser("auditor")
    page = auditor.get("/audit/conformantie")
    assert page.status_code == 200 and "Conformantie" in page.text and "data-diagram" in page.text
    token = app.test_client().post("/api/v1/auth/token", json={"username": "auditor", "password": PASSWORD}).json
    api = {"Authorization": f"Bearer {token['token']}"}
    client = app.test_client()
    answers = [page.text, auditor.get("/audit/export.xes").text, auditor.get("/audit/export.csv").text,
               auditor.get(f"/audit/conformantie?version={services.library.current()[:8]}").text]
    for url in ("/api/v1/audit/conformance", "/api/v1/audit/export.xes", "/api/v1/audit/export.csv"):
        answer = client.get(url, headers=api)
        assert answer.status_code == 200, url
        answers.append(answer.get_data(as_text=True))
    assert client.get("/api/v1/audit/conformance?from=gisteren", headers=api).status_code == 422
    for secret in [mark for answers_ in MARKS.values() for mark in answers_.values()] + [
            "Lotte", "Peeters", "16051412549", "16051412747", "Al Les", "alleskunner"]:
        for answer in answers:
            assert secret not in answer, secret
    with services.uow() as uow:
        logged = list(uow.session.scalars(select(AccessEntry).where(AccessEntry.actor == world["auditor"].id)))
    assert {(e.action, e.subject) for e in logged} >= {("conformantie", "trajecten"), ("export", "xes"),
                                                       ("export", "csv")}
