"""The checks a rewritten script calls while it runs: time budget and size limits."""

from __future__ import annotations

import functools
import operator
import re
import string
import time
from dataclasses import dataclass

from engine.errors import ScriptError, ScriptLimitExceeded, ScriptViolation
from engine.scripts.policy import format_spec_refused


@dataclass(frozen=True)
class Limits:
    """How much one script run may use."""

    seconds: float = 2.0
    max_items: int = 10_000_000      # length of a str, list or tuple a script builds
    max_int_bits: int = 100_000      # about 30,000 decimal digits
    max_range: int = 1_000_000


class Interrupt(BaseException):
    """Stops a script; a BaseException, so `except Exception:` in the script cannot catch it."""

    def __init__(self, error: ScriptError):
        super().__init__(error.reason)
        self.error = error


_SEQUENCES = (str, list, tuple, bytes)
_PERCENT_FIELD = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?")
_AUGMENTED = {"+": operator.iadd, "*": operator.imul, "**": operator.ipow,
              "<<": operator.ilshift, "%": operator.imod}


class Guards:
    """One script run's budget and the functions the rewritten code calls."""

    def __init__(self, limits: Limits):
        self.limits = limits
        self.deadline = time.monotonic() + limits.seconds
        self.tripped: ScriptError | None = None

    def names(self) -> dict:
        """Return the guard functions under the names the rewrite inserts."""
        return {"_tick_": self.tick, "_getattr_": self.getattr, "_mul_": self.mul,
                "_pow_": self.pow, "_add_": self.add, "_lshift_": self.lshift, "_mod_": self.mod,
                "_aug_": self.aug}

    def trip(self, error: ScriptError):
        """Stop the script; every later check stops it again, so it cannot be swallowed."""
        self.tripped = error
        raise Interrupt(error)

    def tick(self) -> bool:
        """Stop the script once its time is up (called in every loop, function and comprehension)."""
        if self.tripped is not None:
            raise Interrupt(self.tripped)
        if time.monotonic() > self.deadline:
            self.trip(ScriptLimitExceeded(f"tijdslimiet van {self.limits.seconds:g} s overschreden"))
        return True

    def refuse(self, reason: str):
        """Stop the script for asking too much."""
        self.trip(ScriptLimitExceeded(reason))

    def violate(self, reason: str):
        """Stop the script for trying something forbidden."""
        self.trip(ScriptViolation(reason))

    # -- arithmetic that can explode in one C call -----------------------------------------
    def _check_length(self, length: int) -> None:
        if length > self.limits.max_items:
            self.refuse(f"resultaat van {length} elementen is groter dan {self.limits.max_items}")

    def _check_bits(self, bits: int) -> None:
        if bits > self.limits.max_int_bits:
            self.refuse(f"getal van ongeveer {bits} bits is groter dan {self.limits.max_int_bits}")

    def _check_mul(self, a, b) -> None:
        self.tick()
        if isinstance(a, int) and isinstance(b, int):
            self._check_bits(a.bit_length() + b.bit_length())
        elif isinstance(a, _SEQUENCES) and isinstance(b, int):
            self._check_length(len(a) * b)
        elif isinstance(b, _SEQUENCES) and isinstance(a, int):
            self._check_length(len(b) * a)

    def _check_add(self, a, b) -> None:
        if isinstance(a, _SEQUENCES) and isinstance(b, _SEQUENCES):
            self._check_length(len(a) + len(b))

    def mul(self, a, b):
        self._check_mul(a, b)
        return a * b

    def pow(self, a, b):
        self.tick()
        if isinstance(a, int) and isinstance(b, int) and b > 0 and abs(a) > 1:
            self._check_bits(a.bit_length() * b)
        return a ** b

    def lshift(self, a, b):
        self.tick()
        if isinstance(a, int) and isinstance(b, int) and b > 0:
            self._check_bits(a.bit_length() + b)
        return a << b

    def add(self, a, b):
        self._check_add(a, b)
        return a + b

    def mod(self, a, b):
        if isinstance(a, str):
            self._check_percent_format(a)
        return a % b

    def aug(self, op: str, a, b):
        """Apply `a op= b` in place (lists stay the same object), after the same checks."""
        if op == "**":
            return self.pow(a, b)
        if op == "<<":
            return self.lshift(a, b)
        if op == "+":
            self._check_add(a, b)
        elif op == "*":
            self._check_mul(a, b)
        elif op == "%" and isinstance(a, str):
            self._check_percent_format(a)
        return _AUGMENTED[op](a, b)

    def _check_percent_format(self, template: str) -> None:
        for match in _PERCENT_FIELD.finditer(template):
            for number in match.groups():
                if number == "*":
                    self.refuse("een berekende breedte ('*') in %-opmaak is niet toegestaan")
                if number and int(number) > 1000:
                    self.refuse(f"opmaakbreedte {number} is te groot")

    # -- attribute access -------------------------------------------------------------------
    def getattr(self, obj, name: str):
        """Read an attribute; methods that can blow up memory come back with a size check."""
        if name in _WRAPPED:
            wrapped = _WRAPPED[name](self, obj)
            if wrapped is not None:
                return wrapped
        return getattr(obj, name)


