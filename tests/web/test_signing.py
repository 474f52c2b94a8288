"""One way to sign (issue 12): one signing record per signer and content, whichever way it is given;
the guideline's signing task completes when the signature is given on the page; an edit that
invalidates signatures asks each signer to sign again, in the inbox and the timeline."""

from __future__ import annotations

from datetime import date

import pypdfium2
import pytest

from engine.history import events
from tests.store.helpers import run_scenario, verified
from tests.web.test_a_document import FAMILY
from tests.web.test_api import token

SIGNERS = ("psychologist", "physician", "social_worker", "speech_therapist")      # the VAPH scenario's


@pytest.fixture
def signing(services, people, everyone):
    """A VAPH trajectory at its signatures: the signing tasks wait, each discipline on the team twice
    (a person of its own and `everyone`, who walked the scenario)."""
    coordinator = people["coordinator"]
    child = services.children.register("16051412549", "Ruben", "Claes", date(2016, 5, 14), coordinator, FAMILY)
    trajectory = services.trajectories.start(child, coordinator)
    services.teams.set_role(trajectory, "coordinator", [coordinator.id, everyone.id], coordinator)
    for role in SIGNERS:
        services.teams.set_role(trajectory, role, [everyone.id, people[role].id], coordinator)
    run_scenario(services, trajectory, everyone, "vaph_aanvraag", stop_at="ondertekenen_psychologisch")
    return trajectory


def _signing_task(services, trajectory, lane):
    return next((t for t in services.trajectories.view(trajectory).ready if t.lane == lane), None)


def test_signing_on_the_page_completes_the_guidelines_signing_task(browser, services, people, signing):
    assert _signing_task(services, signing, "psychologist") is not None
    page = browser("psychologist")
    signed = page.post(f"/trajecten/{signing}/a-document/ondertekenen", {},
                       token_from=f"/trajecten/{signing}/a-document")
    assert signed.status_code == 302
    assert _signing_task(services, signing, "psychologist") is None                       # the task is done
    view = services.documents.view(signing, people["coordinator"])
    assert [(s.role, s.valid) for s in view.signatures] == [("psychologist", True)]     # one record
    assert "Verslag ondertekenen (psycholoog" not in page.get("/taken").text
    with services.uow() as uow:
        kinds = [e.type for e in uow.events.of_trajectory(signing)][-2:]
    assert kinds == [events.TASK_COMPLETED, events.DOCUMENT_SIGNED]
    again = page.post(f"/trajecten/{signing}/a-document/ondertekenen", {},
                       token_from=f"/trajecten/{signing}/a-document")
    assert again.status_code == 409 and "al" in again.text
    assert len(services.documents.view(signing, people["coordinator"]).signatures) == 1
    assert verified(services, signing) == {}


def test_a_signing_task_completed_after_signing_on_the_page_signs_nothing_twice(services, people, everyone, signing):
    task = _signing_task(services, signing, "physician")
    assert task is not None
    services.documents.sign(signing, people["physician"])          # on the document itself, not the task
    services.trajectories.complete_task(task.id, {"akkoord_met_verslag": True}, people["physician"])
    view = services.documents.view(signing, people["coordinator"])
    assert [s.role for s in view.signatures].count("physician") == 1
    assert verified(services, signing) == {}


