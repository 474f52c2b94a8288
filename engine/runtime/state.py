"""Serialize a workflow's state as JSON without its spec (the guideline version holds that)."""

from __future__ import annotations

import json
import threading
from uuid import UUID

from SpiffWorkflow.bpmn.serializer.default.workflow import (
    BpmnSubWorkflowConverter,
    BpmnWorkflowConverter,
    WorkflowConverter,
)
from SpiffWorkflow.bpmn.serializer.helpers.encoder import create_encoder
from SpiffWorkflow.bpmn.serializer.workflow import VERSION, BpmnWorkflowSerializer
from SpiffWorkflow.bpmn.util.subworkflow import BpmnSubWorkflow
from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.spiff.serializer.config import SPIFF_CONFIG

from engine.errors import EkdError
from engine.runtime.definition import Definition
from engine.runtime.tracking import TrackedSubWorkflow, TrackedWorkflow

FORMAT = "ekd-state/1"


class StateError(EkdError):
    """A stored workflow state cannot be read."""


class SpeclessWorkflowConverter(BpmnWorkflowConverter):
    """Spiff's workflow converter minus the specs, which it takes from the Definition instead."""

    def to_dict(self, workflow):
        dct = WorkflowConverter.to_dict(self, workflow)
        dct["subprocesses"] = self.mapping_to_dict(workflow.subprocesses)
        dct["bpmn_events"] = self.registry.convert(workflow.bpmn_events)
        return dct

    def from_dict(self, dct, definition: Definition):
        workflow = self.target_class(definition.spec, definition.subprocess_specs, deserializing=True)
        workflow.tasks = self.mapping_from_dict(dct["tasks"], UUID, workflow=workflow)
        workflow.task_tree = workflow.tasks.get(UUID(dct["root"]))
        self.set_default_attributes(workflow, dct)
        self.subprocesses_from_dict(dct["subprocesses"], workflow)
        workflow.bpmn_events = self.registry.restore(dct.pop("bpmn_events", []))
        return workflow


_local = threading.local()


def _registry():
    registry = getattr(_local, "registry", None)
    if registry is None:
        config = {cls: converter for cls, converter in SPIFF_CONFIG.items()
                  if cls not in (BpmnWorkflow, BpmnSubWorkflow)}
        config[TrackedWorkflow] = SpeclessWorkflowConverter
        config[TrackedSubWorkflow] = BpmnSubWorkflowConverter
        registry = BpmnWorkflowSerializer.configure(config)
        _local.registry = registry
        _local.encoder = create_encoder(registry)
    return registry


def dumps(workflow: TrackedWorkflow) -> str:
    """Return the workflow's state as JSON text."""
    registry = _registry()
    registry._encoder_mode = True     # thread-local registry: the flag is ours alone
    try:
        body = registry.convert(workflow)
        return json.dumps({"format": FORMAT, "spiff": VERSION, "workflow": body},
                          cls=_local.encoder, separators=(",", ":"))
    finally:
        registry._encoder_mode = False


def loads(definition: Definition, text: str) -> TrackedWorkflow:
    """Rebuild a workflow from JSON text written by dumps()."""
    try:
        document = json.loads(text)
    except ValueError as error:
        raise StateError(f"opgeslagen toestand is geen geldige JSON: {error}") from None
    if document.get("format") != FORMAT or document.get("spiff") != VERSION:
        raise StateError(f"onbekend toestandsformaat {document.get('format')}/{document.get('spiff')}")
    return _registry().restore(document["workflow"], definition=definition)


def spec_registry():
    """The serializer registry of this thread (its spec converters write a task spec as Spiff runs it)."""
    return _registry()
