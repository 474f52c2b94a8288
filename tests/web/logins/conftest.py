"""Log-ins, sessions and tokens against SQLite and PostgreSQL: their races differ."""

from __future__ import annotations

import threading

import pytest

from engine.services import people as people_module
from tests.conftest import backend_url


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    return backend_url(request.param, tmp_path, request)


class CountingHasher:
    """The real password hasher, counting how often a password is verified."""

    def __init__(self, hasher):
        self._hasher = hasher
        self._lock = threading.Lock()
        self.verified = 0

    def verify(self, digest: str, password: str) -> bool:
        with self._lock:
            self.verified += 1
        return self._hasher.verify(digest, password)

    def hash(self, password: str) -> str:
        return self._hasher.hash(password)


@pytest.fixture
def verifications(monkeypatch, people):
    counting = CountingHasher(people_module._hasher)
    monkeypatch.setattr(people_module, "_hasher", counting)
    return counting
