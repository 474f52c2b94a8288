"""The event log, typed: one dataclass per event kind, and the statuses the events move.

A payload is stored as canonical JSON with Dutch keys (the names auditors read); each class maps
its fields to those keys, so nobody re-parses payload dicts. Every payload also carries the clock
the engine used (`clock`) and the steps that followed (`completed`); those belong to the envelope.
"""

from __future__ import annotations

from dataclasses import MISSING, dataclass, field, fields
from enum import StrEnum
from typing import Any, ClassVar


class Kind(StrEnum):
    STARTED = "traject_gestart"
    TASK_COMPLETED = "taak_afgerond"
    TIMER_FIRED = "timer_afgegaan"
    CONSENT_GIVEN = "instemming_gegeven"
    CONSENT_WITHDRAWN = "instemming_ingetrokken"
    AGREEMENT = "akkoord"
    ERROR = "fout"
    TEAM_CHANGED = "team_gewijzigd"
    ANCHOR_NAMED = "ankerfiguur_benoemd"
    DOCUMENT_COMPLETED = "a_document_aangevuld"
    DOCUMENT_SIGNED = "a_document_ondertekend"
    DOCUMENT_AGREED = "a_document_akkoord"
    DOCUMENT_SUBMITTED = "a_document_ingediend"
    DOCUMENT_CORRECTED = "a_document_gecorrigeerd"
    SIGNATURES_INVALIDATED = "handtekeningen_ongeldig"
    SIGNATURES_VALID_AGAIN = "handtekeningen_weer_geldig"
    DATA_ERASED = "gegevens_gewist"
    TABLES_ADOPTED = "tabellen_overgenomen"
    FAMILY_INVITED = "gezinslid_uitgenodigd"
    FAMILY_CONSENT = "gezin_instemming"
    FAMILY_VIEW = "gezin_visie"
    FAMILY_AGREEMENT = "gezin_akkoord"
    FAMILY_CORRECTION = "gezin_correctievraag"
    CORRECTION_ANSWERED = "correctievraag_beantwoord"
    FAMILY_OBJECTION = "gezin_bezwaar"
    FAMILY_GRANT = "gezin_toegang_verleend"
    MOVED = "naar_versie_verplaatst"


class Consent(StrEnum):
    OPEN = "open"
    GIVEN = "gegeven"
    REFUSED = "geweigerd"
    WITHDRAWN = "ingetrokken"


class Status(StrEnum):
    """A trajectory's status."""

    RUNNING = "lopend"
    HALTED = "opgeschort"
    DONE = "afgerond"


class DocumentStatus(StrEnum):
    CONCEPT = "concept"
    SUBMITTED = "ingediend"
    REPLACED = "vervangen"


ENVELOPE = frozenset({"clock", "completed"})


def key(name: str, default: Any = MISSING) -> Any:
    """A field stored under the payload key `name`."""
    if default is MISSING:
        return field(metadata={"key": name})
    if isinstance(default, (list, dict)):
        return field(default_factory=type(default), metadata={"key": name})
    return field(default=default, metadata={"key": name})


class LogEvent:
    """Base of the typed events: `kind` names it; `body()` and `read()` translate the payload."""

    kind: ClassVar[Kind]

    def body(self) -> dict[str, Any]:
        return {f.metadata["key"]: getattr(self, f.name) for f in fields(self)}   # type: ignore[arg-type]

    @classmethod
    def read(cls, body: dict[str, Any]):
        values = {}
        for f in fields(cls):                                                   # type: ignore[arg-type]
            name = f.metadata["key"]
            if name in body:
                values[f.name] = body[name]
            elif f.default is MISSING and f.default_factory is MISSING:
                raise KeyError(f"'{name}' ontbreekt in een gebeurtenis '{cls.kind}'")
        return cls(**values)


@dataclass(frozen=True, kw_only=True)
class Started(LogEvent):
    kind: ClassVar[Kind] = Kind.STARTED
    process: str = key("process")
    version: str = key("version")
    data: dict = key("data", {})
    child: str | None = key("kind", None)          # the child record's fingerprint when it started


@dataclass(frozen=True, kw_only=True)
class TaskCompleted(LogEvent):
    kind: ClassVar[Kind] = Kind.TASK_COMPLETED
    task: str = key("task")
    element: str = key("element")
    path: str = key("path")
    role: str | None = key("role", None)
    data: dict = key("data", {})
    ready: str | None = key("klaar_sinds", None)          # when the task became ready (ISO, the engine's clock)
    taken: str | None = key("genomen", None)              # when it was claimed, if it was


@dataclass(frozen=True, kw_only=True)
class TimerFired(LogEvent):
    kind: ClassVar[Kind] = Kind.TIMER_FIRED
    timers: list = key("timers", [])


