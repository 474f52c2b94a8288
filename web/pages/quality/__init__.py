"""The quality center's pages (/kwaliteit): the guideline library, drafts, the diff. Members only;
no client data anywhere on them."""

from __future__ import annotations

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from web.app_services import services
from web.auth import current_actor, login_required

bp = Blueprint("quality", __name__, url_prefix="/kwaliteit")
MEDIA = {"bpmn": "application/xml", "dmn": "application/xml", "json": "application/json"}


@bp.get("")
@login_required
def library():
    entries = services().quality.catalogue.entries(current_actor())
    return render_template("quality/library.html", versions=[e for e in entries if e.kind == "version"],
                           drafts=[e for e in entries if e.kind == "draft"], entries=entries)


@bp.post("/concepten")
@login_required
def create():
    uploads = {f.filename or "": f.read() for f in request.files.getlist("bestanden") if f.filename}
    version = request.form.get("versie") or None
    draft = services().quality.drafts.create(current_actor(), from_version=version,
                                             files=None if version else uploads,
                                             title=request.form.get("titel") or None)
    flash(_("Concept aangemaakt."), "success")
    return redirect(url_for("quality.draft", draft_id=draft))


@bp.get("/richtlijnen/<guideline_id>/bestanden/<name>")
@login_required
def file(guideline_id: str, name: str):
    text = services().quality.drafts.file(guideline_id, name, current_actor())
    # A download, never a page of this site: uploaded XML is not rendered as a document here.
    return Response(text, mimetype=MEDIA.get(name.rsplit(".", 1)[-1], "text/plain"),
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


@bp.get("/richtlijnen/<guideline_id>/export.zip")
@login_required
def export(guideline_id: str):
    download = services().quality.catalogue.export(guideline_id, current_actor())
    return Response(download.data, mimetype="application/zip",
                    headers={"Content-Disposition": f'attachment; filename="{download.filename}"'})


@bp.get("/versies/<version_id>")
@login_required
def version(version_id: str):
    """A version's scenarios run again, with its flow coverage painted on its diagrams."""
    report = services().quality.testing.run(version_id, current_actor())
    return render_template("quality/version.html", version_id=version_id, run=report.as_json(),
                           diagrams=sorted(report.coverage.painted))


@bp.post("/versies/<version_id>/intrekken")
@login_required
def retire(version_id: str):
    services().quality.publication.retire(version_id, request.form.get("reden", ""), current_actor())
    flash(_("Versie %(version)s is ingetrokken: nieuwe trajecten starten er niet meer op.", version=version_id),
          "success")
    return redirect(url_for("quality.library"))


@bp.get("/vergelijk")
@login_required
def compare():
    a, b = request.args.get("a", ""), request.args.get("b", "")
    comparison = services().quality.comparisons.compare(a, b, current_actor())
    files = sorted(set(comparison.a.diagrams) | set(comparison.b.diagrams))
    return render_template("quality/compare.html", comparison=comparison, files=files)


from web.pages.quality import drafts, editors, migration  # noqa: E402,F401  (registers the draft, editor and migration pages on bp)
