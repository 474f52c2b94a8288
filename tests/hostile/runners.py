"""Run an attack through ekd's engine, or through plain SpiffWorkflow in a child process."""

from __future__ import annotations

import multiprocessing
import resource
import time
from dataclasses import dataclass


@dataclass
class Outcome:
    error: BaseException | None
    error_type: str | None
    seconds: float
    finished: bool = True


def with_ekd(bpmn: str, dmn: str | None) -> Outcome:
    """Parse and run with ekd's runtime (its sandbox in every script and expression)."""
    from engine import runtime
    sources = [runtime.Source("aanval.bpmn", bpmn.encode())]
    if dmn:
        sources.append(runtime.Source("aanval.dmn", dmn.encode()))
    started = time.monotonic()
    try:
        definition = runtime.parse(sources).process("aanval")
        runtime.Engine().start(definition)
    except Exception as error:  # the outcome is inspected by the test
        return Outcome(error, type(error).__name__, time.monotonic() - started)
    return Outcome(None, None, time.monotonic() - started)


def _plain(bpmn: str, dmn: str | None, queue) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (2 * 1024 ** 3, 2 * 1024 ** 3))
    from lxml import etree
    from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
    from SpiffWorkflow.spiff.parser.process import SpiffBpmnParser
    started = time.monotonic()
    try:
        parser = SpiffBpmnParser()
        parser.add_bpmn_xml(etree.fromstring(bpmn.encode()), "aanval.bpmn")
        if dmn:
            parser.add_dmn_xml(etree.fromstring(dmn.encode()), "aanval.dmn")
        workflow = BpmnWorkflow(parser.get_spec("aanval"), parser.get_subprocess_specs("aanval"))
        workflow.do_engine_steps()
        queue.put((None, time.monotonic() - started))
    except BaseException as error:
        queue.put((type(error).__name__, time.monotonic() - started))


def with_plain_spiffworkflow(bpmn: str, dmn: str | None, timeout: float = 4.0) -> Outcome:
    """Run with SpiffWorkflow's own script engine, in a child process that is killed at `timeout`."""
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    child = context.Process(target=_plain, args=(bpmn, dmn, queue), daemon=True)
    started = time.monotonic()
    child.start()
    child.join(timeout)
    if child.is_alive():
        child.kill()
        child.join()
        return Outcome(None, None, time.monotonic() - started, finished=False)
    error_type, seconds = queue.get(timeout=1) if not queue.empty() else ("died", timeout)
    return Outcome(None, error_type, seconds)
