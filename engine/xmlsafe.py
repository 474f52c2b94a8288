"""Parse XML that people outside the team wrote: no DTDs, entities, network or huge trees."""

from __future__ import annotations

import re

from lxml import etree

from engine.errors import UnsafeXml

MAX_BYTES = 5 * 1024 * 1024
_DECLARATION = re.compile(rb"^\s*<\?xml[^>]*encoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']")
_ALLOWED_ENCODINGS = {"utf-8", "utf8", "us-ascii", "ascii"}
_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff", b"\xff\xfe\x00\x00")


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           dtd_validation=False, huge_tree=False, remove_comments=False)


def parse(data: bytes, source: str) -> etree._Element:
    """Parse `data` (UTF-8 XML) into an element tree, refusing anything that reaches outside it."""
    if len(data) > MAX_BYTES:
        raise UnsafeXml(f"bestand is groter dan {MAX_BYTES // (1024 * 1024)} MB", file=source)
    if data.startswith(_BOMS):
        raise UnsafeXml("alleen UTF-8 wordt aanvaard", file=source)
    declared = _DECLARATION.match(data)
    if declared and declared.group(1).decode().lower() not in _ALLOWED_ENCODINGS:
        raise UnsafeXml(f"codering '{declared.group(1).decode()}' wordt niet aanvaard; gebruik UTF-8",
                        file=source)
    # Refused before parsing: entity expansion and external references live in the DTD.
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise UnsafeXml("DOCTYPE- en ENTITY-declaraties zijn niet toegestaan", file=source)
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as error:
        raise UnsafeXml(f"geen geldige XML: {error.msg}", file=source, line=error.lineno) from None
    if root.getroottree().docinfo.doctype:
        raise UnsafeXml("DOCTYPE-declaraties zijn niet toegestaan", file=source)
    return root
