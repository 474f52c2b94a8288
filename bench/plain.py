"""Plain SpiffWorkflow, done fairly: spec parsed once, the SPIFF_CONFIG serializer, the task
found by id, its completion asserted. Its own script engine (no sandbox)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

from SpiffWorkflow.bpmn.script_engine.python_engine import PythonScriptEngine
from SpiffWorkflow.bpmn.script_engine.python_environment import TaskDataEnvironment
from SpiffWorkflow.bpmn.serializer.workflow import BpmnWorkflowSerializer
from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.spiff.parser.process import SpiffBpmnParser
from SpiffWorkflow.spiff.serializer.config import SPIFF_CONFIG
from SpiffWorkflow.util.task import TaskState

SERIALIZER = BpmnWorkflowSerializer(BpmnWorkflowSerializer.configure(SPIFF_CONFIG))
# What a SpiffWorkflow user gives scripts to work with dates: the library's own exec/eval.
SCRIPT_ENGINE = PythonScriptEngine(environment=TaskDataEnvironment(
    {"date": date, "datetime": datetime, "timedelta": timedelta}))


class Plain:
    def __init__(self, files: list[Path], process_id: str):
        parser = SpiffBpmnParser()
        parser.add_bpmn_files([str(f) for f in files if f.suffix == ".bpmn"])
        dmn = [str(f) for f in files if f.suffix == ".dmn"]
        if dmn:
            parser.add_dmn_files(dmn)
        self.spec = parser.get_spec(process_id)
        self.subprocesses = parser.get_subprocess_specs(process_id)

    def start(self) -> BpmnWorkflow:
        workflow = BpmnWorkflow(self.spec, self.subprocesses, script_engine=SCRIPT_ENGINE)
        workflow.do_engine_steps()
        return workflow

    @staticmethod
    def ready(workflow) -> list:
        return workflow.get_tasks(state=TaskState.READY, manual=True)

    @staticmethod
    def complete(workflow, task_id, data) -> None:
        task = workflow.get_task_from_id(task_id)
        task.data.update(data)
        task.run()
        assert task.state == TaskState.COMPLETED
        workflow.do_engine_steps()

    @staticmethod
    def request(state: str, task_id, data) -> str:
        """One request's work: load → complete → engine steps → save."""
        workflow = SERIALIZER.deserialize_json(state)
        workflow.script_engine = SCRIPT_ENGINE
        Plain.complete(workflow, task_id, data)
        return SERIALIZER.serialize_json(workflow)

    @staticmethod
    def load(state: str) -> BpmnWorkflow:
        workflow = SERIALIZER.deserialize_json(state)
        workflow.script_engine = SCRIPT_ENGINE
        return workflow

    @staticmethod
    def dumps(workflow) -> str:
        return SERIALIZER.serialize_json(workflow)
