"""Hostile guideline fragments: what SpiffWorkflow 3.2 runs as is, and ekd must refuse.

Each case is an attack placed in one kind of guideline expression (script task, gateway
condition, DMN expression, timer expression). Its effect is observable: a marker file
written, or a run that never ends within the limit.
"""

from __future__ import annotations

from dataclasses import dataclass

HANGS = "hangs"      # the attack's effect is a run that does not stop by itself
WRITES = "writes"    # the attack's effect is a marker file written


@dataclass(frozen=True)
class Attack:
    name: str
    expression: str          # a Python expression, {marker} is the file to write
    effect: str
    statement: str | None = None   # a script-only form, when it differs


ATTACKS = [
    Attack("import_os", "__import__('os').system('touch {marker}') == 0", WRITES),
    Attack("open_file", "open('{marker}', 'w').write('x') > 0", WRITES),
    Attack("subclasses",
           "[c for c in ().__class__.__base__.__subclasses__() if c.__name__ == '_wrap_close'][0]"
           ".__init__.__globals__['system']('touch {marker}') == 0", WRITES),
    Attack("generator_frame",
           "(g := (g.gi_frame.f_back.f_globals for _ in [1])) is not None "
           "and next(g)['__builtins__']['open']('{marker}', 'w').write('x') > 0", WRITES,
           statement="g = (g.gi_frame.f_back.f_back.f_globals for _ in [1])\n"
                     "f = list(g)[0]\n"
                     "f['__builtins__']['open']('{marker}', 'w').write('x')"),
    Attack("getattr_dunder",
           "[getattr(getattr(c, '__in' + 'it__'), '__glo' + 'bals__')['system']('touch {marker}') "
           "for c in getattr(getattr(getattr((), '__cla' + 'ss__'), '__ba' + 'se__'), '__subcla' + 'sses__')() "
           "if getattr(c, '__na' + 'me__') == '_wrap_close'] != []", WRITES),
    Attack("endless_loop", "sum(1 for _ in range(10 ** 18)) > 0", HANGS,
           statement="while True:\n    pass"),
    Attack("huge_power", "10 ** 10 ** 8 > 0", HANGS),
    Attack("huge_repetition", "len('ab' * 10 ** 10) > 0", HANGS),
]

PLACES = ("script", "condition", "dmn", "timer")

# The element each place puts the attack in: ekd must name it in its error.
ELEMENT = {"script": "kwaadaardig_script", "condition": "kwaadaardige_keuze",
           "dmn": "kwaadaardige_regel", "timer": "kwaadaardige_timer"}
