"""Shared fixtures: the shipped guideline, paths, and a clock the test controls."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from engine import clock, guidelines

pytest_plugins = ["pytester", "tests.ci_plugin"]

ROOT = Path(__file__).resolve().parent.parent
PROCESSES = ROOT / "processes"
FORMS = ROOT / "forms"
FIXTURES = ROOT / "tests" / "fixtures"
MAIN_PROCESS = "diagnostisch_traject"


class HandClock:
    """A clock the test moves by hand; nothing sleeps."""

    def __init__(self, start: datetime):
        self.now = start

    def advance(self, **delta) -> None:
        self.now += timedelta(**delta)

    def set(self, moment: datetime) -> None:
        self.now = moment


@pytest.fixture(scope="session")
def shipped_guideline() -> guidelines.Guideline:
    return guidelines.load([PROCESSES], FORMS)


@pytest.fixture
def test_clock():
    ticking = HandClock(datetime(2026, 9, 1, 9, 0, tzinfo=timezone.utc))
    with clock.using(lambda: ticking.now):
        yield ticking

