"""A finding: one thing a check says about a guideline, where, and how bad it is."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    ERROR = "error"          # blocks publication
    WARNING = "warning"      # shown, does not block


@dataclass(frozen=True)
class Finding:
    """`{rule, file, element, message (Dutch), severity}`, with the line where known."""

    rule: str
    message: str
    severity: Severity = Severity.ERROR
    file: str | None = None
    element: str | None = None
    line: int | None = None

    def as_json(self) -> dict[str, Any]:
        """The finding as the API and the stored revision show it."""
        found = asdict(self)
        found["severity"] = str(self.severity)
        return found

    @classmethod
    def from_json(cls, value: dict[str, Any]) -> Finding:
        """Read a stored finding back."""
        return cls(value["rule"], value["message"], Severity(value["severity"]), value.get("file"),
                   value.get("element"), value.get("line"))


def errors(findings: list[Finding]) -> list[Finding]:
    """The findings that block publication."""
    return [f for f in findings if f.severity == Severity.ERROR]


def ordered(findings: list[Finding]) -> list[Finding]:
    """Errors first, then by file, element and rule; each finding once."""
    unique = list(dict.fromkeys(findings))
    return sorted(unique, key=lambda f: (f.severity != Severity.ERROR, f.file or "", f.element or "", f.rule,
                                         f.line or 0, f.message))
