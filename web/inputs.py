"""What a request brings in, checked once for every view: JSON bodies and numbers in the query string.

A JSON body nested deeper than any ekd document, or holding a string no database can store (a lone
surrogate such as "\\ud800", or NUL), is refused here with the JSON path of the value, before a view
or a use case sees it; InvalidInput becomes a 422 (web/app.py)."""

from __future__ import annotations

from typing import Any

import flask

from engine import text
from engine.text import InvalidInput

MAX_DEPTH = 32          # ekd's deepest form nests about five levels
BODY = "(body)"


def _too_deep() -> InvalidInput:
    return InvalidInput(BODY, f"JSON is te diep genest (hoogstens {MAX_DEPTH} niveaus)", "depth", {"limit": MAX_DEPTH})


class Request(flask.Request):
    """Flask's request, whose JSON body is checked before any view reads it."""

    def get_json(self, force: bool = False, silent: bool = False, cache: bool = True) -> Any:
        try:
            value = super().get_json(force=force, silent=silent, cache=cache)
        except RecursionError:
            # json gives up at Python's recursion limit (~1,000 levels) with RecursionError, not ValueError.
            raise _too_deep() from None
        check(value)
        return value


def _segment(key: str) -> str:
    return key.encode("utf-8", "backslashreplace").decode("utf-8").replace("\x00", "\\x00")


def _path(parts: tuple) -> str:
    rendered = ""
    for part in parts:
        rendered += f"[{part}]" if isinstance(part, int) else (f".{_segment(part)}" if rendered else _segment(part))
    return rendered or BODY


def check(value: Any) -> None:
    """Raise InvalidInput naming the JSON path of the first value nested too deep or not storable."""
    pending: list[tuple[Any, tuple, int]] = [(value, (), 0)]
    while pending:
        node, path, depth = pending.pop()
        if depth > MAX_DEPTH:
            raise _too_deep()
        if isinstance(node, str):
            if (found := text.storage_refusal(node)) is not None:
                raise InvalidInput(_path(path), found.reason, "characters", found.params)
        elif isinstance(node, dict):
            for key in node:
                if (found := text.storage_refusal(key)) is not None:
                    raise InvalidInput(_path((*path, key)), f"de naam van het veld {found.reason}", "characters",
                                       {**found.params, "in_name": True})
            pending.extend((item, (*path, key), depth + 1) for key, item in reversed(node.items()))
        elif isinstance(node, list):
            pending.extend((item, (*path, index), depth + 1) for index, item in reversed(list(enumerate(node))))


def one(name: str) -> str | None:
    """The query parameter `name`, or None when it is absent; InvalidInput when it is given more than
    once (which of them would count?)."""
    given = flask.request.args.getlist(name)
    if len(given) > 1:
        raise InvalidInput(name, f"staat {len(given)} keer in de aanvraag; geef het één keer", "repeated",
                           {"count": len(given)})
    return given[0] if given else None


def positive_integer(name: str) -> int | None:
    """The query parameter `name` as a whole number from 1, or None when it is absent; raise
    InvalidInput naming it when it is anything else (never fall back silently)."""
    raw = one(name)
    if raw is None:
        return None
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 9 or int(raw) < 1:
        raise InvalidInput(name, f"moet een geheel getal vanaf 1 zijn, niet '{raw[:20]}'", "positive-integer",
                           {"value": raw[:20]})
    return int(raw)
