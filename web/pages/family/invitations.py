"""Invitations: the coordinator invites a family member from the dossier (the code is shown once, to
print or hand over); the family member opens the link, or types the code, and chooses a log-in."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from engine.services.errors import Conflict
from engine.services.family.invitations import InvalidInvitation, normalized
from engine.services.people import InvalidPerson
from engine.text import InvalidInput
from web import mail
from web.app_services import services
from web.auth import current_actor, login_required
from web.pages.family import bp


@bp.post("/trajecten/<trajectory_id>/uitnodigingen")
@login_required
def invite(trajectory_id: str):
    form = request.form
    try:
        issued = services().invitations.invite(trajectory_id, form.get("naam", ""), form.get("rol", ""),
                                               current_actor(), capability=form.get("bekwaamheid", "standaard"),
                                               motivation=form.get("motivering", ""), kinship=form.get("relatie", ""))
    except (InvalidPerson, InvalidInput, Conflict) as refused:
        flash(_("Uitnodigen lukte niet: %(reason)s.", reason=str(refused)), "error")
        return redirect(url_for("dossier.show", child_id=request.form.get("kind", "")) if request.form.get("kind")
                        else url_for("dossier.children"))
    link = url_for("family.invitation", code=issued.code, _external=True)
    sent = mail.deliver(current_app.extensions["ekd.config"], issued, form.get("email", ""), link,
                        url_for("family.enter_code", _external=True))
    return render_template("family/invited.html", issued=issued, link=link, trajectory_id=trajectory_id,
                           child_id=request.form.get("kind"), sent=sent)


@bp.get("/uitnodiging")
def enter_code():
    """Type the short code from the paper (no log-in)."""
    code = normalized(request.args.get("code", ""))
    if code:
        return redirect(url_for("family.invitation", code=code))
    return render_template("family/code.html")


@bp.route("/uitnodiging/<code>", methods=["GET", "POST"])
def invitation(code: str):
    """Accept an invitation: choose a username and a password (the code is the proof, once)."""
    error, username = None, request.form.get("username", "").strip()
    if request.method == "POST":
        password = request.form.get("password", "")
        if password != request.form.get("confirm", ""):
            error = _("De twee wachtwoorden verschillen.")
        else:
            try:
                services().invitations.accept(code, username, password)
            except (InvalidPerson, Conflict) as refused:
                error = str(refused)
            else:
                flash(_("Welkom. Meld je nu aan met je gebruikersnaam en wachtwoord."), "success")
                return redirect(url_for("auth.login"))
    try:
        invitee = services().invitations.invitee(code)
    except InvalidInvitation as dead:
        return render_template("family/code.html", error=str(dead)), 404
    return render_template("family/invitation.html", invitee=invitee, error=error, username=username), \
        422 if error else 200
