"""Need-to-know in every channel (issue 10): each finding reproduced, and what it became."""

from __future__ import annotations

from datetime import date

import pypdfium2
import pytest
from jsonschema import Draft202012Validator

from engine.adocument.sections import content_hash, seal, section_hashes
from tests.steps.trajectory import SCENARIOS, answer
from tests.store.helpers import make_child
from tests.web.test_a_document import SCHEMA
from tests.web.test_api import token

SECRET = "MEDISCH-GEHEIM-7Q"           # the physician's finding, which only physicians and the coordinator read
SHARED = "GEDEELD-BEELD-3K"            # the psychologist's finding, which the team shares


def _ready(services, trajectory, element):
    return next(t for t in services.trajectories.view(trajectory).ready if t.element == element)


@pytest.fixture
def investigated(services, people, team_trajectory):
    """The team trajectory after the physician and the psychologist recorded their findings."""
    medical = answer(SCENARIOS["vaph_aanvraag"], "onderzoek_medisch")
    medical["bevinding"]["samenvatting"] = SECRET
    services.trajectories.complete_task(_ready(services, team_trajectory, "onderzoek_medisch").id, medical,
                                        people["physician"])
    psychological = answer(SCENARIOS["vaph_aanvraag"], "onderzoek_psychologisch")
    psychological["bevinding"]["samenvatting"] = SHARED
    services.trajectories.complete_task(_ready(services, team_trajectory, "onderzoek_psychologisch").id,
                                        psychological, people["psychologist"])
    return team_trajectory


def _pdf_text(data: bytes) -> str:
    pdf = pypdfium2.PdfDocument(data)
    try:
        return "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    finally:
        pdf.close()


def _channels(app, browser, username, trajectory):
    """Every way to read the A-document: page, JSON and PDF downloads, the API's JSON and PDF."""
    person, client, auth = browser(username), app.test_client(), token(app, username)
    return {
        "page": person.get(f"/trajecten/{trajectory}/a-document"),
        "json": person.get(f"/trajecten/{trajectory}/a-document.json"),
        "pdf": person.get(f"/trajecten/{trajectory}/a-document.pdf"),
        "api": client.get(f"/api/v1/trajectories/{trajectory}/a-document", headers=auth),
        "api-pdf": client.get(f"/api/v1/trajectories/{trajectory}/a-document.pdf", headers=auth),
    }


def _text(response) -> str:
    return _pdf_text(response.data) if response.content_type == "application/pdf" else response.get_data(True)


# -- 1. medical findings through the A-document ---------------------------------------------------

@pytest.mark.parametrize("username", ["psychologist", "social-worker", "speech-therapist"])
def test_the_a_document_seals_the_medical_findings_for_other_disciplines(app, browser, people, investigated,
                                                                         username):
    for channel, response in _channels(app, browser, username, investigated).items():
        assert response.status_code == 200, channel
        text = _text(response)
        assert SECRET not in text, f"{channel} shows the physician's finding to a {username}"
        assert SHARED in text, channel
        assert "erzegeld" in text, channel                # 'Verzegeld' / "verzegeld": the section is sealed


@pytest.mark.parametrize("username", ["physician", "coordinator"])
def test_physicians_and_the_coordinator_read_the_medical_findings(app, browser, people, investigated, username):
    for channel, response in _channels(app, browser, username, investigated).items():
        assert response.status_code == 200 and SECRET in _text(response), channel


def test_every_signer_signs_one_root_over_all_sections(app, services, people, investigated):
    sealed = services.documents.view(investigated, people["psychologist"])
    whole = services.documents.view(investigated, people["physician"])
    assert sealed.sealed and not whole.sealed
    assert sealed.content_hash == whole.content_hash == content_hash(sealed.content) == content_hash(whole.content)
    exported = app.test_client().get(f"/api/v1/trajectories/{investigated}/a-document",
                                     headers=token(app, "psychologist")).json
    assert exported["inhoud"]["medisch"] == {"verzegeld": True, "hash": exported["sectie_hashes"]["medisch"]}
    assert content_hash(exported["inhoud"]) == exported["inhoud_hash"] == whole.content_hash
    Draft202012Validator(SCHEMA).validate(exported)                  # the documented schema knows a sealed section
    services.documents.sign(investigated, people["psychologist"])
    signed = services.documents.view(investigated, people["coordinator"]).signatures
    assert [(s.role, s.valid) for s in signed] == [("psychologist", True)]


