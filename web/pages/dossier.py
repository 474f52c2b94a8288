"""The child's one dossier, and the guideline diagrams it shows."""

from __future__ import annotations

from flask import Blueprint, Response, abort, render_template, request, url_for
from flask_babel import gettext as _

from engine import access
from engine.roles import DISCIPLINES, LABELS
from engine.services.care.dossier import TrajectoryFile
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
    diagrams = {t.id: _diagram(t) for t in dossier.trajectories if not t.progress_hidden}
    return render_template("dossier.html", dossier=dossier, labels=LABELS, disciplines=DISCIPLINES,
                           candidates=dossier.candidates, lane_roles=("coordinator", *DISCIPLINES, "team_lead"),
                           diagrams=diagrams, managing=request.args.get("beheer"))


def _diagram(t: TrajectoryFile) -> dict:
    """What dossier.js needs to draw a trajectory's processes: their files, names and markers,
    the lanes' role names and its texts, in the page's language."""
    return {"main": t.main_process,
            "processes": {process: {"src": url_for("dossier.diagram", version=t.guideline_version, name=file),
                                    "name": name, "markers": t.markers.get(process, {})}
                          for process, (file, name) in t.diagrams.items()},
            "lanes": {role: _(label) for role, label in LABELS.items()},
            "states": {"done": _("gedaan"), "active": _("bezig"), "waiting": _("wacht op termijn"),
                       "none": _("nog niet begonnen")},
            "failed": _("Diagram kon niet geladen worden")}


@bp.get("/richtlijnen/<version>/<name>")
@login_required
def diagram(version: str, name: str):
    """A BPMN file of a guideline version, for the dossier's and the quality center's diagrams (no
    client data in it)."""
    actor = current_actor()
    access.require(access.works_with_clients(actor) or actor.has("quality_center"), "geen toegang")
    text = services().library.file(version, name)
    if text is None:
        abort(404)
    return Response(text, mimetype="application/xml")
