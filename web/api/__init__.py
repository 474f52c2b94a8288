"""The JSON API under /api/v1: same use cases, same access rules as the pages.

Errors are problem details (RFC 9457); an anonymous request gets 401 (never a redirect)."""

from __future__ import annotations

from flask import Blueprint, g, jsonify, request

from web.auth import token_login

bp = Blueprint("api", __name__, url_prefix="/api/v1")
PUBLIC = {"api.openapi", "api.token", "api.set_password"}


def wants_json() -> bool:
    return request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json"


def problem(status: int, title: str, detail: str | None = None, **extra):
    body = {"type": "about:blank", "title": title, "status": status}
    if detail:
        body["detail"] = detail
    body.update(extra)
    response = jsonify(body)
    response.status_code = status
    response.content_type = "application/problem+json"
    return response


@bp.before_request
def authenticate():
    if request.endpoint in PUBLIC:
        return None
    found = token_login(request.headers.get("Authorization"))
    g.api_token, g.api_actor = found if found else (None, None)
    if g.api_actor is None:
        response = problem(401, "Niet aangemeld", "Geef een geldig token: Authorization: Bearer <token>.")
        response.headers["WWW-Authenticate"] = 'Bearer realm="ekd"'
        return response
    return None


def api_actor():
    return g.api_actor


def api_token() -> str:
    """The secret of the token this request came with."""
    return g.api_token


from web.api import children, guidelines, migrations, people, routes, trajectories  # noqa: E402,F401  (registers the routes on bp)
