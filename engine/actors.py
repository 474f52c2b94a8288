"""Who does something: a person with roles, or the system itself (the scheduler)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Actor:
    """A person acting in ekd, with the roles they hold."""

    id: str
    username: str
    roles: frozenset[str] = frozenset()
    display_name: str = ""

    def has(self, role: str) -> bool:
        return role in self.roles


SYSTEM = Actor(id="systeem", username="systeem", display_name="ekd (planner)")
COMMAND_LINE = Actor(id="cli", username="cli", display_name="beheer (commandolijn)")