def test_an_edit_of_any_section_changes_the_root_even_a_sealed_one():
    content = {"identificatie": {"naam": "Lotte"}, "medisch": {"bevindingen": [{"samenvatting": "a"}]}}
    root = content_hash(content)
    assert content_hash(seal(content)) == root
    edited = {**content, "medisch": {"bevindingen": [{"samenvatting": "b"}]}}
    assert content_hash(edited) != root and content_hash(seal(edited)) != root
    assert content_hash({**content, "identificatie": {"naam": "Lotta"}}) != root
    assert section_hashes(seal(content))["medisch"] == section_hashes(content)["medisch"]


def test_medical_findings_stay_out_of_events_and_the_dossier_for_other_disciplines(app, browser, people,
                                                                                    investigated, child):
    events = app.test_client().get(f"/api/v1/trajectories/{investigated}/events",
                                   headers=token(app, "psychologist"))
    assert events.status_code == 200 and SECRET not in events.get_data(True) and SHARED in events.get_data(True)
    dossier = browser("psychologist").get(f"/kinderen/{child}").text
    assert SECRET not in dossier and SHARED in dossier


# -- 3. withdrawn consent halts sharing ---------------------------------------------------------------

@pytest.fixture
def halted(services, people, investigated):
    services.trajectories.withdraw_consent(investigated, "Moeder trekt in op 3/10.", people["coordinator"])
    return investigated


def test_while_consent_is_withdrawn_the_team_reads_and_changes_nothing(app, browser, services, people, halted,
                                                                       child):
    psychologist, client, auth = browser("psychologist"), app.test_client(), token(app, "psychologist")
    task = _ready(services, halted, "onderzoek_sociaal").id
    for response in (psychologist.get(f"/trajecten/{halted}/a-document"),
                     psychologist.post(f"/trajecten/{halted}/a-document/ondertekenen", {}),
                     client.get(f"/api/v1/trajectories/{halted}/a-document", headers=auth),
                     client.get(f"/api/v1/trajectories/{halted}", headers=auth)):
        assert response.status_code == 403 and "instemming is ingetrokken" in response.get_data(True)
    social = browser("social-worker")
    for response in (social.get(f"/taken/{task}"), social.post(f"/taken/{task}", {"actie": "concept"}),
                     social.post(f"/taken/{task}/nemen", {})):
        assert response.status_code == 403 and "instemming is ingetrokken" in response.get_data(True)
    events = client.get(f"/api/v1/trajectories/{halted}/events", headers=auth).json
    assert {e["actor"] for e in events} == {people["psychologist"].id}          # their own contribution only
    assert SHARED in str(events) and SECRET not in str(events)
    dossier = psychologist.get(f"/kinderen/{child}").text
    assert SHARED in dossier and "Intake en vraagverheldering" not in dossier and "Sofie Janssens" not in dossier


def test_while_consent_is_withdrawn_the_coordinator_sees_what_restores_it(browser, services, people, halted, child):
    coordinator = browser("coordinator")
    dossier = coordinator.get(f"/kinderen/{child}").text
    assert "Instemming opnieuw gegeven" in dossier and "Moeder trekt in op 3/10." in dossier
    assert SECRET not in dossier and SHARED not in dossier
    assert coordinator.get(f"/trajecten/{halted}/a-document").status_code == 403
    services.trajectories.restore_consent(halted, "Opnieuw akkoord op 5/10.", people["coordinator"])
    assert SECRET in coordinator.get(f"/trajecten/{halted}/a-document").text


def test_escalations_during_the_halt_go_to_the_coordinator_only(services, people, halted, test_clock):
    services.scheduler.tick(test_clock.now.replace(year=test_clock.now.year + 1))
    assert not services.inbox.tasks(people["team_lead"])
    rows = [r for r in services.inbox.tasks(people["coordinator"]) if r.halted]
    assert rows and all(r.lane == "team_lead" and r.element.startswith("escalatie") for r in rows)
    services.trajectories.restore_consent(halted, "Opnieuw akkoord.", people["coordinator"])
    assert any(r.element.startswith("escalatie") for r in services.inbox.tasks(people["team_lead"]))
    assert not [r for r in services.inbox.tasks(people["coordinator"]) if r.halted]


def test_consent_is_withdrawn_only_where_it_was_given(browser, services, people):
    coordinator = people["coordinator"]
    child = make_child(services, coordinator, "14012012392", date(2014, 1, 20))
    trajectory = services.trajectories.start(child, coordinator)
    page = browser("coordinator").post(f"/trajecten/{trajectory}/instemming",
                                       {"actie": "intrekken", "toelichting": "Vader belt."},
                                       token_from=f"/kinderen/{child}")
    assert page.status_code == 409 and "enkel ingetrokken worden waar ze gegeven is" in page.text
    assert services.trajectories.view(trajectory).consent == "open"


