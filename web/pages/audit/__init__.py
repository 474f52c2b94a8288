"""The auditor's workbench (/audit): the trajectories by pseudonym, step-through replay, integrity
from the page, who read what. Auditors only; nothing here changes a trajectory."""

from __future__ import annotations

import csv
import io

from flask import Blueprint, Response, abort, redirect, render_template, request, session, url_for
from flask_babel import gettext as _

from engine import access
from engine.roles import LABELS
from engine.services.audit.steps import StepView
from web import inputs
from web.app_services import services
from web.auth import current_actor, login_required
from web.pages.audit import queries

bp = Blueprint("audit", __name__, url_prefix="/audit")
REVEALS = "onthuld"
CSV_COLUMNS = ("tijd", "gebruikersnaam", "naam", "rollen", "actie", "onderwerp", "pseudoniem", "detail", "geweigerd")


@bp.get("")
@login_required
def trajectories():
    filters = queries.trajectory_filters()
    listing = services().workbench.trajectories(current_actor(), filters)
    return render_template("audit/trajectories.html", listing=listing, filters=filters)


@bp.get("/trajecten/<trajectory_id>/stappen/<int:seq>")
@login_required
def step(trajectory_id: str, seq: int):
    view = services().step_through.step(trajectory_id, seq, current_actor(), _revealed(trajectory_id))
    return render_template("audit/step.html", step=view, diagram=_diagram(view), labels=LABELS)


@bp.get("/trajecten/<trajectory_id>/stappen")
@login_required
def jump(trajectory_id: str):
    """The jump form: to the step it names."""
    access.require_auditor(current_actor())
    return redirect(url_for("audit.step", trajectory_id=trajectory_id, seq=inputs.positive_integer("n") or 1))


@bp.post("/trajecten/<trajectory_id>/stappen/<int:seq>/onthullen")
@login_required
def reveal(trajectory_id: str, seq: int):
    """Reveal one hidden item for a stated reason (logged); it stays shown until the session ends."""
    pointer = request.form.get("item", "")
    services().step_through.reveal(trajectory_id, seq, pointer, request.form.get("reden"), current_actor())
    kept = session.get(REVEALS) if isinstance(session.get(REVEALS), dict) else {}
    if kept.get("login") != session.get("login"):
        kept = {"login": session.get("login"), "items": []}
    kept["items"] = [*kept["items"], f"{trajectory_id}{pointer}"][-50:]
    session[REVEALS] = kept
    return redirect(url_for("audit.step", trajectory_id=trajectory_id, seq=seq) + "#gegevens")


@bp.post("/verificaties")
@login_required
def verify():
    trajectory = request.form.get("traject") or None
    upload = request.files.get("anker")
    anchor = upload.read().decode("utf-8", "replace") if upload and upload.filename else None
    found = services().workbench.verify(current_actor(), trajectory, anchor)
    return render_template("audit/verification.html", found=found, trajectory=trajectory, anchored=anchor is not None)


@bp.get("/toegangslog")
@login_required
def access_log():
    filters = queries.log_filters()
    rows = services().workbench.access_log(current_actor(), filters)
    return render_template("audit/access_log.html", rows=rows, filters=filters)


@bp.get("/toegangslog.csv")
@login_required
def access_log_csv():
    rows = services().workbench.access_log(current_actor(), queries.log_filters())
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        writer.writerow([row.at.isoformat(), row.username, row.display_name, " ".join(row.roles), row.action,
                         row.subject, row.pseudonym or "", row.detail or "", "ja" if row.refused else "nee"])
    return Response(out.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": 'attachment; filename="toegangslog.csv"'})


@bp.get("/richtlijnen/<version>/<name>")
@login_required
def diagram(version: str, name: str):
    """A BPMN file of a guideline version, for the step-through diagram (no client data in it)."""
    access.require_auditor(current_actor())
    text = services().library.file(version, name)
    if text is None:
        abort(404)
    return Response(text, mimetype="application/xml")


def _revealed(trajectory_id: str) -> frozenset[str]:
    """The items of this trajectory this session revealed (none once the session ended)."""
    kept = session.get(REVEALS)
    if not isinstance(kept, dict) or kept.get("login") != session.get("login"):
        return frozenset()
    prefix = trajectory_id + "/"
    return frozenset(item[len(trajectory_id):] for item in kept.get("items", []) if item.startswith(prefix))


def _diagram(view: StepView) -> dict:
    """What dossier.js needs to draw the step's processes: files, names, markers and round badges."""
    return {"main": view.main_process,
            "processes": {process: {"src": url_for("audit.diagram", version=view.version, name=file), "name": name,
                                    "markers": view.markers.get(process, {}), "badges": view.badges.get(process, {})}
                          for process, (file, name) in view.diagrams.items()},
            "lanes": {role: _(label) for role, label in LABELS.items()},
            "states": {"done": _("gedaan"), "active": _("bezig"), "waiting": _("wacht op termijn"),
                       "none": _("nog niet begonnen")},
            "failed": _("Diagram kon niet geladen worden")}
