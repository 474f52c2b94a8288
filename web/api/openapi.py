"""The OpenAPI document of /api/v1, generated from the marshmallow schemas."""

from __future__ import annotations

import json
from functools import lru_cache

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin

from web.api import guidelines_doc
from web.api import schemas as s
from web.config import PROJECT

PROBLEM = {"application/problem+json": {"schema": "Problem"}}
VERSION = {"name": "version", "in": "query", "required": False, "schema": {"type": "integer", "minimum": 1},
           "description": "Een versie van het A-document (standaard: de huidige)"}


def _json(schema: str, many: bool = False) -> dict:
    ref = {"$ref": f"#/components/schemas/{schema}"}
    return {"application/json": {"schema": {"type": "array", "items": ref} if many else ref}}


def _operation(summary: str, ok: tuple[int, str, bool] | None, body: str | None = None, public=False,
               parameters=None, errors=(401, 403, 404)) -> dict:
    operation = {"summary": summary, "responses": {}}
    if ok:
        status, schema, many = ok
        operation["responses"][str(status)] = {"description": "OK", "content": _json(schema, many)}
    for status in errors:
        operation["responses"][str(status)] = {"description": "Probleem", "content": PROBLEM}
    if body:
        operation["requestBody"] = {"required": True, "content": _json(body)}
    if public:
        operation["security"] = []
    if parameters:
        operation["parameters"] = parameters
    return operation


def _no_content(summary: str, parameters=None, errors=(401, 403, 404)) -> dict:
    operation = _operation(summary, None, parameters=parameters, errors=errors)
    operation["responses"] = {"204": {"description": "Gedaan"}, **operation["responses"]}
    return operation


def _path(name: str) -> dict:
    return {"name": name, "in": "path", "required": True, "schema": {"type": "string"}}


def _a_document_schema() -> dict:
    """The documented JSON schema of an A-document export (docs/a-document.schema.json)."""
    schema = json.loads((PROJECT / "docs" / "a-document.schema.json").read_text(encoding="utf-8"))
    return {key: value for key, value in schema.items() if key not in ("$schema", "$id")}


@lru_cache(maxsize=1)
def document() -> dict:
    spec = APISpec(title="ekd API", version="1", openapi_version="3.1.0", plugins=[MarshmallowPlugin()],
                   info={"description": "Eén kind, één diagnose: taken, trajecten en hun geschiedenis."})
    spec.components.security_scheme("bearer", {"type": "http", "scheme": "bearer"})
    for schema in (s.TokenRequest, s.Token, s.InboxTask, s.TaskDetail, s.ReadyTask, s.Completed, s.StartTrajectory,
                   s.Created, s.WaitingFor, s.Trajectory, s.Event, s.FieldProblem, s.Problem):
        spec.components.schema(schema.__name__, schema=schema)
    spec.components.schema("ADocument", _a_document_schema())
    spec.options["security"] = [{"bearer": []}]
    filters = [{"name": n, "in": "query", "required": False, "schema": {"type": "string"}}
               for n in ("sort", "lane", "claimed", "overdue")]
    issue = _operation("Een token voor gebruikersnaam en wachtwoord", (200, "Token", False), "TokenRequest",
                       public=True, errors=(401, 422, 429))
    issue["responses"]["429"]["headers"] = {"Retry-After": {
        "description": "Seconden tot een nieuwe poging kan", "schema": {"type": "integer"}}}
    spec.path("/api/v1/auth/token", operations={"post": issue})
    spec.path("/api/v1/auth/logout", operations={"post": _no_content(
        "Afmelden: dit token intrekken", errors=(401,))})
    spec.path("/api/v1/people/{person_id}/sessions", operations={"delete": _no_content(
        "Alle sessies en tokens van een persoon intrekken (beheerder)", parameters=[_path("person_id")])})
    spec.path("/api/v1/tasks", operations={"get": _operation(
        "Mijn taken (inbox)", (200, "InboxTask", True), parameters=filters, errors=(401,))})
    spec.path("/api/v1/tasks/{task_id}", operations={"get": _operation(
        "Een taak met het JSON Schema van haar formulier", (200, "TaskDetail", False),
        parameters=[_path("task_id")])})
    complete = _operation("Een taak afronden met de gegevens van haar formulier", (200, "Completed", False),
                          parameters=[_path("task_id")], errors=(400, 401, 403, 404, 409, 422))
    complete["requestBody"] = {"required": True, "content": {"application/json": {"schema": {"type": "object"}}}}
    spec.path("/api/v1/tasks/{task_id}/complete", operations={"post": complete})
    spec.path("/api/v1/trajectories", operations={"post": _operation(
        "Een traject starten voor een kind (409 als het kind al een lopend traject heeft)", (201, "Created", False),
        "StartTrajectory", errors=(401, 403, 404, 409, 422))})
    spec.path("/api/v1/trajectories/{trajectory_id}", operations={"get": _operation(
        "Een traject: status, instemming, klaarliggende taken, termijnen", (200, "Trajectory", False),
        parameters=[_path("trajectory_id")])})
    spec.path("/api/v1/trajectories/{trajectory_id}/events", operations={"get": _operation(
        "De gebeurtenissen van een traject", (200, "Event", True), parameters=[_path("trajectory_id")])})
    spec.path("/api/v1/trajectories/{trajectory_id}/a-document", operations={"get": {
        "summary": "Het A-document als JSON (schema: docs/a-document.schema.json)",
        "parameters": [_path("trajectory_id"), VERSION],
        "responses": {"200": {"description": "OK", "content": {"application/json": {"schema": {
            "$ref": "#/components/schemas/ADocument"}}}},
                      **{str(code): {"description": "Probleem", "content": PROBLEM}
                         for code in (401, 403, 404, 422)}}}})
    spec.path("/api/v1/trajectories/{trajectory_id}/a-document.pdf", operations={"get": {
        "summary": "Het A-document als PDF", "parameters": [_path("trajectory_id"), VERSION],
        "responses": {"200": {"description": "OK", "content": {"application/pdf": {}}},
                      **{str(code): {"description": "Probleem", "content": PROBLEM}
                         for code in (401, 403, 404, 422)}}}})
    guidelines_doc.add_paths(spec)
    spec.path("/api/v1/openapi.json", operations={"get": {"summary": "Dit document", "security": [],
                                                          "responses": {"200": {"description": "OK"}}}})
    return spec.to_dict()
