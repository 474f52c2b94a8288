"""What `ekd audit verify` finds: each problem names where (trajectory, event or row) and its kind."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Flaw(StrEnum):
    """The kind of a problem."""

    EDITED = "bewerkt"
    MISSING = "ontbreekt"
    REORDERED = "verplaatst"
    TRUNCATED = "afgekapt na het anker"
    PROJECTION = "projectie wijkt af"
    UNREADABLE = "onleesbaar"
    REPLAY = "heruitvoering wijkt af"


@dataclass(frozen=True)
class Problem:
    """One finding: in `scope` (e.g. 'traject <id>', 'toegangslog <segment>', 'kind <id>', 'anker'),
    at `where` (e.g. 'gebeurtenis 5', 'handtekening 3'), of kind `flaw`, with what is wrong."""

    scope: str
    where: str
    flaw: Flaw
    detail: str

    def __str__(self) -> str:
        return f"{self.where} [{self.flaw}]: {self.detail}"
