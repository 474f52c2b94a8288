"""The child's one dossier, and the guideline diagrams it shows."""

from __future__ import annotations

from flask import Blueprint, Response, abort, render_template, request

from engine import access, text
from engine.roles import DISCIPLINES, LABELS, LANE_ROLES
from engine.text import InvalidInput
from web.app_services import services
from web.auth import current_actor, login_required

bp = Blueprint("dossier", __name__)


@bp.get("/kinderen")
@login_required
def children():
    actor = current_actor()
    access.require(access.works_with_clients(actor), "jouw rol geeft geen toegang tot dossiers van kinderen")
    try:
        search = text.search_term(request.args.get("zoek"))
    except InvalidInput as invalid:
        return render_template("children.html", children=[], search=request.args["zoek"],
                               error=invalid.reason), 422
    found = services().children.visible(actor, search)
    return render_template("children.html", children=found, search=search or "")


@bp.get("/kinderen/<child_id>")
@login_required
def show(child_id: str):
    actor = current_actor()
    dossier = services().dossiers.read(child_id, actor)
    candidates = {role: services().teams.candidates(role) for role in LANE_ROLES} \
        if any(t.i_coordinate for t in dossier.trajectories) else {}
    return render_template("dossier.html", dossier=dossier, labels=LABELS, disciplines=DISCIPLINES,
                           candidates=candidates, lane_roles=("coordinator", *DISCIPLINES, "team_lead"))


@bp.get("/richtlijnen/<version>/<name>")
@login_required
def diagram(version: str, name: str):
    """A BPMN file of a guideline version, for the dossier's diagram (no client data in it)."""
    access.require(access.works_with_clients(current_actor()), "geen toegang")
    text = services().library.file(version, name)
    if text is None:
        abort(404)
    return Response(text, mimetype="application/xml")
