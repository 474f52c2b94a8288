"""Make SpiffWorkflow's timers read ekd's clock instead of the wall clock."""

from __future__ import annotations

from SpiffWorkflow.bpmn.specs.event_definitions import timer

from engine.clock import ClockedDatetime


def install() -> None:
    """Route the timer module's datetime through engine.clock (idempotent)."""
    if timer.datetime is not ClockedDatetime:
        timer.datetime = ClockedDatetime
