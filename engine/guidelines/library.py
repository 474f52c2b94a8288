"""A guideline: its BPMN/DMN files and forms, parsed once and versioned by content hash."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path, PurePath

from engine import runtime
from engine.errors import GuidelineError

MODEL_SUFFIXES = (".bpmn", ".dmn")
# Forms ekd itself uses, versioned with the guideline when the forms folder has them.
OWN_FORMS = ("a_document.json",)


class Guideline:
    """Everything needed to run a guideline version: model files, forms and their hash."""

    def __init__(self, files: dict[str, bytes], forms: dict[str, dict] | None = None,
                 form_problems: dict[str, str] | None = None,
                 definitions: runtime.Definitions | None = None):
        self.files = files
        self.forms = forms or {}
        self.form_problems = form_problems or {}
        self.definitions = definitions or runtime.parse(
            [runtime.Source(name, data) for name, data in sorted(files.items())])
        self.version = content_hash(self.files, self.forms)

    def process_ids(self) -> list[str]:
        """Return the executable processes of this guideline."""
        return self.definitions.process_ids()

    def process(self, process_id: str) -> runtime.Definition:
        """Return one parsed process."""
        return self.definitions.process(process_id)

    def form(self, name: str | None) -> dict | None:
        """Return the JSON Schema of a form by its file name."""
        return self.forms.get(name) if name else None


def content_hash(files: dict[str, bytes], forms: dict[str, dict]) -> str:
    """Hash model files and forms in a canonical order: equal content, equal version."""
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(b"file\0" + PurePath(name).name.encode() + b"\0" + files[name] + b"\0")
    for name in sorted(forms):
        canonical = json.dumps(forms[name], sort_keys=True, ensure_ascii=False).encode()
        digest.update(b"form\0" + name.encode() + b"\0" + canonical + b"\0")
    return digest.hexdigest()[:16]


def model_files(paths: Iterable[Path]) -> dict[str, Path]:
    """Collect .bpmn and .dmn files from files and directories (not recursive)."""
    found: dict[str, Path] = {}
    for path in paths:
        path = Path(path)
        if path.is_dir():
            candidates = sorted(p for p in path.iterdir() if p.suffix in MODEL_SUFFIXES)
        elif path.is_file():
            candidates = [path]
        else:
            raise GuidelineError("bestand of map bestaat niet", file=str(path))
        for candidate in candidates:
            if candidate.suffix not in MODEL_SUFFIXES:
                raise GuidelineError("verwacht een .bpmn- of .dmn-bestand", file=str(candidate))
            found[str(candidate)] = candidate
    if not found:
        raise GuidelineError("geen .bpmn- of .dmn-bestanden gevonden")
    return found


def load(paths: Iterable[Path], forms_dir: Path | None = None) -> Guideline:
    """Read a guideline from disk; forms are looked up next to each BPMN file, then in forms_dir."""
    files = model_files(paths)
    data = {name: path.read_bytes() for name, path in files.items()}
    definitions = runtime.parse([runtime.Source(name, data[name]) for name in sorted(data)])
    forms, problems = {}, {}
    for process_id in definitions.process_ids():
        for element in definitions.process(process_id).elements.values():
            if not element.form or element.form in forms or element.form in problems:
                continue
            folders = [files[element.file].parent] if element.file in files else []
            folders += [forms_dir] if forms_dir else []
            schema, problem = _read_form(element.form, folders)
            if problem:
                problems[element.form] = problem
            else:
                forms[element.form] = schema
    for name in OWN_FORMS:
        if forms_dir and name not in forms and (forms_dir / name).is_file():
            schema, problem = _read_form(name, [forms_dir])
            if problem is None:
                forms[name] = schema
    return Guideline(data, forms, problems, definitions)


def _read_form(name: str, folders: list[Path]) -> tuple[dict | None, str | None]:
    if PurePath(name).name != name or not name.endswith(".json"):
        return None, f"formuliernaam '{name}' moet een .json-bestandsnaam zonder map zijn"
    for folder in folders:
        candidate = folder / name
        if candidate.is_file():
            try:
                return json.loads(candidate.read_text(encoding="utf-8")), None
            except (ValueError, UnicodeDecodeError) as error:
                return None, f"formulier '{name}' is geen geldige JSON: {error}"
    return None, f"formulier '{name}' niet gevonden (gezocht in {', '.join(map(str, folders))})"
