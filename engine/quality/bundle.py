"""A guideline's files as one bundle: flat names, what each file is, the guideline, the zip.

A draft and a version hold the same kinds of files: BPMN (`*.bpmn`), DMN (`*.dmn`) and JSON; a
JSON file with an `answers` member is a scenario, any other a form (DESIGN.md §8).
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from typing import Any

from engine import scenarios
from engine.guidelines import Guideline, content_hash
from engine.text import InvalidInput

NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}\.(bpmn|dmn|json)$")
MAX_FILE = 5 * 1024 * 1024
MAX_FILES = 200
SCENARIO_FOLDER = "scenarios"
TRANSLATION = re.compile(r"^i18n\.([a-z]{2})\.json$")     # a form catalogue: i18n.en.json -> i18n/en.json
_EPOCH = (2020, 1, 1, 0, 0, 0)       # zip entries carry no wall-clock time: equal content, equal zip


class InvalidFile(InvalidInput):
    """A file cannot be part of a guideline: its name, size or encoding."""

    def __init__(self, reason: str):
        super().__init__("files", reason, "file")


class Kind(StrEnum):
    BPMN = "bpmn"
    DMN = "dmn"
    FORM = "form"
    SCENARIO = "scenario"
    TRANSLATION = "translation"


def check_name(name: str) -> str:
    """Return `name` when it is a flat file name ekd accepts; raise InvalidFile saying why not."""
    if not isinstance(name, str) or not NAME.match(name) or ".." in name:
        raise InvalidFile(f"bestandsnaam '{str(name)[:100]}' wordt niet aanvaard: gebruik letters, cijfers, '_', '-' "
                          "en '.', zonder map, eindigend op .bpmn, .dmn of .json")
    return name


def check_file(name: str, data: bytes) -> str:
    """Return the file's text; raise InvalidFile for a wrong name, size or encoding."""
    check_name(name)
    if len(data) > MAX_FILE:
        raise InvalidFile(f"bestand '{name}' is groter dan {MAX_FILE // (1024 * 1024)} MB")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidFile(f"bestand '{name}' is geen UTF-8-tekst") from None
    if "\x00" in text:
        raise InvalidFile(f"bestand '{name}' bevat een NUL-teken")
    return text


@dataclass(frozen=True)
class Bundle:
    """The files of a draft or version, by flat name (text)."""

    files: dict[str, str]

    @classmethod
    def of_version(cls, files: dict[str, str], forms: dict[str, Any], scenarios: dict[str, Any] | None) -> Bundle:
        """The files of a stored version: its models, forms and scenarios."""
        found = dict(files)
        for name, schema in forms.items():
            found[name] = json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
        for name, scenario in (scenarios or {}).items():
            found[name] = json.dumps(scenario, ensure_ascii=False, indent=2) + "\n"
        return cls(dict(sorted(found.items())))

    def kind(self, name: str) -> Kind:
        """What the file is."""
        if name.endswith(".bpmn"):
            return Kind.BPMN
        if name.endswith(".dmn"):
            return Kind.DMN
        if TRANSLATION.match(name):
            return Kind.TRANSLATION
        return Kind.SCENARIO if scenarios.is_scenario(self.json.get(name)) else Kind.FORM

    @cached_property
    def json(self) -> dict[str, Any]:
        """Every JSON file parsed (None where it is not valid JSON)."""
        parsed = {}
        for name, text in self.files.items():
            if name.endswith(".json"):
                try:
                    parsed[name] = json.loads(text)
                except ValueError:
                    parsed[name] = None
        return parsed

    def models(self) -> dict[str, bytes]:
        """The BPMN and DMN files."""
        return {name: text.encode("utf-8") for name, text in self.files.items()
                if self.kind(name) in (Kind.BPMN, Kind.DMN)}

    def forms(self) -> dict[str, dict]:
        """The forms that are JSON objects (others are findings of the checks)."""
        return {name: value for name, value in self.json.items()
                if self.kind(name) == Kind.FORM and isinstance(value, dict)}

    def scenario_files(self) -> dict[str, Any]:
        """The scenario files, parsed."""
        return {name: value for name, value in self.json.items() if self.kind(name) == Kind.SCENARIO}

    def scenarios(self) -> list[scenarios.Scenario]:
        """The scenarios, in file-name order; raise ScenarioError for the first invalid one."""
        return [scenarios.Scenario.parse(value, name.removesuffix(".json"))
                for name, value in sorted(self.scenario_files().items())]

    def guideline(self) -> Guideline:
        """The guideline these files define (raise GuidelineError when it does not parse)."""
        return Guideline(self.models(), self.forms())

    @property
    def version(self) -> str:
        """The content hash a version of these files would have (models and forms, not scenarios)."""
        return content_hash(self.models(), self.forms())

    def translations(self, language: str) -> dict[str, dict[str, str]]:
        """The draft's form catalogue for `language` (form name -> JSON pointer -> text); empty when none."""
        value = self.json.get(f"i18n.{language}.json")
        return value if isinstance(value, dict) else {}

    def zip(self) -> bytes:
        """A zip that `ekd validate` and `ekd simulate` accept: models and forms at the top,
        scenarios in scenarios/, form catalogues in i18n/ (as forms/i18n/ beside forms)."""
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, text in sorted(self.files.items()):
                kind = self.kind(name)
                path = (f"{SCENARIO_FOLDER}/{name}" if kind == Kind.SCENARIO
                        else f"i18n/{TRANSLATION.match(name).group(1)}.json" if kind == Kind.TRANSLATION else name)
                entry = zipfile.ZipInfo(path, date_time=_EPOCH)
                entry.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(entry, text.encode("utf-8"))
        return buffer.getvalue()
