"""Guideline XML cannot reach outside itself: no entities, no DTDs, no network."""

from __future__ import annotations

import time

import pytest

from engine import runtime, xmlsafe
from engine.errors import GuidelineError, UnsafeXml
from tests.conftest import FIXTURES

PROCESS = (FIXTURES / "bpmn" / "gateways.bpmn").read_text()


def with_doctype(doctype: str, body_entity: str = "") -> bytes:
    head, rest = PROCESS.split("\n", 1)
    rest = rest.replace('name="Kiezen"', f'name="Kiezen{body_entity}"')
    return (head + "\n" + doctype + "\n" + rest).encode()


ATTACKS = {
    "external entity (file)": with_doctype('<!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', "&xxe;"),
    "external entity (network)": with_doctype('<!DOCTYPE d [<!ENTITY xxe SYSTEM "http://example.com/x">]>', "&xxe;"),
    "external DTD": with_doctype('<!DOCTYPE d SYSTEM "http://example.com/evil.dtd">'),
    "parameter entity": with_doctype('<!DOCTYPE d [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>'),
    "billion laughs": with_doctype(
        '<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">' + "".join(
            f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9)) + "]>", "&j;"),
}


@pytest.mark.parametrize("document", ATTACKS.values(), ids=ATTACKS.keys())
def test_entity_and_dtd_attacks_are_refused_fast(document):
    started = time.monotonic()
    with pytest.raises(UnsafeXml, match="DOCTYPE"):
        runtime.parse([runtime.Source("aanval.bpmn", document)])
    assert time.monotonic() - started < 0.1


def test_other_encodings_cannot_hide_a_doctype():
    document = with_doctype('<!DOCTYPE d [<!ENTITY x "y">]>').decode().replace('encoding="UTF-8"', 'encoding="UTF-16"')
    with pytest.raises(UnsafeXml):
        xmlsafe.parse(document.encode("utf-16"), "aanval.bpmn")
    with pytest.raises(UnsafeXml, match="codering"):
        xmlsafe.parse(document.encode("utf-8"), "aanval.bpmn")


def test_malformed_xml_names_file_and_line():
    with pytest.raises(GuidelineError) as error:
        runtime.parse([runtime.Source("kapot.bpmn", b"<?xml version='1.0'?>\n<a>\n<b></a>")])
    assert error.value.file == "kapot.bpmn" and error.value.line in (2, 3)
    assert "kapot.bpmn:" in str(error.value)


def test_oversized_documents_are_refused():
    with pytest.raises(UnsafeXml, match="MB"):
        xmlsafe.parse(b"<a>" + b" " * (xmlsafe.MAX_BYTES + 1) + b"</a>", "groot.bpmn")
