"""Completed steps are read back (issue 12): a read-only page per completed task, linked from the
dossier's contributions and timeline, as need-to-know lets the reader see that task's lane."""

from __future__ import annotations

import re

import pytest

from engine.history import events
from tests.steps.trajectory import SCENARIOS, answer
from tests.web.conftest import csrf

MEDICAL = "MEDISCH-STAP-4R"


def _ready(services, trajectory, element):
    return next(t for t in services.trajectories.view(trajectory).ready if t.element == element)


def _steps(services, trajectory) -> dict[str, int]:
    """element → seq of the event that completed it (the last time)."""
    with services.uow() as uow:
        return {events.payload(e)["element"]: e.seq for e in uow.events.of_trajectory(trajectory)
                if e.type == events.TASK_COMPLETED}


@pytest.fixture
def investigated(services, people, team_trajectory):
    """The team trajectory after the physician recorded medication and the psychologist a finding."""
    medical = answer(SCENARIOS["vaph_aanvraag"], "onderzoek_medisch")
    medical["bevinding"]["medicatie"] = [{"naam": MEDICAL, "dosis": "2 mg"}]
    services.trajectories.complete_task(_ready(services, team_trajectory, "onderzoek_medisch").id, medical,
                                        people["physician"])
    services.trajectories.complete_task(_ready(services, team_trajectory, "onderzoek_psychologisch").id,
                                        answer(SCENARIOS["vaph_aanvraag"], "onderzoek_psychologisch"),
                                        people["psychologist"])
    return team_trajectory


def test_the_registration_and_the_intake_are_read_back_from_the_dossier(browser, services, people, investigated,
                                                                         child):
    coordinator = browser("coordinator")
    dossier = coordinator.get(f"/kinderen/{child}").text
    steps = _steps(services, investigated)
    for element in ("aanmelding", "intake", "instemming", "registratie_a001"):
        assert f'href="/trajecten/{investigated}/stappen/{steps[element]}"' in dossier, element
    intake = coordinator.get(f"/trajecten/{investigated}/stappen/{steps['intake']}")
    assert intake.status_code == 200
    assert "Hoe helpen we Ruben, en wie kan ons thuis ondersteunen?" in intake.text
    assert "Wordt ondersteuning van het VAPH gevraagd?" in intake.text and ">Ja<" in intake.text
    assert "15/09/2026" in intake.text and "2026-09-15<" not in intake.text
    consent = coordinator.get(f"/trajecten/{investigated}/stappen/{steps['instemming']}").text
    assert "Delen van gegevens binnen het team" in consent and "delen_team" not in consent      # choice titles
    assert "Sofie Janssens" in consent and "Moeder" in consent
    registration = coordinator.get(f"/trajecten/{investigated}/stappen/{steps['aanmelding']}").text
    assert "CLB Gent-Centrum" in registration and "Coordinator Persoon" in registration


def test_the_timeline_labels_every_kind_and_links_the_steps_one_may_read(browser, services, people, investigated,
                                                                         child):
    page = browser("psychologist").get(f"/kinderen/{child}").text
    timeline = page[page.index('class="timeline"'):]
    steps = _steps(services, investigated)
    assert "Traject gestart" in timeline and "Taak afgerond" in timeline and "taak_afgerond" not in timeline
    assert f'/stappen/{steps["onderzoek_psychologisch"]}"' in timeline          # one's own
    assert f'/stappen/{steps["intake"]}"' in timeline                           # shared
    assert f'/stappen/{steps["onderzoek_medisch"]}"' not in timeline            # the physician's lane
    assert "Medisch onderzoek" in timeline                                       # that it happened is progress


@pytest.mark.parametrize("username, allowed", [("physician", True), ("coordinator", True), ("psychologist", False),
                                               ("social-worker", False), ("team-lead", False)])
def test_a_medical_step_is_read_only_by_physicians_and_the_coordinator(browser, services, investigated, username,
                                                                       allowed):
    seq = _steps(services, investigated)["onderzoek_medisch"]
    page = browser(username).get(f"/trajecten/{investigated}/stappen/{seq}")
    assert page.status_code == (200 if allowed else 403)
    assert (MEDICAL in page.text) is allowed
    if not allowed:
        assert "Geen toegang" in page.text


def test_shared_steps_are_for_the_team_and_not_for_outsiders(browser, services, people, investigated):
    seq = _steps(services, investigated)["intake"]
    services.people.add("andere-psy", "wachtwoord-123", ["psychologist"], "Andere Psy")
    assert browser("social-worker").get(f"/trajecten/{investigated}/stappen/{seq}").status_code == 200
    assert browser("team-lead").get(f"/trajecten/{investigated}/stappen/{seq}").status_code == 403
    assert browser("andere-psy").get(f"/trajecten/{investigated}/stappen/{seq}").status_code == 403
    assert browser("quality-center").get(f"/trajecten/{investigated}/stappen/{seq}").status_code == 403
    assert browser("coordinator").get(f"/trajecten/{investigated}/stappen/1").status_code == 404   # the start


def test_while_consent_is_withdrawn_one_reads_only_ones_own_steps(browser, services, people, investigated):
    steps = _steps(services, investigated)
    services.trajectories.withdraw_consent(investigated, "Moeder trekt in.", people["coordinator"])
    psychologist = browser("psychologist")
    assert psychologist.get(f"/trajecten/{investigated}/stappen/{steps['onderzoek_psychologisch']}").status_code \
        == 200
    refused = psychologist.get(f"/trajecten/{investigated}/stappen/{steps['intake']}")
    assert refused.status_code == 403 and "instemming is ingetrokken" in refused.text


def test_a_completed_task_leads_its_team_to_the_steps_page(browser, services, people, investigated):
    with services.uow() as uow:
        done = [e for e in uow.events.of_trajectory(investigated) if e.type == events.TASK_COMPLETED][-1]
    task = events.payload(done)["task"]
    reopened = browser("psychologist").get(f"/taken/{task}")
    assert reopened.status_code == 302 and reopened.location.endswith(f"/trajecten/{investigated}/stappen/{done.seq}")
    services.people.add("andere-psy", "wachtwoord-123", ["psychologist"], "Andere Psy")
    assert browser("andere-psy").get(f"/taken/{task}").status_code == 404           # outsiders learn nothing more


def test_a_step_reads_in_english_with_the_forms_own_translations(browser, services, investigated):
    seq = _steps(services, investigated)["intake"]
    coordinator = browser("coordinator")
    coordinator.post("/taal", {"lang": "en", "csrf_token": csrf(coordinator.get("/taken").text)})
    page = coordinator.get(f"/trajecten/{investigated}/stappen/{seq}").text
    assert "Date of the intake" in page and "Sep 15, 2026" in page and ">Yes<" in page
    assert "Answers" in page and "Completed by" in page
    assert not re.search(r">\s*(Antwoorden|Afgerond door|Ja|Nee)\s*<", page)
