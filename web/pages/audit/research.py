"""The auditor's conformance page and research exports (/audit/conformantie, /audit/export.xes|csv):
how trajectories went against their guideline version, lead times painted on its diagram, and the
pseudonymised exports for process-mining tools. Auditors only; every reading and export is logged."""

from __future__ import annotations

from flask import Blueprint, Response, render_template, url_for
from flask_babel import gettext as _

from engine.roles import LABELS
from engine.services.audit.research import Scope, VersionReport
from web.app_services import services
from web.auth import current_actor, login_required
from web.pages.audit import queries

bp = Blueprint("research", __name__, url_prefix="/audit")
HEAT = 5                                      # the heat map's steps, from cool to hot


def scope() -> Scope:
    """The scope as the query string gives it (pages and API alike)."""
    return Scope(version=queries.text("version"), since=queries.day("from"), until=queries.day("to"))


@bp.get("/conformantie")
@login_required
def conformance():
    chosen = scope()
    report = services().research.conformance(current_actor(), chosen)
    return render_template("audit/conformance.html", report=report, scope=chosen, labels=LABELS,
                           diagrams={v.id: heat_map(v) for v in report.versions}, days=days)


@bp.get("/export.xes")
@login_required
def export_xes():
    return Response(services().research.xes(current_actor(), scope()), mimetype="application/xml",
                    headers={"Content-Disposition": 'attachment; filename="ekd-trajecten.xes"'})


@bp.get("/export.csv")
@login_required
def export_csv():
    return Response(services().research.csv(current_actor(), scope()), mimetype="text/csv",
                    headers={"Content-Disposition": 'attachment; filename="ekd-trajecten.csv"'})


def days(seconds: float | None) -> str:
    """A duration for people: hours under two days, else days."""
    if seconds is None:
        return "–"
    if seconds < 2 * 86400:
        return _("%(n)s u", n=f"{seconds / 3600:.1f}".replace(".", ","))
    return _("%(n)s d", n=f"{seconds / 86400:.1f}".replace(".", ","))


def heat_map(version: VersionReport) -> dict:
    """What dossier.js needs to paint the median lead time per step on the version's diagrams."""
    steps = [s for s in version.summary.steps if s.lead.median is not None]
    ordered = sorted(s.lead.median for s in steps)
    markers: dict[str, dict[str, str]] = {}
    badges: dict[str, dict[str, str]] = {}
    for step in steps:
        process = version.placed.get(step.element)
        if process is None:
            continue
        rank = sum(1 for m in ordered if m <= step.lead.median) / len(ordered)
        markers.setdefault(process, {})[step.element] = f"heat{max(1, min(HEAT, round(rank * HEAT)))}"
        badges.setdefault(process, {})[step.element] = f"{days(step.lead.median)} · p90 {days(step.lead.p90)}"
    return {"main": version.main_process,
            "processes": {process: {"src": url_for("audit.diagram", version=version.id, name=file), "name": name,
                                    "markers": markers.get(process, {}), "badges": badges.get(process, {})}
                          for process, (file, name) in version.processes.items()},
            "lanes": {role: _(label) for role, label in LABELS.items()},
            "states": {f"heat{n}": _("doorlooptijd %(n)s van %(of)s", n=n, of=HEAT) for n in range(1, HEAT + 1)}
            | {"none": _("doorlooptijden per stap")},
            "failed": _("Diagram kon niet geladen worden")}
