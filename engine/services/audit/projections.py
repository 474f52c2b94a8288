"""Compare the tables with what a trajectory's events make of them (engine/history/projection.py):
every row the events do not account for, and every fact of the events the tables lack, is named."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime
from typing import Any

from engine.adocument.sections import content_hash
from engine.history.problems import Flaw, Problem
from engine.history.projection import Agreed, Projection, Signed, Version, party_key
from engine.services.audit.rows import Stored
from engine.services.care.signing import RESIGN, notice_id
from engine.services.children import fingerprint
from engine.store.queues import NOTICE


def differences(scope: str, tables: Stored, projected: Projection, workflow_known: bool) -> list[Problem]:
    """What differs between the stored rows and the projection. Consent and status are compared
    only when the workflow was re-executed to the end (`workflow_known`) or the trajectory was erased."""
    found: list[Problem] = []

    def differ(where: str, detail: str, flaw: Flaw = Flaw.PROJECTION) -> None:
        found.append(Problem(scope, where, flaw, detail))

    trajectory = tables.trajectory
    stored_members = {(m.person_id, m.role) for m in tables.members}
    for person, role in sorted(stored_members - projected.members):
        differ(f"teamlid {person} als {role}", "staat in de tabel, maar geen gebeurtenis zette het in het team")
    for person, role in sorted(projected.members - stored_members):
        differ(f"teamlid {person} als {role}", "ontbreekt in de tabel, maar de gebeurtenissen zetten het in het team",
               Flaw.MISSING)
    if trajectory.anchor_person_id != projected.anchor:
        differ("ankerfiguur", f"de tabel zegt {trajectory.anchor_person_id}, de gebeurtenissen {projected.anchor}")
    if workflow_known or projected.erased:
        if trajectory.consent != projected.consent:
            differ("instemming", f"de tabel zegt '{trajectory.consent}', de gebeurtenissen '{projected.consent}'")
        if trajectory.status != projected.status:
            differ("status", f"de tabel zegt '{trajectory.status}', de gebeurtenissen '{projected.status}'")
    found += _documents(scope, tables, projected)
    found += _notices(scope, tables, projected)
    if tables.child is not None and projected.child is not None and fingerprint(tables.child) != projected.child:
        differ(f"kind {tables.child.id}", "de kindgegevens verschillen van wat de gebeurtenissen vastlegden",
               Flaw.EDITED)
    return found


def _notices(scope: str, tables: Stored, projected: Projection) -> list[Problem]:
    """ekd's 'sign again' items in the inbox: one per (version, role) the events asked to sign again."""
    versions = {d.id: d.version for d in tables.documents}
    stored = {(versions.get(_document_of(task, tables)), task.lane) for task in tables.tasks
              if task.kind == NOTICE and task.element == RESIGN}
    found = [Problem(scope, f"melding 'opnieuw ondertekenen' voor {role} (versie {version})", Flaw.PROJECTION,
                     "staat in de inbox, maar geen gebeurtenis vroeg opnieuw te ondertekenen")
             for version, role in sorted(stored - projected.resign, key=repr)]
    found += [Problem(scope, f"melding 'opnieuw ondertekenen' voor {role} (versie {version})", Flaw.MISSING,
                      "de gebeurtenissen vragen opnieuw te ondertekenen, maar de inbox zegt het niemand")
              for version, role in sorted(projected.resign - stored, key=repr)]
    return found


def _document_of(task, tables: Stored) -> str | None:
    """The A-document version a 'sign again' item belongs to (its id is made from the version's id)."""
    return next((d.id for d in tables.documents if notice_id(d.id, task.lane) == task.id), None)


def _documents(scope: str, tables: Stored, projected: Projection) -> list[Problem]:
    found: list[Problem] = []
    by_id = {d.id: d for d in tables.documents}
    stored = {d.version: d for d in tables.documents}
    for number in sorted(set(stored) | set(projected.versions)):
        where = f"A-document versie {number}"
        row, version = stored.get(number), projected.versions.get(number)
        if version is None:
            if not (number == 1 and row.status == "concept" and not row.additions and not row.content):
                found.append(Problem(scope, where, Flaw.PROJECTION, "staat in de tabel, maar in geen gebeurtenis"))
            continue                       # the first concept is made the first time anyone opens it
        if row is None:
            if version != Version(number):
                found.append(Problem(scope, where, Flaw.MISSING, "ontbreekt in de tabel"))
            continue
        replaced = by_id.get(row.replaces_id).version if row.replaces_id in by_id else None
        expected = {"status": version.status, "aanvullingen": version.additions, "inhoud-hash": version.content_hash,
                    "ingediend op": version.frozen_at, "ingediend door": version.frozen_by,
                    "vervangt versie": version.replaces}
        actual = {"status": row.status, "aanvullingen": row.additions or {}, "inhoud-hash": row.content_hash,
                  "ingediend op": _iso(row.frozen_at), "ingediend door": row.frozen_by, "vervangt versie": replaced}
        if not projected.erased:
            expected["correctiereden"], actual["correctiereden"] = version.reason, row.correction_reason
        for name in expected:
            if expected[name] != actual[name]:
                found.append(Problem(scope, f"{where}: {name}", Flaw.PROJECTION,
                                     "de tabel wijkt af van de gebeurtenissen"))
        if row.content is not None and _root(row.content) != row.content_hash:
            found.append(Problem(scope, f"{where}: inhoud", Flaw.EDITED,
                                 "de ingediende inhoud past niet bij haar hash"))
    versions = {d.id: d.version for d in tables.documents}
    found += _rows(scope, "handtekening", Counter(projected.signatures), Counter(
        Signed(versions[s.a_document_id], s.person_id, s.role, s.content_hash, _iso(s.signed_at))
        for s in tables.signatures))
    found += _rows(scope, "akkoord", Counter(projected.agreements), Counter(
        Agreed(versions[a.a_document_id], a.content_hash, _iso(a.agreed_on),
               tuple(party_key(p) for p in a.parties or []), a.recorded_by, _iso(a.recorded_at))
        for a in tables.agreements))
    return found


def _rows(scope: str, name: str, projected: Counter, stored: Counter) -> list[Problem]:
    found = []
    for row in sorted(stored - projected, key=repr):
        found.append(Problem(scope, f"{name} van {row.by if name == 'akkoord' else row.person} op versie "
                             f"{row.version} ({row.at})", Flaw.PROJECTION,
                             "staat in de tabel, maar geen gebeurtenis legde het zo vast"))
    for row in sorted(projected - stored, key=repr):
        found.append(Problem(scope, f"{name} van {row.by if name == 'akkoord' else row.person} op versie "
                             f"{row.version} ({row.at})", Flaw.MISSING,
                             "een gebeurtenis legde het vast, maar het ontbreekt in de tabel"))
    return found


def _root(content: Any) -> str | None:
    try:
        return content_hash(content)
    except (AttributeError, TypeError, KeyError):
        return None


def _iso(value: datetime | date | None) -> str | None:
    return value.isoformat() if value is not None else None
