"""The quality center's migration page (/kwaliteit/versies/<to>/migratie): pick the version to move
from and the explicit mappings, see the dry run as a table, then move the trajectories that can move.
What-if on the same page. Trajectory ids, elements and reasons only: no client data."""

from __future__ import annotations

from flask import flash, render_template, request
from flask_babel import gettext as _

from engine.text import InvalidInput
from web.app_services import services
from web.auth import current_actor, login_required
from web.pages.quality import bp


def mapping_of(text: str) -> dict[str, str]:
    """The mappings as typed, one 'old id = new id' a line; InvalidInput naming a line that is not."""
    found = {}
    for number, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        old, sep, new = line.replace("->", "=").partition("=")
        if not sep or not old.strip() or not new.strip():
            raise InvalidInput("koppeling", f"regel {number}: schrijf 'oude id = nieuwe id'", "format")
        found[old.strip()] = new.strip()
    return found


def _page(to: str, results=None, moved: bool = False, what_if=None, status: int = 200):
    actor = current_actor()
    entries = [e for e in services().quality.catalogue.entries(actor) if e.kind == "version"]
    source = request.values.get("van") or next((e.id for e in entries if e.id != to and e.running_trajectories),
                                               "")
    return render_template("quality/migration.html", to=to, entries=entries, source=source,
                           mapping=request.values.get("koppeling", ""), results=results, moved=moved,
                           what_if=what_if, movable=[r.trajectory for r in results or [] if r.status == "can_move"]
                           ), status


@bp.get("/versies/<to>/migratie")
@login_required
def migration(to: str):
    """The form; with 'van' the dry run of every trajectory running on it (read only)."""
    actor = current_actor()
    if request.args.get("wat_als"):
        return _page(to, what_if=services().quality.what_ifs.run(to, request.args["wat_als"], actor))
    if not request.args.get("van"):
        return _page(to)
    results = services().quality.migrations.migrate(to, request.args["van"], "all",
                                                    mapping_of(request.args.get("koppeling", "")), True, actor)
    return _page(to, results)


@bp.post("/versies/<to>/migratie")
@login_required
def migrate(to: str):
    """Move the trajectories the dry run let through (each checked again, in its own transaction)."""
    ids = request.form.getlist("traject")
    results = services().quality.migrations.migrate(to, request.form.get("van", ""), ids,
                                                    mapping_of(request.form.get("koppeling", "")), False,
                                                    current_actor(), request.form.get("reden", ""))
    moved = sum(1 for r in results if r.status == "moved")
    flash(_("%(moved)s van %(asked)s trajecten verplaatst; de coördinatoren zien het in hun inbox.", moved=moved,
            asked=len(ids)), "success")
    return _page(to, results, moved=True)
