"""Adapt ekd's sandbox to SpiffWorkflow's script-engine interface."""

from __future__ import annotations

from SpiffWorkflow.bpmn.script_engine.python_engine import PythonScriptEngine
from SpiffWorkflow.bpmn.script_engine.python_environment import BasePythonScriptEngineEnvironment

from engine.errors import ScriptError
from engine.runtime.naming import original_id
from engine.scripts import Sandbox


class SandboxEnvironment(BasePythonScriptEngineEnvironment):
    """Spiff's environment hook: every evaluate/execute goes through the sandbox."""

    def __init__(self, sandbox: Sandbox):
        super().__init__({})
        self.sandbox = sandbox

    def evaluate(self, expression, context, external_context=None):
        return self.sandbox.evaluate(expression, context, external_context)

    def execute(self, script, context, external_context=None):
        self.sandbox.execute(script, context, external_context)
        return True

    def call_service(self, context, **kwargs):
        raise ScriptError("service-taken worden niet ondersteund")


def element_of(task) -> str:
    """Name the BPMN element a Spiff task belongs to."""
    spec = task.task_spec
    return original_id(getattr(spec, "bpmn_id", None) or spec.name)


class SandboxScriptEngine(PythonScriptEngine):
    """Spiff's script engine with ekd's sandbox, naming the element in every error."""

    def __init__(self, sandbox: Sandbox):
        super().__init__(environment=SandboxEnvironment(sandbox))
        self.sandbox = sandbox

    def validate(self, expression):
        # Spiff's DMN engine relies on a SyntaxError here (ScriptRejected is one).
        self.sandbox.check(expression, "exec")

    def evaluate(self, task, expression, external_context=None):
        try:
            return self.environment.evaluate(expression, task.data, external_context)
        except ScriptError as error:
            error.at(element_of(task))
            raise

    def execute(self, task, script, external_context=None):
        try:
            return self.environment.execute(script, task.data, external_context or {})
        except ScriptError as error:
            error.at(element_of(task))
            raise
