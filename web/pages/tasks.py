"""A task's page: its form, saved as a draft or completed."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from engine.forms import FormInvalid
from engine.roles import LABELS
from engine.services.care.adocuments import Incomplete
from engine.services.care.findings import Finding
from web import field_messages, formrender, i18n
from web.app_services import services
from web.auth import current_actor, login_required

bp = Blueprint("tasks", __name__)


def _render(page, values, errors, status=200):
    forms_dir = current_app.extensions["ekd.config"].forms_dir
    translate = i18n.form_translator(page.form, forms_dir)
    fields = formrender.build(page.schema, values, errors, translate) if page.schema else []
    title = translate("/title", page.schema.get("title", page.name)) if page.schema else page.name
    intro = translate("/description", page.schema["description"]) if page.schema and page.schema.get("description") \
        else None
    field_labels = formrender.labels(fields)
    prefilled = [field_labels.get(name, name) for name in page.prefilled] if values is page.values else []
    return render_template("task.html", page=page, fields=fields, errors=errors, form_title=title, intro=intro,
                           labels=LABELS, field_labels=field_labels, prefilled=prefilled,
                           findings=[_finding(f, forms_dir) for f in page.findings]), status


def _finding(finding: Finding, forms_dir) -> dict:
    """A finding as the page shows it: titles in the page's language, values as text."""
    translate = i18n.form_translator(finding.form, forms_dir)
    done_on = "/".join(reversed(finding.done_on.split("-"))) if finding.done_on else None
    return {"role": finding.role, "round": finding.round, "done_on": done_on, "withheld": finding.withheld,
            "fields": [(translate(f"/properties/bevinding/properties/{key}/title", title), _text(value))
                       for key, title, value in finding.fields]}


def _text(value) -> str:
    if isinstance(value, bool):
        return _("Ja") if value else _("Nee")
    if isinstance(value, list):
        return "\n".join(_text(item) for item in value)
    if isinstance(value, dict):
        return ", ".join(_text(item) for item in value.values() if item not in (None, ""))
    return str(value)


@bp.get("/taken/<task_id>")
@login_required
def show(task_id: str):
    page = services().desk.open(task_id, current_actor())
    return _render(page, page.values, {})


@bp.post("/taken/<task_id>")
@login_required
def submit(task_id: str):
    actor = current_actor()
    page = services().desk.open(task_id, actor)
    data = formrender.parse(page.schema or {}, request.form)
    if request.form.get("actie") == "concept":
        services().desk.save_draft(task_id, data, actor)
        flash(_("Concept bewaard. Je kan later verder werken."), "info")
        return redirect(url_for("tasks.show", task_id=task_id))
    try:
        services().trajectories.complete_task(task_id, data, actor)
    except FormInvalid as invalid:
        flash(_("Het formulier bevat fouten. Verbeter de aangeduide velden."), "error")
        return _render(page, data, field_messages.by_field(invalid.errors), 422)
    except Incomplete:
        flash(_("Het A-document is nog niet volledig; zie wat ontbreekt."), "error")
        return redirect(url_for("adocument.show", trajectory_id=page.trajectory_id))
    flash(_("Taak '%(name)s' afgerond.", name=page.name), "success")
    return redirect(url_for("inbox.inbox"))
