"""The regievoorwaarden: what must be there before an A-document may be submitted."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from engine.roles import LABELS


@dataclass(frozen=True)
class Missing:
    """One thing missing, and where it is fixed (a field of the A-document's form, a task, a section)."""

    code: str
    message: str
    fix: str


def missing(content: dict[str, Any], current_hash: str, agreement: dict[str, Any] | None,
            signatures: dict[str, str], signers: list[str], capable: bool, adult: bool) -> list[Missing]:
    """Everything still missing. `signatures`: role → hash it signed; `agreement`: the parties and
    the hash they agreed to, or None; `capable`/`adult`: the capability judgement at consent."""
    found = []
    identification = content["identificatie"]
    if not identification.get("ontvanger_documenten"):
        found.append(Missing("ontvanger", "Er is geen ontvanger van de documenten.", "veld:ontvanger_documenten"))
    if content["vaph_hulp_gevraagd"]:
        if not content["diagnostiek"]["stoorniscodes"]:
            found.append(Missing("stoorniscodes", "VAPH-ondersteuning gevraagd: de stoorniscodes ontbreken.",
                                 "veld:vaph_stoorniscodes"))
        if not content["diagnostiek"]["handicapcodes"]:
            found.append(Missing("handicapcodes", "VAPH-ondersteuning gevraagd: de handicapcodes ontbreken.",
                                 "veld:vaph_handicapcodes"))
        if not identification.get("mdt_erkenningsnummer"):
            found.append(Missing("mdt", "VAPH-ondersteuning gevraagd: het erkenningsnummer van het MDT ontbreekt.",
                                 "veld:mdt_erkenningsnummer"))
    modules = content["gewenste_jeugdhulp"]["typemodules"]
    if not modules:
        found.append(Missing("typemodules", "Er is geen gewenste jeugdhulp (typemodule).", "veld:typemodules"))
    elif any(not (m.get("termijn") or "").strip() for m in modules):
        found.append(Missing("termijn", "Niet elke typemodule heeft een termijn.", "veld:typemodules"))
    finance = content["financieel"]
    if finance["van_toepassing"] and not finance.get("bestemming_kinderbijslag"):
        found.append(Missing("kinderbijslag", "De gevraagde hulp raakt de kinderbijslag: de bestemming van 1/3 "
                                              "ontbreekt.", "veld:bestemming_kinderbijslag"))
    for role in signers:
        signed = signatures.get(role)
        if signed is None:
            found.append(Missing(f"handtekening:{role}", f"{LABELS.get(role, role)} ondertekende nog niet.",
                                 "sectie:handtekeningen"))
        elif signed != current_hash:
            found.append(Missing(f"handtekening:{role}", f"De handtekening van {LABELS.get(role, role)} is ongeldig: "
                                                         "het document veranderde daarna.", "sectie:handtekeningen"))
    found += _agreement(agreement, current_hash, capable, adult)
    return found


def _agreement(agreement: dict[str, Any] | None, current_hash: str, capable: bool, adult: bool) -> list[Missing]:
    if agreement is None:
        return [Missing("akkoord", "Het akkoord van de cliënt met het A-document ontbreekt.", "sectie:akkoord")]
    found = []
    if agreement["content_hash"] != current_hash:
        found.append(Missing("akkoord", "Het akkoord van de cliënt geldt voor een vorige inhoud: vraag het opnieuw.",
                             "sectie:akkoord"))
    parties = agreement["parties"]
    child_agrees = any(p["akkoord"] and p["rol"] == "kind" for p in parties)
    if adult:
        if not child_agrees:
            found.append(Missing("akkoord_kind", "De jongvolwassene moet zelf akkoord gaan.", "sectie:akkoord"))
        return found
    if not any(p["akkoord"] and p["rol"] == "wettelijke_vertegenwoordiger" for p in parties):
        found.append(Missing("akkoord_vertegenwoordiger", "Geen wettelijke vertegenwoordiger ging akkoord.",
                             "sectie:akkoord"))
    if capable and not child_agrees:
        found.append(Missing("akkoord_kind", "Het kind is bekwaam: zijn of haar eigen akkoord ontbreekt.",
                             "sectie:akkoord"))
    return found
