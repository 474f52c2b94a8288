"""What people do in a real browser: register a child, start a trajectory, five disciplines
completing their investigations, errors shown and nothing stored, access refused, progress shown.
Accessibility is checked with axe-core on every page visited (no serious or critical findings)."""

from __future__ import annotations

import copy
import os
import re

from tests.browser.conftest import SCREENSHOTS, axe_violations
from tests.browser.forms import complete, fill
from tests.steps.trajectory import SCENARIOS

DISCIPLINES = ["psychologist", "physician", "social_worker", "speech_therapist", "physiotherapist"]
VAPH = SCENARIOS["vaph_aanvraag"]
INVESTIGATIONS = {
    "psychologist": ("Psychologisch en orthopedagogisch onderzoek", VAPH["onderzoek_psychologisch"]),
    "physician": ("Medisch onderzoek", VAPH["onderzoek_medisch"]),
    "social_worker": ("Sociaal onderzoek: gezin en context", VAPH["onderzoek_sociaal"]),
    "speech_therapist": ("Logopedisch onderzoek", VAPH["onderzoek_logopedisch"]),
    "physiotherapist": ("Motorisch en functioneel onderzoek", SCENARIOS["aanvullend_onderzoek"]["onderzoek_motorisch"]),
}
SHOTS = os.environ.get("EKD_UPDATE_SCREENSHOTS") == "1"


def accessible(page):
    assert axe_violations(page) == [], page.url


def shoot(page, name):
    if SHOTS:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=False)


def test_anonymous_visitors_are_refused(open_as, server):
    page = open_as(None)
    page.goto(f"{server}/taken")
    assert page.url.startswith(f"{server}/login")
    assert page.locator("html").get_attribute("lang") == "nl-BE"
    accessible(page)
    response = page.request.get(f"{server}/api/v1/tasks")
    assert response.status == 401 and response.headers["content-type"] == "application/problem+json"


def register_and_start(page, people):
    page.goto(f"{page.base}/kinderen/nieuw")
    accessible(page)
    page.fill("#insz", "16.05.14-123.51")
    page.fill("#voornaam", "Lotte")
    page.fill("#familienaam", "Peeters")
    page.fill("#geboortedatum", "2016-05-14")
    page.fill("#v-0-naam", "Sofie Janssens")
    page.select_option("#v-0-relatie", "moeder")
    page.get_by_role("button", name="Registreren").click()
    page.wait_for_url(re.compile(r".*/kinderen/[0-9a-f-]{36}$"))
    page.get_by_role("button", name="Traject starten").click()
    page.wait_for_selector("section.trajectory")
    for role in DISCIPLINES:
        page.check(f'input[name="lid"][value="{role}:{people[role].id}"]')
    page.get_by_role("button", name="Team bewaren").click()
    page.wait_for_selector(".flash-success")
    assert page.locator("section.manage details").first.evaluate("e => e.open")      # still open to go on
    accessible(page)
    page.select_option("select[name='persoon']", people["psychologist"].id)
    page.get_by_role("button", name="Aanduiden").click()
    page.wait_for_selector(".flash-success")
    return page.url.split("?")[0]


