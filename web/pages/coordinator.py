"""The coordinator's pages: register a child, start a trajectory, form the team, record consent."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from engine import access
from engine.insz import InvalidInsz
from engine.services.care.teams import InvalidTeam
from engine.services.errors import DuplicateChild
from engine.text import InvalidInput
from web import formrender
from web.app_services import services
from web.auth import current_actor, login_required
from web.navigation import next_page

bp = Blueprint("coordinator", __name__)
RELATIONS = ("moeder", "vader", "voogd", "pleegouder", "andere")


def _coordinator():
    actor = current_actor()
    access.require(actor.has("coordinator"), _("Alleen een trajectcoördinator kan dit."))
    return actor


def _representatives(form) -> list[dict]:
    rows = []
    indices = sorted({int(k.split(".")[1]) for k in form
                      if k.startswith("vertegenwoordiger.") and k.split(".")[1].isdigit()})
    for index in indices:
        row = {name: form.get(f"vertegenwoordiger.{index}.{name}", "").strip()
               for name in ("naam", "relatie", "telefoon", "email", "wettelijk", "in_contact")}
        if row["naam"]:
            rows.append({**row, "relatie": row["relatie"] or "andere", "wettelijk": bool(row["wettelijk"]),
                         "in_contact": bool(row["in_contact"])})
    return rows


@bp.route("/kinderen/nieuw", methods=["GET", "POST"])
@login_required
def register():
    actor = _coordinator()
    values, errors = dict(request.form), {}
    if request.method == "POST":
        representatives = _representatives(request.form)
        try:
            born = date.fromisoformat(request.form.get("geboortedatum", ""))
        except ValueError:
            errors["geboortedatum"] = _("Geef een geldige datum (JJJJ-MM-DD).")
            born = None
        for name, label in (("voornaam", _("voornaam")), ("familienaam", _("familienaam"))):
            if not request.form.get(name, "").strip():
                errors[name] = _("Vul de %(field)s in.", field=label)
        if not any(r["wettelijk"] for r in representatives):
            errors["vertegenwoordiger"] = _("Geef minstens één wettelijke vertegenwoordiger.")
        if not errors:
            try:
                child = services().children.register(request.form.get("insz", ""), request.form["voornaam"],
                                                     request.form["familienaam"], born, actor, representatives)
            except InvalidInsz as invalid:
                errors["insz"] = str(invalid)
            except InvalidInput as invalid:
                errors[formrender.form_name(invalid.field)] = invalid.reason
            except DuplicateChild as duplicate:
                errors["insz"] = _("Dit kind heeft al een dossier (één kind, één dossier).") + (
                    " " + _("Het wordt gecoördineerd door %(names)s: neem contact op om in het team te komen.",
                            names=", ".join(duplicate.coordinators)) if duplicate.coordinators else "")
                values["vertegenwoordigers"] = representatives
                return render_template("child_new.html", values=values, errors=errors, relations=RELATIONS), 409
            else:
                flash(_("Kind geregistreerd."), "success")
                return redirect(url_for("dossier.show", child_id=child))
        values["vertegenwoordigers"] = representatives
        flash(_("Het formulier bevat fouten. Verbeter de aangeduide velden."), "error")
    return render_template("child_new.html", values=values, errors=errors, relations=RELATIONS), \
        422 if errors else 200


@bp.post("/kinderen/<child_id>/trajecten")
@login_required
def start(child_id: str):
    services().trajectories.start(child_id, _coordinator())
    flash(_("Traject gestart op de huidige versie van de richtlijn."), "success")
    return redirect(url_for("dossier.show", child_id=child_id))


@bp.post("/trajecten/<trajectory_id>/team")
@login_required
def team(trajectory_id: str):
    """The whole team in one save: every ticked `lid` is `role:person id`."""
    actor = _coordinator()
    members = [(person, role) for role, _sep, person in (item.partition(":") for item in request.form.getlist("lid"))]
    back = next_page(request.form.get("next"), url_for("inbox.inbox"))
    try:
        services().teams.replace(trajectory_id, members, actor)
    except InvalidTeam as invalid:
        flash(_("Het team is niet bewaard: %(reason)s.", reason=str(invalid)), "error")
        return redirect(back)
    flash(_("Team bewaard."), "success")
    return redirect(back)


@bp.post("/trajecten/<trajectory_id>/ankerfiguur")
@login_required
def anchor(trajectory_id: str):
    services().teams.set_anchor(trajectory_id, request.form.get("persoon") or None, _coordinator())
    flash(_("Ankerfiguur bijgewerkt."), "success")
    return redirect(next_page(request.form.get("next"), url_for("inbox.inbox")))


@bp.post("/trajecten/<trajectory_id>/instemming")
@login_required
def consent(trajectory_id: str):
    actor = _coordinator()
    note = request.form.get("toelichting", "")
    if request.form.get("actie") == "intrekken":
        services().trajectories.withdraw_consent(trajectory_id, note, actor)
        flash(_("Intrekking van de instemming geregistreerd: het traject staat stil."), "success")
    else:
        services().trajectories.restore_consent(trajectory_id, note, actor)
        flash(_("Instemming opnieuw geregistreerd: het traject loopt verder."), "success")
    return redirect(next_page(request.form.get("next"), url_for("inbox.inbox")))
