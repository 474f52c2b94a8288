"""A completed step's read-only page: who completed it when, and every answer."""

from __future__ import annotations

from flask import Blueprint, render_template

from engine.roles import LABELS
from web.app_services import services
from web.auth import current_actor, login_required

bp = Blueprint("steps", __name__)


@bp.get("/trajecten/<trajectory_id>/stappen/<int:seq>")
@login_required
def show(trajectory_id: str, seq: int):
    step = services().steps.read(trajectory_id, seq, current_actor())
    return render_template("step.html", step=step, labels=LABELS)