def test_a_trajectory_from_registration_to_the_team_meeting(open_as, people, services):
    coordinator = open_as("coordinator")
    dossier = register_and_start(coordinator, people)
    standard = copy.deepcopy(SCENARIOS["standaard"])
    standard["strategie"]["gekozen_disciplines"] = DISCIPLINES
    steps = [("Aanmelding registreren", "aanmelding"), ("Screening en urgentie", "screening"),
             ("Informeren en instemming", "instemming"), ("Intake en vraagverheldering", "intake"),
             ("Registratie MDT-traject (A001)", "registratie_a001"), ("Diagnostische strategie bepalen", "strategie")]
    for name, element in steps:
        complete(coordinator, name, standard[element])

    # The psychologist first sends an incomplete form: errors show, nothing is stored.
    psychologist = open_as("psychologist")
    psychologist.get_by_role("link", name=INVESTIGATIONS["psychologist"][0]).click()
    task_url = psychologist.url
    before = services.trajectories.view(services.inbox.tasks(people["psychologist"])[0].trajectory_id).event_count
    psychologist.fill("#f-bevinding-samenvatting", "Nog niet af.")
    psychologist.evaluate("document.querySelector('form.task-form').noValidate = true")
    psychologist.get_by_role("button", name="Afronden").click()
    psychologist.wait_for_selector("#fouten")
    assert psychologist.locator("#f-bevinding-conclusie-error").inner_text().endswith("is verplicht")
    assert psychologist.locator("#f-bevinding-samenvatting").input_value() == "Nog niet af."
    shoot(psychologist, "taakformulier")
    accessible(psychologist)
    trajectory = services.inbox.tasks(people["psychologist"])[0].trajectory_id
    assert services.trajectories.view(trajectory).event_count == before

    # A psychologist cannot open the physician's task.
    physician_task = services.inbox.tasks(people["physician"])[0].task_id
    assert psychologist.goto(f"{psychologist.base}/taken/{physician_task}").status == 403
    assert psychologist.locator("h1").inner_text() == "Geen toegang"

    for role in DISCIPLINES:
        page = psychologist if role == "psychologist" else open_as(role.replace("_", "-"))
        if role == "psychologist":
            page.goto(task_url)
        name, answer = INVESTIGATIONS[role]
        complete(page, name, answer)

    coordinator.goto(f"{coordinator.base}/taken")
    assert coordinator.get_by_role("link", name="Teamoverleg en integratie").count() == 1
    accessible(coordinator)
    shoot(coordinator, "inbox")
    coordinator.goto(f"{coordinator.base}/taken?zoek=geen-zulke-taak")
    assert coordinator.get_by_role("link", name="Filters wissen en alle taken tonen").count() == 1
    accessible(coordinator)

    # The team meeting reads the findings it integrates before it writes.
    coordinator.goto(f"{coordinator.base}/taken")
    coordinator.get_by_role("link", name="Teamoverleg en integratie").click()
    findings = coordinator.get_by_role("heading", name="Bevindingen van de laatste onderzoeksronde")
    assert findings.is_visible() and coordinator.locator("section.findings article").count() == 5
    accessible(coordinator)

    # The dossier shows progress in the diagram, and medical findings only to those who may see them.
    coordinator.goto(dossier)
    coordinator.wait_for_selector(".diagram[data-ready='true']")
    assert coordinator.locator(".diagram[data-ready='true'] .djs-element.ekd-done").count() > 5
    assert coordinator.locator(".diagram[data-ready='true'] .djs-element.ekd-active").count() >= 1
    assert "Neurologisch onderzoek normaal." in coordinator.content()
    # Compact: management folded away once the team stands, contributions and timeline folded.
    assert coordinator.locator("section.manage details").first.evaluate("e => e.open") is False
    assert coordinator.evaluate("document.documentElement.scrollHeight") < 2200
    accessible(coordinator)
    shoot(coordinator, "dossier")
    psychologist.goto(dossier)
    assert "Neurologisch onderzoek normaal." not in psychologist.content()
    assert psychologist.get_by_text("Medische bevindingen: enkel zichtbaar voor artsen").count() == 1


def test_pages_work_on_a_tablet(open_as, people, services):
    from tests.store.helpers import make_child
    child = make_child(services, people["coordinator"])
    page = open_as("coordinator", viewport=(768, 1024))
    page.goto(f"{page.base}/kinderen/{child}")
    page.get_by_role("button", name="Traject starten").click()
    page.goto(f"{page.base}/taken")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.get_by_role("link", name="Aanmelding registreren").click()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    fill(page, SCENARIOS["standaard"]["aanmelding"])
    accessible(page)


def test_the_a_document_page_is_accessible_and_lists_what_is_missing(open_as, people, services, child, everyone):
    from tests.store.helpers import run_scenario
    coordinator = people["coordinator"]
    trajectory = services.trajectories.start(child, everyone)       # the child's registrar
    services.teams.set_role(trajectory, "coordinator", [coordinator.id, everyone.id], everyone)
    for role in DISCIPLINES:
        services.teams.set_role(trajectory, role, [everyone.id], coordinator)
    run_scenario(services, trajectory, everyone, "standaard", stop_at="akkoord_client")
    page = open_as("coordinator")
    page.goto(f"{page.base}/trajecten/{trajectory}/a-document")
    assert page.get_by_role("heading", name="Wat nog ontbreekt").count() == 1
    page.get_by_role("link", name="Het akkoord van de cliënt met het A-document ontbreekt.").click()
    assert page.url.endswith("#akkoord")
    accessible(page)
