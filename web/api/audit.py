"""The auditor's API: trajectories by pseudonym, one step of a replay, verification, the access log
and a reveal — the same use cases and redaction as the workbench's pages. Auditors only, read-only."""

from __future__ import annotations

from flask import jsonify, request

from engine.services.audit.steps import Item, StepView
from web.api import api_actor, bp
from web.api.bodies import InvalidBody
from web.api.openapi import operation, query
from web.app_services import services
from web.pages.audit import queries

_STRING = {"type": "string"}
_NULLABLE = {"type": ["string", "null"]}
_ROW = {"type": "object", "properties": {
    "id": _STRING, "pseudonym": _STRING, "versions": {"type": "array", "items": _STRING},
    "version_numbers": {"type": "array", "items": {"type": "integer"}}, "status": _STRING,
    "started_at": {"type": "string", "format": "date-time"}, "ended_at": _NULLABLE,
    "duration_days": {"type": "integer"}, "event_count": {"type": "integer"}, "deadline_exceeded": {"type": "boolean"},
    "chain_intact": {"type": ["boolean", "null"]}}}
_ITEM = {"type": "object", "properties": {"pointer": _STRING, "value": {}, "hidden": {"type": "boolean"},
                                          "revealed": {"type": "boolean"}, "change": _NULLABLE}}
_ELEMENT = {"type": "object", "properties": {"element": _STRING, "name": _STRING, "process": _STRING,
                                             "state": {"enum": ["done", "active", "waiting"]},
                                             "rounds": {"type": "integer"},
                                             "instances": {"type": "array", "items": _STRING}}}
_RUN = {"type": "object", "properties": {"element": _STRING, "path": _STRING, "round": {"type": "integer"},
                                         "instances": {"type": "array", "items": _STRING}, "state": _STRING,
                                         "seq": {"type": ["integer", "null"]}}}
_STEP = {"type": "object", "properties": {
    "trajectory": _STRING, "pseudonym": _STRING, "age_band": _NULLABLE, "n": {"type": "integer"},
    "event_count": {"type": "integer"}, "kind": _STRING, "element": _NULLABLE,
    "actor": {"type": "object", "properties": {"name": _STRING, "username": _NULLABLE}}, "role": _NULLABLE,
    "clock": _NULLABLE, "recorded_at": _STRING, "version": _STRING, "version_number": {"type": ["integer", "null"]},
    "elements": {"type": "array", "items": _ELEMENT}, "runs": {"type": "array", "items": _RUN},
    "data": {"type": "array", "items": _ITEM}, "removed": {"type": "array", "items": _STRING},
    "changes": {"type": "array", "items": _ITEM}, "event": {"type": "array", "items": _ITEM},
    "mismatch": {"type": "array", "items": _STRING}, "seal": {"type": "array", "items": _STRING}}}
_PROBLEM = {"type": "object", "properties": {"where": _STRING, "kind": _STRING, "detail": _STRING}}
_VERIFIED = {"type": "object", "properties": {
    "intact": {"type": "boolean"},
    "problems": {"type": "object", "additionalProperties": {"type": "array", "items": _PROBLEM},
                 "description": "Per onderdeel ('traject <id>', 'toegangslog <segment>', 'kind <pseudoniem>', "
                                "'anker'): de problemen, het eerste eerst"}}}
_VERIFY = {"type": "object", "properties": {
    "trajectory": {"type": "string", "description": "Eén traject; zonder: alle"},
    "anchors": {"type": "string", "description": "De tekst van een ankerbestand (ekd audit anchor)"}}}
_ENTRY = {"type": "object", "properties": {
    "at": _STRING, "username": _STRING, "display_name": _STRING, "roles": {"type": "array", "items": _STRING},
    "action": _STRING, "subject": _STRING, "pseudonym": _NULLABLE, "detail": _NULLABLE, "refused": {"type": "boolean"}}}
_REVEAL = {"type": "object", "required": ["trajectory", "step", "item", "reason"], "properties": {
    "trajectory": _STRING, "step": {"type": "integer", "minimum": 1},
    "item": {"type": "string", "description": "De JSON-pointer van het gegeven (zoals 'data[].pointer')"},
    "reason": {"type": "string", "minLength": 10}}}
_DAY = {"type": "string", "format": "date"}
_FLAG = {"type": "boolean"}


def _json(schema: dict, many: bool = False) -> dict:
    return {"application/json": {"schema": {"type": "array", "items": schema} if many else schema}}


@bp.get("/audit/trajectories")
@operation("Alle trajecten onder pseudoniem (auditors), de nieuwste eerst", returns=_json(_ROW, many=True),
           errors=(401, 403, 422), query=(
               query("version", "Richtlijnversie (hash of het begin ervan, of haar nummer)"),
               query("status", "lopend, opgeschort of afgerond"), query("from", "Gestart vanaf", _DAY),
               query("to", "Gestart tot en met", _DAY), query("deadline_exceeded", "Een termijn verliep", _FLAG),
               query("integrity_problems", "Alleen trajecten met een gebroken sleutelketen", _FLAG)))
