"""Turn what a script left behind into data that can be stored as JSON, or say why not."""

from __future__ import annotations

from datetime import date, datetime, time

from engine.errors import ScriptFailed

_SCALARS = (str, int, float, bool, type(None))


def storable(value, name: str):
    """Return `value` as JSON-able data (dates as ISO text, sets and tuples as lists)."""
    if isinstance(value, _SCALARS):
        return value
    if isinstance(value, dict):
        converted = {}
        for key, item in value.items():
            if not isinstance(key, str):
                if isinstance(key, (int, float, bool)):
                    key = str(key)
                else:
                    raise ScriptFailed(f"'{name}' heeft een sleutel van type {type(key).__name__}; "
                                       "alleen tekst kan als sleutel bewaard worden")
            converted[key] = storable(item, f"{name}[{key!r}]")
        return converted
    if isinstance(value, (list, tuple)):
        return [storable(item, f"{name}[{i}]") for i, item in enumerate(value)]
    if isinstance(value, (set, frozenset)):
        items = [storable(item, f"{name}[…]") for item in value]
        try:
            return sorted(items)
        except TypeError:
            return items
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    raise ScriptFailed(f"'{name}' is van type {type(value).__name__} en kan niet bewaard worden; "
                       "zet het om naar een lijst, tekst of getal")


def is_kept(name: str, value) -> bool:
    """Whether a script's variable belongs in the task data (not a function, guard or temporary)."""
    return not name.startswith("_") and not callable(value)