# -- 4. a coordinator reaches only their own children ---------------------------------------------------

@pytest.fixture
def other_coordinator(services):
    return services.people.add("coordinator-2", "wachtwoord-123", ["coordinator"], "Andere Coördinator")


def test_a_coordinator_lists_and_searches_only_their_children(browser, services, people, team_trajectory, child,
                                                              other_coordinator):
    other = browser("coordinator-2")
    for url in ("/kinderen", "/kinderen?zoek=Lotte", "/kinderen?zoek=16051412351", "/kinderen?zoek=1605"):
        assert "Peeters" not in other.get(url).text, url
    assert other.get(f"/kinderen/{child}").status_code == 403
    assert "Lotte" in browser("coordinator").get("/kinderen?zoek=Lot").text
    with services.uow() as uow:
        listed = [e for e in uow.access.about("kinderen") if e.actor == other_coordinator.id]
        mine = [e for e in uow.access.about("kinderen") if e.actor == people["coordinator"].id]
    assert [(e.action, e.detail) for e in listed] == [("lijst", None)] + [("zoeken", None)] * 3
    assert mine[-1].action == "zoeken" and mine[-1].detail == child and "Lot" not in (mine[-1].detail or "")


def test_a_coordinator_of_another_team_cannot_start_or_read_a_childs_trajectory(app, services, people, child,
                                                                              team_trajectory, other_coordinator):
    client, auth = app.test_client(), token(app, "coordinator-2")
    assert client.post("/api/v1/trajectories", headers=auth, json={"child_id": child}).status_code == 403
    assert client.get(f"/api/v1/trajectories/{team_trajectory}", headers=auth).status_code == 403


def test_registering_a_known_insz_says_who_coordinates_and_nothing_more(browser, people, team_trajectory,
                                                                         other_coordinator):
    page = browser("coordinator-2").post("/kinderen/nieuw", {
        "insz": "16051412351", "voornaam": "X", "familienaam": "Y", "geboortedatum": "2016-05-14",
        "vertegenwoordiger.0.naam": "Z", "vertegenwoordiger.0.relatie": "moeder",
        "vertegenwoordiger.0.wettelijk": "1"}, token_from="/kinderen/nieuw")
    assert page.status_code == 409 and "heeft al een dossier" in page.text and "Coordinator Persoon" in page.text
    assert "Location" not in page.headers and "Lotte" not in page.text and "Sofie" not in page.text


def test_a_child_has_at_most_one_running_trajectory(app, services, people, child, team_trajectory):
    response = app.test_client().post("/api/v1/trajectories", headers=token(app, "coordinator"),
                                      json={"child_id": child})
    assert response.status_code == 409 and team_trajectory in response.json["detail"]
    assert response.content_type == "application/problem+json"
    with services.uow() as uow:
        assert len(uow.trajectories.of_child(child)) == 1


# -- 6. the agreement names its parties ----------------------------------------------------------------

def test_an_agreement_needs_parties_with_a_known_role(browser, services, people, everyone):
    from tests.web.test_a_document import FAMILY
    coordinator = people["coordinator"]
    child = services.children.register("16051412549", "Ruben", "Claes", date(2016, 5, 14), coordinator, FAMILY)
    trajectory = services.trajectories.start(child, coordinator)
    services.teams.set_role(trajectory, "coordinator", [coordinator.id, everyone.id], coordinator)
    for role in ("psychologist", "speech_therapist"):
        services.teams.set_role(trajectory, role, [everyone.id], coordinator)
    from tests.store.helpers import run_scenario
    run_scenario(services, trajectory, everyone, "standaard", stop_at="akkoord_client")
    page = browser("coordinator")
    url = f"/trajecten/{trajectory}/a-document/akkoord"
    nobody = page.post(url, {"datum": "2026-10-01"}, token_from=f"/trajecten/{trajectory}/a-document")
    assert nobody.status_code == 422 and "Het akkoord kan zo niet geregistreerd worden" in nobody.text
    boss = page.post(url, {"datum": "2026-10-01", "naam": "Sofie Janssens", "rol": "baas"},
                     token_from=f"/trajecten/{trajectory}/a-document")
    assert boss.status_code == 422
    assert services.documents.view(trajectory, coordinator).agreement is None
    fine = page.post(url, {"datum": "2026-10-01", "naam": "Sofie Janssens", "rol": "wettelijke_vertegenwoordiger"},
                     token_from=f"/trajecten/{trajectory}/a-document")
    assert fine.status_code == 302
    assert services.documents.view(trajectory, coordinator).agreement["parties"][0]["naam"] == "Sofie Janssens"
