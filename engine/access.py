"""Need-to-know (DESIGN.md §4): one policy for every channel. Pure rules, no storage.

The policy is a table of the role someone holds *on a trajectory's team* × what they want (read a
kind of data, or act) × the trajectory's phase. Every use case asks it once, through a
`Clearance`, and every channel (page, API, JSON, PDF, events, drafts, prefills, search) filters
what it returns through that clearance.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from engine.actors import Actor
from engine.errors import EkdError
from engine.history.chain import Key
from engine.roles import DISCIPLINES
from engine.text import InvalidInput


class Forbidden(EkdError):
    """The person may not see or do this."""


class Data(StrEnum):
    """The kinds of data a trajectory holds."""

    PROGRESS = "voortgang"     # status, steps done and open, the diagram, team, deadlines, consent status
    IDENTITY = "identiteit"    # the child record: name, birth date, INSZ
    FAMILY = "gezin"           # legal representatives and family, their contact details
    SHARED = "gedeeld"         # intake, non-medical findings, integrated picture, event data, the A-document
    MEDICAL = "medisch"        # the physician's findings
    OWN = "eigen"              # what I recorded myself
    FOR_FAMILY = "voor_het_gezin"  # the family's page: the A-document as it reads (summary, PDF), their copy


class Act(StrEnum):
    """What someone may do on a trajectory."""

    WORK = "werken"            # open, take, save and complete the tasks of one's lane
    SIGN = "ondertekenen"      # sign the A-document
    MANAGE = "beheren"         # team, anchor, consent, the A-document's additions, agreement, submission
    REASSIGN = "herverdelen"   # release a task someone else took
    CONSENT = "instemmen"      # the family: give, refuse or withdraw consent; agree to the A-document
    VOICE = "inspraak"         # the family: their question and view in their own words, a correction request


class Phase(StrEnum):
    """A trajectory's phase, as far as need-to-know is concerned."""

    RUNNING = "lopend"
    HALTED = "opgeschort"      # consent withdrawn: sharing stops
    CLOSED = "afgerond"


Grant = Data | Act
_R, _H, _C = Phase.RUNNING, Phase.HALTED, Phase.CLOSED
_ALWAYS = frozenset({_R, _H, _C})
_PHASES = frozenset(phase.value for phase in Phase)
_SHARING = frozenset({_R, _C})             # not while consent is withdrawn
_ACTIVE = frozenset({_R})
_DISCIPLINE = {Data.PROGRESS: _SHARING, Data.IDENTITY: _ALWAYS, Data.FAMILY: _SHARING, Data.SHARED: _SHARING,
               Data.OWN: _ALWAYS, Act.WORK: _ACTIVE, Act.SIGN: _SHARING}

# role on the team → what it grants → in which phases. Anything not listed is refused.
POLICY: dict[str, dict[Grant, frozenset[Phase]]] = {
    "coordinator": {Data.PROGRESS: _ALWAYS, Data.IDENTITY: _ALWAYS, Data.FAMILY: _ALWAYS,
                    Data.SHARED: _SHARING, Data.MEDICAL: _SHARING, Data.OWN: _ALWAYS,
                    Act.WORK: _ACTIVE, Act.MANAGE: _ALWAYS},
    "physician": {**_DISCIPLINE, Data.MEDICAL: _SHARING},
    **{role: dict(_DISCIPLINE) for role in DISCIPLINES if role != "physician"},
    "team_lead": {Data.PROGRESS: _SHARING, Data.IDENTITY: _ALWAYS, Data.OWN: _ALWAYS,
                  Act.WORK: _ACTIVE, Act.REASSIGN: _ACTIVE},
}
# The family (the person role `client`) is never on a team: a family member's clearance on their own
# child's trajectory comes from their relation (engine/services/family/members.py), as one of these.
CLIENT = "client"                # a legal representative, a capable minor, a young adult: decides
CLIENT_HEARD = "client_heard"    # a parent in contact without parental authority, a minor judged not capable
_FAMILY_SEES = {Data.PROGRESS: _ALWAYS, Data.OWN: _ALWAYS, Data.FOR_FAMILY: _ALWAYS}
POLICY[CLIENT] = {**_FAMILY_SEES, Act.CONSENT: frozenset({_R, _H}), Act.VOICE: _ACTIVE}
POLICY[CLIENT_HEARD] = {**_FAMILY_SEES, Act.VOICE: _ACTIVE}
FAMILY_ROLES = frozenset({CLIENT, CLIENT_HEARD})
TEAM_ROLES = frozenset(POLICY) - FAMILY_ROLES
# A coordinator who registered a child reads its record before any trajectory starts.
REGISTRAR = frozenset({Data.IDENTITY, Data.FAMILY})
MEDICAL_LANES = frozenset({"physician"})

