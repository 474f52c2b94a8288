"""Guidelines: load processes/ and forms/, validate them, version them by content."""

from engine.guidelines.checks import Problem, check
from engine.guidelines.library import Guideline, content_hash, load

__all__ = ["Guideline", "Problem", "check", "content_hash", "load"]
