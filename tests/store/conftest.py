"""The store, concurrency and reliability tests run against SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from tests.conftest import backend_url


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    return backend_url(request.param, tmp_path, request)
