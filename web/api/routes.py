"""The API's endpoints."""

from __future__ import annotations

from flask import jsonify, request
from marshmallow import ValidationError

from engine.forms import FormInvalid
from engine.services.inbox import SORTS
from engine.services.logins import LoginKind, TooManyAttempts
from web import inputs, values
from web.api import api_actor, api_token, bp, problem
from web.api import schemas as s
from web.api.openapi import document
from web.app_services import services
from web.auth import TOKEN_SECONDS, issue_token


def _body(schema):
    try:
        return schema().load(request.get_json(silent=True) or {})
    except ValidationError as invalid:
        errors = [{"field": name, "message": "; ".join(map(str, messages)), "code": "invalid"}
                  for name, messages in invalid.messages.items()]
        raise _Invalid(errors) from None


class _Invalid(Exception):
    def __init__(self, errors):
        self.errors = errors


@bp.errorhandler(_Invalid)
def invalid_body(error):
    return problem(422, "Ongeldige aanvraag", "Zie 'errors'.", errors=error.errors)


@bp.get("/openapi.json")
def openapi():
    return jsonify(document())


@bp.post("/auth/token")
def token():
    body = _body(s.TokenRequest)
    try:
        started = services().logins.log_in(body["username"], body["password"], request.remote_addr or "?",
                                           LoginKind.TOKEN)
    except TooManyAttempts as refused:
        response = problem(429, "Te veel pogingen", str(refused))
        response.headers["Retry-After"] = str(refused.retry_after)
        return response
    if started is None:
        return problem(401, "Niet aangemeld", "Gebruikersnaam of wachtwoord klopt niet.")
    return jsonify(s.Token().dump({"token": issue_token(started), "expires_in": TOKEN_SECONDS}))


@bp.post("/auth/logout")
def logout():
    services().logins.log_out(api_token(), LoginKind.TOKEN)
    return "", 204


@bp.delete("/people/<person_id>/sessions")
def revoke(person_id: str):
    services().logins.revoke_all(person_id, api_actor())
    return "", 204


@bp.get("/tasks")
def tasks():
    sort = request.args.get("sort", "deadline")
    rows = services().inbox.tasks(api_actor(), sort if sort in SORTS else "deadline", request.args.get("lane"),
                                  request.args.get("claimed"), request.args.get("overdue") == "true")
    return jsonify(s.InboxTask(many=True).dump(rows))


@bp.get("/tasks/<task_id>")
def task(task_id: str):
    return jsonify(s.TaskDetail().dump(services().desk.open(task_id, api_actor())))


@bp.post("/tasks/<task_id>/complete")
def complete(task_id: str):
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        return problem(400, "Ongeldige aanvraag", "Stuur de gegevens van het formulier als JSON-object.")
    try:
        done = services().trajectories.complete_task(task_id, data, api_actor())
    except FormInvalid as invalid:
        errors = [{"field": e.field, "message": e.message, "code": e.code} for e in invalid.errors]
        return problem(422, "Ongeldige gegevens", str(invalid), errors=errors)
    return jsonify(s.Completed().dump({"task": task_id, "steps": [c.element for c in done.completions],
                                       "ready": done.ready}))


@bp.post("/trajectories")
def start():
    body = _body(s.StartTrajectory)
    trajectory = services().trajectories.start(body["child_id"], api_actor())
    return jsonify(s.Created().dump({"id": trajectory})), 201, {"Location": f"/api/v1/trajectories/{trajectory}"}


@bp.get("/trajectories/<trajectory_id>")
def trajectory(trajectory_id: str):
    view = services().trajectories.read(trajectory_id, api_actor())
    return jsonify(s.Trajectory().dump(view))


@bp.get("/trajectories/<trajectory_id>/events")
def events(trajectory_id: str):
    return jsonify(s.Event(many=True).dump(services().trajectories.events(trajectory_id, api_actor())))


@bp.get("/trajectories/<trajectory_id>/a-document")
def a_document(trajectory_id: str):
    exported = services().documents.exported(trajectory_id, api_actor(), inputs.positive_integer("version"))
    return jsonify(values.exported_json(exported))


@bp.get("/trajectories/<trajectory_id>/a-document.pdf")
def a_document_pdf(trajectory_id: str):
    from flask import Response

    from web import pdf
    exported = services().documents.exported(trajectory_id, api_actor(), inputs.positive_integer("version"))
    return Response(pdf.a_document(exported), mimetype="application/pdf")
