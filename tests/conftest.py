"""Shared fixtures: the shipped guideline, paths, and a clock the test controls."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from engine import clock, guidelines
from engine.history.chain import Key

pytest_plugins = ["pytester", "tests.ci_plugin"]

ROOT = Path(__file__).resolve().parent.parent
PROCESSES = ROOT / "processes"
FORMS = ROOT / "forms"
FIXTURES = ROOT / "tests" / "fixtures"
MAIN_PROCESS = "diagnostisch_traject"
BELGIUM = ZoneInfo("Europe/Brussels")
# One audit key for the services the tests build and the `ekd` commands and servers they start.
AUDIT_KEY = Key.of(os.environ.setdefault("EKD_AUDIT_KEY", "ekd-test-auditsleutel"))


class HandClock:
    """A clock the test moves by hand; nothing sleeps."""

    def __init__(self, start: datetime):
        self.now = start

    def advance(self, **delta) -> None:
        self.now += timedelta(**delta)

    def set(self, moment: datetime) -> None:
        self.now = moment

    def reach(self, answer: Any) -> None:
        """Move on to the latest day an answer names, at 10:00 there: a person records what
        happened on that day or later, and ekd refuses a date in the future."""
        days = sorted(day for day in _days(answer) if day > self.now.astimezone(BELGIUM).date())
        if days:
            self.now = datetime.combine(days[-1], time(10), BELGIUM).astimezone(timezone.utc)


def _days(answer: Any) -> Iterator[date]:
    if isinstance(answer, dict):
        for value in answer.values():
            yield from _days(value)
    elif isinstance(answer, list):
        for value in answer:
            yield from _days(value)
    elif isinstance(answer, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", answer):
        yield date.fromisoformat(answer)


_running: list[HandClock] = []


def reach(answer: Any) -> None:
    """Move the running test's hand clock (if it has one) on to the days `answer` names."""
    for hand in _running:
        hand.reach(answer)


@pytest.fixture(scope="session")
def shipped_guideline() -> guidelines.Guideline:
    return guidelines.load([PROCESSES], FORMS)


@pytest.fixture
def test_clock():
    ticking = HandClock(datetime(2026, 9, 1, 9, 0, tzinfo=timezone.utc))
    _running.append(ticking)
    try:
        with clock.using(lambda: ticking.now):
            yield ticking
    finally:
        _running.remove(ticking)



@pytest.fixture(scope="session")
def postgres():
    """A private PostgreSQL cluster, started once per test session."""
    from tests.postgres import Cluster
    return Cluster()


def backend_url(kind: str, tmp_path, request) -> str:
    if kind == "sqlite":
        return f"sqlite:///{tmp_path / 'ekd.sqlite'}"
    cluster = request.getfixturevalue("postgres")
    name = cluster.create()
    request.addfinalizer(lambda: cluster.drop(name))
    return cluster.url(name)


@pytest.fixture
def database_url(tmp_path, request):
    """An SQLite file; the store's own tests ask for PostgreSQL too (tests/store/conftest.py)."""
    return backend_url("sqlite", tmp_path, request)


@pytest.fixture
def services(database_url):
    """A migrated SQLite file with the shipped guideline loaded."""
    from tests.store.helpers import make_services
    built = make_services(database_url)
    yield built
    built.database.dispose()


@pytest.fixture
def everyone(services):
    """One person holding every lane role (to walk a whole trajectory)."""
    from tests.store.helpers import EVERYONE
    return services.people.add("alleskunner", "wachtwoord-123", EVERYONE, "Al Les")


@pytest.fixture
def child(services, everyone):
    from tests.store.helpers import make_child
    return make_child(services, everyone)