def test_an_edit_after_signing_asks_every_signer_to_sign_again(app, browser, services, people, everyone, signing):
    for role in SIGNERS:
        task = _signing_task(services, signing, role)
        services.trajectories.complete_task(task.id, {"akkoord_met_verslag": True}, people[role])
    assert all(s.valid for s in services.documents.view(signing, people["coordinator"]).signatures)
    services.documents.complete_missing(signing, {"bijkomende_informatie": "Nieuw verslag van de school."},
                                        people["coordinator"])
    for role in SIGNERS:
        rows = [r for r in services.inbox.tasks(people[role]) if r.trajectory_id == signing]
        assert [(r.notice, r.step) for r in rows] == [(True, "A-document opnieuw ondertekenen")], role
    inbox = browser("psychologist").get("/taken").text
    assert "melding van ekd" in inbox and f"/trajecten/{signing}/a-document#handtekeningen" in inbox
    with services.uow() as uow:
        last = [e for e in uow.events.of_trajectory(signing)][-1]
    assert last.type == events.SIGNATURES_INVALIDATED
    assert "Handtekeningen ongeldig geworden" in browser("psychologist").get(
        f"/kinderen/{services.trajectories.view(signing).child_id}").text
    assert verified(services, signing) == {}

    services.trajectories.sign_document(signing, people["psychologist"])
    assert not [r for r in services.inbox.tasks(people["psychologist"]) if r.trajectory_id == signing]
    assert [r.notice for r in services.inbox.tasks(people["physician"]) if r.trajectory_id == signing] == [True]
    latest = {s.role: s.valid for s in services.documents.view(signing, people["coordinator"]).signatures}
    assert latest["psychologist"] is True
    assert verified(services, signing) == {}

    pdf = app.test_client().get(f"/api/v1/trajectories/{signing}/a-document.pdf", headers=token(app, "coordinator"))
    document = pypdfium2.PdfDocument(pdf.data)
    text = "\n".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    document.close()
    signatures = text.rsplit("Ondertekening", 1)[1]
    assert signatures.count("Psycholoog / orthopedagoog") == 1       # one row per discipline: the latest


def test_ekd_items_are_no_guideline_tasks(browser, services, people, signing):
    for role in SIGNERS:
        task = _signing_task(services, signing, role)
        services.trajectories.complete_task(task.id, {"akkoord_met_verslag": True}, people[role])
    services.documents.complete_missing(signing, {"bijkomende_informatie": "Anders."}, people["coordinator"])
    notice = next(r for r in services.inbox.tasks(people["psychologist"]) if r.notice)
    person = browser("psychologist")
    assert person.get(f"/taken/{notice.task_id}").status_code == 404
    assert person.post(f"/taken/{notice.task_id}/nemen", {}).status_code == 409


def _notices(services, people, trajectory):
    return {role for role in SIGNERS
            if any(r.notice for r in services.inbox.tasks(people[role]) if r.trajectory_id == trajectory)}


def test_content_that_goes_back_to_what_was_signed_needs_no_signature_again(services, people, signing):
    """Signed h1 by all; an edit makes h2 (everyone asked again); the psychologist signs h2; the edit is
    undone (h1 again): the others' signatures bind again and their items go, the psychologist's latest
    (h2) no longer binds, so they are asked again and can sign h1 again; submission leaves nothing."""
    for role in SIGNERS:
        task = _signing_task(services, signing, role)
        services.trajectories.complete_task(task.id, {"akkoord_met_verslag": True}, people[role])
    coordinator = people["coordinator"]
    services.documents.complete_missing(signing, {"bijkomende_informatie": "A"}, coordinator)
    assert _notices(services, people, signing) == set(SIGNERS)
    services.trajectories.sign_document(signing, people["psychologist"])
    services.documents.complete_missing(signing, {}, coordinator)
    assert _notices(services, people, signing) == {"psychologist"}
    with services.uow() as uow:
        kinds = [e.type for e in uow.events.of_trajectory(signing)][-2:]
    assert kinds == [events.SIGNATURES_INVALIDATED, events.SIGNATURES_VALID_AGAIN]
    assert verified(services, signing) == {}
    services.trajectories.sign_document(signing, people["psychologist"])
    assert _notices(services, people, signing) == set()
    latest = {s.role: s.valid for s in services.documents.view(signing, coordinator).signatures}
    assert latest == dict.fromkeys(SIGNERS, True)
    assert verified(services, signing) == {}


def test_a_person_of_several_disciplines_signs_for_each_at_once(services, people, everyone, signing):
    taken = _signing_task(services, signing, "physician")
    services.inbox.claim(taken.id, people["physician"])              # a colleague took the physician's task
    services.trajectories.sign_document(signing, everyone)
    signed = {s.role for s in services.documents.view(signing, people["coordinator"]).signatures}
    assert signed == set(SIGNERS)
    assert _signing_task(services, signing, "psychologist") is None   # its task completed by the signature
    assert _signing_task(services, signing, "physician") is not None  # the colleague's task stays theirs
    services.trajectories.complete_task(taken.id, {"akkoord_met_verslag": True}, people["physician"])
    roles = [s.role for s in services.documents.view(signing, people["coordinator"]).signatures]
    assert roles.count("physician") == 1
    assert verified(services, signing) == {}
