"""Refusals: who was turned away from what, and why, in the access log."""

from __future__ import annotations

from collections.abc import Callable

from engine import clock
from engine.actors import Actor
from engine.store import UnitOfWork

ANONYMOUS = "anoniem"
SUBJECT_LENGTH = 200      # the access log's subject column


class Refusals:
    def __init__(self, uow: Callable[..., UnitOfWork]):
        self._uow = uow

    def record(self, actor: Actor | None, subject: str, reason: str) -> None:
        """Log that `actor` was refused `subject`, in a transaction of its own (the refused use case
        has rolled back its own)."""
        subject = subject.replace("\x00", "\\x00")[:SUBJECT_LENGTH]     # PostgreSQL stores no NUL
        with self._uow(write=True) as uow:
            uow.access.record(clock.now(), actor.id if actor else ANONYMOUS, "geweigerd", subject, reason)
            uow.commit()
