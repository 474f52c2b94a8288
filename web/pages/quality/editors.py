"""The editors of a draft's files: the BPMN modeler, the DMN editor and the form editor with its
preview. Every save is a new revision through the same use case as an upload (drafts.put)."""

from __future__ import annotations

from flask import abort, current_app, jsonify, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _

from engine.adocument import ACTIONS
from engine.quality.bundle import Kind
from engine.roles import LABELS, LANE_ROLES
from engine.services.errors import Conflict
from web import formrender, i18n
from web.app_services import services
from web.auth import current_actor, login_required
from web.pages.quality import bp

TEMPLATES = {Kind.BPMN: "quality/modeler.html", Kind.DMN: "quality/dmn_editor.html",
             Kind.FORM: "quality/form_editor.html"}
TRANSLATIONS = "i18n.en.json"


@bp.get("/concepten/<draft_id>/bewerken/<name>")
@login_required
def edit(draft_id: str, name: str):
    view = services().quality.drafts.read(draft_id, current_actor())
    entry = next((f for f in view.files if f.name == name), None)
    if entry is None or entry.kind not in TEMPLATES:
        abort(404)
    if view.status != "open":
        raise Conflict(_("Dit concept is gepubliceerd: maak een nieuw concept om verder te werken."))
    findings = [f.as_json() for f in view.findings if f.file == name]
    painted = ((view.test_run or {}).get("coverage") or {}).get("painted", {}).get(name, {})
    forms = sorted(f.name for f in view.files if f.kind == Kind.FORM)
    choices = {"roles": [[role, f"{role} — {_(LABELS[role])}"] for role in sorted(LANE_ROLES)], "forms": forms,
               "actions": sorted(ACTIONS), "labels": _labels()}
    catalogue = {}
    if entry.kind == Kind.FORM and TRANSLATIONS not in {f.name for f in view.files}:
        shipped = i18n.form_catalogue("en", str(current_app.extensions["ekd.config"].forms_dir))
        catalogue = {form: texts for form, texts in shipped.items() if form in forms}
    return render_template(TEMPLATES[entry.kind], draft=view, name=name, findings=findings, coverage=painted,
                           choices=choices, catalogue=catalogue, translations=TRANSLATIONS,
                           has_translations=TRANSLATIONS in {f.name for f in view.files},
                           diff_url=url_for("quality.compare_marks", a=view.current_version, b=view.id, bestand=name)
                           if view.current_version else None)


def _labels() -> dict[str, str]:
    """The texts of ekd's group in the properties panel, in the page's language."""
    return {"role": _("Rol (baan)"), "chooseRole": _("(kies een rol)"), "form": _("Formulier"),
            "noForm": _("(geen formulier)"), "action": _("ekdAction (wat ekd bovendien doet)"), "none": _("(geen)"),
            "script": _("Script (Python, in ekd's sandbox)"), "preScript": _("Voorscript (preScript)"),
            "postScript": _("Naschript (postScript)"), "condition": _("Voorwaarde (Python-expressie)"),
            "called": _("Aangeroepen proces (calledElement)"), "decision": _("DMN-beslissing (calledDecisionId)"),
            "timerKind": _("Soort timer"), "timer": _("Timer: ISO 8601 of een Python-expressie"),
            "duration": _("Duur (ISO 8601, bv. P7D)"), "date": _("Datum (expressie)"),
            "cycle": _("Herhaling (ISO 8601)"), "unknown": _("onbekend")}


@bp.post("/concepten/<draft_id>/bestanden/<name>")
@login_required
def save(draft_id: str, name: str):
    """An editor's save: the file's new text as the body; the new revision's findings as JSON."""
    findings = services().quality.drafts.put(draft_id, {name: request.get_data(cache=False)}, current_actor())
    errors = sum(f.severity == "error" for f in findings)
    return jsonify({"findings": [f.as_json() for f in findings],
                    "message": _("Bewaard als nieuwe revisie: %(errors)s fout(en), %(warnings)s waarschuwing(en).",
                                 errors=errors, warnings=len(findings) - errors)})


@bp.post("/formulieren/voorbeeld")
@login_required
def preview():
    """A form's source drawn by ekd's own form renderer (as diagnosticians see it), or its problems."""
    body = request.get_json(silent=True)
    body = body if isinstance(body, dict) else {}
    source = services().quality.editing.form_source(str(body.get("source", "")), current_actor())
    if source.schema is None:
        return jsonify({"problems": source.problems, "html": None})
    texts = body.get("texts") if body.get("language") == "en" and isinstance(body.get("texts"), dict) else {}

    def translate(pointer: str, dutch: str) -> str:
        text = texts.get(pointer)
        return text if isinstance(text, str) and text else dutch
    fields = formrender.build(source.schema, {}, {}, translate)
    title = translate("/title", source.schema.get("title", ""))
    intro = translate("/description", source.schema["description"]) if source.schema.get("description") else None
    with force_locale("en" if texts or body.get("language") == "en" else "nl"):   # "Ja"/"Yes", "verplicht"/…
        html = render_template("quality/_preview.html", fields=fields, title=title, intro=intro)
    return jsonify({"problems": [], "html": html})


@bp.get("/vergelijk/markeringen")
@login_required
def compare_marks():
    """What a comparison paints on one file of its second side (for the modeler's canvas)."""
    a, b, name = request.args.get("a", ""), request.args.get("b", ""), request.args.get("bestand", "")
    comparison = services().quality.comparisons.compare(a, b, current_actor())
    behaviour = sum(d.effect == "changes behaviour" for d in comparison.differences)
    return jsonify({"markers": comparison.markers["b"].get(name, {}),
                    "summary": _("%(count)s wijziging(en), waarvan %(behaviour)s het gedrag veranderen.",
                                 count=len(comparison.differences), behaviour=behaviour)})
