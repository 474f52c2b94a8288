"""English is complete: every page text and every form text has a translation."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

from tests.conftest import FORMS, ROOT
from web import formrender

CATALOGUE = ROOT / "web" / "translations" / "en" / "LC_MESSAGES" / "messages.po"


def test_every_page_text_has_an_english_translation(tmp_path):
    template = tmp_path / "messages.pot"
    subprocess.run([str(Path(sys.executable).with_name("pybabel")), "extract", "-F", "babel.cfg", "-k", "_",
                    "-k", "gettext", "-o", str(template), "."], cwd=ROOT, check=True, capture_output=True)
    with template.open("rb") as source:
        wanted = {m.id for m in read_po(source) if m.id}
    with CATALOGUE.open("rb") as source:
        translated = {m.id: m.string for m in read_po(source) if m.id}
    assert sorted(wanted - {k for k, v in translated.items() if v}) == []


def test_role_labels_and_run_time_texts_are_translated():
    from engine.roles import LABELS
    with CATALOGUE.open("rb") as source:
        translated = {m.id: m.string for m in read_po(source) if m.id and m.string}
    assert set(LABELS.values()) <= set(translated)


def _texts(node, pointer=""):
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("title", "description") and isinstance(value, str):
                yield f"{pointer}/{key}"
            else:
                yield from _texts(value, f"{pointer}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _texts(value, f"{pointer}/{index}")


def test_every_form_text_has_an_english_translation():
    english = json.loads((FORMS / "i18n" / "en.json").read_text(encoding="utf-8"))
    missing = [f"{form.name}:{pointer}" for form in sorted(FORMS.glob("*.json"))
               for pointer in _texts(json.loads(form.read_text(encoding="utf-8")))
               if not english.get(form.name, {}).get(pointer)]
    assert missing == []


def test_the_form_convention_reaches_the_rendered_fields():
    english = json.loads((FORMS / "i18n" / "en.json").read_text(encoding="utf-8"))["intake.json"]
    schema = json.loads((FORMS / "intake.json").read_text(encoding="utf-8"))
    fields = formrender.build(schema, {}, {}, lambda pointer, dutch: english.get(pointer, dutch))
    labels = {f.name: f.label for f in fields}
    assert labels["intake_datum"] == "Date of the intake"
    school = next(f for f in fields if f.name == "school")
    kinds = next(f for f in school.children if f.name == "school.onderwijsvorm")
    assert ("gewoon", "Mainstream education") in kinds.options


def _translated() -> dict[str, str]:
    with CATALOGUE.open("rb") as source:
        return {m.id: m.string for m in read_po(source) if m.id and m.string}


def test_every_event_kind_has_a_dutch_label_and_an_english_translation():
    from engine.history import events
    from engine.services.care import timeline
    kinds = {value for name, value in vars(events).items() if name.isupper() and isinstance(value, str)}
    assert kinds and sorted(kinds - set(timeline.LABELS)) == []
    assert sorted(set(timeline.LABELS.values()) - set(_translated())) == []


def test_a_kind_without_a_label_yet_still_reads_as_words():
    from engine.services.care import timeline
    assert timeline.label("ankerfiguur_gewijzigd") == "Ankerfiguur gewijzigd"
    assert timeline.label("a_document_gearchiveerd") == "A-document gearchiveerd"


def test_the_a_documents_own_labels_are_translated():
    from engine.adocument import display
    assert sorted(display.page_texts() - set(_translated())) == []
