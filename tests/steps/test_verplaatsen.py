"""Steps for features/verplaatsen.feature: the runtime's check and move on the shipped guideline and a
purpose-made new version of it (tests/store/versions.py), in memory."""

from __future__ import annotations

from pytest_bdd import given, parsers, scenarios, then, when

from engine import guidelines, runtime
from tests.store.versions import renamed, replaced, shipped

scenarios("verplaatsen.feature")


def _version(traject, files) -> None:
    base = shipped()
    traject.target = guidelines.Guideline(files(dict(base.files)), base.forms).process("diagnostisch_traject")


@given(parsers.parse('het traject wacht op "{stap}"'))
def waits_at(traject, stap):
    traject.run_until(stap)


@given(parsers.parse('een nieuwe versie waarin "{oud}" "{nieuw}" heet'))
def renamed_version(traject, oud, nieuw):
    _version(traject, lambda files: renamed(files, oud, nieuw))


@given(parsers.parse("een nieuwe versie waarin het onderzoek {nieuw:d} dagen termijn krijgt in plaats van {oud:d}"))
def shorter_deadline(traject, nieuw, oud):
    _version(traject, lambda files: replaced(files, "onderzoek_discipline.bpmn", f'"P{oud}D"', f'"P{nieuw}D"'))


@when("het kwaliteitscentrum het traject nagaat zonder koppeling")
def check_without(traject):
    traject.check = runtime.check(traject.instance, traject.target, {})


@when(parsers.parse('het kwaliteitscentrum het traject verplaatst met de koppeling "{oud}" naar "{nieuw}"'))
def move_with(traject, oud, nieuw):
    traject.check = runtime.check(traject.instance, traject.target, {oud: nieuw})
    assert traject.check.can_move, traject.check.blockers
    traject.waiting_before = {w.element: w.due for w in traject.instance.waiting()}
    with runtime.repeatable("verplaatsen"):
        traject.instance = runtime.migrate(traject.instance, traject.target, {oud: nieuw})


@then(parsers.parse('houdt "{stap}" het tegen omdat de nieuwe versie het schrapt'))
def blocked_removed(traject, stap):
    assert [(b.element, "schrapt" in b.reason) for b in traject.check.blockers] == [(stap, True)]


@then(parsers.parse('houdt "{stap}" het tegen omdat de termijn loopt'))
def blocked_deadline(traject, stap):
    assert [(b.element, "loopt nu" in b.reason) for b in traject.check.blockers] == [(stap, True)]


@then(parsers.parse('wacht het traject op "{stap}"'))
def waits_on(traject, stap):
    assert [t.element for t in traject.ready()] == [stap]


@then(parsers.parse('behoudt de termijn "{termijn}" zijn datum'))
def keeps_date(traject, termijn):
    after = {w.element: w.due for w in traject.instance.waiting()}
    assert after[termijn] == traject.waiting_before[termijn]
    assert any(d.element == termijn and "behoudt zijn datum" in d.outcome for d in traject.check.deadlines)