@dataclass(frozen=True, kw_only=True)
class Failed(LogEvent):
    kind: ClassVar[Kind] = Kind.ERROR
    error: str = key("error", "")
    timer: int | None = key("timer", None)


@dataclass(frozen=True, kw_only=True)
class ConsentGiven(LogEvent):
    kind: ClassVar[Kind] = Kind.CONSENT_GIVEN
    note: str = key("toelichting", "")


@dataclass(frozen=True, kw_only=True)
class ConsentWithdrawn(LogEvent):
    kind: ClassVar[Kind] = Kind.CONSENT_WITHDRAWN
    note: str = key("toelichting", "")


@dataclass(frozen=True, kw_only=True)
class TeamChanged(LogEvent):
    """Exactly these people are on the team in `role` now (the actor formed it)."""

    kind: ClassVar[Kind] = Kind.TEAM_CHANGED
    role: str = key("rol")
    people: list = key("personen", [])


@dataclass(frozen=True, kw_only=True)
class AnchorNamed(LogEvent):
    kind: ClassVar[Kind] = Kind.ANCHOR_NAMED
    person: str | None = key("persoon", None)


@dataclass(frozen=True, kw_only=True)
class DocumentCompleted(LogEvent):
    kind: ClassVar[Kind] = Kind.DOCUMENT_COMPLETED
    version: int = key("versie")
    additions: dict = key("aanvullingen", {})


@dataclass(frozen=True, kw_only=True)
class DocumentSigned(LogEvent):
    """The actor signed root `hash` of version `version` for each of `roles`."""

    kind: ClassVar[Kind] = Kind.DOCUMENT_SIGNED
    version: int = key("versie")
    roles: list = key("rollen", [])
    hash: str = key("hash")


@dataclass(frozen=True, kw_only=True)
class DocumentAgreed(LogEvent):
    kind: ClassVar[Kind] = Kind.DOCUMENT_AGREED
    version: int = key("versie")
    hash: str = key("hash")
    parties: list = key("partijen", [])
    agreed_on: str = key("datum")


@dataclass(frozen=True, kw_only=True)
class DocumentSubmitted(LogEvent):
    kind: ClassVar[Kind] = Kind.DOCUMENT_SUBMITTED
    version: int = key("versie")
    hash: str = key("hash")


@dataclass(frozen=True, kw_only=True)
class DocumentCorrected(LogEvent):
    kind: ClassVar[Kind] = Kind.DOCUMENT_CORRECTED
    version: int = key("versie")
    replaces: int = key("vervangt")
    reason: str = key("reden", "")


@dataclass(frozen=True, kw_only=True)
class SignaturesInvalidated(LogEvent):
    """The content of version `version` changed to root `hash` after `roles` signed: they sign again
    (each role gets an ekd item in the inbox until it has signed `hash`)."""

    kind: ClassVar[Kind] = Kind.SIGNATURES_INVALIDATED
    version: int = key("versie")
    roles: list = key("rollen", [])
    hash: str = key("hash")


@dataclass(frozen=True, kw_only=True)
class SignaturesValidAgain(LogEvent):
    """The content of version `version` is back at root `hash`, which `roles` signed: their signatures
    bind it again and their 'sign again' items go."""

    kind: ClassVar[Kind] = Kind.SIGNATURES_VALID_AGAIN
    version: int = key("versie")
    roles: list = key("rollen", [])
    hash: str = key("hash")


@dataclass(frozen=True, kw_only=True)
class DataErased(LogEvent):
    """The payloads of the events before this one were erased at the end of retention; `projection`
    keeps what the tables still hold (no personal data), `child` the erased record's fingerprint."""

    kind: ClassVar[Kind] = Kind.DATA_ERASED
    before: str = key("voor")
    erased: int = key("gewist")
    child: str | None = key("kind", None)
    projection: dict = key("projectie", {})


@dataclass(frozen=True, kw_only=True)
class TablesAdopted(LogEvent):
    """Recorded once, when a trajectory from before every change was an event got its keyed chain
    (migration 0008): what its tables held then, so they are projections from there on."""

    kind: ClassVar[Kind] = Kind.TABLES_ADOPTED
    reason: str = key("reden", "")
    projection: dict = key("projectie", {})


# -- the family's own acts (engine/services/family/): facts that never move the workflow by themselves;
# where they complete a guideline task, that task's completion is the event before them.
@dataclass(frozen=True, kw_only=True)
class FamilyInvited(LogEvent):
    kind: ClassVar[Kind] = Kind.FAMILY_INVITED
    member: str = key("gezinslid")
    name: str = key("naam", "")
    relation: str = key("relatie")
    expires: str = key("geldig_tot")


