"""The family's own page and what they do on it: consent, their words, the A-document, their rights.
Each action is the same use case as its API twin (web/api/family.py)."""

from __future__ import annotations

from flask import Response, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _

from engine.services.errors import Conflict
from engine.services.family.members import only_family
from engine.text import InvalidInput
from web.app_services import services
from web.auth import current_actor, login_required
from web.navigation import next_page
from web.pages.family import bp

HOME = "family.home"


@bp.get("/gezin")
@login_required
def home():
    page = services().family.page(current_actor())
    return render_template("family/home.html", page=page)


def _done(message: str):
    flash(message, "success")
    return redirect(url_for(HOME))


def _refused(refused: Exception):
    flash(_("Dat lukte niet: %(reason)s.", reason=str(refused)), "error")
    return redirect(url_for(HOME))


@bp.post("/gezin/instemming")
@login_required
def consent():
    form = request.form
    try:
        now = services().family_decisions.consent(form.get("antwoord", ""), form.getlist("reikwijdte"),
                                                  form.get("toelichting", ""), current_actor())
    except (InvalidInput, Conflict) as refused:
        return _refused(refused)
    if now == "gegeven":
        return _done(_("Dank je. Iedereen gaf toestemming: het traject gaat verder."))
    if now == "geweigerd":
        return _done(_("Je antwoord is bewaard. Er is geen toestemming: de coördinator neemt contact op."))
    return _done(_("Je antwoord is bewaard. We wachten nog op de anderen die mee beslissen."))


@bp.post("/gezin/instemming/intrekken")
@login_required
def withdraw():
    try:
        services().family_decisions.withdraw(request.form.get("toelichting", ""), current_actor())
    except (InvalidInput, Conflict) as refused:
        return _refused(refused)
    return _done(_("De toestemming is ingetrokken. Het traject staat stil."))


@bp.post("/gezin/instemming/opnieuw")
@login_required
def give_again():
    try:
        services().family_decisions.give_again(request.form.get("toelichting", ""), current_actor())
    except (InvalidInput, Conflict) as refused:
        return _refused(refused)
    return _done(_("Je gaf opnieuw toestemming. Het traject gaat verder."))


@bp.post("/gezin/woorden")
@login_required
def words():
    try:
        services().family_rights.write(request.form.get("tekst", ""), current_actor())
    except (InvalidInput, Conflict) as refused:
        return _refused(refused)
    return _done(_("Bewaard. Het team leest het zoals jij het schreef."))


@bp.post("/gezin/akkoord")
@login_required
def agree():
    agrees = {"ja": True, "nee": False}.get(request.form.get("akkoord", ""))
    try:
        done = services().family_decisions.agree(agrees, request.form.get("toelichting", ""), current_actor())
    except (InvalidInput, Conflict) as refused:
        return _refused(refused)
    return _done(_("Dank je. Iedereen antwoordde: het team kan verder.") if done else
                 _("Je antwoord is bewaard. We wachten nog op de anderen die mee beslissen."))


@bp.get("/gezin/a-document.pdf")
@login_required
def pdf_download():
    from web import pdf  # WeasyPrint loads only when a PDF is asked for
    exported = services().family_rights.document(current_actor())
    return Response(pdf.a_document(exported), mimetype="application/pdf",
                    headers={"Content-Disposition": 'attachment; filename="a-document.pdf"'})


@bp.get("/gezin/kopie.json")
@login_required
def copy():
    response = jsonify(services().family_rights.copy(current_actor()))
    response.headers["Content-Disposition"] = 'attachment; filename="kopie-dossier.json"'
    return response


@bp.post("/gezin/correctie")
@login_required
def correction():
    try:
        services().family_rights.ask_correction(request.form.get("vraag", ""), current_actor())
    except (InvalidInput, Conflict) as refused:
        return _refused(refused)
    return _done(_("Je vraag is naar de coördinator gestuurd. Je ziet het antwoord hier."))


@bp.post("/gezin/bezwaar")
@login_required
def objection():
    try:
        parts = services().family_rights.object(request.form.getlist("delen"), current_actor())
    except (InvalidInput, Conflict) as refused:
        return _refused(refused)
    return _done(_("Bewaard. Je ouders zien deze delen niet.") if parts else
                 _("Bewaard. Je ouders zien alles wat ze mogen zien."))


@bp.post("/gezin/toegang/<member_id>")
@login_required
def grant(member_id: str):
    try:
        services().family_rights.grant(member_id, request.form.get("toegang") == "ja", current_actor())
    except (InvalidInput, Conflict) as refused:
        return _refused(refused)
    return _done(_("Bewaard."))


@bp.post("/trajecten/<trajectory_id>/correctievragen/<notice>")
@login_required
def answer_correction(trajectory_id: str, notice: str):
    try:
        services().family_rights.answer_correction(trajectory_id, notice, request.form.get("antwoord", ""),
                                                   current_actor())
    except (InvalidInput, Conflict) as refused:
        flash(_("Dat lukte niet: %(reason)s.", reason=str(refused)), "error")
    else:
        flash(_("Je antwoord is bewaard en aan het gezin getoond."), "success")
    return redirect(next_page(request.form.get("next"), url_for("inbox.inbox")))


@bp.post("/gezin/tweede-stap")
@login_required
def second_factor():
    """Start setting up a second factor: the page shows the secret for the app and asks for a code."""
    only_family(current_actor())
    pending = services().second_factors.begin(current_actor())
    return render_template("family/second_factor.html", pending=pending)


@bp.post("/gezin/tweede-stap/bevestigen")
@login_required
def confirm_second_factor():
    only_family(current_actor())
    try:
        services().second_factors.confirm(request.form.get("code", ""), current_actor())
    except (InvalidInput, Conflict) as refused:
        return _refused(refused)
    return _done(_("De tweede stap is ingesteld. Vanaf nu vraagt de aanmelding ook een code uit je app."))
