"""People and roles, the administrator's page: add a person (with a one-time link to set a
password), give and take roles, deactivate, reset a password; and the public page where a person
sets their password with such a link. The same use cases as /api/v1/people."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from engine.roles import LABELS, ROLES
from engine.services.accounts import Change, IssuedLink, PersonRecord, RecordEntry
from engine.services.errors import Conflict
from engine.services.people import InvalidPerson
from engine.text import InvalidInput
from web.app_services import services
from web.auth import current_actor, login_required

bp = Blueprint("people", __name__)


def _listing(values=None, errors=None, status=200):
    role = request.args.get("rol") or None
    shown = services().accounts.overview(current_actor(), role if role in ROLES else None)
    return render_template("people/people.html", people=shown, labels=LABELS, roles=ROLES, role=role,
                           values=values or {}, errors=errors or {}), status


def _record(record: PersonRecord):
    return render_template("people/person.html", record=record, labels=LABELS, roles=ROLES,
                           events=[(e, _describe(e)) for e in reversed(record.events)])


def _link(link: IssuedLink, status: int):
    """The one-time link, shown once: only its digest is kept."""
    return render_template("people/link.html", link=link, labels=LABELS,
                           url=url_for("people.set_password", secret=link.secret, _external=True)), status


def _describe(entry: RecordEntry) -> str:
    body, names = entry.body, (lambda roles: ", ".join(_(LABELS.get(r, r)) for r in roles) or "—")
    if entry.kind == Change.ADDED:
        return _("Toegevoegd met de rol(len) %(roles)s", roles=names(body.get("rollen", [])))
    if entry.kind == Change.ROLES:
        return _("Rollen gegeven: %(given)s; afgenomen: %(taken)s", given=names(body.get("gegeven", [])),
                 taken=names(body.get("afgenomen", [])))
    if entry.kind == Change.DEACTIVATED:
        return _("Gedeactiveerd; %(count)s sessie(s) en token(s) beëindigd", count=body.get("sessies_beeindigd", 0))
    if entry.kind == Change.ACTIVATED:
        return _("Opnieuw geactiveerd")
    if entry.kind == Change.LINK:
        return _("Eenmalige link om een wachtwoord in te stellen") if body.get("doel") == "welkom" \
            else _("Wachtwoord hersteld: nieuwe eenmalige link")
    if entry.kind == Change.PASSWORD:
        return _("Wachtwoord ingesteld; %(count)s sessie(s) en token(s) beëindigd",
                 count=body.get("sessies_beeindigd", 0))
    return entry.kind


@bp.get("/beheer/mensen")
@login_required
def people():
    return _listing()


@bp.post("/beheer/mensen")
@login_required
def add():
    values = {"username": request.form.get("username", "").strip(),
              "display_name": request.form.get("display_name", ""), "roles": request.form.getlist("rol")}
    try:
        link = services().accounts.create(values["username"], values["display_name"], values["roles"],
                                          current_actor())
    except InvalidPerson as invalid:
        return _listing(values, {invalid.field: str(invalid)}, 422)
    except InvalidInput as invalid:
        return _listing(values, {invalid.field: invalid.reason}, 422)
    except Conflict as conflict:
        return _listing(values, {"username": str(conflict)}, 409)
    flash(_("%(name)s is toegevoegd.", name=link.display_name), "success")
    return _link(link, 201)


@bp.get("/beheer/mensen/<person_id>")
@login_required
def person(person_id: str):
    return _record(services().accounts.record(person_id, current_actor()))


@bp.post("/beheer/mensen/<person_id>/rollen")
@login_required
def roles(person_id: str):
    try:
        services().accounts.change(person_id, current_actor(), roles=request.form.getlist("rol"))
    except (InvalidPerson, Conflict) as refused:
        flash(_("De rollen zijn niet bewaard: %(reason)s.", reason=str(refused)), "error")
    else:
        flash(_("Rollen bewaard."), "success")
    return redirect(url_for("people.person", person_id=person_id))


@bp.post("/beheer/mensen/<person_id>/actief")
@login_required
def activity(person_id: str):
    active = {"ja": True, "nee": False}.get(request.form.get("actief", ""))
    try:
        services().accounts.change(person_id, current_actor(), active=active)
    except (InvalidPerson, Conflict) as refused:
        flash(_("Dat kan niet: %(reason)s.", reason=str(refused)), "error")
    else:
        flash(_("Opnieuw geactiveerd.") if active else _("Gedeactiveerd: alle sessies en tokens zijn beëindigd."),
              "success")
    return redirect(url_for("people.person", person_id=person_id))


@bp.post("/beheer/mensen/<person_id>/wachtwoord")
@login_required
def reset(person_id: str):
    try:
        link = services().accounts.reset_password(person_id, current_actor())
    except Conflict as refused:
        flash(_("Dat kan niet: %(reason)s.", reason=str(refused)), "error")
        return redirect(url_for("people.person", person_id=person_id))
    return _link(link, 200)


@bp.route("/wachtwoord/<secret>", methods=["GET", "POST"])
def set_password(secret: str):
    """Set a password with a one-time link (no log-in needed: the link is the proof)."""
    error = None
    if request.method == "POST":
        password = request.form.get("password", "")
        if password != request.form.get("confirm", ""):
            error = _("De twee wachtwoorden verschillen.")
        else:
            try:
                services().accounts.set_password(secret, password)
            except InvalidPerson as invalid:
                error = str(invalid)
            else:
                flash(_("Je wachtwoord is ingesteld. Meld je aan."), "success")
                return redirect(url_for("auth.login"))
    holder = services().accounts.link_holder(secret)
    return render_template("people/password.html", holder=holder, error=error), 422 if error else 200
