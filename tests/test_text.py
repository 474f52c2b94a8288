"""Names and free text: stripped, bounded, and free of characters that hide or reorder what is shown."""

from __future__ import annotations

import pytest

from engine import text
from engine.text import InvalidInput


@pytest.mark.parametrize("value, multiline, expected", [
    ("  Lotte ", False, "Lotte"),
    ("Zoë Van den Bossche-Öztürk", False, "Zoë Van den Bossche-Öztürk"),
    ("regel 1\nregel 2\tmet tab", True, "regel 1\nregel 2\tmet tab"),
    ("regel 1\r\nregel 2\rregel 3", True, "regel 1\nregel 2\nregel 3"),
    ("שלום", False, "שלום"),                       # right-to-left text itself is fine, only overrides are not
])
def test_clean_keeps_ordinary_text(value, multiline, expected):
    assert text.clean(value, "veld", 100, multiline=multiline) == expected


@pytest.mark.parametrize("value, multiline, code", [
    ("Lotte\x00", False, "characters"),            # NUL
    ("Lot\x1bte", False, "characters"),            # ESC (terminal escapes)
    ("Lotte\x7f", False, "characters"),            # DEL
    ("Lot\x85te", False, "characters"),            # C1 control (NEL)
    ("Lotte\nPeeters", False, "characters"),       # a name is one line
    ("Lotte\tPeeters", False, "characters"),
    ("abc\x0bdef", True, "characters"),            # vertical tab is not a line break we keep
    ("gpj.\u202eexe", False, "characters"),        # right-to-left override
    ("a\u202ab", True, "characters"), ("a\u202db", True, "characters"),
    ("a\u2066b", True, "characters"), ("a\u2069b", True, "characters"),  # isolates
    ("Lotte\ud800", False, "characters"),          # lone surrogate
    ("x" * 101, False, "maxLength"),
])
def test_clean_refuses_with_the_field_and_a_reason(value, multiline, code):
    with pytest.raises(InvalidInput) as refused:
        text.clean(value, "voornaam", 100, multiline=multiline)
    assert refused.value.field == "voornaam" and refused.value.code == code
    assert refused.value.reason and "voornaam" in str(refused.value)


def test_the_reason_names_the_character():
    with pytest.raises(InvalidInput) as refused:
        text.clean("gpj.\u202eexe", "bijlage", 100)
    assert "U+202E" in refused.value.reason


def test_length_is_counted_after_stripping():
    assert text.clean(" " * 50 + "x" * 100 + " " * 50, "veld", 100) == "x" * 100


def test_a_required_text_may_not_be_blank():
    with pytest.raises(InvalidInput) as refused:
        text.clean("   ", "familienaam", 100, required=True)
    assert refused.value.code == "required"


@pytest.mark.parametrize("value, expected", [(None, None), ("", None), ("   ", None), (" Peeters ", "Peeters"),
                                             ("x" * 100, "x" * 100)])
def test_search_term(value, expected):
    assert text.search_term(value) == expected


@pytest.mark.parametrize("value", ["x" * 101, "x" * 50_000, "Pee\x00ters", "a\u202eb"])
def test_search_term_refuses_long_or_hidden_text(value):
    with pytest.raises(InvalidInput) as refused:
        text.search_term(value)
    assert refused.value.field == "zoek"


def test_refusal_explains_without_raising():
    assert text.refusal("gewone tekst") is None
    assert text.refusal("twee\nregels") is not None
    assert text.refusal("twee\nregels", multiline=True) is None
    assert "U+0000" in text.refusal("\x00", multiline=True)
