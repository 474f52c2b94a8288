"""Errors the use cases raise; the web layer maps them to HTTP statuses."""

from __future__ import annotations

from engine.errors import EkdError


class NotFound(EkdError):
    """Something asked for does not exist (or is not visible to the asker)."""


class Conflict(EkdError):
    """The request clashes with what already exists."""


class DuplicateChild(Conflict):
    """A child with this INSZ is already registered: one child, one dossier."""

    def __init__(self, child_id: str):
        self.child_id = child_id
        super().__init__(f"dit kind is al geregistreerd (dossier {child_id})")


class NoGuideline(EkdError):
    """No guideline version has been loaded yet."""


class Busy(EkdError):
    """The trajectory kept changing under this use case; try again."""
