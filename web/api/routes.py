"""The API's endpoints for logging in and for tasks; the document that describes them all."""

from __future__ import annotations

from flask import current_app, jsonify, request

from engine.services.inbox import SORTS
from engine.services.logins import LoginKind, TooManyAttempts
from web import inputs
from web.api import api_actor, api_token, bp, problem
from web.api import schemas as s
from web.api.bodies import body, form_data
from web.api.openapi import FORM_DATA, RETRY_AFTER, document, operation, query
from web.app_services import services
from web.auth import TOKEN_SECONDS, issue_token


@bp.get("/openapi.json")
@operation("Dit document", returns={"application/json": {}}, errors=(), public=True)
def openapi():
    return jsonify(document(current_app))


# -- logging in -----------------------------------------------------------------------------

@bp.post("/auth/token")
@operation("Een token voor gebruikersnaam en wachtwoord", returns="Token", body="TokenRequest", public=True,
           errors=(401, 422, 429), error_headers={429: RETRY_AFTER})
def token():
    given = body(s.TokenRequest)
    try:
        started = services().logins.log_in(given["username"], given["password"], request.remote_addr or "?",
                                           LoginKind.TOKEN, given["code"])
    except TooManyAttempts as refused:
        response = problem(429, "Te veel pogingen", str(refused))
        response.headers["Retry-After"] = str(refused.retry_after)
        return response
    if started is None:
        return problem(401, "Niet aangemeld", "Gebruikersnaam of wachtwoord klopt niet.")
    return jsonify(s.Token().dump({"token": issue_token(started), "expires_in": TOKEN_SECONDS}))


@bp.post("/auth/logout")
@operation("Afmelden: dit token intrekken", ok=204, errors=(401,))
def logout():
    services().logins.log_out(api_token(), LoginKind.TOKEN)
    return "", 204


@bp.post("/auth/password")
@operation("Een wachtwoord instellen met een eenmalige link (van de beheerder); beëindigt alle sessies en tokens "
           "van de persoon", ok=204, body="NewPassword", public=True, errors=(404, 422))
def set_password():
    given = body(s.NewPassword)
    services().accounts.set_password(given["link"], given["password"])
    return "", 204


# -- tasks ----------------------------------------------------------------------------------

# Plain strings, as the inbox page takes them: an unknown sort falls back to the deadline.
FILTERS = tuple(query(name, description) for name, description in (
    ("sort", "deadline (standaard), nieuwste, kind of stap"), ("lane", "Enkel de taken van deze rol"),
    ("claimed", "mij (die ik nam) of vrij (die niemand nam)"), ("overdue", "true: enkel de taken over hun termijn")))


@bp.get("/tasks")
@operation("Mijn taken (inbox)", returns="InboxTask", many=True, query=FILTERS, errors=(401, 422))
def tasks():
    sort, lane, claimed, overdue = (inputs.one(name) for name in ("sort", "lane", "claimed", "overdue"))
    rows = services().inbox.tasks(api_actor(), sort if sort in SORTS else "deadline", lane, claimed,
                                  overdue == "true")
    return jsonify(s.InboxTask(many=True).dump(rows))


@bp.get("/tasks/<task_id>")
@operation("Een taak met het JSON Schema van haar formulier", returns="TaskDetail")
def task(task_id: str):
    return jsonify(s.TaskDetail().dump(services().desk.open(task_id, api_actor())))


@bp.post("/tasks/<task_id>/complete")
@operation("Een taak afronden met de gegevens van haar formulier", returns="Completed", body=FORM_DATA,
           errors=(401, 403, 404, 409, 422))
def complete(task_id: str):
    done = services().trajectories.complete_task(task_id, form_data(), api_actor())
    return jsonify(s.Completed().dump({"task": task_id, "steps": [c.element for c in done.completions],
                                       "ready": done.ready}))


@bp.post("/tasks/<task_id>/claim")
@operation("Een taak nemen: anderen zien wie eraan werkt en kunnen ze intussen niet afronden", ok=204,
           errors=(401, 403, 404, 409))
def claim(task_id: str):
    services().inbox.claim(task_id, api_actor())
    return "", 204


@bp.delete("/tasks/<task_id>/claim")
@operation("Een taak vrijgeven (wie ze nam, of een teamverantwoordelijke van het traject)", ok=204)
def unclaim(task_id: str):
    services().inbox.unclaim(task_id, api_actor())
    return "", 204


@bp.put("/tasks/<task_id>/draft")
@operation("Een concept van het formulier bewaren (pas bij het afronden gecontroleerd)", ok=204, body=FORM_DATA,
           errors=(401, 403, 404, 422))
def task_draft(task_id: str):
    services().desk.save_draft(task_id, form_data(), api_actor())
    return "", 204
