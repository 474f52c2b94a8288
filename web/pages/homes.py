"""The start pages of the roles without client work: the quality center's guideline versions and their
diagrams, the auditors' trajectories — no client data (web/navigation.py `landing` sends each role home)."""

from __future__ import annotations

from flask import Blueprint, render_template, url_for

from web.app_services import services
from web.auth import current_actor, login_required

bp = Blueprint("homes", __name__)


@bp.get("/kwaliteitscentrum")
@login_required
def quality():
    return render_template("homes/quality.html", versions=services().start_pages.guideline_versions(current_actor()))


@bp.get("/kwaliteitscentrum/richtlijnen/<version>/<name>")
@login_required
def diagram(version: str, name: str):
    entry = services().start_pages.diagram(version, name, current_actor())
    return render_template("homes/diagram.html", entry=entry, name=name,
                           source=url_for("dossier.diagram", version=version, name=name))


@bp.get("/audit")
@login_required
def audit():
    return render_template("homes/audit.html", rows=services().start_pages.trajectories(current_actor()))
