"""Rewrite a checked script so that it calls its guards: time checks and size checks."""

from __future__ import annotations

import ast
import itertools

_GUARDED_BINOPS = {ast.Mult: "_mul_", ast.Pow: "_pow_", ast.Add: "_add_",
                   ast.LShift: "_lshift_", ast.Mod: "_mod_"}
_AUG_SYMBOLS = {ast.Add: "+", ast.Mult: "*", ast.Pow: "**", ast.LShift: "<<", ast.Mod: "%"}


def _call(name: str, *args: ast.expr) -> ast.Call:
    return ast.Call(func=ast.Name(id=name, ctx=ast.Load()), args=list(args), keywords=[])


def _tick() -> ast.stmt:
    return ast.Expr(value=_call("_tick_"))


class Guarding(ast.NodeTransformer):
    """Insert `_tick_()` into every loop, function, comprehension, handler and finally block,
    and route attribute reads and growing arithmetic through the guards."""

    def __init__(self):
        self._temps = itertools.count()

    def _ticked(self, body: list[ast.stmt]) -> list[ast.stmt]:
        return [ast.copy_location(_tick(), body[0]), *body]

    def visit_For(self, node: ast.For) -> ast.AST:
        self.generic_visit(node)
        node.body = self._ticked(node.body)
        return node

    def visit_While(self, node: ast.While) -> ast.AST:
        self.generic_visit(node)
        node.body = self._ticked(node.body)
        return node

    def visit_FunctionDef(self, node: ast.FunctionDef) -> ast.AST:
        self.generic_visit(node)
        node.body = self._ticked(node.body)
        return node

    def visit_ExceptHandler(self, node: ast.ExceptHandler) -> ast.AST:
        self.generic_visit(node)
        node.body = self._ticked(node.body)
        return node

    def visit_Try(self, node: ast.Try) -> ast.AST:
        self.generic_visit(node)
        if node.finalbody:
            node.finalbody = self._ticked(node.finalbody)
        return node

    def visit_Lambda(self, node: ast.Lambda) -> ast.AST:
        self.generic_visit(node)
        node.body = ast.BoolOp(op=ast.And(), values=[_call("_tick_"), node.body])
        return node

    def visit_comprehension(self, node: ast.comprehension) -> ast.AST:
        self.generic_visit(node)
        node.ifs = [_call("_tick_"), *node.ifs]
        return node

    def visit_Attribute(self, node: ast.Attribute) -> ast.AST:
        self.generic_visit(node)
        return ast.copy_location(_call("_getattr_", node.value, ast.Constant(node.attr)), node)

    def visit_BinOp(self, node: ast.BinOp) -> ast.AST:
        self.generic_visit(node)
        guard = _GUARDED_BINOPS.get(type(node.op))
        if guard is None:
            return node
        return ast.copy_location(_call(guard, node.left, node.right), node)

    def visit_AugAssign(self, node: ast.AugAssign) -> ast.AST | list[ast.stmt]:
        self.generic_visit(node)
        symbol = _AUG_SYMBOLS.get(type(node.op))
        if symbol is None:
            return node
        if isinstance(node.target, ast.Name):
            read = ast.Name(id=node.target.id, ctx=ast.Load())
            value = _call("_aug_", ast.Constant(symbol), read, node.value)
            return ast.copy_location(ast.Assign(targets=[node.target], value=value), node)
        # d[k] op= v  ->  _o = d; _k = k; _o[_k] = _aug_(op, _o[_k], v): d and k evaluated once.
        target = node.target
        n = next(self._temps)
        obj, key = f"_aug_obj_{n}", f"_aug_key_{n}"
        statements = [
            ast.Assign(targets=[ast.Name(id=obj, ctx=ast.Store())], value=target.value),
            ast.Assign(targets=[ast.Name(id=key, ctx=ast.Store())], value=target.slice),
            ast.Assign(
                targets=[ast.Subscript(value=ast.Name(id=obj, ctx=ast.Load()),
                                       slice=ast.Name(id=key, ctx=ast.Load()), ctx=ast.Store())],
                value=_call("_aug_", ast.Constant(symbol),
                            ast.Subscript(value=ast.Name(id=obj, ctx=ast.Load()),
                                          slice=ast.Name(id=key, ctx=ast.Load()), ctx=ast.Load()),
                            node.value)),
        ]
        return [ast.copy_location(s, node) for s in statements]


def guarded(tree: ast.AST) -> ast.AST:
    """Return `tree` rewritten to call its guards (the tree is changed in place)."""
    tree = Guarding().visit(tree)
    return ast.fix_missing_locations(tree)
