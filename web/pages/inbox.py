"""The inbox: my ready tasks, to claim, sort and filter."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for

from engine.roles import DISCIPLINES, LABELS
from engine.services.inbox import SORTS, Listing
from engine.text import InvalidInput
from web import field_messages
from web.app_services import services
from web.auth import current_actor, login_required
from web.navigation import landing, next_page

bp = Blueprint("inbox", __name__)
PAGE = 50


@bp.get("/")
def home():
    return redirect(landing(current_actor()))


@bp.get("/taken")
@login_required
def inbox():
    actor = current_actor()
    sort = request.args.get("sorteer", "deadline")
    lane = request.args.get("rol") or None
    claimed = request.args.get("genomen") or None
    overdue = request.args.get("te_laat") == "1"
    search = request.args.get("zoek", "")
    shown = min(max(request.args.get("toon", PAGE, type=int), PAGE), 10 * PAGE)
    try:
        listing, error = services().inbox.listing(actor, sort if sort in SORTS else "deadline", lane, claimed,
                                                  overdue, search, limit=shown + 1), None
    except InvalidInput as invalid:
        listing, error = Listing([]), field_messages.shown(invalid.code, invalid.params, invalid.reason)
    rows = listing.rows
    roles = [r for r in ("coordinator", *DISCIPLINES, "team_lead") if r in actor.roles]
    more = {**request.args.to_dict(), "toon": shown + PAGE} if len(rows) > shown else None
    return render_template("inbox.html", rows=rows[:shown], sort=sort, lane=lane, claimed=claimed,
                           overdue=overdue, search=search.strip(), error=error, roles=roles, labels=LABELS,
                           sorts=SORTS, more=more, here=request.full_path.rstrip("?"), hidden=listing.hidden,
                           filtered=bool(lane or claimed or overdue or search.strip())), 422 if error else 200


@bp.post("/taken/<task_id>/nemen")
@login_required
def claim(task_id: str):
    services().inbox.claim(task_id, current_actor())
    return redirect(next_page(request.form.get("next"), url_for("inbox.inbox")))


@bp.post("/taken/<task_id>/vrijgeven")
@login_required
def unclaim(task_id: str):
    services().inbox.unclaim(task_id, current_actor())
    return redirect(next_page(request.form.get("next"), url_for("inbox.inbox")))
