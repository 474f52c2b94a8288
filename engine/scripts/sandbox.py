"""Run a guideline's scripts and expressions under the sandbox's rules and limits."""

from __future__ import annotations

import ast
import functools
import traceback
from collections.abc import Mapping
from types import CodeType
from typing import Any

from engine.errors import ScriptError, ScriptFailed, ScriptLimitExceeded, ScriptRejected
from engine.scripts import policy, rewrite, vocabulary
from engine.scripts.guards import Guards, Interrupt, Limits
from engine.scripts.values import is_kept, storable

MAX_SOURCE = 64 * 1024
_FILENAME = "<script>"


class Sandbox:
    """Compiles scripts once (cached by source) and runs them with whitelisted builtins,
    a time limit that works in any thread, and size limits on what a single step can build."""

    def __init__(self, limits: Limits | None = None, cache_size: int = 4096):
        self.limits = limits or Limits()
        self._builtins = vocabulary.build(self.limits.max_range)
        self._compile = functools.lru_cache(maxsize=cache_size)(self._compile_uncached)

    def check(self, source: str, mode: str = "exec") -> None:
        """Raise ScriptRejected when `source` is not a valid, allowed script or expression."""
        self._compile(source, mode)

    def execute(self, source: str, data: dict, extra: Mapping[str, Any] | None = None) -> None:
        """Run a script against `data`, which afterwards holds exactly what the script left."""
        extra = extra or {}
        code = self._compile(source, "exec")
        namespace = self._namespace(data, extra)
        guards = namespace["_guards_"]
        self._run(code, namespace, guards)
        result = {name: storable(value, name) for name, value in namespace.items()
                  if is_kept(name, value) and name not in extra}
        data.clear()
        data.update(result)

    def evaluate(self, source: str, data: Mapping[str, Any],
                 extra: Mapping[str, Any] | None = None) -> Any:
        """Evaluate an expression (a condition, DMN entry or timer) against `data`."""
        code = self._compile(source.strip(), "eval")
        namespace = self._namespace(data, extra or {})
        value = self._run(code, namespace, namespace["_guards_"])
        return storable(value, "resultaat")

    def _namespace(self, data: Mapping[str, Any], extra: Mapping[str, Any]) -> dict:
        guards = Guards(self.limits)
        namespace = {"__builtins__": self._builtins, "_guards_": guards, **guards.names()}
        namespace.update(extra)
        namespace.update(data)
        return namespace

    def _compile_uncached(self, source: str, mode: str) -> CodeType:
        if len(source) > MAX_SOURCE:
            raise ScriptRejected(f"script is langer dan {MAX_SOURCE} tekens")
        try:
            tree = ast.parse(source, filename=_FILENAME, mode=mode)
        except SyntaxError as error:
            raise ScriptRejected(f"ongeldige Python: {error.msg}", line=error.lineno) from None
        except (RecursionError, MemoryError, ValueError):
            raise ScriptRejected("script is te diep genest of ongeldig") from None
        policy.check(tree)
        try:
            return compile(rewrite.guarded(tree), _FILENAME, mode)
        except (SyntaxError, ValueError, TypeError, RecursionError) as error:
            raise ScriptRejected(f"script kan niet vertaald worden: {error}") from None

    @staticmethod
    def _run(code: CodeType, namespace: dict, guards: Guards) -> Any:
        try:
            value = eval(code, namespace)
        except Interrupt as stop:
            raise _located(stop.error, stop) from None
        except ScriptError as error:
            raise _located(error, error) from None
        except RecursionError as error:
            raise _located(ScriptLimitExceeded("te diepe recursie"), error) from None
        except MemoryError as error:
            raise _located(ScriptLimitExceeded("te veel geheugen gevraagd"), error) from None
        except Exception as error:  # the script's own error, reported with its line
            reason = f"{type(error).__name__}: {error}"
            raise _located(ScriptFailed(reason), error) from None
        if guards.tripped is not None:
            raise guards.tripped
        return value


def _located(error: ScriptError, raised: BaseException) -> ScriptError:
    if error.line is None:
        lines = [frame.lineno for frame in traceback.extract_tb(raised.__traceback__)
                 if frame.filename == _FILENAME]
        if lines:
            error.line = lines[-1]
            error.args = (error.describe(),)
    return error
