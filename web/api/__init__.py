"""The JSON API under /api/v1: same use cases, same access rules as the pages.

Errors are problem details (RFC 9457); an anonymous request gets 401 (never a redirect)."""

from __future__ import annotations

from flask import Blueprint, g, jsonify, request

from engine import access
from web.auth import token_login

bp = Blueprint("api", __name__, url_prefix="/api/v1")
PUBLIC = {"api.openapi", "api.token", "api.set_password", "api.accept_invitation"}
# What a family member (the person role `client`) may ask of the API: their own view, and logging out.
FAMILY_ENDPOINTS = frozenset({"api.logout", "api.family_trajectory", "api.family_consent", "api.family_withdraw",
                              "api.family_give_again", "api.family_words", "api.family_agreement", "api.family_copy",
                              "api.family_pdf", "api.family_correction", "api.family_objection", "api.family_grant",
                              "api.family_second_factor", "api.family_second_factor_confirm"})


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
    if access.is_family(g.api_actor) and request.endpoint not in FAMILY_ENDPOINTS:
        raise access.Forbidden(access.FAMILY_ONLY)      # professional operations refuse family members
    if request.endpoint in FAMILY_ENDPOINTS - {"api.logout"} and not access.is_family(g.api_actor):
        raise access.Forbidden(access.FOR_FAMILY_ONLY)   # and the family's own refuse everyone else
    return None


def api_actor():
    return g.api_actor


def api_token() -> str:
    """The secret of the token this request came with."""
    return g.api_token


from web.api import audit, children, family, guidelines, migrations, people, research, routes, trajectories  # noqa: E402, F401  (registers the routes on bp)
