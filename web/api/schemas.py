"""The API's documents, as marshmallow schemas (the OpenAPI document is generated from them)."""

from __future__ import annotations

from marshmallow import Schema, fields


class TokenRequest(Schema):
    username = fields.String(required=True)
    password = fields.String(required=True, load_only=True)


class Token(Schema):
    token = fields.String(required=True, metadata={"description": "Gebruik als 'Authorization: Bearer …'"})
    expires_in = fields.Integer(metadata={"description": "Geldig voor zoveel seconden"})


class InboxTask(Schema):
    id = fields.String(attribute="task_id")
    element = fields.String()
    step = fields.String()
    lane = fields.String(allow_none=True)
    trajectory_id = fields.String()
    child_id = fields.String()
    child = fields.String()
    guideline_version = fields.String()
    ready_since = fields.DateTime()
    due_at = fields.DateTime(allow_none=True)
    overdue = fields.Boolean()
    claimed_by = fields.String(allow_none=True, attribute="claimed_by_name")


class TaskDetail(Schema):
    id = fields.String(attribute="task_id")
    element = fields.String()
    name = fields.String()
    lane = fields.String(allow_none=True)
    documentation = fields.String(allow_none=True)
    trajectory_id = fields.String()
    child_id = fields.String()
    child = fields.String()
    guideline_version = fields.String()
    form = fields.String(allow_none=True)
    form_schema = fields.Dict(attribute="schema", allow_none=True,
                              metadata={"description": "JSON Schema (draft 2020-12) van het formulier"})
    values = fields.Dict(metadata={"description": "Gekende waarden of het bewaarde concept"})
    due_at = fields.DateTime(allow_none=True)


class ReadyTask(Schema):
    id = fields.String()
    element = fields.String()
    name = fields.String()
    lane = fields.String(allow_none=True)
    path = fields.String()
    due = fields.DateTime(allow_none=True)


class Completed(Schema):
    task = fields.String()
    steps = fields.List(fields.String(), metadata={"description": "Wat de richtlijn daarna deed"})
    ready = fields.List(fields.Nested(ReadyTask),
                        metadata={"description": "De taken van het traject die nu klaarliggen"})


class StartTrajectory(Schema):
    child_id = fields.String(required=True)


class Created(Schema):
    id = fields.String()


class WaitingFor(Schema):
    element = fields.String()
    kind = fields.String()
    due = fields.DateTime(allow_none=True)


class Trajectory(Schema):
    id = fields.String()
    child_id = fields.String()
    guideline_version = fields.String()
    status = fields.String()
    consent = fields.String()
    started_at = fields.DateTime()
    event_count = fields.Integer()
    ready = fields.List(fields.Nested(ReadyTask))
    waiting = fields.List(fields.Nested(WaitingFor))


class Event(Schema):
    seq = fields.Integer()
    type = fields.String()
    actor = fields.String()
    recorded_at = fields.DateTime()
    element = fields.String(allow_none=True)
    path = fields.String(allow_none=True)
    data = fields.Dict(allow_none=True, metadata={"description": "Weggelaten waar need-to-know het verbiedt"})
    hash = fields.String()


class FieldProblem(Schema):
    field = fields.String()
    message = fields.String()
    code = fields.String()


class Problem(Schema):
    type = fields.String()
    title = fields.String()
    status = fields.Integer()
    detail = fields.String()
    errors = fields.List(fields.Nested(FieldProblem), metadata={"description": "Bij 422: één per veld"})
