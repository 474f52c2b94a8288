"""Conformance and XES as pure functions over events: deadlines, lead times, paths, the export's shape."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from lxml import etree

from engine.history import conformance as c
from engine.history import xes
from engine.history.conformance import Deadline, Entry, Guide, Met

T0 = datetime(2026, 9, 1, 9, 0, tzinfo=timezone.utc)
SCHEMA = etree.XMLSchema(etree.parse(str(Path(__file__).with_name("xes-ieee-1849-2016.xsd"))))
GUIDE = Guide(names={"intake": "Intake", "a001": "Registratie A001", "escalatie": "Escalatie A001",
                     "fase": "Diagnostische fase", "onderzoek": "Onderzoek"},
              user_tasks=frozenset({"intake", "a001", "escalatie", "onderzoek"}),
              deadlines=(Deadline("termijn_a001", "7 dagen na intake", "a001"),
                         Deadline("termijn_mdv", "4 maanden na intake", "fase")),
              escalations=frozenset({"escalatie"}))


def at(days: float) -> datetime:
    return T0 + timedelta(days=days)


def done(seq: int, day: float, element: str, role: str = "coordinator", ready: float | None = None,
         taken: float | None = None, completed: tuple[str, ...] = ()) -> Entry:
    body = {"element": element, "path": element, "role": role, "completed": [element, *completed],
            "clock": at(day).isoformat()}
    if ready is not None:
        body["klaar_sinds"] = at(ready).isoformat()
    if taken is not None:
        body["genomen"] = at(taken).isoformat()
    return Entry(seq, "taak_afgerond", at(day), body)


def test_a_deadline_met_missed_running_or_not_reached():
    late = [Entry(1, "traject_gestart", at(0), {"completed": []}),
            done(2, 1, "intake", ready=0),
            Entry(3, "timer_afgegaan", at(8), {"timers": [{"element": "termijn_a001"}], "completed": ["termijn_a001"]}),
            done(4, 9, "escalatie", role="team_lead", ready=8),
            done(5, 10, "a001", ready=1, completed=("fase/fase_start",))]
    result = c.trace("t1", "v1", "lopend", late, GUIDE)
    states = {d.id: (d.state, d.at) for d in result.deadlines}
    assert states["termijn_a001"] == (Met.MISSED, at(8))          # done after the timer fired: still missed
    assert states["termijn_mdv"] == (Met.RUNNING, None)
    assert result.escalations == ("escalatie",) and result.path == ("intake", "escalatie", "a001")
    on_time = [Entry(1, "traject_gestart", at(0), {"completed": []}), done(2, 1, "intake", ready=0),
               done(3, 3, "a001", ready=1, completed=("fase",))]
    result = c.trace("t2", "v1", "afgerond", on_time, GUIDE)
    assert {d.id: d.state for d in result.deadlines} == {"termijn_a001": Met.MET, "termijn_mdv": Met.MET}
    stopped = c.trace("t3", "v1", "afgerond", on_time[:2], GUIDE)
    assert {d.id: d.state for d in stopped.deadlines} == {"termijn_a001": Met.NOT_REACHED,
                                                          "termijn_mdv": Met.NOT_REACHED}


def test_lead_waiting_and_working_time_and_repeats_withdrawals_deviations():
    entries = [Entry(1, "traject_gestart", at(0), {"completed": []}),
               done(2, 5, "onderzoek", role="psychologist", ready=1, taken=2),
               Entry(3, "instemming_ingetrokken", at(6), {"completed": []}),
               done(4, 9, "onderzoek", role="psychologist"),                    # an older completion
               done(5, 10, "verdwenen_taak"),
               Entry(6, "a_document_ingediend", at(11), {"completed": []})]
    result = c.trace("t", "v1", "afgerond", entries, GUIDE)
    first, second, _ = result.steps
    assert (first.lead, first.waiting, first.working) == (timedelta(days=4), timedelta(days=1), timedelta(days=3))
    assert second.estimated and second.ready == at(6) and second.waiting is None
    assert result.repeated == {"onderzoek": 2} and result.rounds == 2
    assert result.withdrawals == 1 and result.submitted and result.deviations == ("verdwenen_taak",)
    assert result.roles == ("coordinator", "psychologist") and result.duration == timedelta(days=11)


def test_per_version_median_p90_paths_and_missed_deadlines():
    results = []
    for n, lead in enumerate((1, 2, 3, 4, 10)):
        entries = [Entry(1, "traject_gestart", at(0), {"completed": []}), done(2, lead, "intake", ready=0)]
        if n == 4:
            entries.append(Entry(3, "timer_afgegaan", at(11), {"timers": [{"element": "termijn_a001"}],
                                                               "completed": []}))
        results.append(c.trace(f"t{n}", "v1", "lopend", entries, GUIDE))
    summary = c.summarise("v1", results, GUIDE)
    intake = next(s for s in summary.steps if s.element == "intake")
    assert intake.lead.count == 5 and intake.lead.median == 3 * 86400 and intake.lead.p90 == 10 * 86400
    assert summary.paths == ((("intake",), 5),) and summary.share(5) == 1.0
    assert summary.missed == {"termijn_a001": 1}
    assert next(s for s in summary.steps if s.element == "a001").missed == 1


@pytest.fixture
def cases():
    entries = [Entry(1, "traject_gestart", at(0), {"completed": []}), done(2, 1, "intake", ready=0),
               done(3, 4, "a001", ready=1, taken=2)]
    return [xes.Case("K-ABCDEFGHIJ", c.trace("t", "v1", "afgerond", entries, GUIDE), GUIDE)]


def test_the_xes_validates_and_holds_one_event_per_start_and_completion(cases):
    root = etree.fromstring(xes.document(cases))
    assert SCHEMA.validate(root), SCHEMA.error_log
    assert {e.get("prefix") for e in root.iter("extension")} == {"concept", "time", "lifecycle", "org"}
    (trace,) = root.iter("trace")
    assert trace.find("string[@key='concept:name']").get("value") == "K-ABCDEFGHIJ"
    events = [{a.get("key"): a.get("value") for a in event} for event in trace.iter("event")]
    assert [(e["concept:name"], e["lifecycle:transition"]) for e in events] == [
        ("Intake", "start"), ("Intake", "complete"), ("Registratie A001", "start"), ("Registratie A001", "complete")]
    assert events[2]["time:timestamp"] == "2026-09-03T09:00:00.000+00:00"          # taken, not ready
    assert {e["org:role"] for e in events} == {"coordinator"}


def test_the_xes_period_keeps_only_the_events_within_it(cases):
    root = etree.fromstring(xes.document(cases, since=at(1), until=at(3)))
    assert SCHEMA.validate(root), SCHEMA.error_log
    events = [{a.get("key"): a.get("value") for a in event} for event in root.iter("event")]
    assert [(e["concept:name"], e["lifecycle:transition"]) for e in events] == [
        ("Intake", "complete"), ("Registratie A001", "start")]


def test_the_schema_refuses_what_is_not_xes():
    assert not SCHEMA.validate(etree.fromstring(b'<log><trace><event><string key="a"/></event></trace></log>'))


@pytest.mark.filterwarnings("ignore::UserWarning")          # pm4py suggests its faster reader
def test_a_process_mining_tool_reads_the_xes_as_written(cases, tmp_path):
    import pm4py

    written = tmp_path / "ekd.xes"
    written.write_bytes(xes.document(cases))
    frame = pm4py.read_xes(str(written))
    assert len(frame) == 4
    assert list(frame["concept:name"]) == ["Intake", "Intake", "Registratie A001", "Registratie A001"]
    assert set(frame["case:concept:name"]) == {"K-ABCDEFGHIJ"}
    assert list(frame["lifecycle:transition"]) == ["start", "complete", "start", "complete"]
