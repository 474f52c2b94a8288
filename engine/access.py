"""Need-to-know: who may see and do what in a trajectory (DESIGN.md §4). Pure rules, no storage."""

from __future__ import annotations

from collections.abc import Iterable

from engine.actors import Actor
from engine.errors import EkdError
from engine.roles import DISCIPLINES

CLIENT_ROLES = frozenset({"coordinator", *DISCIPLINES, "team_lead"})
MEDICAL_READERS = frozenset({"physician", "coordinator"})
MEDICAL_LANES = frozenset({"physician"})


class Forbidden(EkdError):
    """The person may not see or do this."""


def works_with_clients(actor: Actor) -> bool:
    """Quality center, auditors and administrators never see client data in the app."""
    return bool(actor.roles & CLIENT_ROLES)


def sees_medical(actor: Actor, member_roles: Iterable[str]) -> bool:
    """Medical findings: only for physicians and the coordinator on the trajectory."""
    return bool(set(member_roles) & actor.roles & MEDICAL_READERS)


def may_read_trajectory(actor: Actor, member_roles: Iterable[str]) -> bool:
    """Team members read the shared sections; a coordinator reads every trajectory they coordinate."""
    return bool(set(member_roles) & actor.roles & CLIENT_ROLES)


def may_work_on(actor: Actor, member_roles: Iterable[str], lane: str | None) -> bool:
    """A task belongs to the team member who holds the lane's role on this trajectory."""
    return lane is not None and lane in actor.roles and lane in set(member_roles)


def require(condition: bool, message: str) -> None:
    if not condition:
        raise Forbidden(message)
