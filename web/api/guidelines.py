"""The quality center's API: the guideline library, drafts and their files, checks, test runs,
approval, publication, comparison and export. Synchronous; for quality-center members only."""

from __future__ import annotations

from flask import Response, jsonify, request

from engine.quality.findings import Finding
from engine.services.quality.common import PublicationRefused
from web.api import api_actor, bp, guidelines_doc, openapi, problem
from web.app_services import services

MEDIA = {"bpmn": "application/xml", "dmn": "application/xml", "json": "application/json"}

openapi.extend(guidelines_doc.add_paths)      # hand-written: these routes carry no @operation


def _findings(findings: list[Finding]) -> list[dict]:
    return [f.as_json() for f in findings]


@bp.get("/guidelines")
def guidelines():
    entries = services().quality.catalogue.entries(api_actor())
    return jsonify([{"id": e.id, "kind": e.kind, "status": e.status, "title": e.title, "created_by": e.created_by,
                     "created_at": e.created_at.isoformat(),
                     "published_at": e.published_at.isoformat() if e.published_at else None,
                     "running_trajectories": e.running_trajectories, "current": e.current} for e in entries])


@bp.post("/guidelines/drafts")
def create_draft():
    uploads = request.files.getlist("files") if request.mimetype == "multipart/form-data" else []
    body = request.get_json(silent=True) if request.is_json else None
    from_version = body.get("from_version") if isinstance(body, dict) else None
    files = {upload.filename or "": upload.read() for upload in uploads} or None
    title = body.get("title") if isinstance(body, dict) else request.form.get("title")
    draft = services().quality.drafts.create(api_actor(), from_version=_text(from_version), files=files,
                                             title=_text(title))
    return jsonify({"id": draft}), 201, {"Location": f"/api/v1/guidelines/drafts/{draft}"}


def _text(value) -> str | None:
    return value if isinstance(value, str) else None if value is None else str(value)


@bp.get("/guidelines/drafts/<draft_id>")
def draft(draft_id: str):
    view = services().quality.drafts.read(draft_id, api_actor())
    return jsonify({"id": view.id, "title": view.title, "status": view.status, "based_on": view.based_on,
                    "revision": view.revision, "files": [f.name for f in view.files],
                    "kinds": {f.name: str(f.kind) for f in view.files}, "created_by": view.created_by,
                    "created_at": view.created_at.isoformat(), "saved_by": view.saved_by,
                    "saved_at": view.saved_at.isoformat(), "version": view.version,
                    "published_version": view.published_version, "findings": _findings(view.findings),
                    "test_run": view.test_run,
                    "approvals": [{"by": who, "at": at.isoformat()} for who, at in view.approvals],
                    "history": [{"revision": n, "note": note, "by": who, "at": at.isoformat()}
                                for n, note, who, at in view.history]})


@bp.route("/guidelines/drafts/<draft_id>/files/<name>", methods=["GET", "PUT", "DELETE"])
def draft_file(draft_id: str, name: str):
    quality = services().quality
    if request.method == "GET":
        text = quality.drafts.file(draft_id, name, api_actor())
        return Response(text, mimetype=MEDIA.get(name.rsplit(".", 1)[-1], "application/octet-stream"),
                        headers={"Content-Disposition": f'attachment; filename="{name}"'})
    if request.method == "PUT":
        findings = quality.drafts.put(draft_id, {name: request.get_data(cache=False)}, api_actor())
    else:
        findings = quality.drafts.delete(draft_id, name, api_actor())
    return jsonify({"findings": _findings(findings)})


@bp.post("/guidelines/drafts/<draft_id>/checks")
def checks(draft_id: str):
    return jsonify({"findings": _findings(services().quality.testing.check(draft_id, api_actor()))})


@bp.post("/guidelines/drafts/<draft_id>/test-runs")
def test_run(draft_id: str):
    return jsonify(services().quality.testing.run(draft_id, api_actor()).as_json())


@bp.post("/guidelines/drafts/<draft_id>/approval")
def approve(draft_id: str):
    services().quality.publication.approve(draft_id, api_actor())
    return "", 204


@bp.post("/guidelines/drafts/<draft_id>/publication")
def publish(draft_id: str):
    try:
        version = services().quality.publication.publish(draft_id, api_actor())
    except PublicationRefused as refused:
        return problem(409, "Publiceren kan nog niet", str(refused), conditions=refused.conditions,
                       findings=_findings(refused.findings))
    return jsonify({"version": version}), 201, {"Location": f"/api/v1/guidelines/{version}/export.zip"}


@bp.post("/guidelines/<version_id>/retirement")
def retire(version_id: str):
    body = request.get_json(silent=True)
    reason = body.get("reason") if isinstance(body, dict) else None
    services().quality.publication.retire(version_id, reason if isinstance(reason, str) else "", api_actor())
    return "", 204


@bp.get("/guidelines/<a>/diff/<b>")
def diff(a: str, b: str):
    return jsonify(services().quality.comparisons.compare(a, b, api_actor()).as_json())


@bp.get("/guidelines/<guideline_id>/export.zip")
def export(guideline_id: str):
    download = services().quality.catalogue.export(guideline_id, api_actor())
    return Response(download.data, mimetype="application/zip",
                    headers={"Content-Disposition": f'attachment; filename="{download.filename}"'})
