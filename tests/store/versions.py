"""Purpose-made version pairs: the shipped guideline (version A) and variants of it (version B),
each changing one shape a running trajectory can be in, and a driver that walks a trajectory on."""

from __future__ import annotations

import copy
import re
from pathlib import PurePath

from engine import guidelines
from engine.actors import COMMAND_LINE, Actor
from engine.services import Services
from tests.conftest import FORMS, PROCESSES
from tests.steps.trajectory import SCENARIOS, answer, as_recorded


def renamed(files: dict[str, bytes], old: str, new: str) -> dict[str, bytes]:
    """Every reference to element (or process) `old` renamed to `new` (attributes, and lanes' node refs)."""
    attribute, node = re.compile(rf'="{re.escape(old)}"'), re.compile(rf'<bpmn:flowNodeRef>{re.escape(old)}<')
    return {name: node.sub(f"<bpmn:flowNodeRef>{new}<", attribute.sub(f'="{new}"', data.decode())).encode()
            for name, data in files.items()}


def replaced(files: dict[str, bytes], file: str, old: str, new: str) -> dict[str, bytes]:
    """The first `old` in one file (by its name) replaced with `new`."""
    changed = dict(files)
    name = next(n for n in files if PurePath(n).name == file)
    text = files[name].decode()
    assert old in text, old
    changed[name] = text.replace(old, new, 1).encode()
    return changed


def shipped() -> guidelines.Guideline:
    return guidelines.load([PROCESSES], FORMS)


def publish(services: Services, change) -> str:
    """Publish a variant of the shipped guideline (`change` edits its files); return its version id."""
    base = shipped()
    variant = guidelines.Guideline(change(dict(base.files)), base.forms)
    version, new = services.library.publish(variant, COMMAND_LINE)
    assert new
    return version


def drive(services: Services, trajectory_id: str, actor: Actor, scenario: str, stop_at: str | None = None,
          rounds: dict[str, int] | None = None, renames: dict[str, str] | None = None) -> dict[str, int]:
    """Complete ready tasks with the scenario's answers until none is left or `stop_at` is ready; a task
    renamed in a later version (`renames`: new id -> old id) takes the old one's answer. Returns the
    rounds done per element (pass it back in to go on)."""
    answers = copy.deepcopy(SCENARIOS[scenario])
    for new, old in (renames or {}).items():
        answers[new] = answers[old]
    rounds = dict(rounds or {})
    while True:
        ready = [t for t in services.trajectories.view(trajectory_id).ready if t.element in answers]
        if not ready or (stop_at and stop_at in [t.element for t in ready]):
            return rounds
        task = ready[0]
        key = (renames or {}).get(task.element, task.element)
        services.trajectories.complete_task(task.id, as_recorded(answer(answers, task.element, rounds.get(key, 0))),
                                            actor)
        rounds[key] = rounds.get(key, 0) + 1
