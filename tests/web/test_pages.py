"""The pages professionals use: registering, the inbox, the task form, the dossier."""

from __future__ import annotations

import re

from engine.history import events
from tests.web.conftest import csrf

REPRESENTATIVE = {"vertegenwoordiger.0.naam": "Sofie Janssens", "vertegenwoordiger.0.relatie": "moeder",
                  "vertegenwoordiger.0.wettelijk": "1", "vertegenwoordiger.0.in_contact": "1"}


def register(person, insz="16051412351", **changes):
    data = {"insz": insz, "voornaam": "Lotte", "familienaam": "Peeters", "geboortedatum": "2016-05-14",
            **REPRESENTATIVE, **changes}
    return person.post("/kinderen/nieuw", data, token_from="/kinderen/nieuw")


def test_a_coordinator_registers_a_child_once(browser, people, services):
    coordinator = browser("coordinator")
    created = register(coordinator)
    assert created.status_code == 302 and "/kinderen/" in created.headers["Location"]
    again = register(coordinator, voornaam="Lotta")
    assert again.status_code == 409 and "Dit kind heeft al een dossier" in again.text
    dossier = coordinator.get(created.headers["Location"])
    assert "Sofie Janssens" in dossier.text and "wettelijke vertegenwoordiger" in dossier.text


def test_registration_errors_are_shown_next_to_the_field(browser, people):
    page = register(browser("coordinator"), insz="16051412352")
    assert page.status_code == 422
    assert 'id="e-insz"' in page.text and "controlecijfers" in page.text and 'aria-invalid="true"' in page.text


def test_only_coordinators_register_children(browser, people):
    assert browser("psychologist").get("/kinderen/nieuw").status_code == 403


def test_a_coordinator_starts_a_trajectory_and_forms_the_team(browser, people, services, child):
    coordinator = browser("coordinator")
    dossier_url = f"/kinderen/{child}"
    assert coordinator.post(f"{dossier_url}/trajecten", {}, token_from=dossier_url).status_code == 302
    trajectory = services.trajectories.view(services.inbox.tasks(people["coordinator"])[0].trajectory_id)
    response = coordinator.post(f"/trajecten/{trajectory.id}/team",
                                {"lid": [f"coordinator:{people['coordinator'].id}",
                                         f"psychologist:{people['psychologist'].id}"], "next": dossier_url},
                                token_from=dossier_url)
    assert response.status_code == 302
    coordinator.post(f"/trajecten/{trajectory.id}/ankerfiguur", {"persoon": people["psychologist"].id},
                     token_from=dossier_url)
    page = coordinator.get(dossier_url)
    assert "Psychologist Persoon" in page.text
    assert re.search(r"Ankerfiguur</dt><dd>Psychologist Persoon", page.text)


def test_the_inbox_lists_my_tasks_with_deadlines_and_claims(browser, people, team_trajectory):
    psychologist = browser("psychologist")
    inbox = psychologist.get("/taken")
    assert "Psychologisch en orthopedagogisch onderzoek" in inbox.text and "Lotte Peeters" in inbox.text
    assert "Medisch onderzoek" not in inbox.text               # the physician's task is not mine
    task = re.search(r'href="/taken/([^"]+)">Psychologisch', inbox.text).group(1)
    assert psychologist.post(f"/taken/{task}/nemen", {}).status_code == 302
    assert "Vrijgeven" in psychologist.get("/taken").text
    assert "Vrijgeven" in psychologist.get("/taken?genomen=mij").text
    assert "Psychologisch" not in psychologist.get("/taken?genomen=vrij").text


def _task(services, person, element):
    return next(r.task_id for r in services.inbox.tasks(person) if r.element == element)


def test_the_task_form_draws_every_field_type(browser, people, services, team_trajectory):
    page = browser("physician").get(f"/taken/{_task(services, people['physician'], 'onderzoek_medisch')}")
    assert page.status_code == 200
    text = page.text
    assert 'id="f-bevinding-anamnese"' in text and "<textarea" in text            # long text
    assert 'type="date"' in text and 'name="bevinding.afgenomen_onderzoeken.__index__.datum"' in text  # list rows
    assert '<fieldset class="group' in text and "<legend>Bevindingen" in text          # nested object
    assert 'type="radio" name="bevinding.medicatie' not in text
    assert "Rij toevoegen" in text and 'required aria-required="true"' in text


def test_an_invalid_form_shows_field_errors_and_stores_nothing(browser, people, services, team_trajectory):
    task = _task(services, people["psychologist"], "onderzoek_psychologisch")
    person = browser("psychologist")
    before = services.trajectories.view(team_trajectory).event_count
    response = person.post(f"/taken/{task}", {"actie": "afronden", "bevinding.totaal_iq": "twaalf",
                                              "bevinding.samenvatting": "Kort."}, token_from=f"/taken/{task}")
    assert response.status_code == 422
    assert 'id="f-bevinding-conclusie-error"' in response.text and "is verplicht" in response.text
    assert 'id="f-bevinding-totaal_iq-error"' in response.text and "geheel getal" in response.text
    assert ">Kort.</textarea>" in response.text                                  # what was typed stays
    assert services.trajectories.view(team_trajectory).event_count == before
    assert task in [r.task_id for r in services.inbox.tasks(people["psychologist"])]


