"""The editors' checks as you type: a form's JSON Schema source, read and judged before it is saved."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from engine import forms
from engine.actors import Actor
from engine.services.quality.common import require_member

MAX_SOURCE = 1024 * 1024


@dataclass(frozen=True)
class FormSource:
    """A form's source as the editor shows it: the schema when it is one, else every problem."""

    schema: dict[str, Any] | None
    problems: list[str] = field(default_factory=list)


class Editing:
    def form_source(self, source: str, actor: Actor) -> FormSource:
        """Read a form's source: a JSON syntax error with its line and column, or the schema's errors."""
        require_member(actor)
        if len(source) > MAX_SOURCE:
            return FormSource(None, [f"het formulier is groter dan {MAX_SOURCE // 1024} kB"])
        try:
            schema = json.loads(source)
        except json.JSONDecodeError as error:
            return FormSource(None, [f"geen geldige JSON op regel {error.lineno}, kolom {error.colno}: {error.msg}"])
        problems = forms.schema_problems(schema)
        return FormSource(None if problems else schema, problems)
