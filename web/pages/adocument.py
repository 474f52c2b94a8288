"""The A-document's page: what is missing, signatures, agreement, submission, corrections, downloads."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, Response, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _

from engine.adocument import FORM
from engine.forms import FormInvalid
from engine.roles import LABELS
from engine.services.care.adocuments import Incomplete
from web import field_messages, formrender, i18n, inputs, pdf, values
from web.app_services import services
from web.auth import current_actor, login_required

bp = Blueprint("adocument", __name__)


def _page(trajectory_id: str, errors=None, values=None, status=200):
    doc = services().documents.view(trajectory_id, current_actor())
    schema = doc.form_schema
    translate = i18n.form_translator(FORM, current_app.extensions["ekd.config"].forms_dir)
    shown = values if values is not None else {**doc.suggested, **doc.additions}
    fields = formrender.build(schema, shown, errors or {}, translate) if schema else []
    field_labels = formrender.labels(fields)
    suggested = [field_labels.get(name, name) for name in doc.suggested if values is None and name not in doc.additions]
    return render_template("a_document.html", doc=doc, fields=fields, labels=LABELS, suggested=suggested), status


@bp.get("/trajecten/<trajectory_id>/a-document")
@login_required
def show(trajectory_id: str):
    return _page(trajectory_id)


@bp.post("/trajecten/<trajectory_id>/a-document/aanvullen")
@login_required
def complete_missing(trajectory_id: str):
    schema = services().documents.form_schema(trajectory_id, current_actor()) or {}
    data = formrender.parse(schema, request.form)
    try:
        services().documents.complete_missing(trajectory_id, data, current_actor())
    except FormInvalid as invalid:
        flash(_("Het formulier bevat fouten. Verbeter de aangeduide velden."), "error")
        return _page(trajectory_id, field_messages.by_field(invalid.errors), data, 422)
    flash(_("A-document aangevuld."), "success")
    return redirect(url_for("adocument.show", trajectory_id=trajectory_id))


@bp.post("/trajecten/<trajectory_id>/a-document/ondertekenen")
@login_required
def sign(trajectory_id: str):
    services().trajectories.sign_document(trajectory_id, current_actor())
    flash(_("Ondertekend."), "success")
    return redirect(url_for("adocument.show", trajectory_id=trajectory_id))


@bp.post("/trajecten/<trajectory_id>/a-document/akkoord")
@login_required
def agree(trajectory_id: str):
    parties = [{"naam": request.form[f"naam{n}"].strip(), "rol": request.form.get(f"rol{n}", "kind"), "akkoord": True}
               for n in ("", "2") if request.form.get(f"naam{n}", "").strip()]
    try:
        agreed_on = date.fromisoformat(request.form.get("datum", ""))
    except ValueError:
        flash(_("Geef een geldige datum (JJJJ-MM-DD)."), "error")
        return redirect(url_for("adocument.show", trajectory_id=trajectory_id) + "#akkoord")
    try:
        services().documents.agree(trajectory_id, agreed_on, parties, current_actor())
    except FormInvalid as invalid:
        flash(_("Het akkoord kan zo niet geregistreerd worden: %(errors)s",
                errors="; ".join(field_messages.by_field(invalid.errors).values())), "error")
        return _page(trajectory_id, status=422)
    flash(_("Akkoord geregistreerd."), "success")
    return redirect(url_for("adocument.show", trajectory_id=trajectory_id))


@bp.post("/trajecten/<trajectory_id>/a-document/indienen")
@login_required
def submit(trajectory_id: str):
    try:
        services().trajectories.submit_document(trajectory_id, current_actor())
    except Incomplete:
        flash(_("Het A-document is nog niet volledig; zie wat ontbreekt."), "error")
        return _page(trajectory_id, status=409)
    flash(_("A-document ingediend en bevroren."), "success")
    return redirect(url_for("adocument.show", trajectory_id=trajectory_id))


@bp.post("/trajecten/<trajectory_id>/a-document/corrigeren")
@login_required
def correct(trajectory_id: str):
    services().documents.correct(trajectory_id, request.form.get("reden", ""), current_actor())
    flash(_("Nieuwe versie gemaakt; onderteken en vraag het akkoord opnieuw."), "success")
    return redirect(url_for("adocument.show", trajectory_id=trajectory_id))


def _filename(export: dict, suffix: str) -> str:
    return f"a-document-{export['traject'][:8]}-v{export['versie']}.{suffix}"


@bp.get("/trajecten/<trajectory_id>/a-document.json")
@login_required
def json(trajectory_id: str):
    exported = services().documents.exported(trajectory_id, current_actor(), inputs.positive_integer("versie"))
    response = jsonify(values.exported_json(exported))
    response.headers["Content-Disposition"] = f'attachment; filename="{_filename(exported.data, "json")}"'
    return response


@bp.get("/trajecten/<trajectory_id>/a-document.pdf")
@login_required
def pdf_download(trajectory_id: str):
    exported = services().documents.exported(trajectory_id, current_actor(), inputs.positive_integer("versie"))
    return Response(pdf.a_document(exported), mimetype="application/pdf",
                    headers={"Content-Disposition": f'attachment; filename="{_filename(exported.data, "pdf")}"'})
