"""Languages: Dutch (nl-BE) by default, English selectable.

Page texts go through Flask-Babel (web/translations). Form texts follow one convention: a
catalogue per language, forms/i18n/<lang>.json, keyed by form file name and the JSON pointer
of the text in the form's schema, e.g. "intake.json" → "/properties/intake_datum/title".
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask import Blueprint, redirect, request, session
from flask_babel import Babel, get_locale

from web.navigation import next_page

LANGUAGES = {"nl": "Nederlands", "en": "English"}
TRANSLATIONS = Path(__file__).parent / "translations"

bp = Blueprint("i18n", __name__)
babel = Babel()


def select_locale() -> str:
    return session.get("lang") if session.get("lang") in LANGUAGES else "nl"


def compile_catalogues() -> None:
    """Compile .po to .mo when missing or older (no build step needed)."""
    for po in TRANSLATIONS.glob("*/LC_MESSAGES/messages.po"):
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            with po.open("rb") as source:
                catalog = read_po(source)
            with mo.open("wb") as target:
                write_mo(target, catalog)


@lru_cache(maxsize=8)
def form_catalogue(language: str, folder: str) -> dict:
    path = Path(folder) / "i18n" / f"{language}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def form_translator(form: str | None, forms_dir: Path):
    """A function (pointer, Dutch text) → text in the page's language, for one form."""
    language = str(get_locale() or "nl")
    entries = form_catalogue(language, str(forms_dir)).get(form or "", {}) if language != "nl" else {}
    return lambda pointer, dutch: entries.get(pointer, dutch)


@bp.post("/taal")
def choose_language():
    language = request.form.get("lang")
    if language in LANGUAGES:
        session["lang"] = language
    return redirect(next_page(request.form.get("next"), "/"))
