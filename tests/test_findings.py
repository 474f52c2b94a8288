"""The latest round's findings on a task page: labelled by the discipline's form, by need-to-know."""

from __future__ import annotations

from engine import access
from engine.actors import Actor
from engine.services.care.findings import latest

ROUND = {"laatste_bevindingen": [
    {"discipline": "psychologist", "ronde": 2, "afgerond_op": "2026-10-06", "samenvatting": "Profiel past bij ASS.",
     "afgenomen_onderzoeken": [{"resultaat": "14", "instrument": "ADOS-2", "datum": "2026-10-06"}], "conclusie": ""},
    {"discipline": "physician", "ronde": 2, "samenvatting": "Neurologisch normaal."}]}


def _as(role: str) -> access.Clearance:
    return access.clearance(Actor("p", "P", frozenset({role})), {role}, "lopend")


def _read(guideline, role):
    return latest(ROUND, guideline.process("diagnostisch_traject"), guideline.form, _as(role))


def test_the_coordinator_reads_every_finding_labelled_and_in_the_forms_order(shipped_guideline):
    psychologist, physician = _read(shipped_guideline, "coordinator")
    assert (psychologist.role, psychologist.round, psychologist.done_on) == ("psychologist", 2, "2026-10-06")
    titles = [title for _, title, _ in psychologist.fields]
    assert titles == ["Afgenomen onderzoeken", "Samenvatting van de bevindingen"]
    assert list(psychologist.fields[0][2][0]) == ["instrument", "datum", "resultaat"]     # empty fields left out
    assert physician.fields and not physician.withheld


def test_medical_findings_are_withheld_from_other_disciplines_and_nothing_reaches_a_team_lead(shipped_guideline):
    psychologist, physician = _read(shipped_guideline, "social_worker")
    assert psychologist.fields and physician.withheld and physician.fields == ()
    assert _read(shipped_guideline, "team_lead") == ()


def test_a_task_without_a_round_shows_none(shipped_guideline):
    assert latest({}, shipped_guideline.process("diagnostisch_traject"), shipped_guideline.form,
                  _as("coordinator")) == ()
