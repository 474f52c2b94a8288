"""The auditor's conformance page in a real browser: lead times painted on the guideline's diagram as
a heat map with a median · p90 badge per step, the exports offered, no client data, axe-core clean."""

from __future__ import annotations

from datetime import date

from tests.browser.test_journeys import accessible, shoot
from tests.steps.trajectory import SCENARIOS, answer, as_recorded
from tests.store.helpers import EVERYONE, make_child, start_with_team

SLOW = {"intake": 20, "strategie": 30, "onderzoek_psychologisch": 200, "onderzoek_logopedisch": 120,
        "teamoverleg": 48, "verslag": 70}                  # hours a step takes (others: 4)


def _walk(services, actor, trajectory, clock, slower: float) -> None:
    scenario, rounds = SCENARIOS["standaard"], {}
    while True:
        ready = [t for t in services.trajectories.view(trajectory).ready if t.element in scenario]
        if not ready:
            return
        task = ready[0]
        clock.advance(hours=2)
        services.inbox.claim(task.id, actor)
        clock.advance(hours=SLOW.get(task.element, 4) * slower)
        services.trajectories.complete_task(task.id, as_recorded(answer(scenario, task.element,
                                                                        rounds.get(task.element, 0))), actor)
        rounds[task.element] = rounds.get(task.element, 0) + 1


def test_an_auditor_reads_lead_times_on_the_diagram(open_as, services, people, test_clock):
    everyone = services.people.add("alleskunner", "wachtwoord-123", EVERYONE, "Al Les")
    for number, (insz, slower) in enumerate((("16051412549", 1.0), ("16051412747", 1.6), ("16051412351", 0.7))):
        trajectory = start_with_team(services, make_child(services, everyone, insz, date(2016, 5, 14)), everyone)
        _walk(services, everyone, trajectory, test_clock, slower)
        test_clock.advance(days=number)
    page = open_as("auditor", lands="/audit")
    page.get_by_role("link", name="Conformantie").click()
    page.wait_for_selector("figure.diagram[data-ready='true']")
    assert page.locator("[class*='ekd-heat']").count() >= 5
    badges = page.locator(".ekd-badge").all_inner_texts()
    assert badges and all("p90" in badge for badge in badges)
    assert "Lotte" not in page.content() and "16051412549" not in page.content()
    table = page.get_by_role("table", name="Doorlooptijd per stap")
    assert table.locator("tbody tr").count() >= 10
    accessible(page)
    page.get_by_role("button", name="Diagnostische fase (doorlooptijden per stap)").click()
    page.wait_for_selector("figure.diagram[data-process='diagnostische_fase'][data-ready='true']")
    assert page.locator("[class*='ekd-heat']").count() >= 4          # strategy, meeting, conclusion, …
    page.locator("figure.diagram").scroll_into_view_if_needed()
    shoot(page, "conformantie")
    with page.expect_download() as download:
        page.get_by_role("link", name="Export voor process mining (XES)").click()
    assert download.value.suggested_filename == "ekd-trajecten.xes"
