"""Checks a person expects, on the task page: "Nee" never submits, domain errors land next to
their field, the browser can check the phone field, required and optional say the same thing,
and in English every server-side field message is English."""

from __future__ import annotations

import html
import re
from datetime import date, timedelta

import pytest

from tests.store.helpers import run_scenario, start_with_team
from web import formrender

ERROR = re.compile(r'<p class="error" id="(?:f-)?([^"]+?)(?:-error)?"><span class="visually-hidden">[^<]*</span>'
                   r'([^<]*)</p>')


def ready(services, trajectory, element) -> str:
    return next(t.id for t in services.trajectories.view(trajectory).ready if t.element == element)


def inbox_task(services, person, element) -> str:
    return next(r.task_id for r in services.inbox.tasks(person) if r.element == element)


def errors_on(page) -> dict[str, str]:
    return {name: html.unescape(message).strip() for name, message in ERROR.findall(page.text)}


@pytest.fixture
def own_child(services, everyone):
    return services.children.register("16051412351", "Lotte", "Peeters", date(2016, 5, 14), everyone)


@pytest.fixture
def walk(services, everyone, own_child):
    """A trajectory of `everyone` (on the team in every role), run to a task of the standard scenario."""
    def to(element: str, scenario: str = "standaard") -> tuple[str, str]:
        trajectory = start_with_team(services, own_child, everyone)
        run_scenario(services, trajectory, everyone, scenario, stop_at=element)
        return trajectory, ready(services, trajectory, element)
    return to


# -- 1. "Nee" submits nothing ------------------------------------------------------------------

def test_nee_does_not_submit_and_the_page_says_why(browser, services, everyone, walk):
    trajectory, task = walk("a_document_indienen")
    person = browser("alleskunner")
    page = person.post(f"/taken/{task}", {"actie": "afronden", "indienen_bevestigd": "nee"},
                       token_from=f"/taken/{task}")
    assert page.status_code == 422
    assert errors_on(page)["indienen_bevestigd"].startswith("kies Ja om het A-document in te dienen")
    assert services.documents.view(trajectory, everyone).status == "concept"
    assert services.trajectories.view(trajectory).status == "lopend"
    assert task in [t.id for t in services.trajectories.view(trajectory).ready]
    done = person.post(f"/taken/{task}", {"actie": "afronden", "indienen_bevestigd": "ja"},
                       token_from=f"/taken/{task}")
    assert done.status_code == 302 and services.documents.view(trajectory, everyone).status == "ingediend"


def test_nee_does_not_sign_and_sends_the_report_back(services, everyone, walk):
    trajectory, task = walk("ondertekenen_psychologisch")
    services.trajectories.complete_task(task, {"akkoord_met_verslag": False,
                                               "opmerkingen_bij_verslag": "De faalangst ontbreekt."}, everyone)
    services.trajectories.complete_task(ready(services, trajectory, "ondertekenen_logopedisch"),
                                        {"akkoord_met_verslag": True}, everyone)
    signed = {s.role for s in services.documents.view(trajectory, everyone).signatures}
    assert signed == {"speech_therapist"}
    assert "verslag_bijwerken" in [t.element for t in services.trajectories.view(trajectory).ready]


def test_nee_from_every_party_agrees_to_nothing(services, everyone, walk):
    trajectory, task = walk("akkoord_client")
    services.trajectories.complete_task(task, {"akkoord_datum": "2026-11-20", "akkoorden": [
        {"naam": "Sofie Janssens", "rol": "wettelijke_vertegenwoordiger", "akkoord": False}]}, everyone)
    view = services.documents.view(trajectory, everyone)
    assert "Geen wettelijke vertegenwoordiger ging akkoord." in [m.message for m in view.missing]
    assert "verslag_bijwerken" in [t.element for t in services.trajectories.view(trajectory).ready]


# -- 2. domain checks land next to their field -------------------------------------------------

def test_a_test_date_in_the_future_is_refused_next_to_the_field(browser, people, services, team_trajectory):
    task = inbox_task(services, people["psychologist"], "onderzoek_psychologisch")
    tomorrow = (date.today() + timedelta(days=2)).isoformat()
    page = browser("psychologist").post(f"/taken/{task}", {
        "actie": "afronden", "bevinding.samenvatting": "Kort.", "bevinding.conclusie": "ASS.",
        "bevinding.afgenomen_onderzoeken.__present__": "1", "bevinding.afgenomen_onderzoeken.0.instrument": "ADOS-2",
        "bevinding.afgenomen_onderzoeken.0.datum": tomorrow, "bevinding.afgenomen_onderzoeken.0.resultaat": "14"},
        token_from=f"/taken/{task}")
    assert page.status_code == 422
    assert errors_on(page)["bevinding-afgenomen_onderzoeken-0-datum"].startswith("ligt in de toekomst")


# -- 3. the browser can check the phone field --------------------------------------------------

def test_the_phone_field_carries_a_pattern_browsers_accept(browser, people, services, child):
    from engine.guidelines import patterns
    services.trajectories.start(child, people["coordinator"])
    task = inbox_task(services, people["coordinator"], "aanmelding")
    page = browser("coordinator").get(f"/taken/{task}")
    tag = re.search(r'<input id="f-aanmelder-telefoon"[^>]*>', page.text).group(0)
    pattern = html.unescape(re.search(r'pattern="([^"]*)"', tag).group(1))
    assert patterns.browser_problem(pattern) is None, pattern


# -- 4. required and optional say the same thing -----------------------------------------------

