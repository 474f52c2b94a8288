"""`x-ekd-code`: a code has the form of its classification.

- ICD-10 (WHO): a letter, two digits, optionally a point and one or two digits — F84.0, F70.
- DSM-5: its codes are ICD-10-CM codes (F84.0, F90.2, Z63.0; after the point up to four letters
  or digits), or in the older printings ICD-9-CM codes (299.00, 315.00, V61.20).
- ICD-11: a stem code of four characters — the chapter (a digit or a letter), a letter, a digit,
  a letter or digit — optionally a point and one or two more (6A02.0, 6A01.20, MB23.A); never the
  letters I or O; stems joined by & or / for postcoordination (6A02.0&XS25).
- VAPH stoorniscodes: the VAPH's multidisciplinary report names disorders by ICD-10 category
  (F84 autismespectrumstoornissen), optionally with the subcategory (F84.0).
- VAPH handicapcodes: the VAPH's numeric codes, two to four digits (1200). ekd checks the form,
  not the list itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from engine.forms import FieldError

if TYPE_CHECKING:
    from engine.domain_checks import Facts, Visit

_ICD11_STEM = r"[0-9A-HJ-NP-Z][A-HJ-NP-Z][0-9][0-9A-HJ-NP-Z](\.[0-9A-HJ-NP-Z]{1,2})?"


@dataclass(frozen=True)
class Classification:
    name: str
    form: re.Pattern[str]
    label: str                   # Dutch, after "een geldige"
    examples: tuple[str, ...]


CLASSIFICATIONS = {c.name: c for c in (
    Classification("ICD-10", re.compile(r"[A-Z][0-9]{2}(\.[0-9]{1,2})?"), "ICD-10-code", ("F84.0",)),
    Classification("DSM-5", re.compile(r"[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?|([0-9]{3}|V[0-9]{2})(\.[0-9]{1,2})?"),
                   "DSM-5-code", ("F84.0", "299.00")),
    Classification("ICD-11", re.compile(f"{_ICD11_STEM}([&/]{_ICD11_STEM})*"), "ICD-11-code", ("6A02.0",)),
    Classification("VAPH-stoornis", re.compile(r"[A-Z][0-9]{2}(\.[0-9]{1,2})?"), "VAPH-stoorniscode", ("F84",)),
    Classification("VAPH-handicap", re.compile(r"[0-9]{2,4}"), "VAPH-handicapcode", ("1200",)),
)}


def classification_of(visit: Visit) -> Classification | None:
    declared = visit.schema.get("x-ekd-code")
    if isinstance(declared, dict):
        declared = visit.row.get(declared.get("system-field", ""))
    return CLASSIFICATIONS.get(declared) if isinstance(declared, str) else None


def check(visit: Visit, facts: Facts) -> FieldError | None:
    classification = classification_of(visit) if "x-ekd-code" in visit.schema else None
    if classification is None or not isinstance(visit.value, str) or not visit.value:
        return None
    if classification.form.fullmatch(visit.value):
        return None
    examples = " of ".join(classification.examples)
    return FieldError(visit.path, f"is geen geldige {classification.label} (bv. {examples})", "code-format",
                      {"system": classification.name, "examples": list(classification.examples)})
