"""Verify one trajectory: its keyed chain, a re-execution of its events against the stored state and
checkpoints, and its tables against what the events make of them. Nothing it reads can make it
crash: an unreadable row is a problem it names, and it goes on."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from engine.errors import EkdError
from engine.history import chain, log
from engine.history.events import payload
from engine.history.problems import Flaw, Problem
from engine.history.projection import Projection
from engine.history.replay import Replayed, replay
from engine.services.audit import projections
from engine.services.audit.rows import Stored, stored
from engine.services.library import Library
from engine.store import UnitOfWork
from engine.store.journal import unpack
from engine.store.models import Checkpoint, Event
from engine.store.queues import MOVED_NOTICE, NOTICE, moved_notice


@dataclass
class Verified:
    """What verification found, and the projection the events make (None when there are no events)."""

    problems: list[Problem]
    projection: Projection | None = None


def verify(uow: Callable[..., UnitOfWork], library: Library, trajectory_id: str) -> Verified:
    """Every problem of one trajectory (its chain linked with the unit of work's audit key)."""
    scope = f"traject {trajectory_id}"
    with uow() as reading:
        tables = stored(reading.session, trajectory_id)
        key = reading.key
    problems = [Problem(scope, where, Flaw.UNREADABLE, f"rij in {table} kan niet gelezen worden")
                for where, table in tables.unreadable]
    trajectory = tables.trajectory
    if trajectory is None:
        if not problems:
            problems.append(Problem(scope, "traject", Flaw.MISSING, "traject bestaat niet"))
        return Verified(problems)
    history = tables.events
    problems += chain.problems(key, trajectory_id, history, trajectory.head_hash, trajectory.event_count)
    typed, erased_at = _typed(scope, history, problems)
    problems += _version_problems(scope, trajectory, typed)
    problems += _move_notices(scope, trajectory_id, tables, typed)
    projection = Projection()
    known = False
    if erased_at:
        if trajectory.state is not None:
            problems.append(Problem(scope, "opgeslagen toestand", Flaw.PROJECTION, "bestaat nog na de wissing"))
        if tables.checkpoints:
            problems.append(Problem(scope, "controlepunten", Flaw.PROJECTION, "bestaan nog na de wissing"))
        if tables.tasks:
            problems.append(Problem(scope, "inbox", Flaw.PROJECTION, "er liggen nog taken klaar na de wissing"))
        for event, item in typed:
            if item is not None and event.seq >= erased_at:
                projection.apply(item, event.actor, event.recorded_at)
    else:
        observed: dict[int, tuple] = {}
        replayed = _replay(scope, library, trajectory, history, tables, observed, problems)
        known = replayed is not None and not replayed.mismatches and replayed.upto == len(history)
        for event, item in typed:
            if item is not None:
                projection.apply(item, event.actor, event.recorded_at)
            if event.seq in observed:
                projection.observe(*observed[event.seq])
    problems += projections.differences(scope, tables, projection, known)
    return Verified(problems, projection)


def _version_problems(scope: str, trajectory, typed: list[tuple[Event, log.LogEvent | None]]) -> list[Problem]:
    """Each event's guideline version (a column, for queries) must be the one its chain puts in effect:
    the start's, then each move's target; the trajectory must be on the last one."""
    found, current = [], None
    for event, item in typed:
        current = log.version_in_effect(item, current)
        if item is not None and current is not None and event.guideline_version_id != current:
            found.append(Problem(scope, f"gebeurtenis {event.seq}", Flaw.PROJECTION,
                                 f"richtlijnversie '{event.guideline_version_id}' in de tabel, maar de keten zegt "
                                 f"'{current}'"))
    if current is not None and trajectory.guideline_version_id != current:
        found.append(Problem(scope, "richtlijnversie", Flaw.PROJECTION,
                             f"het traject staat op '{trajectory.guideline_version_id}', maar de keten zegt "
                             f"'{current}'"))
    return found


def _move_notices(scope: str, trajectory_id: str, tables: Stored, typed) -> list[Problem]:
    """Each 'moved' item in the coordinator's inbox must stand for a move in the chain (it goes once read)."""
    moves = {moved_notice(trajectory_id, event.seq) for event, item in typed if isinstance(item, log.Moved)}
    return [Problem(scope, f"melding '{task.name}'", Flaw.PROJECTION, "staat in de inbox, maar de keten kent die "
                    "verplaatsing niet") for task in tables.tasks
            if task.kind == NOTICE and task.element == MOVED_NOTICE and task.id not in moves]


def _typed(scope: str, history: list[Event], problems: list[Problem]
           ) -> tuple[list[tuple[Event, log.LogEvent | None]], int]:
    """Each event with its typed payload (None when erased or unknown), and the seq of the latest
    erasure (0 when none). A payload that cannot be read is named."""
    erased_at = max((e.seq for e in history if e.type == log.Kind.DATA_ERASED and e.payload is not None), default=0)
    typed = []
    for event in history:
        item = None
        try:
            body = payload(event)
            if body is None and event.seq > erased_at:
                problems.append(Problem(scope, f"gebeurtenis {event.seq}", Flaw.MISSING,
                                        "inhoud gewist zonder wisgebeurtenis (ekd retention erase)"))
            elif body is not None:
                item = log.typed(event.type, body)
        except (ValueError, KeyError, TypeError) as error:
            problems.append(Problem(scope, f"gebeurtenis {event.seq}", Flaw.UNREADABLE,
                                    f"inhoud kan niet gelezen worden ({error})"))
        typed.append((event, item))
    return typed, erased_at


def _replay(scope: str, library: Library, trajectory, history: list[Event], tables: Stored,
            observed: dict[int, tuple], problems: list[Problem]) -> Replayed | None:
    """Re-execute the events; compare the checkpoints, the stored state and the inbox rows with the
    re-execution."""
    checkpoints = tables.checkpoints
    try:
        casework = library.casework(trajectory.guideline_version_id)
    except EkdError as error:
        problems.append(Problem(scope, "richtlijnversie", Flaw.UNREADABLE, f"opnieuw uitvoeren kan niet: {error}"))
        return None

    def observe(event: Event, instance) -> None:
        observed[event.seq] = (instance.data.get("instemming_status"), instance.completed)

    replayed = replay(casework, trajectory.id, history, keep=frozenset(c.seq for c in checkpoints), observe=observe)
    problems += [Problem(scope, "heruitvoering", Flaw.REPLAY, mismatch) for mismatch in replayed.mismatches]
    if replayed.mismatches:
        return replayed
    problems += _checkpoint_problems(scope, checkpoints, replayed)
    stored_state = trajectory.state
    if stored_state is None:
        problems.append(Problem(scope, "opgeslagen toestand", Flaw.MISSING,
                                "wordt herbouwd bij het volgende gebruik"))
    elif replayed.instance is not None and not _same_json(replayed.instance.dumps(), stored_state):
        problems.append(Problem(scope, "opgeslagen toestand", Flaw.PROJECTION,
                                "heruitvoering geeft een andere toestand dan de opgeslagen toestand"))
    if replayed.instance is not None and replayed.upto == len(history):
        problems += _inbox_problems(scope, tables, replayed.instance)
    return replayed


def _inbox_problems(scope: str, tables: Stored, instance) -> list[Problem]:
    """The inbox rows must be the tasks the re-executed workflow has ready (lane, path, deadline)."""
    escalations = instance.definition.escalations
    expected = {(t.id, t.element, t.lane, t.path, t.due, t.element in escalations) for t in instance.ready_tasks()}
    stored_rows = {(t.id, t.element, t.lane, t.path, t.due_at, t.escalation) for t in tables.tasks
                   if t.kind != NOTICE}
    found = [Problem(scope, f"taak {row[0]} ({row[1]}, {row[2]})", Flaw.PROJECTION,
                     "staat in de inbox zo, maar de heruitvoering heeft ze niet zo klaarliggen")
             for row in sorted(stored_rows - expected, key=repr)]
    found += [Problem(scope, f"taak {row[0]} ({row[1]}, {row[2]})", Flaw.MISSING,
                      "ligt klaar bij de heruitvoering, maar ontbreekt zo in de inbox")
              for row in sorted(expected - stored_rows, key=repr)]
    return found


def _checkpoint_problems(scope: str, checkpoints: list[Checkpoint], replayed: Replayed) -> list[Problem]:
    """Each checkpoint must hold the re-executed state and steps after its event."""
    problems, steps_before = [], 0
    for checkpoint in checkpoints:
        where = f"controlepunt na gebeurtenis {checkpoint.seq}"
        state, steps_upto = replayed.states.get(checkpoint.seq, (None, steps_before))
        kept = unpack(checkpoint.state)
        if kept is None:
            problems.append(Problem(scope, where, Flaw.UNREADABLE, "de toestand kan niet gelezen worden "
                                    "(geen zlib of geen UTF-8); een heruitvoering gaat eromheen"))
        elif state is None or not _same_json(state, kept) or replayed.path[steps_before:steps_upto] != checkpoint.steps:
            problems.append(Problem(scope, where, Flaw.PROJECTION, "verschilt van de heruitvoering"))
        steps_before = steps_upto
    return problems


def _same_json(one: str, other: str) -> bool:
    try:
        return json.loads(one) == json.loads(other)
    except (ValueError, TypeError):
        return False
