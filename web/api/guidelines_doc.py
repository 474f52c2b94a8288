"""The OpenAPI description of the quality center's operations (web/api/guidelines.py)."""

from __future__ import annotations

PROBLEM = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
ID = {"type": "string"}
WHEN = {"type": "string", "format": "date-time"}
SCHEMAS = {
    "GuidelineEntry": {"type": "object", "required": ["id", "kind", "status", "created_by", "created_at",
                                                      "published_at", "running_trajectories"],
                       "properties": {"id": ID, "kind": {"type": "string", "enum": ["version", "draft"]},
                                      "status": {"type": "string", "enum": ["published", "retired", "draft"]},
                                      "title": {"type": "string"}, "created_by": {"type": "string"},
                                      "created_at": WHEN, "published_at": {"type": ["string", "null"],
                                                                           "format": "date-time"},
                                      "running_trajectories": {"type": "integer", "minimum": 0},
                                      "current": {"type": "boolean"}}},
    "Finding": {"type": "object", "required": ["rule", "file", "element", "message", "severity"],
                "properties": {"rule": {"type": "string"}, "file": {"type": ["string", "null"]},
                               "element": {"type": ["string", "null"]}, "message": {"type": "string"},
                               "severity": {"type": "string", "enum": ["error", "warning"]},
                               "line": {"type": ["integer", "null"]}}},
    "Findings": {"type": "object", "required": ["findings"],
                 "properties": {"findings": {"type": "array", "items": {"$ref": "#/components/schemas/Finding"}}}},
    "Draft": {"type": "object", "required": ["id", "files", "revision", "findings"],
              "properties": {"id": ID, "title": {"type": "string"}, "status": {"type": "string"},
                             "revision": {"type": "integer"}, "files": {"type": "array", "items": {"type": "string"}},
                             "kinds": {"type": "object"}, "version": {"type": "string"},
                             "findings": {"type": "array", "items": {"$ref": "#/components/schemas/Finding"}},
                             "test_run": {"type": ["object", "null"]}, "approvals": {"type": "array"},
                             "history": {"type": "array"}}},
    "Part": {"type": "object", "required": ["covered", "total"],
             "properties": {"covered": {"type": "integer"}, "total": {"type": "integer"}}},
    "TestRun": {"type": "object", "required": ["scenarios", "coverage"], "properties": {
        "scenarios": {"type": "array", "items": {"type": "object", "required": ["name", "passed", "path", "failure"],
                                                 "properties": {"name": {"type": "string"},
                                                                "passed": {"type": "boolean"},
                                                                "path": {"type": "array", "items": {"type": "string"}},
                                                                "failure": {"type": ["string", "null"]},
                                                                "data": {"type": "object"}}}},
        "coverage": {"type": "object", "required": ["flow_nodes", "sequence_flows", "untaken"], "properties": {
            "flow_nodes": {"$ref": "#/components/schemas/Part"},
            "sequence_flows": {"$ref": "#/components/schemas/Part"},
            "dmn_rules": {"$ref": "#/components/schemas/Part"},
            "untaken": {"type": "array", "items": {"type": "string"}}}},
        "threshold": {"type": "number"}}},
    "Comparison": {"type": "object", "required": ["a", "b", "changes"], "properties": {
        "a": {"type": "object"}, "b": {"type": "object"}, "summary": {"type": "object"},
        "changes": {"type": "array", "items": {"type": "object", "properties": {
            "change": {"type": "string", "enum": ["added", "removed", "changed"]}, "element": {"type": "string"},
            "type": {"type": "string"}, "file": {"type": ["string", "null"]}, "details": {"type": "array"},
            "effect": {"type": "string", "enum": ["changes behaviour", "layout only", "test only"]}}}},
        "markers": {"type": "object"}}},
    "Version": {"type": "object", "required": ["version"], "properties": {"version": ID}},
    "NewDraft": {"type": "object", "properties": {"from_version": ID, "title": {"type": "string"}}},
    "Retirement": {"type": "object", "required": ["reason"], "properties": {"reason": {"type": "string"}}},
}


def _json(schema: str, many: bool = False) -> dict:
    ref = {"$ref": f"#/components/schemas/{schema}"}
    return {"application/json": {"schema": {"type": "array", "items": ref} if many else ref}}


def _path(*names: str) -> list[dict]:
    return [{"name": name, "in": "path", "required": True, "schema": {"type": "string"}} for name in names]