_REASONS = {
    Data.MEDICAL: "medische bevindingen zijn enkel zichtbaar voor artsen en de coördinator van het traject",
    Data.FAMILY: "de gegevens van het gezin zijn enkel zichtbaar voor de coördinator en de disciplines van het team",
    Data.SHARED: "de inhoud van het traject is enkel zichtbaar voor de coördinator en de disciplines van het team",
    Act.SIGN: "enkel de betrokken disciplines ondertekenen het A-document",
    Act.MANAGE: "alleen de coördinator van het traject doet dit",
    Act.REASSIGN: "alleen een teamverantwoordelijke in het team van dit traject geeft taken van anderen vrij",
    Act.WORK: "deze taak is voor een andere rol in het team van dit traject",
    Act.CONSENT: "alleen een wettelijke vertegenwoordiger of het bekwame kind zelf stemt in of gaat akkoord",
    Act.VOICE: "je schrijft hier niet (meer) mee",
    Data.FOR_FAMILY: "deze pagina is voor het gezin van het kind",
}
NOT_YOUR_CHILD = "je hebt enkel toegang tot het traject van je eigen kind"
FAMILY_ONLY = "dit is voor professionals; als gezinslid vind je alles op je eigen pagina"
FOR_FAMILY_ONLY = "dit is de eigen pagina van een gezinslid van het kind"
HALTED = "de instemming is ingetrokken: het traject staat stil tot de coördinator ze opnieuw registreert"
CLOSED = "het traject is afgerond"
NOT_ON_TEAM = "je zit niet in het team van dit traject"
NO_CLIENT_DATA = "jouw rol geeft geen toegang tot gegevens van kinderen"


def phase_of(status: str) -> Phase:
    """The need-to-know phase of a trajectory status (lopend, opgeschort, afgerond)."""
    return Phase(status) if status in _PHASES else Phase.RUNNING


def allowed(role: str, grant: Grant, phase: Phase) -> bool:
    """The policy table itself: does this team role grant this in this phase?"""
    return phase in POLICY.get(role, {}).get(grant, frozenset())


