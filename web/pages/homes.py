"""The auditors' start page: every trajectory without client data (web/navigation.py `landing` sends each
role home; the quality center's is its workbench, web/pages/quality)."""

from __future__ import annotations

from flask import Blueprint, render_template

from web.app_services import services
from web.auth import current_actor, login_required

bp = Blueprint("homes", __name__)


@bp.get("/audit")
@login_required
def audit():
    return render_template("homes/audit.html", rows=services().start_pages.trajectories(current_actor()))
