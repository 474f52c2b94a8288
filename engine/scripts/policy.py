"""What a guideline script may say: an allow-list of Python syntax, checked before it runs."""

from __future__ import annotations

import ast

from engine.errors import ScriptRejected

ALLOWED_NODES = (
    ast.Module, ast.Expression, ast.Expr, ast.Assign, ast.AugAssign, ast.Delete,
    ast.For, ast.While, ast.If, ast.Break, ast.Continue, ast.Pass, ast.Return,
    ast.FunctionDef, ast.Lambda, ast.arguments, ast.arg, ast.Try, ast.ExceptHandler,
    ast.Raise, ast.Assert, ast.BoolOp, ast.BinOp, ast.UnaryOp, ast.Compare, ast.IfExp,
    ast.NamedExpr, ast.Call, ast.keyword, ast.Constant, ast.JoinedStr, ast.FormattedValue,
    ast.List, ast.Tuple, ast.Set, ast.Dict, ast.ListComp, ast.SetComp, ast.DictComp,
    ast.GeneratorExp, ast.comprehension, ast.Name, ast.Attribute, ast.Subscript, ast.Slice,
    ast.Starred, ast.Load, ast.Store, ast.Del, ast.boolop, ast.operator, ast.unaryop, ast.cmpop,
)

# Names that only ever serve an escape: refused wherever they appear.
FORBIDDEN_NAMES = frozenset({
    "eval", "exec", "compile", "open", "globals", "locals", "vars", "getattr", "setattr",
    "delattr", "breakpoint", "memoryview", "super",
})
# Builtins the sandbox does not offer; a call says so, while task data may still use the name.
FORBIDDEN_CALLS = frozenset({
    "type", "object", "print", "input", "help", "dir", "id", "hasattr", "issubclass", "exit",
    "quit", "classmethod", "staticmethod", "property", "format", "pow", "iter", "next",
})

# Attributes that lead from an ordinary value to frames, code or globals.
FORBIDDEN_ATTRIBUTE_PREFIXES = ("gi_", "ag_", "cr_", "f_", "tb_", "co_", "func_")
FORBIDDEN_ATTRIBUTES = frozenset({"mro", "format_field", "get_field", "im_func", "im_self"})

# The largest width a format specification may ask for.
MAX_FORMAT_WIDTH = 1000

_DESCRIPTIONS = {
    ast.Import: "importeren is niet toegestaan",
    ast.ImportFrom: "importeren is niet toegestaan",
    ast.ClassDef: "klassen definiëren is niet toegestaan",
    ast.Global: "'global' is niet toegestaan",
    ast.Nonlocal: "'nonlocal' is niet toegestaan",
    ast.With: "'with' is niet toegestaan",
    ast.Yield: "generatoren ('yield') zijn niet toegestaan",
    ast.YieldFrom: "generatoren ('yield') zijn niet toegestaan",
    ast.AsyncFunctionDef: "async is niet toegestaan",
    ast.Await: "async is niet toegestaan",
    ast.AnnAssign: "type-annotaties zijn niet toegestaan",
}


def attribute_refused(name: str) -> str | None:
    """Say why attribute `name` may not be used, or None when it may."""
    if name.startswith("_"):
        return f"attribuut '{name}' begint met een underscore"
    if name.startswith(FORBIDDEN_ATTRIBUTE_PREFIXES) or name in FORBIDDEN_ATTRIBUTES:
        return f"attribuut '{name}' is niet toegestaan"
    return None


def name_refused(name: str) -> str | None:
    """Say why variable or function `name` may not be used, or None when it may."""
    if name.startswith("_"):
        return f"naam '{name}' begint met een underscore"
    if name in FORBIDDEN_NAMES:
        return f"'{name}' is niet toegestaan"
    return None


def check(tree: ast.AST) -> None:
    """Raise ScriptRejected at the first construct a guideline script may not use."""
    for node in ast.walk(tree):
        reason = _refusal(node)
        if reason:
            raise ScriptRejected(reason, line=getattr(node, "lineno", None))


def _refusal(node: ast.AST) -> str | None:
    if not isinstance(node, ALLOWED_NODES):
        return _DESCRIPTIONS.get(type(node), f"'{type(node).__name__}' is niet toegestaan")
    if isinstance(node, ast.Name):
        return name_refused(node.id)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
            and node.func.id in FORBIDDEN_CALLS:
        return f"'{node.func.id}(...)' is niet beschikbaar in een script"
    if isinstance(node, ast.Attribute):
        if not isinstance(node.ctx, ast.Load):
            return "attributen toekennen of verwijderen is niet toegestaan"
        return attribute_refused(node.attr)
    if isinstance(node, ast.FunctionDef):
        if node.decorator_list:
            return "decorators zijn niet toegestaan"
        return name_refused(node.name)
    if isinstance(node, ast.arg):
        return name_refused(node.arg)
    if isinstance(node, ast.keyword) and node.arg is not None:
        return name_refused(node.arg)
    if isinstance(node, ast.ExceptHandler) and node.name:
        return name_refused(node.name)
    if isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Subscript) \
            and isinstance(node.target.slice, ast.Slice):
        return "'+=' en dergelijke op een deel van een lijst ('a[i:j]') is niet toegestaan"
    if isinstance(node, ast.comprehension) and node.is_async:
        return "async is niet toegestaan"
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)) \
            and isinstance(getattr(node, "ctx", ast.Load()), ast.Load) \
            and any(isinstance(e, ast.Starred) for e in node.elts):
        return "uitpakken met '*' in een lijst is niet toegestaan; gebruik list(...) + list(...)"
    if isinstance(node, ast.FormattedValue) and node.format_spec is not None:
        return _format_spec_refusal(node.format_spec)
    return None


def _format_spec_refusal(spec: ast.AST) -> str | None:
    if not isinstance(spec, ast.JoinedStr) or not all(isinstance(v, ast.Constant) for v in spec.values):
        return "een berekende opmaak in een f-string is niet toegestaan"
    text = "".join(str(v.value) for v in spec.values)
    return format_spec_refused(text)


def format_spec_refused(spec: str) -> str | None:
    """Say why a format specification is refused (a width or precision too large)."""
    digits = ""
    for char in spec + " ":
        if char.isdigit():
            digits += char
            continue
        if digits and int(digits) > MAX_FORMAT_WIDTH:
            return f"opmaakbreedte {digits} is groter dan {MAX_FORMAT_WIDTH}"
        digits = ""
    return None
