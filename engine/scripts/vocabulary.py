"""The builtins a guideline script may call: plain data and dates, nothing that reaches out."""

from __future__ import annotations

import builtins
from datetime import timedelta, timezone

from engine.clock import ClockedDate, ClockedDatetime
from engine.errors import ScriptLimitExceeded, ScriptViolation
from engine.scripts.guards import Interrupt

# Modules CPython itself imports while running datetime.strftime/strptime.
_INTERNAL_IMPORTS = frozenset({"time", "_strptime"})

_EXCEPTIONS = (
    "Exception", "ValueError", "TypeError", "KeyError", "IndexError", "ZeroDivisionError",
    "ArithmeticError", "LookupError", "AttributeError", "RuntimeError", "NameError",
    "OverflowError", "AssertionError", "StopIteration", "RecursionError",
)

_PLAIN = (
    "abs", "all", "any", "bool", "dict", "divmod", "enumerate", "filter", "float", "frozenset",
    "int", "isinstance", "len", "list", "map", "max", "min", "repr", "reversed", "round", "set",
    "sorted", "str", "tuple", "zip", "chr", "ord",
)


def _internal_import(name, globals=None, locals=None, fromlist=(), level=0):
    if level == 0 and name in _INTERNAL_IMPORTS:
        return builtins.__import__(name, globals, locals, fromlist, level)
    raise ScriptViolation(f"importeren van '{name}' is niet toegestaan")


def build(max_range: int) -> dict:
    """Return the builtins dictionary for a script run."""
    def safe_range(*args):
        steps = range(*args)
        try:
            size = len(steps)
        except OverflowError:
            size = max_range + 1
        if size > max_range:
            raise Interrupt(ScriptLimitExceeded(f"range van {size} elementen is groter dan {max_range}"))
        return steps

    def safe_sum(items, start=0):
        if not isinstance(start, (int, float)):
            raise TypeError("sum() telt alleen getallen op")
        return builtins.sum(items, start)

    vocabulary = {name: getattr(builtins, name) for name in _PLAIN + _EXCEPTIONS}
    vocabulary.update({
        "range": safe_range, "sum": safe_sum, "None": None, "True": True, "False": False,
        "date": ClockedDate, "datetime": ClockedDatetime, "timedelta": timedelta,
        "timezone": timezone, "__import__": _internal_import,
    })
    return vocabulary
