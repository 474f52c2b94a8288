"""The sandbox for guideline scripts, conditions, DMN and timer expressions.

Knows no SpiffWorkflow: engine.runtime adapts it to Spiff's script-engine interface.
"""

from engine.scripts.guards import Limits
from engine.scripts.sandbox import Sandbox

__all__ = ["Limits", "Sandbox"]
