"""A trajectory's timeline: every event of its chain, newest first, with a label people read.

Every kind of engine/history/events.py has a Dutch label here (web/translations has it in English;
tests/web/test_i18n.py checks both). A kind added later still shows, by a label made from its name,
until it gets one of its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from engine import runtime
from engine.access import Clearance
from engine.history import events as kinds
from engine.history import log
from engine.history.events import payload
from engine.services.care.steps import step_name
from engine.store.models import Event

LABELS = {
    kinds.STARTED: "Traject gestart",
    kinds.TASK_COMPLETED: "Taak afgerond",
    kinds.TIMER_FIRED: "Termijn verstreken",
    kinds.CONSENT_GIVEN: "Instemming opnieuw gegeven",
    kinds.CONSENT_WITHDRAWN: "Instemming ingetrokken",
    kinds.AGREEMENT: "Akkoord",
    kinds.ERROR: "Fout",
    kinds.DOCUMENT_COMPLETED: "A-document aangevuld",
    kinds.DOCUMENT_SIGNED: "A-document ondertekend",
    kinds.DOCUMENT_AGREED: "Akkoord met het A-document geregistreerd",
    kinds.DOCUMENT_SUBMITTED: "A-document ingediend",
    kinds.DOCUMENT_CORRECTED: "A-document gecorrigeerd",
    kinds.TEAM_CHANGED: "Team gewijzigd",
    kinds.ANCHOR_NAMED: "Ankerfiguur benoemd",
    kinds.DATA_ERASED: "Gegevens gewist",
    kinds.TABLES_ADOPTED: "Overgenomen bij de upgrade",
    kinds.SIGNATURES_INVALIDATED: "Handtekeningen ongeldig geworden: opnieuw ondertekenen",
    kinds.SIGNATURES_VALID_AGAIN: "Handtekeningen weer geldig: de inhoud is terug zoals ondertekend",
    # the family's own acts (engine/services/family/)
    log.Kind.FAMILY_INVITED: "Gezinslid uitgenodigd",
    log.Kind.FAMILY_CONSENT: "Instemming door het gezin zelf",
    log.Kind.FAMILY_VIEW: "Het gezin schreef in eigen woorden",
    log.Kind.FAMILY_AGREEMENT: "Akkoord of niet-akkoord van het gezin zelf",
    log.Kind.FAMILY_CORRECTION: "Vraag om correctie van het gezin",
    log.Kind.CORRECTION_ANSWERED: "Vraag om correctie beantwoord",
    log.Kind.FAMILY_OBJECTION: "Bezwaar van het kind: delen afgeschermd voor de ouders",
    log.Kind.FAMILY_GRANT: "Toegang van een ouder na 18 jaar gewijzigd",
    kinds.MOVED: "Verplaatst naar een andere versie van de richtlijn",
}
_DOCUMENT = (kinds.DOCUMENT_COMPLETED, kinds.DOCUMENT_SIGNED, kinds.DOCUMENT_AGREED, kinds.DOCUMENT_SUBMITTED,
             kinds.DOCUMENT_CORRECTED, kinds.SIGNATURES_INVALIDATED, kinds.SIGNATURES_VALID_AGAIN)


@dataclass(frozen=True)
class Entry:
    """One line of a trajectory's timeline."""

    seq: int
    at: datetime
    kind: str
    label: str                     # Dutch; a page text
    what: str                      # the step or timer it concerns, or the note that came with it
    who: str
    readable: bool = False         # a completed task the reader may open (its step's page)
    version: int | None = None     # the A-document version it concerns
    roles: tuple[str, ...] = ()    # the disciplines it concerns (a signature)


def label(kind: str) -> str:
    """The Dutch label of an event kind; one made from its name for a kind without a label yet."""
    if kind in LABELS:
        return LABELS[kind]
    words = kind.replace("a_document", "A-document").replace("_", " ").strip()
    return words[:1].upper() + words[1:] if words else kind


def entries(history: Iterable[Event], definition: runtime.Definition, people: dict[str, str],
            clearance: Clearance, me: str, definitions: Mapping[str, runtime.Definition] | None = None) -> list[Entry]:
    """The timeline, newest first. Details are the step, timer or note; never a lane's recorded data.
    A step is named as the version in effect at its event names it (`definitions`: version -> process)."""
    found = []
    for event in history:
        body = payload(event) or {}
        definition_then = (definitions or {}).get(event.guideline_version_id or "", definition)
        readable, version, roles = False, None, ()
        if event.type == kinds.TASK_COMPLETED:
            what = step_name(definition_then, body.get("element", ""))
            readable = event.payload is not None and clearance.reads_contribution(body.get("role"), event.actor, me)
        elif event.type == kinds.TIMER_FIRED:
            what = ", ".join(step_name(definition_then, t["element"]) for t in body.get("timers", []))
        elif event.type == kinds.MOVED:
            what = f"{str(body.get('van', ''))[:8]} → {str(body.get('naar', ''))[:8]}"
            what += f": {body['reden']}" if body.get("reden") else ""
        elif event.type in _DOCUMENT:
            what = ""
            version = body.get("versie") if isinstance(body.get("versie"), int) else None
            roles = tuple(r for r in body.get("rollen", []) if isinstance(r, str))
        else:
            what = body.get("toelichting") or body.get("error") or ""
        found.append(Entry(seq=event.seq, at=event.recorded_at, kind=event.type, label=label(event.type),
                           what=str(what), who=people.get(event.actor, event.actor), readable=readable,
                           version=version, roles=roles))
    return list(reversed(found))
