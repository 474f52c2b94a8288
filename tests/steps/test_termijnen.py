"""Steps for features/termijnen.feature."""

from __future__ import annotations

from datetime import datetime, timezone

from pytest_bdd import given, parsers, scenarios, then, when

from tests.steps.test_disciplines import INVESTIGATION

scenarios("termijnen.feature")


def at(text: str) -> datetime:
    moment = datetime.fromisoformat(text)
    return moment.astimezone(timezone.utc) if moment.tzinfo else moment.astimezone()


@given(parsers.parse("de intake vond plaats op {datum}"))
def intake_on(traject, test_clock, datum):
    test_clock.set(at(f"{datum}T10:00"))
    traject.answers["intake"]["intake_datum"] = datum
    traject.run_until("intake")
    traject.do("intake")


@when(parsers.parse("het {moment} is"))
def time_is(traject, test_clock, moment):
    test_clock.set(at(moment.replace(" ", "T")))
    traject.instance.advance()


@when(parsers.parse("de A001-registratie gebeurt op {datum}"))
def register(traject, test_clock, datum):
    test_clock.set(at(f"{datum}T10:00"))
    traject.instance.advance()
    traject.do("registratie_a001", {"a001_datum": datum})


@when(parsers.parse("de strategie gekozen wordt op {datum}"))
def strategy(traject, test_clock, datum):
    test_clock.set(at(f"{datum}T12:00"))
    traject.do("strategie", {"gekozen_disciplines": ["psychologist"]})


@when("het traject een extra onderzoeksronde doet")
def extra_round(traject):
    traject.do("strategie", {"gekozen_disciplines": ["psychologist"]})
    traject.do(INVESTIGATION["psychologist"])
    traject.do("teamoverleg", {"aanvullend_onderzoek_nodig": True, "aanvullende_disciplines": ["psychologist"]})
    traject.do(INVESTIGATION["psychologist"])


@then(parsers.parse("vervalt het verslag op {datum}"))
def report_due(traject, datum):
    assert traject.data["mdv_termijn"].startswith(datum)
    due = {w.element: w.due for w in traject.instance.waiting()}
    if "registratie_a001" in traject.path:   # from then on the diagnostic phase runs, under its timer
        assert due["termijn_mdv"].astimezone().date().isoformat() == datum
