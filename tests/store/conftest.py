"""The store, concurrency and reliability tests run against SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from tests.conftest import backend_url
from tests.steps.trajectory import SCENARIOS, answer
from tests.store.helpers import INVESTIGATIONS, run_scenario, start_with_team


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    return backend_url(request.param, tmp_path, request)


@pytest.fixture
def parallel_tasks(services, everyone, child):
    """A trajectory whose four disciplines each have an investigation ready (a VAPH request)."""
    trajectory = start_with_team(services, child, everyone)
    run_scenario(services, trajectory, everyone, "vaph_aanvraag", stop_at="onderzoek_psychologisch")
    ready = [t for t in services.trajectories.view(trajectory).ready if t.element in INVESTIGATIONS]
    assert {t.element for t in ready} == INVESTIGATIONS
    return trajectory, [(t.id, answer(SCENARIOS["vaph_aanvraag"], t.element)) for t in ready]
