"""What the tables should hold, folded from a trajectory's typed events: its team and anchor
person, consent and status, and its A-document versions, signatures and agreements.

The tables are projections of the event log. `ekd audit verify` folds the events with this module
and names every difference; the use cases apply the same rules (`consent_after`, `status_of`).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any

from engine.history import log
from engine.history.chain import canonical, payload_hash
from engine.history.log import Consent, DocumentStatus, Status

CONSENT_FROM_GUIDELINE = {"gegeven": Consent.GIVEN, "geweigerd": Consent.REFUSED}


def consent_after(consent: str, registered: Any) -> str:
    """The consent after the guideline registered `registered` (its `instemming_status`);
    a withdrawal stands until consent is given again."""
    if consent == Consent.WITHDRAWN:
        return consent
    return CONSENT_FROM_GUIDELINE.get(registered, consent) if isinstance(registered, str) else consent


def status_of(consent: str, completed: bool) -> str:
    """lopend, opgeschort (consent withdrawn) or afgerond."""
    if completed:
        return Status.DONE
    return Status.HALTED if consent == Consent.WITHDRAWN else Status.RUNNING


@dataclass
class Version:
    """One A-document version as its events made it."""

    version: int
    status: str = DocumentStatus.CONCEPT
    additions: dict = field(default_factory=dict)
    content_hash: str | None = None
    frozen_at: str | None = None
    frozen_by: str | None = None
    replaces: int | None = None
    reason: str | None = None


@dataclass(frozen=True)
class Signed:
    version: int
    person: str
    role: str
    hash: str
    at: str


@dataclass(frozen=True)
class Agreed:
    version: int
    hash: str
    agreed_on: str
    parties: tuple
    by: str
    at: str


@dataclass
class Projection:
    members: set[tuple[str, str]] = field(default_factory=set)      # (person, role)
    anchor: str | None = None
    consent: str = Consent.OPEN
    status: str = Status.RUNNING
    versions: dict[int, Version] = field(default_factory=dict)
    signatures: list[Signed] = field(default_factory=list)
    agreements: list[Agreed] = field(default_factory=list)
    child: str | None = None           # the child record's fingerprint as last recorded
    erased: bool = False
    resign: set[tuple[int, str]] = field(default_factory=set)      # (version, role) asked to sign again

    def version(self, number: int) -> Version:
        return self.versions.setdefault(number, Version(number))

    def apply(self, event: log.LogEvent, actor: str, at: datetime) -> None:
        """Fold one event (its actor and time) into the projection."""
        when = at.isoformat()
        match event:
            case log.Started():
                self.members.add((actor, "coordinator"))
                self.child = event.child
            case log.TeamChanged():
                self.members = {m for m in self.members if m[1] != event.role} | {(p, event.role) for p in event.people}
            case log.AnchorNamed():
                self.anchor = event.person
            case log.ConsentWithdrawn():
                self.consent = Consent.WITHDRAWN
            case log.ConsentGiven():
                self.consent = Consent.GIVEN
            case log.DocumentCompleted():
                self.version(event.version).additions = dict(event.additions)
            case log.DocumentSigned():
                self.version(event.version)
                self.signatures += [Signed(event.version, actor, role, event.hash, when) for role in event.roles]
                self.resign -= {(event.version, role) for role in event.roles}
            case log.SignaturesInvalidated():
                self.version(event.version)
                self.resign |= {(event.version, role) for role in event.roles}
            case log.SignaturesValidAgain():
                self.resign -= {(event.version, role) for role in event.roles}
            case log.DocumentAgreed():
                self.version(event.version)
                self.agreements.append(Agreed(event.version, event.hash, event.agreed_on,
                                              tuple(party_key(p) for p in event.parties), actor, when))
            case log.DocumentSubmitted():
                document = self.version(event.version)
                document.status, document.content_hash = DocumentStatus.SUBMITTED, event.hash
                document.frozen_at, document.frozen_by = when, actor
                self.resign = {(v, role) for v, role in self.resign if v != event.version}
            case log.DocumentCorrected():
                previous = self.version(event.replaces)
                previous.status = DocumentStatus.REPLACED
                self.resign = {(v, role) for v, role in self.resign if v != event.replaces}
                self.versions[event.version] = Version(event.version, additions=dict(previous.additions),
                                                       replaces=event.replaces, reason=event.reason)
            case log.DataErased():
                kept = Projection.from_json(event.projection)
                kept.child, kept.erased = event.child, True
                self.__dict__.update(kept.__dict__)
            case log.TablesAdopted():
                self.__dict__.update(Projection.from_json(event.projection).__dict__)

    def observe(self, registered: Any, completed: bool) -> None:
        """Take in the workflow after an event: the consent the guideline registered, whether it ended."""
        self.consent = consent_after(self.consent, registered)
        self.status = status_of(self.consent, completed)

    def without_personal_data(self) -> Projection:
        """What stays after erasure: the A-documents' additions and the agreements' parties go."""
        kept = Projection.from_json(self.to_json())
        for document in kept.versions.values():
            document.additions = {}
            document.reason = None
        kept.agreements = [Agreed(a.version, a.hash, a.agreed_on, (), a.by, a.at) for a in kept.agreements]
        return kept

    def to_json(self) -> dict[str, Any]:
        return {"team": sorted([p, r] for p, r in self.members), "anker": self.anchor, "instemming": self.consent,
                "status": self.status, "kind": self.child, "versies": [asdict(v) for v in sorted(self.versions.values(),
                                                                             key=lambda v: v.version)],
                "handtekeningen": [asdict(s) for s in self.signatures],
                "akkoorden": [{**asdict(a), "parties": [json.loads(p) for p in a.parties]} for a in self.agreements],
                "opnieuw_ondertekenen": sorted([v, r] for v, r in self.resign)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Projection:
        return cls(members={(p, r) for p, r in data.get("team", [])}, anchor=data.get("anker"),
                   consent=data.get("instemming", Consent.OPEN), status=data.get("status", Status.RUNNING),
                   child=data.get("kind"),
                   versions={v["version"]: Version(**v) for v in data.get("versies", [])},
                   signatures=[Signed(**s) for s in data.get("handtekeningen", [])],
                   agreements=[Agreed(**{**a, "parties": tuple(party_key(p) for p in a["parties"])})
                               for a in data.get("akkoorden", [])],
                   resign={(v, r) for v, r in data.get("opnieuw_ondertekenen", [])})


def child_fingerprint(insz: str, given_name: str, family_name: str, birth_date: date, representatives: Any,
                      registered_by: str | None) -> str:
    """The SHA-256 of a child record (its registration and each trajectory's start record it)."""
    record = {"insz": insz, "voornaam": given_name, "familienaam": family_name,
              "geboortedatum": birth_date.isoformat(), "vertegenwoordigers": representatives or [],
              "geregistreerd_door": registered_by}
    return payload_hash(canonical(record))


def party_key(party: Any) -> str:
    """A party of an agreement as a comparable (hashable) value: its canonical JSON."""
    return json.dumps(party, sort_keys=True, ensure_ascii=False, default=str)
