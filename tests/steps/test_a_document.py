"""Steps for features/a_document.feature: on the real store."""

from __future__ import annotations

import copy
from datetime import date

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from engine.access import Forbidden
from engine.services.care.adocuments import Incomplete
from engine.services.errors import Conflict
from tests.conftest import reach as clock_reaches
from tests.steps.trajectory import SCENARIOS, answer, as_recorded
from tests.store.helpers import start_with_team

scenarios("a_document.feature")

MOTHER = {"naam": "Sofie Janssens", "rol": "wettelijke_vertegenwoordiger", "akkoord": True}


@pytest.fixture
def case(services, everyone, child, test_clock):
    return {"answers": copy.deepcopy(SCENARIOS["standaard"])}


def walk(services, everyone, case, stop_at):
    """Run the trajectory with the (changed) answers until `stop_at` is ready."""
    trajectory = case["trajectory"]
    answers, rounds = case["answers"], {}
    while True:
        ready = [t for t in services.trajectories.view(trajectory).ready if t.element in answers]
        if not ready or stop_at in [t.element for t in ready]:
            return
        task = ready[0]
        services.trajectories.complete_task(task.id, as_recorded(answer(answers, task.element,
                                                                        rounds.get(task.element, 0))), everyone)
        rounds[task.element] = rounds.get(task.element, 0) + 1


@given("een opgeslagen traject tot het akkoord van de cliënt")
def until_agreement(services, everyone, child, case):
    case["trajectory"] = start_with_team(services, child, everyone)


@given("het verslag noemde geen ontvanger van de documenten")
def no_recipient(case):
    del case["answers"]["verslag"]["ontvanger_documenten"]


@given("het kind werd bekwaam bevonden bij de instemming")
def capable(case):
    case["answers"]["instemming"].update({"bekwaamheid_oordeel": "bekwaam", "kind_instemming": "ja",
                                          "bekwaamheid_motivering": "Begrijpt goed wat het onderzoek inhoudt."})


def reach(services, everyone, case):
    if "reached" not in case:
        walk(services, everyone, case, "akkoord_client")
        case["reached"] = True


def agree(services, everyone, case, parties):
    reach(services, everyone, case)
    ready = [t for t in services.trajectories.view(case["trajectory"]).ready if t.element == "akkoord_client"]
    if ready:
        services.trajectories.complete_task(ready[0].id, as_recorded({"akkoord_datum": "2026-11-20",
                                                                      "akkoorden": parties}), everyone)
    else:
        agree_on_the_page(services, everyone, case, parties)


def agree_on_the_page(services, everyone, case, parties):
    clock_reaches({"akkoord_datum": "2026-11-21"})
    services.documents.agree(case["trajectory"], date(2026, 11, 21), parties, everyone)


@when("de cliënt akkoord gaat")
def client_agrees(services, everyone, case):
    agree(services, everyone, case, [MOTHER])


@when("de cliënt opnieuw akkoord gaat")
def client_agrees_again(services, everyone, case):
    agree_on_the_page(services, everyone, case, [MOTHER])


@when("alleen de moeder akkoord gaat")
def only_mother(services, everyone, case):
    agree(services, everyone, case, [MOTHER])


@then(parsers.parse('ontbreekt "{melding}"'))
def is_missing(services, everyone, case, melding):
    assert melding in [m.message for m in services.documents.view(case["trajectory"], everyone).missing]


@then("ontbreekt er niets meer")
def nothing_missing(services, everyone, case):
    assert services.documents.view(case["trajectory"], everyone).missing == []


def submit_task(services, everyone, case):
    return services.documents.view(case["trajectory"], everyone).submit_task


@then("kan het A-document niet ingediend worden")
def cannot_submit(services, everyone, case):
    task = submit_task(services, everyone, case)
    before = services.trajectories.view(case["trajectory"]).event_count
    if task:      # the guideline offers the submission, ekd refuses it
        with pytest.raises(Incomplete):
            services.trajectories.complete_task(task, {"indienen_bevestigd": True}, everyone)
    else:         # the guideline's own agreement rule sent the report back for revision
        ready = [t.element for t in services.trajectories.view(case["trajectory"]).ready]
        assert "verslag_bijwerken" in ready
    assert services.trajectories.view(case["trajectory"]).event_count == before
    assert services.documents.view(case["trajectory"], everyone).status == "concept"


@when("het A-document ingediend wordt")
@then("kan het A-document ingediend worden")
def submits(services, everyone, case):
    services.trajectories.complete_task(submit_task(services, everyone, case), {"indienen_bevestigd": True},
                                        everyone)
    assert services.documents.view(case["trajectory"], everyone).status == "ingediend"


@when(parsers.parse('de coördinator de ontvanger "{naam}" aanvult'))
def add_recipient(services, everyone, case, naam):
    services.documents.complete_missing(case["trajectory"], {"ontvanger_documenten": {"naam": naam}}, everyone)


@when(parsers.parse('de coördinator de bijkomende informatie "{tekst}" aanvult'))
def add_information(services, everyone, case, tekst):
    services.documents.complete_missing(case["trajectory"], {"bijkomende_informatie": tekst}, everyone)


@when("de disciplines opnieuw ondertekenen")
@when("de psycholoog opnieuw ondertekent")
def sign_again(services, everyone, case):
    services.documents.sign(case["trajectory"], everyone)


@then(parsers.parse("is de handtekening van de psycholoog {geldigheid}"))
def signature_is(services, everyone, case, geldigheid):
    signatures = [s for s in services.documents.view(case["trajectory"], everyone).signatures
                  if s.role == "psychologist"]
    assert signatures[-1].valid is (geldigheid == "geldig")


@then(parsers.parse("is versie {n:d} ingediend en bevroren"))
def frozen(services, everyone, case, n):
    view = services.documents.view(case["trajectory"], everyone)
    assert (view.version, view.status) == (n, "ingediend") and view.frozen_at is not None
    case["hash"] = view.content_hash


@then("kan de coördinator het niet meer aanvullen")
def cannot_edit(services, everyone, case):
    with pytest.raises(Conflict, match="verandert niet meer"):
        services.documents.complete_missing(case["trajectory"], {"bijkomende_informatie": "Te laat."}, everyone)


@then("kan niemand het nog ondertekenen")
def cannot_sign(services, everyone, case):
    with pytest.raises((Conflict, Forbidden)):
        services.documents.sign(case["trajectory"], everyone)


@when(parsers.parse('de coördinator een correctie start omdat "{reden}"'))
def correction(services, everyone, case, reden):
    case["hash"] = services.documents.view(case["trajectory"], everyone).content_hash
    services.documents.correct(case["trajectory"], reden, everyone)


@then(parsers.parse("is er een versie {n:d} in concept die versie {oud:d} vervangt"))
def new_version(services, everyone, case, n, oud):
    view = services.documents.view(case["trajectory"], everyone)
    assert (view.version, view.status) == (n, "concept")
    assert [(v["version"], v["status"]) for v in view.versions] == [(oud, "vervangen"), (n, "concept")]
    assert services.documents.export(case["trajectory"], everyone)["vervangt_versie"] == oud


@then(parsers.parse("blijft versie {n:d} ongewijzigd met dezelfde hash"))
def old_unchanged(services, everyone, case, n):
    old = services.documents.export(case["trajectory"], everyone, version=n)
    assert old["inhoud_hash"] == case["hash"] and old["status"] == "vervangen"
