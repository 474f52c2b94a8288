"""The keyed chain and the projection, as pure rules: table-driven, no database."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timezone

import pytest

from engine.history import chain, log
from engine.history.problems import Flaw
from engine.history.projection import Projection, consent_after, status_of

KEY = chain.Key.of("een-sleutel")
AT = datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc)


@dataclass(frozen=True)
class Row:
    seq: int
    type: str
    actor: str
    recorded_at: datetime
    payload: str | None
    payload_hash: str
    prev_hash: str
    hash: str


def linked(kinds: list[str], key: chain.Key = KEY) -> list[Row]:
    rows, previous = [], chain.GENESIS
    for seq, kind in enumerate(kinds, start=1):
        text = chain.canonical({"n": seq})
        digest = chain.payload_hash(text)
        row = Row(seq, kind, "an", AT, text, digest, previous,
                  chain.link(key, previous, "t", seq, kind, "an", AT, digest))
        rows.append(row)
        previous = row.hash
    return rows


def flaws(rows: list[Row], key: chain.Key = KEY) -> list[tuple[str, Flaw]]:
    head = rows[-1].hash if rows else chain.GENESIS
    return [(p.where, p.flaw) for p in chain.problems(key, "t", rows, head, len(rows))]


def test_an_intact_chain_has_no_problems():
    assert flaws(linked(["a", "b", "c"])) == []


def test_the_key_matters():
    assert chain.Key.of("een-sleutel").id == KEY.id != chain.Key.of("een-andere").id
    assert flaws(linked(["a", "b"]), chain.Key.of("een-andere")) == [("gebeurtenis 1 tot 2", Flaw.EDITED)]
    with pytest.raises(ValueError):
        chain.Key.of("  ")


def test_recomputing_the_old_unkeyed_way_does_not_pass():
    rows, previous = [], chain.GENESIS
    for row in linked(["a", "b", "c"]):
        actor = "iemand-anders" if row.seq == 2 else row.actor
        forged = replace(row, actor=actor, prev_hash=previous,
                         hash=chain.unkeyed_link(previous, "t", row.seq, row.type, actor, AT, row.payload_hash))
        rows.append(forged)
        previous = forged.hash
    assert flaws(rows) == [("gebeurtenis 1 tot 3", Flaw.EDITED)]


@pytest.mark.parametrize(("change", "expected"), [
    (lambda rows: rows[:1] + rows[2:], [("gebeurtenis 2", Flaw.MISSING), ("gebeurtenis 3", Flaw.REORDERED)]),
    (lambda rows: [rows[0], replace(rows[2], seq=2), replace(rows[1], seq=3), rows[3]],       # two swapped
     [("gebeurtenis 2", Flaw.REORDERED), ("gebeurtenis 3", Flaw.REORDERED), ("gebeurtenis 4", Flaw.REORDERED),
      ("gebeurtenis 2 tot 3", Flaw.EDITED)]),
    (lambda rows: [replace(rows[0], payload='{"n":9}'), *rows[1:]], [("gebeurtenis 1", Flaw.EDITED)]),
    (lambda rows: [rows[0], replace(rows[1], type="x"), *rows[2:]], [("gebeurtenis 2", Flaw.EDITED)]),
    (lambda rows: [replace(rows[0], payload=None), *rows[1:]], []),        # erased: the payload hash stays
])
def test_what_a_change_to_the_rows_is_named(change, expected):
    assert flaws(change(linked(["a", "b", "c", "d"]))) == expected


def test_a_moved_head_is_named():
    rows = linked(["a", "b", "c"])
    problems = chain.problems(KEY, "t", rows, rows[1].hash, 3)
    assert [(p.where, p.flaw) for p in problems] == [("keten", Flaw.MISSING)]


def test_typed_events_round_trip_their_payloads():
    event = log.DocumentAgreed(version=2, hash="h", parties=[{"naam": "Sofie"}], agreed_on="2026-11-20")
    assert event.body() == {"versie": 2, "hash": "h", "partijen": [{"naam": "Sofie"}], "datum": "2026-11-20"}
    assert log.typed(log.Kind.DOCUMENT_AGREED, event.body()) == event
    assert log.typed("onbekend", {}) is None
    with pytest.raises(KeyError):
        log.typed(log.Kind.TEAM_CHANGED, {"personen": []})


def fold(*items: tuple[log.LogEvent, str]) -> Projection:
    projection = Projection()
    for event, actor in items:
        projection.apply(event, actor, AT)
    return projection


def test_the_projection_of_a_team_anchor_and_a_document():
    projection = fold(
        (log.Started(process="p", version="v", child="kind-hash"), "coördinator"),
        (log.TeamChanged(role="psychologist", people=["ann", "bert"]), "coördinator"),
        (log.TeamChanged(role="psychologist", people=["bert"]), "coördinator"),
        (log.AnchorNamed(person="bert"), "coördinator"),
        (log.DocumentSigned(version=1, roles=["psychologist"], hash="r1"), "bert"),
        (log.DocumentSubmitted(version=1, hash="r1"), "coördinator"),
        (log.DocumentCorrected(version=2, replaces=1, reason="adres"), "coördinator"),
        (log.DocumentCompleted(version=2, additions={"bijkomende_informatie": "x"}), "coördinator"))
    assert projection.members == {("coördinator", "coordinator"), ("bert", "psychologist")}
    assert projection.anchor == "bert" and projection.child == "kind-hash"
    assert [(v.version, v.status, v.additions) for v in projection.versions.values()] == [
        (1, "vervangen", {}), (2, "concept", {"bijkomende_informatie": "x"})]
    assert [(s.person, s.role, s.hash) for s in projection.signatures] == [("bert", "psychologist", "r1")]
    assert Projection.from_json(projection.to_json()) == projection


def test_an_erasure_keeps_the_projection_without_personal_data():
    before = fold((log.Started(process="p", version="v"), "c"),
                  (log.DocumentAgreed(version=1, hash="r", parties=[{"naam": "Sofie"}], agreed_on="2026-11-20"), "c"))
    kept = before.without_personal_data()
    after = fold((log.DataErased(before="2026-01-01", erased=2, child="gewist", projection=kept.to_json()), "cli"))
    assert after.erased and after.child == "gewist" and after.members == before.members
    assert [a.parties for a in after.agreements] == [()]


@pytest.mark.parametrize(("consent", "registered", "completed", "after", "status"), [
    ("open", None, False, "open", "lopend"),
    ("open", "gegeven", False, "gegeven", "lopend"),
    ("open", "geweigerd", True, "geweigerd", "afgerond"),
    ("ingetrokken", "gegeven", False, "ingetrokken", "opgeschort"),
    ("gegeven", 42, False, "gegeven", "lopend"),
])
def test_consent_and_status_follow_the_guideline_until_withdrawn(consent, registered, completed, after, status):
    assert consent_after(consent, registered) == after
    assert status_of(after, completed) == status