@dataclass(frozen=True, kw_only=True)
class FamilyConsent(LogEvent):
    """A family member's own answer to the consent step (`answer`: ja, nee, ingetrokken)."""

    kind: ClassVar[Kind] = Kind.FAMILY_CONSENT
    member: str = key("gezinslid")
    name: str = key("naam", "")
    relation: str = key("relatie")
    answer: str = key("antwoord")
    scope: list = key("reikwijdte", [])
    note: str = key("toelichting", "")


@dataclass(frozen=True, kw_only=True)
class FamilyView(LogEvent):
    """A family member's question (before the intake) or view (after the advice), in their own words."""

    kind: ClassVar[Kind] = Kind.FAMILY_VIEW
    member: str = key("gezinslid")
    name: str = key("naam", "")
    relation: str = key("relatie")
    moment: str = key("moment")            # vraag (before the intake), visie (after the advice meeting)
    text: str = key("tekst")


@dataclass(frozen=True, kw_only=True)
class FamilyAgreement(LogEvent):
    kind: ClassVar[Kind] = Kind.FAMILY_AGREEMENT
    member: str = key("gezinslid")
    name: str = key("naam", "")
    relation: str = key("relatie")
    version: int = key("versie")
    hash: str = key("hash")
    agrees: bool = key("akkoord")
    comment: str = key("toelichting", "")


@dataclass(frozen=True, kw_only=True)
class FamilyCorrection(LogEvent):
    kind: ClassVar[Kind] = Kind.FAMILY_CORRECTION
    member: str = key("gezinslid")
    name: str = key("naam", "")
    request: str = key("vraag")
    notice: str = key("melding")           # the coordinator's inbox item


@dataclass(frozen=True, kw_only=True)
class CorrectionAnswered(LogEvent):
    kind: ClassVar[Kind] = Kind.CORRECTION_ANSWERED
    notice: str = key("melding")
    answer: str = key("antwoord")


@dataclass(frozen=True, kw_only=True)
class FamilyObjection(LogEvent):
    """A capable minor's objection: these parts of their dossier are not shown to their parents."""

    kind: ClassVar[Kind] = Kind.FAMILY_OBJECTION
    member: str = key("gezinslid")
    parts: list = key("delen", [])


@dataclass(frozen=True, kw_only=True)
class FamilyGrant(LogEvent):
    """The young adult (18+) lets a parent keep access (`granted`), or ends it."""

    kind: ClassVar[Kind] = Kind.FAMILY_GRANT
    member: str = key("gezinslid")
    to: str = key("aan")
    granted: bool = key("verleend")


FAMILY_KINDS = frozenset({Kind.FAMILY_INVITED, Kind.FAMILY_CONSENT, Kind.FAMILY_VIEW, Kind.FAMILY_AGREEMENT,
                          Kind.FAMILY_CORRECTION, Kind.CORRECTION_ANSWERED, Kind.FAMILY_OBJECTION,
                          Kind.FAMILY_GRANT})

@dataclass(frozen=True, kw_only=True)
class Moved(LogEvent):
    """The trajectory moved from guideline version `source` to `target` (the actor moved it, for
    `reason`): its tokens went to the elements `mapping` names (old id -> new id; unnamed ids stay),
    `moves` are the tokens that changed element, `deadlines` the running timers and what became of them.
    From here on its events run on `target`; moving back is a new move."""

    kind: ClassVar[Kind] = Kind.MOVED
    source: str = key("van")
    target: str = key("naar")
    process: str = key("proces")
    mapping: dict = key("koppeling", {})
    moves: dict = key("verplaatst", {})
    deadlines: list = key("termijnen", [])
    reason: str = key("reden", "")


TYPES: dict[str, type[LogEvent]] = {cls.kind: cls for cls in (
    Started, TaskCompleted, TimerFired, Failed, ConsentGiven, ConsentWithdrawn, TeamChanged, AnchorNamed,
    DocumentCompleted, DocumentSigned, DocumentAgreed, DocumentSubmitted, DocumentCorrected, SignaturesInvalidated,
    SignaturesValidAgain, DataErased, TablesAdopted, Moved, FamilyInvited, FamilyConsent, FamilyView, FamilyAgreement,
    FamilyCorrection, CorrectionAnswered, FamilyObjection, FamilyGrant)}


def version_in_effect(event: LogEvent | None, current: str | None) -> str | None:
    """The guideline version in effect from this event on: the start names the first, a move the next."""
    if isinstance(event, Started):
        return event.version
    if isinstance(event, Moved):
        return event.target
    return current


def typed(kind: str, body: dict[str, Any]) -> LogEvent | None:
    """The typed event of a payload (None for a kind this version does not know). Raises KeyError or
    TypeError when the payload lacks what its kind needs."""
    cls = TYPES.get(kind)
    if cls is None:
        return None
    if not isinstance(body, dict):
        raise TypeError(f"de inhoud van een gebeurtenis '{kind}' is geen object")
    return cls.read(body)