def _operation(summary: str, ok: int, content: dict | None, parameters=(), errors=(401, 403, 404), body=None) -> dict:
    responses = {str(ok): {"description": "OK", **({"content": content} if content else {})}}
    responses.update({str(status): {"description": "Probleem", "content": PROBLEM} for status in errors})
    operation = {"summary": summary, "tags": ["kwaliteitscentrum"], "responses": responses}
    if parameters:
        operation["parameters"] = list(parameters)
    if body:
        operation["requestBody"] = body
    return operation


def add_paths(spec) -> None:
    """Add the quality center's schemas and operations to the API's OpenAPI document."""
    for name, schema in SCHEMAS.items():
        spec.components.schema(name, schema)
    draft, file = _path("draft_id"), _path("draft_id", "name")
    upload = {"required": True, "content": {
        "multipart/form-data": {"schema": {"type": "object", "properties": {
            "files": {"type": "array", "items": {"type": "string", "format": "binary"}}, "title": {"type": "string"}}}},
        "application/json": {"schema": {"$ref": "#/components/schemas/NewDraft"}}}}
    raw = {"required": True, "content": {kind: {"schema": {"type": "string"}}
                                         for kind in ("application/octet-stream", "application/xml",
                                                      "application/json")}}
    spec.path("/api/v1/guidelines", operations={"get": _operation(
        "De richtlijnbibliotheek: versies en concepten (kwaliteitscentrum)", 200, _json("GuidelineEntry", True),
        errors=(401, 403))})
    spec.path("/api/v1/guidelines/drafts", operations={"post": _operation(
        "Een concept maken: uit bestanden (multipart, veld 'files') of uit een versie ({\"from_version\"})", 201,
        {"application/json": {"schema": {"type": "object", "required": ["id"], "properties": {"id": ID}}}},
        errors=(400, 401, 403, 404, 413, 422), body=upload)})
    spec.path("/api/v1/guidelines/drafts/{draft_id}", operations={"get": _operation(
        "Een concept: bestanden, bevindingen, laatste testrun, goedkeuringen", 200, _json("Draft"), draft)})
    spec.path("/api/v1/guidelines/drafts/{draft_id}/files/{name}", operations={
        "get": _operation("Een bestand van een concept (of versie)", 200, {
            "application/xml": {"schema": {"type": "string"}}, "application/json": {"schema": {}}}, file),
        "put": _operation("Een bestand van een concept bewaren (een nieuwe revisie, gecontroleerd)", 200,
                          _json("Findings"), file, (400, 401, 403, 404, 409, 413, 422), raw),
        "delete": _operation("Een bestand uit een concept verwijderen (een nieuwe revisie)", 200, _json("Findings"),
                             file, (401, 403, 404, 409, 422))})
    spec.path("/api/v1/guidelines/drafts/{draft_id}/checks", operations={"post": _operation(
        "Alle controles op het concept", 200, _json("Findings"), draft, (401, 403, 404, 409))})
    spec.path("/api/v1/guidelines/drafts/{draft_id}/test-runs", operations={"post": _operation(
        "Alle scenario's van het concept uitvoeren, met dekking", 200, _json("TestRun"), draft, (401, 403, 404, 409))})
    approval = _operation("Het concept goedkeuren (een tweede lid, niet de laatste bewerker)", 204, None, draft,
                          (401, 403, 404, 409))
    spec.path("/api/v1/guidelines/drafts/{draft_id}/approval", operations={"post": approval})
    spec.path("/api/v1/guidelines/drafts/{draft_id}/publication", operations={"post": _operation(
        "Het concept publiceren als versie (409 noemt elke voorwaarde die niet vervuld is)", 201, _json("Version"),
        draft, (401, 403, 404, 409))})
    spec.path("/api/v1/guidelines/{version_id}/retirement", operations={"post": _operation(
        "Een versie intrekken: geen nieuwe trajecten meer op deze versie", 204, None, _path("version_id"),
        (401, 403, 404, 409, 422), {"required": True, "content": _json("Retirement")})})
    spec.path("/api/v1/guidelines/{a}/diff/{b}", operations={"get": _operation(
        "Twee versies of concepten vergelijken", 200, _json("Comparison"), _path("a", "b"))})
    spec.path("/api/v1/guidelines/{guideline_id}/export.zip", operations={"get": _operation(
        "Een versie of concept als zip (BPMN, DMN, formulieren, scenarios/)", 200,
        {"application/zip": {"schema": {"type": "string", "format": "binary"}}}, _path("guideline_id"))})
