"""A draft's page and what can be done there: files, checks, test runs, approval, publication."""

from __future__ import annotations

from flask import flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _

from engine.services.quality.common import PublicationRefused
from web.api import wants_json
from web.app_services import services
from web.auth import current_actor, login_required
from web.pages.quality import bp


@bp.get("/concepten/<draft_id>")
@login_required
def draft(draft_id: str):
    view = services().quality.drafts.read(draft_id, current_actor())
    diagrams = [f.name for f in view.files if f.kind == "bpmn"]
    marks: dict[str, dict[str, str]] = {name: {} for name in diagrams}
    notes: dict[str, dict[str, list[str]]] = {name: {} for name in diagrams}
    for finding in view.findings:
        if finding.file in notes and finding.element:
            notes[finding.file].setdefault(finding.element, []).append(f"{finding.severity}: {finding.message}")
    run = view.test_run
    if run:
        for name, painted in run["coverage"].get("painted", {}).items():
            marks.setdefault(name, {}).update(painted)
    return render_template("quality/draft.html", draft=view, diagrams=diagrams, marks=marks, notes=notes, run=run)


@bp.post("/concepten/<draft_id>/bestanden")
@login_required
def upload(draft_id: str):
    files = {f.filename or "": f.read() for f in request.files.getlist("bestanden") if f.filename}
    findings = services().quality.drafts.put(draft_id, files, current_actor())
    _saved(findings)
    return redirect(url_for("quality.draft", draft_id=draft_id))


@bp.post("/concepten/<draft_id>/bestanden/<name>/verwijderen")
@login_required
def remove(draft_id: str, name: str):
    _saved(services().quality.drafts.delete(draft_id, name, current_actor()))
    return redirect(url_for("quality.draft", draft_id=draft_id))


def _saved(findings) -> None:
    errors = sum(f.severity == "error" for f in findings)
    flash(_("Bewaard als nieuwe revisie: %(errors)s fout(en), %(warnings)s waarschuwing(en).", errors=errors,
            warnings=len(findings) - errors), "error" if errors else "success")


@bp.post("/concepten/<draft_id>/controle")
@login_required
def check(draft_id: str):
    findings = services().quality.testing.check(draft_id, current_actor())
    flash(_("Gecontroleerd: %(count)s bevinding(en).", count=len(findings)), "info")
    return redirect(url_for("quality.draft", draft_id=draft_id, _anchor="bevindingen"))


@bp.post("/concepten/<draft_id>/testrun")
@login_required
def test_run(draft_id: str):
    report = services().quality.testing.run(draft_id, current_actor())
    passed = sum(o.passed for o in report.outcomes)
    message = _("Testrun: %(passed)s van %(total)s scenario's geslaagd.", passed=passed, total=len(report.outcomes))
    if wants_json():                      # the modeler runs the scenarios without leaving the canvas
        return jsonify({**report.as_json(), "message": message})
    flash(message, "success" if report.green else "error")
    return redirect(url_for("quality.draft", draft_id=draft_id, _anchor="testrun"))


@bp.post("/concepten/<draft_id>/goedkeuring")
@login_required
def approve(draft_id: str):
    services().quality.publication.approve(draft_id, current_actor())
    flash(_("Je keurde deze revisie goed."), "success")
    return redirect(url_for("quality.draft", draft_id=draft_id))


@bp.post("/concepten/<draft_id>/publicatie")
@login_required
def publish(draft_id: str):
    try:
        version = services().quality.publication.publish(draft_id, current_actor())
    except PublicationRefused as refused:
        flash(_("Publiceren kan nog niet:"), "error")
        for condition in refused.conditions:
            flash(condition, "error")
        return redirect(url_for("quality.draft", draft_id=draft_id))
    flash(_("Gepubliceerd als versie %(version)s: nieuwe trajecten starten erop.", version=version), "success")
    return redirect(url_for("quality.library"))
