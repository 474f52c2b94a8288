"""Recorded values in words, in the reader's language: the web side of engine/presentation.py.

Labels and choice titles of a form come from the form catalogue (forms/i18n), the others from the
page catalogue (web/translations); dates and numbers are written by Babel in the reader's locale
(Dutch as in Belgium: 21/03/2018). Used by the dossier, the step pages, the A-document's page and
PDF (Jinja globals and filters) and the JSON export's `weergave`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from babel.dates import format_date, format_time
from babel.numbers import format_decimal
from flask import Flask, current_app
from flask_babel import get_locale, gettext

from engine import insz
from engine.presentation import Item, Kind, Text
from engine.services.care.adocuments import Exported
from web import i18n

LOCALES = {"nl": "nl_BE"}                     # Babel's locale for a language of the app
DATE_FORMATS = {"nl": "dd/MM/y"}              # as Belgians write it: 06/10/2026; elsewhere Babel's medium date
EMPTY = "—"


def _language() -> str:
    return str(get_locale() or "nl")


def _locale() -> str:
    return LOCALES.get(_language(), _language())


def text(value: Text) -> str:
    """A label or choice title in the reader's language."""
    if not value.dutch:
        return ""
    if value.form is not None and value.pointer is not None:
        return i18n.form_translator(value.form, current_app.extensions["ekd.config"].forms_dir)(value.pointer,
                                                                                               value.dutch)
    return gettext(value.dutch)


def day(value: date | datetime | str | None) -> str:
    """A date as the reader writes it (a moment: its day, in the server's time zone)."""
    if isinstance(value, str):
        value = _parse(value)
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.astimezone().date() if value.tzinfo else value.date()
    return format_date(value, DATE_FORMATS.get(_language(), "medium"), locale=_locale())


def moment(value: datetime | str | None) -> str:
    """A date and time as the reader writes them (in the server's time zone, as the other pages)."""
    if isinstance(value, str):
        value = _parse(value)
    if not isinstance(value, datetime):
        return day(value)
    local = value.astimezone() if value.tzinfo else value
    return f"{day(local)} {format_time(local, 'short', locale=_locale())}"


def number(value: float) -> str:
    return format_decimal(value, locale=_locale())


def insz_text(value: str) -> str:
    """An INSZ as people write it: YY.MM.DD-XXX.CC."""
    return insz.formatted(value)


def shown(item: Item) -> str:
    """The words for one value (not a group or list): Ja/Nee, a choice's title, a localized date."""
    value = item.value
    if value is None:
        return gettext("ontbreekt") if item.missing else EMPTY
    match item.kind:
        case Kind.BOOLEAN:
            return gettext("Ja") if value else gettext("Nee")
        case Kind.CHOICE:
            return text(value)
        case Kind.DATE:
            return day(value)
        case Kind.MOMENT:
            return moment(value)
        case Kind.NUMBER:
            return number(value)
        case Kind.INSZ:
            return insz_text(value)
        case Kind.SEALED:
            return gettext("verzegeld")
    return str(value)


def worth_showing(items: Iterable[Item], skip_empty: bool = False) -> list[Item]:
    """The items to show: all of them, or (`skip_empty`) those filled in or required."""
    return [i for i in items if not (skip_empty and i.empty and not i.missing)]


def as_json(items: Iterable[Item]) -> list[dict[str, Any]]:
    """Items as the JSON export's `weergave`: a label and words per value, nested as recorded."""
    found = []
    for item in items:
        entry: dict[str, Any] = {"veld": item.key, "label": text(item.label)}
        if item.kind is Kind.GROUP:
            entry["velden"] = as_json(item.items)
        elif item.kind is Kind.LIST:
            entry["lijst"] = as_json(item.items)
        elif item.kind is Kind.SEALED:
            entry.update(verzegeld=True, hash=item.value)
        else:
            entry["tekst"] = shown(item)
        if item.missing and item.empty:
            entry["ontbreekt"] = True
        found.append(entry)
    return found


def exported_json(exported: Exported) -> dict[str, Any]:
    """An A-document's JSON export with its `weergave`: the same content in words, in the reader's
    language (docs/a-document.schema.json). The raw values and hashes stay as they are."""
    return {**exported.data, "weergave": {
        "taal": _language(),
        "secties": [{"sectie": s.key, "titel": text(s.title), "velden": as_json(s.items)} for s in exported.sections],
        "akkoord": as_json(exported.agreement)}}


def _parse(value: str) -> date | datetime | None:
    try:
        return datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
    except ValueError:
        return None


def init_app(app: Flask) -> None:
    """Make the readings available to every template."""
    app.jinja_env.globals.update(label_text=text, value_text=shown)
    app.jinja_env.filters.update(day=day, moment=moment, insz=insz_text, worth_showing=worth_showing)