@dataclass(frozen=True)
class Clearance:
    """What one person may see and do on one trajectory, now."""

    roles: frozenset[str]          # the team roles the person holds on this trajectory (and as a person)
    phase: Phase

    def may(self, grant: Grant) -> bool:
        return any(allowed(role, grant, self.phase) for role in self.roles)

    def reads(self, kind: Data) -> bool:
        return self.may(kind)

    def require(self, grant: Grant) -> None:
        """Refuse with the reason, in Dutch, unless the policy grants it."""
        if not self.may(grant):
            raise Forbidden(self.reason(grant))

    def reason(self, grant: Grant) -> str:
        if not self.roles:
            return NOT_ON_TEAM
        if any(allowed(role, grant, Phase.RUNNING) for role in self.roles):
            return HALTED if self.phase is Phase.HALTED else CLOSED
        return _REASONS.get(grant, NOT_ON_TEAM)

    @property
    def coordinates(self) -> bool:
        return "coordinator" in self.roles

    def works_in(self, lane: str | None) -> bool:
        """May complete a task of this lane (holds the lane's role on the team, trajectory running)."""
        return lane is not None and lane in self.roles and allowed(lane, Act.WORK, self.phase)

    def require_work(self, lane: str | None) -> None:
        """Refuse, saying why, unless the person may complete a task of this lane now."""
        if not self.works_in(lane):
            raise Forbidden(self.reason(Act.WORK) if lane in self.roles
                            else f"deze taak is voor de rol '{lane}' in het team van dit traject")

    def reads_contribution(self, lane: str | None, author: str, me: str) -> bool:
        """May read what someone recorded in a lane: one's own always, else by the lane's kind of data."""
        if author == me and self.reads(Data.OWN):
            return True
        return self.reads(Data.MEDICAL if lane in MEDICAL_LANES else Data.SHARED)


def clearance(actor: Actor, member_roles: Iterable[str], status: str) -> Clearance:
    """The clearance of `actor` on a trajectory where they hold `member_roles`, in `status`."""
    return Clearance(frozenset(set(member_roles) & actor.roles & TEAM_ROLES), phase_of(status))


def family_clearance(family_roles: Iterable[str], status: str) -> Clearance:
    """The clearance of a family member on their own child's trajectory, in `status`."""
    return Clearance(frozenset(set(family_roles) & FAMILY_ROLES), phase_of(status))


def is_family(actor: Actor) -> bool:
    """A family member's log-in: they see their own child's trajectory only, and no professional's work."""
    return actor.has(CLIENT)


def works_with_clients(actor: Actor) -> bool:
    """Quality center, auditors and administrators never see client data in the app."""
    return bool(actor.roles & TEAM_ROLES)


def require(condition: bool, message: str) -> None:
    if not condition:
        raise Forbidden(message)


# -- Auditors: pseudonymised by default (issue 17) ---------------------------------------------------
# The one redaction rule every auditor page, API operation and export applies. A child is a stable
# pseudonym keyed with a subkey of the audit key (which the database does not hold), ages are bands,
# and names, INSZ, addresses and free text of the child and family are hidden; the professionals who
# acted appear by name and role. A reveal shows one hidden item, for a stated reason, logged, until the
# session ends.

AUDITOR = "auditor"
HIDDEN = "[afgeschermd]"
REVEAL_REASON_MIN = 10
NOT_AUDITOR = "alleen een auditor gebruikt de auditwerkbank"
_CODE = re.compile(r"[a-z][a-z0-9_]{0,59}")            # an identifier a guideline chose, never free text
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_BANDS = ((0, 2), (3, 5), (6, 11), (12, 17), (18, 24))
BIRTH_FIELDS = re.compile(r"geboortedatum")


class Field(StrEnum):
    """What a form field holds, as far as redaction is concerned."""

    CODE = "code"          # one of the form's choices
    DATE = "datum"
    FLAG = "ja/nee"
    NUMBER = "getal"
    TEXT = "tekst"         # free text: hidden


def require_auditor(actor: Actor) -> None:
    """Refuse anyone but an auditor."""
    require(actor.has(AUDITOR), NOT_AUDITOR)


def pseudonym_key(key: Key) -> Key:
    """The pseudonyms' own key, derived from the audit key: knowing one pseudonym's child never gives
    the chain's key, and the database alone cannot compute or reverse a pseudonym."""
    return Key(key.mac("ekd-pseudoniemen-v1").encode("ascii"))


def pseudonym(key: Key, child_id: str) -> str:
    """A child's stable pseudonym (the same child, the same pseudonym, on every page and export)."""
    digest = bytes.fromhex(pseudonym_key(key).mac("kind", child_id))
    return "K-" + base64.b32encode(digest).decode("ascii")[:10]


