"""The child's one dossier, and the guideline diagrams it shows."""

from __future__ import annotations

from flask import Blueprint, Response, abort, render_template, request

from engine import access
from engine.roles import DISCIPLINES, LABELS
from engine.text import InvalidInput
from web import field_messages
from web.app_services import services
from web.auth import current_actor, login_required

bp = Blueprint("dossier", __name__)


@bp.get("/kinderen")
@login_required
def children():
    search = request.args.get("zoek", "")
    try:
        found = services().children.visible(current_actor(), search)
    except InvalidInput as invalid:
        return render_template("children.html", children=[], search=search,
                               error=field_messages.shown(invalid.code, invalid.params, invalid.reason)), 422
    return render_template("children.html", children=found, search=search.strip())


@bp.get("/kinderen/<child_id>")
@login_required
def show(child_id: str):
    dossier = services().dossiers.read(child_id, current_actor())
    return render_template("dossier.html", dossier=dossier, labels=LABELS, disciplines=DISCIPLINES,
                           candidates=dossier.candidates, lane_roles=("coordinator", *DISCIPLINES, "team_lead"))


@bp.get("/richtlijnen/<version>/<name>")
@login_required
def diagram(version: str, name: str):
    """A BPMN file of a guideline version, for the dossier's diagram (no client data in it)."""
    access.require(access.works_with_clients(current_actor()), "geen toegang")
    text = services().library.file(version, name)
    if text is None:
        abort(404)
    return Response(text, mimetype="application/xml")
