"""The A-document as people read it: its sections (DESIGN.md §3) as labelled items, each value
shown as the form that recorded it describes it (choice titles, dates, yes/no, lists).

One reading for the page, the PDF and the JSON export's `weergave`. It reads the content a
reader may see (a sealed section stays a hash) and never changes it: the signed content and its
hashes are what `assemble` made.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from engine.adocument.sections import MEDICAL, is_sealed
from engine.presentation import Item, Kind, Text, item, present
from engine.roles import LABELS

Forms = Callable[[str], Mapping[str, Any] | None]      # a form file name → its JSON Schema (None: unknown)
AGREEMENT_FORM = "akkoord_client.json"


@dataclass(frozen=True)
class Section:
    key: str                   # the section's key in the content (and the page's anchor)
    title: Text
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Source:
    """Where a field of the A-document was recorded: a form file and the pointer of the field in it."""

    form: str
    pointer: str


def _page(text: str) -> Text:
    return Text(text)


_RELATIONS = [("moeder", "Moeder"), ("vader", "Vader"), ("voogd", "Voogd"), ("pleegouder", "Pleegouder"),
              ("andere", "Andere")]
_PERSON = {"type": "object", "properties": {
    "naam": {"type": "string", "title": "Naam"},
    "relatie": {"type": "string", "title": "Relatie tot het kind",
                "oneOf": [{"const": c, "title": t} for c, t in _RELATIONS]},
    "telefoon": {"type": "string", "title": "Telefoon"},
    "email": {"type": "string", "title": "E-mail"}}}
_MINOR = {"type": "object", "properties": {
    "naam": {"type": "string", "title": "Naam"},
    "geboortedatum": {"type": "string", "format": "date", "title": "Geboortedatum"},
    "insz": {"type": "string", "format": "insz", "title": "INSZ"}}}
_PEOPLE = {"type": "array", "items": _PERSON}
_YES_NO = {"type": "boolean"}

# The page texts this module shows (web/translations has them in English; tests/web/test_i18n.py checks).
SECTION_TITLES = {
    "identificatie": "Identificatie", "vraagverheldering": "Vraagverheldering", "diagnostiek": "Diagnostiek",
    "betrokkenheid": "Visie van het kind en het gezin", "gewenste_jeugdhulp": "Gewenste jeugdhulp",
    "urgentie": "Urgentie", "financieel": "Bestemming van 1/3 van de kinderbijslag",
    "bijkomende_informatie": "Bijkomende informatie",
}


def page_texts() -> set[str]:
    """Every Dutch page text an A-document's reading may show (for the translation check)."""
    texts = set(SECTION_TITLES.values()) | {label for _, label, _ in _FIELDS.values()}
    texts |= {label for fields in _LAYOUT.values() for _, label, _ in fields}
    for schema in (_PERSON, _MINOR):
        texts |= {p["title"] for p in schema["properties"].values()}
    texts |= {title for _, title in _RELATIONS} | {"Medische bevindingen", "Ronde"}
    return texts


# section → its fields: (key in the content, label, where it was recorded or its own schema)
_LAYOUT: dict[str, list[tuple[str, str, Source | dict]]] = {
    "identificatie": [
        ("minderjarige", "Minderjarige", _MINOR),
        ("gezinsbetrokkenen", "Gezinsbetrokkenen", _PEOPLE),
        ("wettelijke_vertegenwoordigers", "Wettelijke vertegenwoordiger(s)", _PEOPLE),
        ("ontvanger_documenten", "Ontvanger van de documenten",
         Source("verslag.json", "/properties/ontvanger_documenten")),
        ("aanmelder", "Aanmelder", Source("aanmelding.json", "/properties/aanmelder")),
        ("mdt_erkenningsnummer", "Erkenningsnummer MDT", Source("registratie_a001.json",
                                                                "/properties/mdt_erkenningsnummer")),
    ],
    "vraagverheldering": [
        ("kind", "Het kind", Source("intake.json", "/properties/hulpvraag_kind")),
        ("ouders", "De ouders", Source("intake.json", "/properties/hulpvraag_ouders")),
        ("school", "De school", Source("intake.json", "/properties/hulpvraag_school")),
        ("andere", "Andere betrokkenen", Source("intake.json", "/properties/hulpvraag_andere")),
    ],
    "diagnostiek": [
        ("integratief_beeld", "Integratief beeld", Source("teamoverleg.json", "/properties/integratief_beeld")),
        ("classificaties", "Classificaties", Source("conclusie.json", "/properties/classificaties")),
        ("icf_profiel", "ICF-profiel", Source("conclusie.json", "/properties/icf_profiel")),
        ("stoorniscodes", "Stoorniscodes", Source("conclusie.json", "/properties/vaph_stoorniscodes")),
        ("handicapcodes", "Handicapcodes", Source("conclusie.json", "/properties/vaph_handicapcodes")),
        ("conclusie", "Diagnostische conclusie", Source("conclusie.json", "/properties/diagnostische_conclusie")),
        ("advies", "Advies", Source("conclusie.json", "/properties/advies")),
    ],
    "betrokkenheid": [
        ("visie_kind", "Het kind", Source("adviesgesprek.json", "/properties/visie_kind")),
        ("visie_ouders", "De ouders", Source("adviesgesprek.json", "/properties/visie_ouders")),
    ],
    "gewenste_jeugdhulp": [
        ("typemodules", "Typemodules", Source("verslag.json", "/properties/typemodules")),
        ("indicatiestellingsvoorstel", "Indicatiestellingsvoorstel",
         Source("verslag.json", "/properties/indicatiestellingsvoorstel")),
    ],
    "urgentie": [
        ("crisis", "Crisis", Source("screening.json", "/properties/crisis")),
        ("urgentie", "Urgentie", Source("verslag.json", "/properties/urgentie")),
        ("prioriteit", "Prioriteit", Source("verslag.json", "/properties/prioriteit")),
    ],
    "financieel": [
        ("van_toepassing", "Raakt de gevraagde hulp de kinderbijslag?", _YES_NO),
        ("bestemming_kinderbijslag", "Bestemming", Source("verslag.json", "/properties/bestemming_kinderbijslag")),
    ],
}
# Top-level fields that are not sections of their own: (section they are shown in, label, source)
_FIELDS = {
    "vaph_hulp_gevraagd": ("identificatie", "VAPH-ondersteuning gevraagd", Source(
        "intake.json", "/properties/vaph_hulp_gevraagd")),
}
_VAPH_ONLY = frozenset({"mdt_erkenningsnummer", "stoorniscodes", "handicapcodes"})


