"""The need-to-know clearance of a person on a trajectory, read from its team (engine/access.py)."""

from __future__ import annotations

from engine import access
from engine.actors import Actor
from engine.store import UnitOfWork
from engine.store.models import Trajectory


def clearance_of(uow: UnitOfWork, trajectory: Trajectory, actor: Actor) -> access.Clearance:
    """What `actor` may see and do on `trajectory` now, by the roles they hold on its team."""
    return access.clearance(actor, uow.members.roles_of(trajectory.id, actor.id), trajectory.status)
