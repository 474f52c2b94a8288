"""Assemble the A-document (DESIGN.md §3) from the child record and what the trajectory recorded.
No double entry: the coordinator's additions only fill in (or correct) what is missing."""

from __future__ import annotations

from typing import Any

from engine.access import MEDICAL_LANES
from engine.adocument.sections import MEDICAL
from engine.roles import DISCIPLINES

# Requested care that touches the child benefit: then its destination must be stated.
AFFECTS_CHILD_BENEFIT = frozenset({"verblijf"})
FINDING_FIELDS = ("samenvatting", "conclusie", "aanbevelingen")


def recorded(history: list[tuple[str, dict[str, Any], str | None]]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """From completed tasks (role, data, form file) in order: the latest value of every field, and
    the findings of each discipline in each round: every field the discipline recorded, with the
    form it was recorded in (so it can be read back with that form's labels)."""
    facts: dict[str, Any] = {}
    findings = []
    rounds: dict[str, int] = {}
    for role, data, form in history:
        facts.update(data)
        finding = data.get("bevinding")
        if role in DISCIPLINES and isinstance(finding, dict):
            rounds[role] = rounds.get(role, 0) + 1
            findings.append({**finding, **{key: finding.get(key) or "" for key in FINDING_FIELDS},
                             "discipline": role, "ronde": rounds[role], "formulier": form})
    return facts, findings


def assemble(child: dict[str, Any], facts: dict[str, Any], findings: list[dict[str, Any]],
             additions: dict[str, Any]) -> dict[str, Any]:
    """The A-document's content, one key per section (the physician's findings in their own,
    sealable section). `child` has naam, insz, geboortedatum and representatives."""
    def pick(name: str, default=None):
        value = additions.get(name)
        if value in (None, "", []):
            value = facts.get(name)
        return default if value in (None, "") else value

    people = child.get("representatives") or []
    modules = pick("typemodules", [])
    applies = any(m.get("typemodule") in AFFECTS_CHILD_BENEFIT for m in modules)
    aanmelder = facts.get("aanmelder") or {}
    return {
        "identificatie": {
            "minderjarige": {"naam": child["naam"], "insz": child["insz"], "geboortedatum": child["geboortedatum"]},
            "gezinsbetrokkenen": [_person(p) for p in people if p.get("in_contact", True)],
            "wettelijke_vertegenwoordigers": [_person(p) for p in people if p.get("wettelijk")],
            "ontvanger_documenten": pick("ontvanger_documenten"),
            "aanmelder": {**aanmelder, **{key: aanmelder.get(key) or "" for key in ("naam", "organisatie", "functie")}},
            "mdt_erkenningsnummer": pick("mdt_erkenningsnummer"),
        },
        "vraagverheldering": {"kind": facts.get("hulpvraag_kind") or "", "ouders": facts.get("hulpvraag_ouders") or "",
                              "school": facts.get("hulpvraag_school") or "",
                              "andere": facts.get("hulpvraag_andere") or ""},
        "diagnostiek": {
            "bevindingen": [f for f in findings if f["discipline"] not in MEDICAL_LANES],
            "integratief_beeld": facts.get("integratief_beeld") or "",
            "classificaties": facts.get("classificaties") or [],
            "icf_profiel": facts.get("icf_profiel") or "",
            "stoorniscodes": pick("vaph_stoorniscodes", []),
            "handicapcodes": pick("vaph_handicapcodes", []),
            "conclusie": facts.get("diagnostische_conclusie") or "",
            "advies": facts.get("advies") or "",
        },
        MEDICAL: {"bevindingen": [f for f in findings if f["discipline"] in MEDICAL_LANES]},
        "betrokkenheid": {"visie_kind": facts.get("visie_kind") or "", "visie_ouders": facts.get("visie_ouders") or ""},
        "gewenste_jeugdhulp": {"typemodules": modules,
                               "indicatiestellingsvoorstel": facts.get("indicatiestellingsvoorstel") or ""},
        "urgentie": {"crisis": bool(facts.get("crisis")), "urgentie": facts.get("urgentie") or "",
                     "prioriteit": facts.get("prioriteit") or ""},
        "financieel": {"van_toepassing": applies, "bestemming_kinderbijslag": pick("bestemming_kinderbijslag")},
        "bijkomende_informatie": pick("bijkomende_informatie", ""),
        "vaph_hulp_gevraagd": bool(facts.get("vaph_hulp_gevraagd")),
    }


def _person(person: dict[str, Any]) -> dict[str, Any]:
    return {key: person.get(key) or "" for key in ("naam", "relatie", "telefoon", "email")}