def sections(content: Mapping[str, Any], forms: Forms) -> list[Section]:
    """The sections of an A-document's content as `forms` (the guideline's forms) describe them."""
    vaph = bool(content.get("vaph_hulp_gevraagd"))
    required = _required(content, vaph)
    found = []
    for key, title in SECTION_TITLES.items():
        value = content.get(key)
        if key == "bijkomende_informatie":
            if value:
                source = Source("a_document.json", "/properties/bijkomende_informatie")
                found.append(Section(key, _page(title), (_field(key, title, source, value, forms, False),)))
            continue
        values = value if isinstance(value, Mapping) else {}
        items = [_field(name, label, source, values.get(name), forms, name in required)
                 for name, label, source in _LAYOUT[key] if vaph or name not in _VAPH_ONLY]
        items += [_field(name, label, source, content.get(name), forms, False)
                  for name, (section, label, source) in _FIELDS.items() if section == key and name in content]
        if key == "diagnostiek":
            items = [*_findings(values.get("bevindingen") or [], forms), _medical(content.get(MEDICAL), forms),
                     *items]
        found.append(Section(key, _page(title), tuple(items)))
    return found


def agreement(agreed_on: str | None, parties: list[dict[str, Any]], forms: Forms) -> tuple[Item, ...]:
    """The client's agreement (its date and who agreed), as the guideline's agreement form shows it."""
    schema = forms(AGREEMENT_FORM) or {}
    shown = present(schema, {"akkoord_datum": agreed_on, "akkoorden": parties}, AGREEMENT_FORM if schema else None)
    return tuple(i for i in shown if i.key in ("akkoord_datum", "akkoorden"))


def finding(record: Mapping[str, Any], forms: Forms) -> Item:
    """One discipline's findings in one round, every field in its form's order."""
    name = record.get("formulier")
    schema = _resolve(forms, name, "/properties/bevinding") if name else None
    data = {k: v for k, v in record.items() if k not in ("discipline", "ronde", "formulier")}
    fields = present(schema, data, name if schema else None, "/properties/bevinding")
    round_number = record.get("ronde") or 1
    if round_number > 1:
        fields = (Item("ronde", _page("Ronde"), Kind.NUMBER, round_number), *fields)
    role = str(record.get("discipline"))
    return Item(f"{role}-{round_number}", _page(LABELS.get(role, role)), Kind.GROUP, items=fields)


def _findings(records: list[dict[str, Any]], forms: Forms) -> list[Item]:
    return [finding(record, forms) for record in records]


def _medical(section: Any, forms: Forms) -> Item:
    label = _page("Medische bevindingen")
    if is_sealed(section):
        return Item(MEDICAL, label, Kind.SEALED, section["hash"])
    records = (section or {}).get("bevindingen") or [] if isinstance(section, Mapping) else []
    return Item(MEDICAL, label, Kind.GROUP, items=tuple(_findings(records, forms)))


def _required(content: Mapping[str, Any], vaph: bool) -> set[str]:
    """Fields the regievoorwaarden ask for: shown as missing rather than empty."""
    required = {"ontvanger_documenten", "typemodules"}
    if vaph:
        required |= _VAPH_ONLY
    if (content.get("financieel") or {}).get("van_toepassing"):
        required.add("bestemming_kinderbijslag")
    return required


def _field(name: str, label: str, source: Source | dict, value: Any, forms: Forms, required: bool) -> Item:
    if isinstance(source, Source):
        schema = _resolve(forms, source.form, source.pointer)
        where = (source.form, source.pointer) if schema is not None else (None, None)
    else:
        schema, where = source, (None, None)
    return item(name, schema, value, *where, label=_page(label), missing=required)


def _resolve(forms: Forms, form: str, pointer: str) -> Mapping[str, Any] | None:
    """The part of a form's schema at a JSON pointer, or None when the guideline lacks it."""
    node: Any = forms(form)
    for segment in pointer.strip("/").split("/"):
        if not isinstance(node, Mapping) or segment not in node:
            return None
        node = node[segment]
    return node if isinstance(node, Mapping) else None