def test_a_draft_is_kept_and_a_complete_form_completes_the_task(browser, people, services, team_trajectory):
    task = _task(services, people["psychologist"], "onderzoek_psychologisch")
    person = browser("psychologist")
    draft = {"actie": "concept", "bevinding.samenvatting": "Half af."}
    assert person.post(f"/taken/{task}", draft, token_from=f"/taken/{task}").status_code == 302
    assert "Half af." in person.get(f"/taken/{task}").text
    done = {"actie": "afronden", "bevinding.samenvatting": "Gemiddelde intelligentie.",
            "bevinding.conclusie": "ASS, niveau 2.", "bevinding.afgenomen_onderzoeken.__present__": "1",
            "bevinding.afgenomen_onderzoeken.0.instrument": "ADOS-2",
            "bevinding.afgenomen_onderzoeken.0.datum": "2026-10-06",
            "bevinding.afgenomen_onderzoeken.0.resultaat": "Module 3: 14", "bevinding.totaal_iq": "98"}
    assert person.post(f"/taken/{task}", done, token_from=f"/taken/{task}").status_code == 302
    with services.uow() as uow:
        last = [e for e in uow.events.of_trajectory(team_trajectory) if e.type == events.TASK_COMPLETED][-1]
    data = events.payload(last)["data"]["bevinding"]
    assert data["totaal_iq"] == 98 and data["afgenomen_onderzoeken"][0]["instrument"] == "ADOS-2"
    # The completed task is read back, not lost: its old address leads to its step's page.
    reopened = person.get(f"/taken/{task}")
    assert reopened.status_code == 302 and f"/trajecten/{team_trajectory}/stappen/{last.seq}" in reopened.location
    step = person.get(reopened.location).text
    assert "Module 3: 14" in step and "06/10/2026" in step and "98" in step and "2026-10-06" not in step


def test_a_psychologist_cannot_open_the_physicians_task_or_medical_findings(browser, people, services,
                                                                           team_trajectory, child):
    medical = _task(services, people["physician"], "onderzoek_medisch")
    psychologist = browser("psychologist")
    assert psychologist.get(f"/taken/{medical}").status_code == 403
    page = psychologist.post(f"/taken/{medical}", {"actie": "afronden"}, token_from="/taken")
    assert page.status_code == 403
    physician = browser("physician")
    physician.post(f"/taken/{medical}", {"actie": "afronden", "bevinding.anamnese": "Vroege ontwikkeling vertraagd.",
                                         "bevinding.medische_bevindingen": "Neurologisch normaal.",
                                         "bevinding.samenvatting": "Geen somatische oorzaak.",
                                         "bevinding.conclusie": "ASS bevestigd."}, token_from=f"/taken/{medical}")
    assert "Neurologisch normaal." in physician.get(f"/kinderen/{child}").text
    assert "Neurologisch normaal." in browser("coordinator").get(f"/kinderen/{child}").text
    dossier = psychologist.get(f"/kinderen/{child}")
    assert dossier.status_code == 200 and "Neurologisch normaal." not in dossier.text
    assert "enkel zichtbaar voor artsen" in dossier.text


def test_roles_without_client_work_see_no_dossier(browser, people, team_trajectory, child):
    for role in ("quality_center", "admin", "auditor"):
        assert browser(role.replace("_", "-")).get(f"/kinderen/{child}").status_code == 403


def test_reads_of_dossiers_and_tasks_are_logged(browser, people, services, team_trajectory, child):
    task = _task(services, people["psychologist"], "onderzoek_psychologisch")
    person = browser("psychologist")
    person.get(f"/kinderen/{child}")
    person.get(f"/taken/{task}")
    with services.uow() as uow:
        assert [e.action for e in uow.access.about(f"kind:{child}")][-1] == "lezen"
        entry = uow.access.about(f"taak:{task}")[-1]
    assert (entry.actor, entry.action) == (people["psychologist"].id, "lezen")


def test_withdrawn_consent_halts_tasks_and_sharing(browser, people, services, team_trajectory, child):
    coordinator = browser("coordinator")
    coordinator.post(f"/trajecten/{team_trajectory}/instemming",
                     {"actie": "intrekken", "toelichting": "Moeder trekt in op 3/10."}, token_from=f"/kinderen/{child}")
    assert services.trajectories.view(team_trajectory).status == "opgeschort"
    psychologist = browser("psychologist")
    assert "Psychologisch" not in psychologist.get("/taken").text
    assert "Je ziet enkel je eigen bijdragen" in psychologist.get(f"/kinderen/{child}").text
    coordinator.post(f"/trajecten/{team_trajectory}/instemming",
                     {"actie": "herstellen", "toelichting": "Opnieuw akkoord op 5/10."},
                     token_from=f"/kinderen/{child}")
    assert "Psychologisch" in psychologist.get("/taken").text


def test_the_dossier_shows_progress_timeline_and_diagram(browser, people, team_trajectory, child):
    page = browser("coordinator").get(f"/kinderen/{child}")
    assert page.status_code == 200
    assert 'data-diagram="{&#34;' in page.text and "&#34;markers&#34;: {&#34;" in page.text
    assert "diagnostische_fase" in page.text
    assert "Intake en vraagverheldering" in page.text and "Traject gestart" in page.text
    assert "/vendor/bpmn-viewer.js" in page.text
    assert csrf(page.text)
