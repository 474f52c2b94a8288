"""Two quality-center members (four eyes) over a store with the shipped guideline."""

from __future__ import annotations

import pytest

PASSWORD = "wachtwoord-123"


@pytest.fixture
def members(services):
    """An and Bert, both of the quality center."""
    return {name: services.people.add(name, PASSWORD, ["quality_center"], f"{name.title()} KCD")
            for name in ("an", "bert")}


@pytest.fixture
def shipped_version(services):
    return services.library.current()


from tests.web.conftest import app, config  # noqa: E402,F401  (the web app over the same store)