def _is(obj, kind: type) -> bool:
    return obj is kind or isinstance(obj, kind)


def _bound(obj, kind: type, check):
    """Bind `check(self_value, *args)` to obj, or leave it unbound when obj is the type itself."""
    if obj is kind:
        return check
    return functools.partial(check, obj)


def _width_method(name: str):
    def wrap(guards: Guards, obj):
        if not _is(obj, str):
            return None
        method = getattr(str, name)

        def checked(text, width, *rest):
            if isinstance(width, int) and width > guards.limits.max_items:
                guards.refuse(f"{name}({width}) is groter dan {guards.limits.max_items}")
            return method(text, width, *rest)
        return _bound(obj, str, checked)
    return wrap


def _expandtabs(guards: Guards, obj):
    if not _is(obj, str):
        return None

    def checked(text, tabsize=8):
        guards._check_length(len(text) + text.count("\t") * max(int(tabsize), 0))
        return str.expandtabs(text, tabsize)
    return _bound(obj, str, checked)


def _replace(guards: Guards, obj):
    if not _is(obj, str):
        return None

    def checked(text, old, new, count=-1):
        hits = text.count(old) + (1 if old == "" else 0)
        if count >= 0:
            hits = min(hits, count)
        guards._check_length(len(text) + hits * max(len(new) - len(old), 0))
        return str.replace(text, old, new, count)
    return _bound(obj, str, checked)


def _join(guards: Guards, obj):
    if not _is(obj, str):
        return None

    def checked(separator, items):
        items = list(items)
        guards._check_length(len(items))
        total = sum(len(i) for i in items if isinstance(i, str)) + len(separator) * len(items)
        guards._check_length(total)
        return str.join(separator, items)
    return _bound(obj, str, checked)


def _extend(guards: Guards, obj):
    if not _is(obj, list):
        return None

    def checked(target, items):
        items = list(items)
        guards._check_length(len(target) + len(items))
        return list.extend(target, items)
    return _bound(obj, list, checked)


def _to_bytes(guards: Guards, obj):
    if not _is(obj, int):
        return None

    def checked(number, length=1, *rest, **kwargs):
        guards._check_length(length)
        return int.to_bytes(number, length, *rest, **kwargs)
    return _bound(obj, int, checked)


def _format(guards: Guards, obj):
    if not _is(obj, str):
        return None

    def checked(template, *args, **kwargs):
        _check_format_template(guards, template)
        return str.format(template, *args, **kwargs)
    return _bound(obj, str, checked)


def _format_map(guards: Guards, obj):
    if not _is(obj, str):
        return None

    def checked(template, mapping):
        _check_format_template(guards, template)
        return str.format_map(template, mapping)
    return _bound(obj, str, checked)


def _check_format_template(guards: Guards, template: str) -> None:
    try:
        fields = list(string.Formatter().parse(template))
    except ValueError as error:
        raise ValueError(f"ongeldige opmaak: {error}") from None
    for _, field, spec, _ in fields:
        if field is None:
            continue
        if "." in field or field.startswith("_") or "[_" in field:
            guards.violate(f"veld '{field}' in opmaak is niet toegestaan: gebruik een f-string")
        if spec and "{" in spec:
            guards.violate("een berekende opmaak in format() is niet toegestaan")
        if spec and (reason := format_spec_refused(spec)):
            guards.refuse(reason)


_WRAPPED = {
    "ljust": _width_method("ljust"), "rjust": _width_method("rjust"),
    "center": _width_method("center"), "zfill": _width_method("zfill"),
    "expandtabs": _expandtabs, "replace": _replace, "join": _join, "extend": _extend,
    "to_bytes": _to_bytes, "format": _format, "format_map": _format_map,
}
