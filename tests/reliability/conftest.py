"""Reliability runs on SQLite and PostgreSQL, against gunicorn with two workers."""

from __future__ import annotations

import pytest

from tests.conftest import backend_url


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    return backend_url(request.param, tmp_path, request)