def age_band(birth: date, on: date) -> str:
    """An age as a band of years ('6-11'), never the birth date."""
    years = on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))
    for low, high in _BANDS:
        if years <= high:
            return f"{max(low, 0)}-{high}"
    return "25+"


def field_kinds(forms: dict[str, dict]) -> dict[str, Field]:
    """Each field name of a guideline's forms with what it holds; a name that is free text in any
    form is free text everywhere."""
    kinds: dict[str, Field] = {}

    def walk(schema: Any) -> None:
        if not isinstance(schema, dict):
            return
        for name, prop in (schema.get("properties") or {}).items():
            kind = _kind_of(prop)
            if kind is not None:
                previous = kinds.get(name)
                kinds[name] = kind if previous in (None, kind) else Field.TEXT     # conflicting: the strictest
            walk(prop)
            walk(prop.get("items") if isinstance(prop, dict) else None)
        walk(schema.get("items"))

    for schema in forms.values():
        walk(schema)
    return kinds


def _kind_of(prop: Any) -> Field | None:
    if not isinstance(prop, dict):
        return None
    if isinstance(prop.get("items"), dict) and prop.get("type") == "array":
        return _kind_of(prop["items"]) if "properties" not in prop["items"] else None
    choices = prop.get("oneOf")
    if "enum" in prop or "const" in prop or (isinstance(choices, list) and choices
                                             and all(isinstance(o, dict) and "const" in o for o in choices)):
        return Field.CODE
    kind = prop.get("type")
    if kind == "boolean":
        return Field.FLAG
    if kind in ("integer", "number"):
        return Field.NUMBER
    if kind == "string":
        return Field.DATE if prop.get("format") == "date" else Field.TEXT
    return None


def redact(name: str | None, value: Any, kinds: dict[str, Field], on: date) -> tuple[Any, bool]:
    """One leaf value as an auditor sees it, and whether it is hidden: flags, numbers, dates and the
    guideline's choices show; birth dates become age bands; any other text is hidden (a value no form
    describes shows only when it is an identifier the guideline chose, never digits such as an INSZ)."""
    if value is None or isinstance(value, (bool, int, float)) or value in ({}, []):
        return value, False
    if not isinstance(value, str):
        return HIDDEN, True
    if name and BIRTH_FIELDS.search(name):
        try:
            return age_band(date.fromisoformat(value), on), True
        except ValueError:
            return HIDDEN, True
    kind = kinds.get(name or "")
    if kind is Field.CODE and _CODE.fullmatch(value):
        return value, False
    if kind is Field.DATE and _DAY.fullmatch(value):
        return value, False
    if kind is None and _CODE.fullmatch(value):
        return value, False
    return HIDDEN, True


# An event's own fields that name the guideline, versions, roles and hashes: never client data.
EVENT_FIELDS_SHOWN = frozenset({"process", "version", "element", "path", "role", "rol", "rollen", "versie",
                                "vervangt", "hash", "voor", "gewist"})


def redact_event_field(name: str | None, value: Any, kinds: dict[str, Field], on: date) -> tuple[Any, bool]:
    """One leaf of an event's own fields: the guideline's ids, versions, roles and hashes show; anything
    else as `redact` says (a consent note, a correction's reason, an agreement's parties are hidden)."""
    if name in EVENT_FIELDS_SHOWN and isinstance(value, (str, int)) and not isinstance(value, bool):
        return value, False
    return redact(name, value, kinds, on)


def reveal_reason(reason: str | None) -> str:
    """The stated reason of a reveal, checked (at least a sentence); InvalidInput without one."""
    text = " ".join((reason or "").split())
    if len(text) < REVEAL_REASON_MIN:
        raise InvalidInput("reden", f"geef een reden van minstens {REVEAL_REASON_MIN} tekens om een afgeschermd "
                           "gegeven te tonen", "minLength", {"limit": REVEAL_REASON_MIN})
    return text
