"""Text people type: names, free text and search terms, stripped, bounded, and free of characters
that hide or reorder what another person reads (control characters, bidi overrides) or that no
database can store (lone surrogates)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from engine.errors import EkdError

SEARCH_LENGTH = 100

_SURROGATE = re.compile("[\ud800-\udfff]")
# C0 controls except tab, line feed and carriage return; DEL; C1 controls.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_LINE_BREAK = re.compile("[\t\n\r]")
# Embeddings and overrides (U+202A–U+202E) and isolates (U+2066–U+2069): they make a file name
# 'gpj.exe' read as 'exe.jpg' and let one person's text rewrite how the next line reads.
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


class InvalidInput(EkdError):
    """A value a person or client sent cannot be taken: which field, and why (Dutch), with a code
    and its parameters from which web/ says the same in another language."""

    def __init__(self, field: str, reason: str, code: str = "invalid", params: dict[str, Any] | None = None):
        self.field = field
        self.reason = reason
        self.code = code
        self.params = params or {}
        super().__init__(f"{field}: {reason}")


@dataclass(frozen=True)
class Refusal:
    """Why text is refused: in Dutch, and as `kind` (surrogate, control, bidi, line-break) plus the
    code point, for other languages."""

    reason: str
    params: dict[str, Any] = field(default_factory=dict)


def _codepoint(character: str) -> str:
    return f"U+{ord(character):04X}"


def storage_refusal(value: str) -> Refusal | None:
    """Why no database can store `value` (a lone surrogate, or NUL), or None when it can."""
    if found := _SURROGATE.search(value):
        point = _codepoint(found.group())
        return Refusal(f"bevat een ongeldig teken ({point}, een losse surrogaat)",
                       {"kind": "surrogate", "codepoint": point})
    if "\x00" in value:
        return Refusal("bevat een stuurteken (U+0000)", {"kind": "control", "codepoint": "U+0000"})
    return None


def unstorable(value: str) -> str | None:
    """Why no database can store `value` (a lone surrogate, or NUL), or None when it can."""
    found = storage_refusal(value)
    return found.reason if found else None


def refused(value: str, multiline: bool = False) -> Refusal | None:
    """Why `value` cannot be taken as text, or None when it can."""
    if (found := storage_refusal(value)) is not None:
        return found
    if match := _BIDI.search(value):
        point = _codepoint(match.group())
        return Refusal(f"bevat een teken dat de leesrichting omkeert ({point})", {"kind": "bidi", "codepoint": point})
    if match := _CONTROL.search(value) or (None if multiline else _LINE_BREAK.search(value)):
        point = _codepoint(match.group())
        if not multiline and match.group() in "\t\n\r":
            return Refusal(f"bevat een stuurteken ({point}, dit veld is één regel)",
                           {"kind": "line-break", "codepoint": point})
        return Refusal(f"bevat een stuurteken ({point})", {"kind": "control", "codepoint": point})
    return None


def refusal(value: str, multiline: bool = False) -> str | None:
    """Why `value` cannot be taken as text (Dutch), or None when it can."""
    found = refused(value, multiline)
    return found.reason if found else None


def clean(value: str, field: str, max_length: int, multiline: bool = False, required: bool = False) -> str:
    """Return `value` stripped (line breaks as '\\n' in multiline text); raise InvalidInput naming
    `field` when it holds characters we refuse, is longer than `max_length`, or is blank but required."""
    if not isinstance(value, str):
        raise InvalidInput(field, "moet tekst zijn", "type", {"types": ["string"]})
    if multiline:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = value.strip()
    if (found := refused(value, multiline)) is not None:
        raise InvalidInput(field, found.reason, "characters", found.params)
    if len(value) > max_length:
        raise InvalidInput(field, f"mag hoogstens {max_length} tekens hebben (nu {len(value)})", "maxLength",
                           {"limit": max_length, "length": len(value)})
    if required and not value:
        raise InvalidInput(field, "is verplicht", "required")
    return value


def search_term(value: str | None, field: str = "zoek") -> str | None:
    """Return a search term (stripped, at most 100 characters), or None when there is nothing to
    search for; raise InvalidInput for a longer term or one with characters we refuse."""
    term = clean(value or "", field, SEARCH_LENGTH)
    return term or None
