"""The task page shows what the trajectory already knows instead of asking for it again: the child's
legal representatives, the recipient of the documents, the findings a team meeting integrates."""

from __future__ import annotations

import re
from datetime import date

import pytest

from tests.steps.trajectory import SCENARIOS, answer
from tests.store.helpers import run_scenario

FAMILY = [{"naam": "Sofie Janssens", "relatie": "moeder", "telefoon": "0470 12 34 56", "email": "",
           "wettelijk": True, "in_contact": True},
          {"naam": "Tom Peeters", "relatie": "vader", "telefoon": "", "email": "", "wettelijk": True,
           "in_contact": True},
          {"naam": "Oma Rita", "relatie": "andere", "telefoon": "", "email": "", "wettelijk": False,
           "in_contact": True}]


@pytest.fixture
def family_child(services, people):
    return services.children.register("16051412549", "Ruben", "Claes", date(2016, 5, 14), people["coordinator"],
                                      FAMILY)


def _ready(services, trajectory, element) -> str:
    return next(t.id for t in services.trajectories.view(trajectory).ready if t.element == element)


def _value(html: str, name: str) -> str | None:
    found = re.search(rf'name="{re.escape(name)}" type="text"\s+value="([^"]*)"', html)
    return found.group(1) if found else None


def test_the_consent_task_brings_the_legal_representatives_from_the_child_record(browser, people, services,
                                                                                 family_child):
    coordinator = people["coordinator"]
    trajectory = services.trajectories.start(family_child, coordinator)
    run_scenario(services, trajectory, coordinator, "standaard", stop_at="instemming")
    task = _ready(services, trajectory, "instemming")
    page = browser("coordinator").get(f"/taken/{task}")
    assert _value(page.text, "wettelijke_vertegenwoordigers.0.naam") == "Sofie Janssens"
    assert _value(page.text, "wettelijke_vertegenwoordigers.1.naam") == "Tom Peeters"
    assert "Oma Rita" not in page.text                                 # family, but not a legal representative
    assert re.search(r'name="wettelijke_vertegenwoordigers.1.relatie" value="vader"\s+checked', page.text)
    assert 'name="wettelijke_vertegenwoordigers.0.instemming" value="ja"\n' in page.text   # their answer stays open
    assert "Ingevuld uit het dossier van het kind: Wettelijke vertegenwoordigers." in page.text

    done = browser("coordinator").post(f"/taken/{task}", {
        "actie": "afronden", "instemming_datum": "2026-09-08", "kind_instemming": "ja",
        "instemming_reikwijdte": ["diagnostiek", "delen_team"], "wettelijke_vertegenwoordigers.__present__": "1",
        "wettelijke_vertegenwoordigers.0.naam": "Sofie Janssens", "wettelijke_vertegenwoordigers.0.relatie": "moeder",
        "wettelijke_vertegenwoordigers.0.instemming": "ja"}, token_from=f"/taken/{task}")
    assert done.status_code == 302
    assert services.trajectories.view(trajectory).consent == "gegeven"


def test_the_report_and_the_a_document_offer_the_recipient_they_know(browser, people, services, everyone,
                                                                     family_child):
    coordinator = people["coordinator"]
    trajectory = services.trajectories.start(family_child, coordinator)
    services.teams.set_role(trajectory, "coordinator", [coordinator.id, everyone.id], coordinator)
    for role in ("psychologist", "speech_therapist"):
        services.teams.set_role(trajectory, role, [everyone.id], everyone)
    run_scenario(services, trajectory, everyone, "standaard", stop_at="verslag")
    report = _ready(services, trajectory, "verslag")
    page = browser("coordinator").get(f"/taken/{report}")
    assert _value(page.text, "ontvanger_documenten.naam") == "Sofie Janssens"

    services.trajectories.complete_task(report, {"typemodules": [{"typemodule": "diagnostiek", "termijn": "1 jaar"}],
                                                 "urgentie": "hoog"}, everyone)      # no recipient given
    document = browser("coordinator").get(f"/trajecten/{trajectory}/a-document")
    assert "Er is geen ontvanger van de documenten." in document.text       # a suggestion is not a choice
    assert _value(document.text, "ontvanger_documenten.naam") == "Sofie Janssens"
    assert re.search(r'name="ontvanger_documenten.relatie" value="moeder"\s+checked', document.text)
    assert "Voorgesteld uit het dossier van het kind: Ontvanger van de documenten." in document.text


def test_the_team_meeting_shows_the_findings_it_integrates(browser, people, services, team_trajectory):
    vaph = SCENARIOS["vaph_aanvraag"]
    for role, element in (("psychologist", "onderzoek_psychologisch"), ("physician", "onderzoek_medisch"),
                          ("social_worker", "onderzoek_sociaal"), ("speech_therapist", "onderzoek_logopedisch")):
        services.trajectories.complete_task(_ready(services, team_trajectory, element), answer(vaph, element),
                                            people[role])
    meeting = _ready(services, team_trajectory, "teamoverleg")
    before = services.trajectories.view(team_trajectory).event_count
    page = browser("coordinator").get(f"/taken/{meeting}").text
    shown = page.index("Bevindingen van de laatste onderzoeksronde")
    assert shown < page.index('<form method="post" class="task-form">')          # read first, then write
    for element in ("onderzoek_psychologisch", "onderzoek_medisch", "onderzoek_sociaal", "onderzoek_logopedisch"):
        assert vaph[element]["bevinding"]["samenvatting"] in page[shown:]
    assert "Neurologisch onderzoek normaal." in page                  # the coordinator reads medical findings
    assert "<dt>Samenvatting van de bevindingen</dt>" in page and "ADOS-2, 2026-10-06, Module 3: 14" in page
    assert re.search(r"<h3>Psycholoog / orthopedagoog, ronde 1 <span class=\"muted\">\(\d\d/\d\d/\d{4}\)", page)
    assert services.trajectories.view(team_trajectory).event_count == before       # shown, not recorded again
