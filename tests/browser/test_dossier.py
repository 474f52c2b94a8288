"""The dossier in a real browser: a diagram people can read, zoom and walk into, that leaves the
page's scroll alone; and a page that stays short."""

from __future__ import annotations

import os
import time

import pytest

from tests.browser.conftest import axe_violations
from tests.store.helpers import make_child
from tests.web.conftest import run_as_coordinator

TEAM = ("psychologist", "physician", "social_worker", "speech_therapist", "physiotherapist", "team_lead")


@pytest.fixture
def dossier(services, people):
    """Lotte's dossier, her trajectory at the investigations (the coordinator's steps done)."""
    coordinator = people["coordinator"]
    child = make_child(services, coordinator)
    trajectory = services.trajectories.start(child, coordinator)
    for role in TEAM:
        services.teams.set_role(trajectory, role, [people[role].id], coordinator)
    run_as_coordinator(services, trajectory, coordinator)
    return f"/kinderen/{child}"


def _open(page, url):
    page.goto(f"{page.base}{url}")
    page.wait_for_selector("figure.diagram[data-ready='true']")
    return page.locator("figure.diagram")


def _scale(figure) -> float:
    return float(figure.get_attribute("data-scale"))


def _until(condition, seconds: float = 5) -> None:
    """Wait for what the page does after a wheel turn (smooth scrolling takes a moment)."""
    end = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < end, "the page did not react"
        time.sleep(0.05)


def _lane(page, lane_id: str) -> str:
    return page.locator(f".djs-element[data-element-id='{lane_id}'] .djs-label, "
                        f".djs-element[data-element-id='{lane_id}'] text").first.text_content().strip()


def test_the_diagram_is_readable_and_zooms_with_buttons_and_keys(open_as, people, dossier):
    page = open_as("coordinator")
    figure = _open(page, dossier)
    if os.environ.get("EKD_DOSSIER_SHOT"):
        page.screenshot(path=os.environ["EKD_DOSSIER_SHOT"], full_page=True)
    label = page.locator(".djs-element[data-element-id='aanmelding'] text").first
    assert label.bounding_box()["height"] >= 8            # 12-px text at 0.75 or more, not 3 px
    start = _scale(figure)
    assert start >= 0.75
    assert page.evaluate("(() => { const s = document.querySelector('.diagram-scroll');"
                         " return s.scrollWidth > s.clientWidth; })()")      # wide: it scrolls inside the figure
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    page.get_by_role("button", name="Inzoomen").click()
    assert _scale(figure) > start
    page.get_by_role("button", name="Uitzoomen").click()
    page.get_by_role("button", name="Uitzoomen").click()
    assert _scale(figure) < start

    page.get_by_role("button", name="Inzoomen").focus()
    page.keyboard.press("Tab")                               # from the zoom buttons to the diagram itself
    scroller = page.locator(".diagram-scroll")
    assert scroller.evaluate("e => e === document.activeElement")
    assert scroller.evaluate("e => getComputedStyle(e).outlineStyle") != "none"      # visible focus
    page.keyboard.press("0")
    assert _scale(figure) == pytest.approx(start)
    page.keyboard.press("+")
    assert _scale(figure) > start
    page.keyboard.press("-")
    page.keyboard.press("-")
    assert _scale(figure) < start
    assert axe_violations(page) == []


def test_the_wheel_scrolls_the_page_unless_ctrl_is_held(open_as, people, dossier):
    page = open_as("coordinator", viewport=(1280, 600))
    figure = _open(page, dossier)
    page.evaluate("window.scrollTo(0, 0)")
    figure.scroll_into_view_if_needed()
    before, scale = page.evaluate("window.scrollY"), _scale(figure)
    box = page.locator(".diagram-scroll").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.wheel(0, 300)
    _until(lambda: page.evaluate("window.scrollY") > before)
    assert _scale(figure) == scale

    after = page.evaluate("window.scrollY")
    box = page.locator(".diagram-scroll").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.keyboard.down("Control")
    page.mouse.wheel(0, -200)
    page.keyboard.up("Control")
    _until(lambda: _scale(figure) > scale)
    assert page.evaluate("window.scrollY") == after


def test_lanes_are_named_by_role_in_the_pages_language(open_as, people, dossier):
    page = open_as("coordinator")
    _open(page, dossier)
    assert _lane(page, "Lane_coordinator") == "Trajectcoördinator"
    assert _lane(page, "Lane_team_lead") == "Teamverantwoordelijke"
    page.get_by_role("button", name="English").click()
    _open(page, dossier)
    assert _lane(page, "Lane_coordinator") == "Trajectory coordinator"


def test_a_call_activity_opens_the_called_process_in_the_same_figure_and_the_path_leads_back(
        open_as, people, dossier):
    page = open_as("coordinator")
    figure = _open(page, dossier)
    assert page.locator("figure.diagram").count() == 1                  # one diagram, not three stacked
    page.locator(".djs-element[data-element-id='diagnostische_fase'] .djs-hit").first.click()
    page.wait_for_selector("figure.diagram[data-process='diagnostische_fase'][data-ready='true']")
    assert page.locator(".djs-element[data-element-id='teamoverleg']").count() == 1
    assert page.locator(".diagram-path [aria-current='location']").inner_text() == "Diagnostische fase"

    # Without a mouse: the called processes of the shown diagram are buttons, with their state.
    page.get_by_role("button", name="Onderzoek door één discipline (bezig)").click()
    page.wait_for_selector("figure.diagram[data-process='onderzoek_discipline'][data-ready='true']")
    assert _lane(page, "Lane_speech_therapist") == "Logopedist"
    assert page.locator(".djs-element.ekd-active").count() >= 4         # one investigation per discipline
    assert axe_violations(page) == []

    page.locator(".diagram-path").get_by_role("button", name="Diagnostische fase").click()
    page.wait_for_selector("figure.diagram[data-process='diagnostische_fase'][data-ready='true']")
    page.locator(".diagram-path").get_by_role("button").first.click()
    page.wait_for_selector("figure.diagram[data-process='diagnostisch_traject'][data-ready='true']")
    assert page.locator(".djs-element[data-element-id='aanmelding']").count() == 1
    assert figure.locator(".diagram-path li").count() == 1