def test_a_field_of_an_optional_group_is_not_required_by_the_browser(browser, services, walk):
    _, task = walk("verslag")
    page = browser("alleskunner").get(f"/taken/{task}")
    name = re.search(r'<input id="f-ontvanger_documenten-naam"[^>]*>', page.text).group(0)
    assert " required" not in name
    assert "verplicht als je dit deel invult" in page.text
    urgency = re.search(r'<input type="radio" name="urgentie"[^>]*>', page.text).group(0)
    assert " required" in urgency


def _walk(fields, optional_above=False):
    for f in fields:
        yield f, optional_above
        if f.kind == "group":
            yield from _walk(f.children, optional_above or not f.required)
        yield from _walk(f.template)                  # a row that is there is filled in


def test_no_shipped_form_requires_what_it_calls_optional(shipped_guideline):
    wrong = []
    for name, schema in sorted(shipped_guideline.forms.items()):
        for f, optional_above in _walk(formrender.build(schema, {}, {}, lambda p, dutch: dutch)):
            text = (f.hint or "").lower()
            if f.required and optional_above:
                wrong.append(f"{name}:{f.name}: verplicht in een groep die niet verplicht is")
            if f.required and ("later" in text or "optioneel" in text or text.startswith("verplicht als")):
                wrong.append(f"{name}:{f.name}: verplicht, maar de uitleg zegt '{f.hint}'")
    assert wrong == []


# -- 5. English mode: no Dutch field message ---------------------------------------------------

DUTCH = re.compile(r"\b(is verplicht|moet|mag|bevat|ligt|geen|kies|vandaag|jaar|kind|tekens?|getal|datum|waarden|"
                   r"vorm|veld|hoogstens|minstens|een|het|van|dit|niet|bij|wordt|verandert|uit)\b", re.IGNORECASE)


def english(person):
    person.post("/taal", {"lang": "en", "next": "/taken"})
    return person


def test_in_english_every_server_side_field_message_is_english(browser, people, services, child, team_trajectory):
    seen: dict[str, str] = {}
    coordinator = english(browser("coordinator"))
    # A second child, at registration: pattern, format, required, read-only, before birth, characters, maxLength.
    other = services.children.register("14012012392", "Ruben", "Claes", date(2014, 1, 20), people["coordinator"])
    started = services.trajectories.start(other, people["coordinator"])
    task = ready(services, started, "aanmelding")
    page = coordinator.post(f"/taken/{task}", {
        "actie": "afronden", "kind_geboortedatum": "2008-01-20", "aanmeldingsdatum": "2010-01-01",
        "aanmelder.organisatie": "CLB", "aanmelder.telefoon": "bel me", "aanmelder.email": "geen-adres",
        "aanmelder.functie": "x" * 201, "aanleiding": "Vraag \u202e omgekeerd."}, token_from=f"/taken/{task}")
    assert page.status_code == 422
    seen.update(errors_on(page))
    assert {"aanmelder-naam", "aanmelder-telefoon", "aanmelder-email", "aanmelder-functie", "aanleiding",
            "kind_geboortedatum", "aanmeldingsdatum"} <= set(seen)
    # The psychologist: type, minimum, a date in the future.
    psychologist = english(browser("psychologist"))
    task = inbox_task(services, people["psychologist"], "onderzoek_psychologisch")
    for iq in ("twaalf", "10"):
        page = psychologist.post(f"/taken/{task}", {
            "actie": "afronden", "bevinding.samenvatting": "Kort.", "bevinding.totaal_iq": iq,
            "bevinding.afgenomen_onderzoeken.__present__": "1", "bevinding.afgenomen_onderzoeken.0.instrument": "X",
            "bevinding.afgenomen_onderzoeken.0.datum": "2999-01-01",
            "bevinding.afgenomen_onderzoeken.0.resultaat": "1"},
            token_from=f"/taken/{task}")
        seen.update({f"{k}:{iq}": v for k, v in errors_on(page).items()})
    # The physician: a code that is no code.
    physician = english(browser("physician"))
    task = inbox_task(services, people["physician"], "onderzoek_medisch")
    page = physician.post(f"/taken/{task}", {
        "actie": "afronden", "bevinding.samenvatting": "Kort.", "bevinding.conclusie": "ASS.",
        "bevinding.diagnosecodes.__present__": "1", "bevinding.diagnosecodes.0.systeem": "ICD-10",
        "bevinding.diagnosecodes.0.code": "dertig"}, token_from=f"/taken/{task}")
    seen.update(errors_on(page))
    assert "bevinding-diagnosecodes-0-code" in seen
    # Consent: the capability rule, a choice that is not offered, nothing chosen.
    run_scenario(services, started, people["coordinator"], "standaard", stop_at="instemming")
    task = ready(services, started, "instemming")
    page = coordinator.post(f"/taken/{task}", {
        "actie": "afronden", "instemming_datum": date.today().isoformat(), "kind_instemming": "ja",
        "bekwaamheid_oordeel": "misschien", "wettelijke_vertegenwoordigers.__present__": "1",
        "instemming_reikwijdte.__present__": "1"}, token_from=f"/taken/{task}")
    seen.update(errors_on(page))
    assert {"wettelijke_vertegenwoordigers", "bekwaamheid_oordeel", "instemming_reikwijdte"} <= set(seen)
    # Text refusals of engine/text.py, on the inbox search.
    for term in ("x" * 101, "a\u202eb"):
        page = coordinator.get("/taken", query_string={"zoek": term})
        assert page.status_code == 422
        seen.update({f"zoek:{len(term)}": m for m in errors_on(page).values()})
    dutch = {name: message for name, message in seen.items() if DUTCH.search(message) or not message}
    assert dutch == {}, dutch
    assert len(seen) >= 17
