"""Logging in and out, and who is asking: a session for pages, a bearer token for the API."""

from __future__ import annotations

import functools

from flask import Blueprint, current_app, flash, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from engine.actors import Actor
from engine.services.people import TooManyAttempts
from web.app_services import services
from web.navigation import next_page

bp = Blueprint("auth", __name__)
TOKEN_SECONDS = 8 * 3600


def current_actor() -> Actor | None:
    """The person behind this request (cached for the request)."""
    if "actor" not in g:
        person_id = session.get("person")
        g.actor = services().people.get(person_id) if person_id else None
        if person_id and g.actor is None:
            session.clear()
    return g.actor


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
            actor = services().people.log_in(username, password, request.remote_addr or "?")
        except TooManyAttempts:
            flash(_("Te veel mislukte pogingen. Probeer het over 15 minuten opnieuw."), "error")
            return render_template("login.html", username=username), 429
        if actor is None:
            flash(_("Gebruikersnaam of wachtwoord klopt niet."), "error")
            return render_template("login.html", username=username), 401
        language = session.get("lang")
        session.clear()                                   # no session fixation
        session.permanent = True
        session["person"] = actor.id
        if language:
            session["lang"] = language
        return redirect(next_page(request.args.get("next"), url_for("inbox.inbox")))
    if current_actor() is not None:
        return redirect(url_for("inbox.inbox"))
    return render_template("login.html", username="")


@bp.post("/logout")
def logout():
    language = session.get("lang")
    session.clear()
    if language:
        session["lang"] = language
    flash(_("Je bent afgemeld."), "info")
    return redirect(url_for("auth.login"))


# -- API tokens -------------------------------------------------------------------------------

def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="ekd-api-token")


def issue_token(actor: Actor) -> str:
    """A signed, expiring token naming the person (checked against the database on every use)."""
    return _serializer().dumps({"person": actor.id})


def token_actor(header: str | None) -> Actor | None:
    """The person named by an `Authorization: Bearer …` header, if valid and still active."""
    if not header or not header.startswith("Bearer "):
        return None
    try:
        claims = _serializer().loads(header[7:].strip(), max_age=TOKEN_SECONDS)
    except (BadSignature, SignatureExpired):
        return None
    return services().people.get(claims.get("person", ""))
