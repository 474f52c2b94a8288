"""Logging in and out, and who is asking: a session for pages, a bearer token for the API.

Both are records on the server (engine/services/logins.py); the cookie and the token carry only
a signed random secret, so log-out, idle time and an administrator end them everywhere."""

from __future__ import annotations

import functools
import math
from datetime import timedelta

from flask import Blueprint, current_app, flash, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from engine.actors import Actor
from engine.services.logins import LIFETIME, LoginKind, Started, TooManyAttempts
from web.app_services import services
from web.navigation import landing, next_page

bp = Blueprint("auth", __name__)
TOKEN_SECONDS = int(LIFETIME.total_seconds())


def current_actor() -> Actor | None:
    """The person behind this request's session (cached for the request). The cookie holds only
    the session's secret; whether the session lives is decided on the server."""
    if "actor" not in g:
        secret = session.get("login")
        idle = timedelta(minutes=current_app.extensions["ekd.config"].idle_minutes)
        g.actor = services().logins.resume(secret, LoginKind.SESSION, idle) if secret else None
        if g.actor is None and ("login" in session or "person" in session):
            _forget_login()
    return g.actor


def _forget_login() -> None:
    """Empty the session cookie but keep the chosen language."""
    language = session.get("lang")
    session.clear()
    if language:
        session["lang"] = language


def login_required(view):
    """Pages need a logged-in person; anyone else goes to the log-in page."""
    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        if current_actor() is None:
            return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
        return view(*args, **kwargs)
    return wrapped


@bp.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "POST":
        username = request.form.get("username", "").strip()
        password = request.form.get("password", "")
        try:
            started = services().logins.log_in(username, password, request.remote_addr or "?", LoginKind.SESSION,
                                               request.form.get("code", ""))
        except TooManyAttempts as refused:
            flash(_("Te veel mislukte pogingen. Probeer het over %(minutes)s min. opnieuw.",
                    minutes=math.ceil(refused.retry_after / 60)), "error")
            return render_template("login.html", username=username), 429, {"Retry-After": str(refused.retry_after)}
        if started is None:
            flash(_("Gebruikersnaam of wachtwoord klopt niet."), "error")
            return render_template("login.html", username=username), 401
        _forget_login()                                   # no session fixation
        session.permanent = True
        session["login"] = started.secret
        return redirect(next_page(request.args.get("next"), landing(started.actor)))
    if current_actor() is not None:
        return redirect(landing(current_actor()))
    return render_template("login.html", username="")


@bp.post("/logout")
def logout():
    if "login" in session:
        services().logins.log_out(session["login"], LoginKind.SESSION)
    _forget_login()
    flash(_("Je bent afgemeld."), "info")
    return redirect(url_for("auth.login"))


# -- API tokens -------------------------------------------------------------------------------

def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="ekd-api-token")


def issue_token(started: Started) -> str:
    """A signed, expiring token carrying the secret of a server-side token record (checked on every use)."""
    return _serializer().dumps({"login": started.secret})


def token_login(header: str | None) -> tuple[str, Actor] | None:
    """The token's secret and its person, from an `Authorization: Bearer …` header, if it still lives."""
    if not header or not header.startswith("Bearer "):
        return None
    try:
        claims = _serializer().loads(header[7:].strip(), max_age=TOKEN_SECONDS)
    except (BadSignature, SignatureExpired):
        return None
    secret = claims.get("login") if isinstance(claims, dict) else None
    if not isinstance(secret, str):
        return None
    actor = services().logins.resume(secret, LoginKind.TOKEN)
    return (secret, actor) if actor else None
