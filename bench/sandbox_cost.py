"""The sandbox's cost per script and per condition, beside SpiffWorkflow's plain exec/eval."""

from __future__ import annotations

import time

from SpiffWorkflow.bpmn.script_engine.python_environment import TaskDataEnvironment

from engine.scripts import Sandbox

SCRIPT = '''
geboren = date.fromisoformat(kind_geboortedatum)
op = date.fromisoformat(instemming_datum)
verjaard = (op.month, op.day) >= (geboren.month, geboren.day)
leeftijd_bij_instemming = op.year - geboren.year - (0 if verjaard else 1)
bekwaam = leeftijd_bij_instemming >= 12
vertegenwoordiger_akkoord = any(v["instemming"] for v in wettelijke_vertegenwoordigers)
instemming_geldig = vertegenwoordiger_akkoord and (not bekwaam or kind_instemming == "ja")
del geboren, op, verjaard
'''
DATA = {"kind_geboortedatum": "2013-03-02", "instemming_datum": "2026-09-08", "kind_instemming": "ja",
        "wettelijke_vertegenwoordigers": [{"naam": "Sofie", "relatie": "moeder", "instemming": True}]}
CONDITION = 'instemming_geldig and kind_instemming == "ja"'


def _time(action, runs: int) -> float:
    started = time.perf_counter()
    for _ in range(runs):
        action()
    return (time.perf_counter() - started) / runs * 1e6


def run(runs: int = 5000) -> dict:
    sandbox = Sandbox()
    plain = TaskDataEnvironment()
    from datetime import date
    plain_globals = {"date": date}
    plain.globals = plain_globals
    sandbox.execute(SCRIPT, dict(DATA))          # warm the compile cache
    results = {
        "script_ekd_us": _time(lambda: sandbox.execute(SCRIPT, dict(DATA)), runs),
        "script_plain_us": _time(lambda: plain.execute(SCRIPT, dict(DATA)), runs),
        "condition_ekd_us": _time(lambda: sandbox.evaluate(CONDITION, {**DATA, "instemming_geldig": True}), runs),
        "condition_plain_us": _time(lambda: plain.evaluate(CONDITION, {**DATA, "instemming_geldig": True}), runs),
    }
    cold = Sandbox()
    started = time.perf_counter()
    cold.execute(SCRIPT, dict(DATA))
    results["script_ekd_first_call_us"] = (time.perf_counter() - started) * 1e6
    return {k: round(v, 1) for k, v in results.items()}
