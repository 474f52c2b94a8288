"""The INSZ (rijksregisternummer or BIS number): format and checksum."""

from __future__ import annotations

import re
from datetime import date

from engine.errors import EkdError


class InvalidInsz(EkdError):
    """Not a valid INSZ."""


def normalise(text: str) -> str:
    """Return the 11 digits of an INSZ written as '16.05.14-123.45' or '16051412345'."""
    digits = re.sub(r"[\s.\-/]", "", text or "")
    if not re.fullmatch(r"\d{11}", digits):
        raise InvalidInsz("een INSZ heeft 11 cijfers (bv. 16.05.14-123.45)")
    return digits


def validate(text: str) -> str:
    """Return the normalised INSZ, or raise InvalidInsz when its check digits do not match."""
    digits = normalise(text)
    body, check = int(digits[:9]), int(digits[9:])
    if 97 - body % 97 != check and 97 - int("2" + digits[:9]) % 97 != check:
        raise InvalidInsz("de controlecijfers van het INSZ kloppen niet")
    return digits


def birth_date(insz: str) -> date | None:
    """The birth date an INSZ encodes, when it encodes a full one."""
    digits = normalise(insz)
    born_after_2000 = 97 - int("2" + digits[:9]) % 97 == int(digits[9:])
    year = int(digits[:2]) + (2000 if born_after_2000 else 1900)
    month, day = int(digits[2:4]) % 20, int(digits[4:6])   # BIS numbers add 20 or 40 to the month
    try:
        return date(year, month, day)
    except ValueError:
        return None


def formatted(text: str) -> str:
    """An INSZ as people write it, YY.MM.DD-XXX.CC (the text as given when it is not 11 digits)."""
    digits = re.sub(r"[\s.\-/]", "", text or "")
    if not re.fullmatch(r"\d{11}", digits):
        return text
    return f"{digits[:2]}.{digits[2:4]}.{digits[4:6]}-{digits[6:9]}.{digits[9:]}"
