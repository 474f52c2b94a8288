"""Where a trajectory stands, as the family reads it: a line of six phases in plain Dutch, what
happens now and next. No BPMN: the guideline's elements map onto the phases (unknown ones keep the
phase reached so far)."""

from __future__ import annotations

from dataclasses import dataclass

PHASES = (
    ("aanmelding", "Aanmelding"),
    ("kennismaking", "Kennismaking"),
    ("onderzoek", "Onderzoek"),
    ("bespreking", "Bespreking"),
    ("advies", "Advies"),
    ("a_document", "A-document"),
)
_ELEMENTS = {
    "aanmelding": {"aanmelding", "screening", "crisisafstemming", "escalatie_crisis"},
    "kennismaking": {"instemming", "bemiddeling", "intake"},
    "onderzoek": {"registratie_a001", "escalatie_a001", "strategie", "onderzoek_psychologisch", "onderzoek_medisch",
                  "onderzoek_sociaal", "onderzoek_logopedisch", "onderzoek_motorisch", "escalatie_onderzoek"},
    "bespreking": {"teamoverleg", "conclusie"},
    "advies": {"adviesgesprek", "verslag"},
    "a_document": {"verslag_bijwerken", "akkoord_client", "a_document_indienen", "ondertekenen_psychologisch",
                   "ondertekenen_medisch", "ondertekenen_sociaal", "ondertekenen_logopedisch",
                   "ondertekenen_motorisch"},
}
_INDEX = {element: n for n, (key, _) in enumerate(PHASES) for element in _ELEMENTS[key]}
NOW = {
    "aanmelding": "We bekijken de aanmelding van je kind.",
    "kennismaking": "We maken kennis. We vragen of jullie akkoord gaan met het traject, en wat jullie vraag is.",
    "onderzoek": "De hulpverleners van het team onderzoeken, elk vanuit hun eigen vak.",
    "bespreking": "Het team bespreekt samen wat ze vonden.",
    "advies": "We bespreken het advies met jullie in een gesprek.",
    "a_document": "Het team maakt het A-document klaar. Daarna lezen jullie het en zeggen jullie of je akkoord gaat.",
}
NEXT = {
    "aanmelding": "Daarna maken we kennis en vragen we jullie toestemming.",
    "kennismaking": "Daarna start het onderzoek.",
    "onderzoek": "Daarna bespreekt het team samen wat ze vonden.",
    "bespreking": "Daarna krijgen jullie een adviesgesprek.",
    "advies": "Daarna maken we het A-document klaar.",
    "a_document": "Daarna gaat het A-document naar de toegangspoort.",
}
DONE = "Het traject is afgerond."
STOPPED = "Het traject is gestopt."
HALTED = "Het traject staat stil: de toestemming is ingetrokken. Niemand van het team werkt verder tot ze opnieuw " \
         "gegeven is."


@dataclass(frozen=True)
class Step:
    key: str
    label: str
    state: str            # gedaan, nu, straks


def current(ready_elements: list[str], completed_elements: list[str]) -> int:
    """The index of the phase the trajectory is in now."""
    reached = [_INDEX[e] for e in ready_elements if e in _INDEX and not e.startswith("escalatie")]
    if reached:
        return max(reached)
    done = [_INDEX[e] for e in completed_elements if e in _INDEX]
    return max(done, default=0)


def line(index: int, finished: bool) -> list[Step]:
    """The six phases, each done, now or later."""
    return [Step(key, label, "gedaan" if finished or n < index else "nu" if n == index else "straks")
            for n, (key, label) in enumerate(PHASES)]