def audit_trajectories():
    listing = services().workbench.trajectories(api_actor(), queries.trajectory_filters())
    return jsonify([{"id": r.id, "pseudonym": r.pseudonym, "versions": r.versions, "version_numbers": r.version_numbers,
                     "status": r.status, "started_at": r.started_at.isoformat(),
                     "ended_at": r.ended_at.isoformat() if r.ended_at else None, "duration_days": r.duration_days,
                     "event_count": r.event_count, "deadline_exceeded": r.deadline_exceeded,
                     "chain_intact": r.chain_intact} for r in listing.rows])


@bp.get("/audit/trajectories/<trajectory_id>/steps/<int:n>")
@operation("Een traject zoals het stond bij gebeurtenis n (vanaf 1): elementen, afgeschermde gegevens, wat "
           "veranderde, wie in welke rol, de klok, de versie, en of de heruitvoering afwijkt", returns=_json(_STEP))
def audit_step(trajectory_id: str, n: int):
    return jsonify(step_json(services().step_through.step(trajectory_id, n, api_actor())))


def _item(item: Item) -> dict:
    return {"pointer": item.pointer, "value": item.value, "hidden": item.hidden, "revealed": item.revealed,
            "change": item.change}


def step_json(view: StepView) -> dict:
    """One step as the API answers it."""
    return {"trajectory": view.trajectory_id, "pseudonym": view.pseudonym, "age_band": view.age_band, "n": view.seq,
            "event_count": view.event_count, "kind": view.kind, "element": view.element,
            "actor": {"name": view.actor, "username": view.actor_username}, "role": view.role, "clock": view.clock,
            "recorded_at": view.recorded_at.isoformat(), "version": view.version,
            "version_number": view.version_number,
            "elements": [{"element": e.element, "name": e.name, "process": e.process, "state": e.state,
                          "rounds": e.rounds, "instances": list(e.instances)} for e in view.elements],
            "runs": [{"element": r.element, "path": r.path, "round": r.round, "instances": list(r.instances),
                      "state": str(r.state), "seq": r.seq} for r in view.runs],
            "data": [_item(i) for i in view.data], "removed": view.removed,
            "changes": [_item(i) for i in view.data if i.change], "event": [_item(i) for i in view.facts],
            "mismatch": view.mismatches, "seal": view.seal}


@bp.post("/audit/verifications")
@operation("Eén traject verifiëren ({\"trajectory\"}) of alles ({}), eventueel tegen een anker: de problemen per "
           "onderdeel", returns=_json(_VERIFIED), body=_VERIFY, errors=(401, 403, 422))
def audit_verify():
    body = request.get_json(silent=True) if request.is_json else None
    body = {} if body is None else body
    if not isinstance(body, dict) or any(not isinstance(body.get(k), (str, type(None))) for k in ("trajectory",
                                                                                                   "anchors")):
        raise InvalidBody([{"field": "(body)", "message": "een object met hoogstens 'trajectory' en 'anchors' (tekst)",
                            "code": "invalid"}])
    found = services().workbench.verify(api_actor(), body.get("trajectory") or None, body.get("anchors"))
    return jsonify({"intact": not found, "problems": {
        scope: [{"where": p.where, "kind": str(p.flaw), "detail": p.detail} for p in problems]
        for scope, problems in found.items()}})


@bp.get("/audit/access-log")
@operation("Het toegangslog (auditors): wie las of wijzigde wat, geweigerde pogingen inbegrepen, de nieuwste eerst",
           returns=_json(_ENTRY, many=True), errors=(401, 403, 422), query=(
               query("pseudonym", "Het pseudoniem van een kind"), query("person", "De gebruikersnaam van een persoon"),
               query("from", "Vanaf", _DAY), query("to", "Tot en met", _DAY),
               query("refused", "Alleen geweigerde pogingen", _FLAG)))
def audit_access_log():
    rows = services().workbench.access_log(api_actor(), queries.log_filters())
    return jsonify([{"at": r.at.isoformat(), "username": r.username, "display_name": r.display_name,
                     "roles": r.roles, "action": r.action, "subject": r.subject, "pseudonym": r.pseudonym,
                     "detail": r.detail, "refused": r.refused} for r in rows])


@bp.post("/audit/reveals")
@operation("Eén afgeschermd gegeven van een stap tonen, met een reden (komt in het toegangslog)",
           returns=_json({"type": "object", "properties": {"value": {}}}), body=_REVEAL, errors=(401, 403, 404, 422))
def audit_reveal():
    body = request.get_json(silent=True) if request.is_json else None
    if not isinstance(body, dict) or not isinstance(body.get("trajectory"), str) \
            or not isinstance(body.get("step"), int) or isinstance(body.get("step"), bool) \
            or not isinstance(body.get("item"), str):
        raise InvalidBody([{"field": "(body)", "message": "verwacht trajectory (tekst), step (getal), item en reason "
                            "(tekst)", "code": "invalid"}])
    reason = body.get("reason") if isinstance(body.get("reason"), str) else None
    value = services().step_through.reveal(body["trajectory"], body["step"], body["item"], reason, api_actor())
    return jsonify({"value": value})
