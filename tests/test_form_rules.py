"""`ekd validate` refuses forms the page cannot honour: patterns browsers reject (HTML `pattern`
compiles with the `v` flag), keywords the form renderer does not draw, ekd's own keywords used
wrongly, and a task whose ekdAction lacks the field it reads. Each names form, pointer and why."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from engine import guidelines
from engine.guidelines import patterns
from tests.conftest import FORMS, PROCESSES
from tests.test_cli import ekd

OLD_PHONE = "^[0-9 +()./-]{6,20}$"


@pytest.fixture
def copy(tmp_path):
    shutil.copytree(PROCESSES, tmp_path / "processes", ignore=shutil.ignore_patterns("scenarios"))
    shutil.copytree(FORMS, tmp_path / "forms")
    return tmp_path


def change_form(folder, name, change) -> None:
    path = folder / "forms" / name
    schema = json.loads(path.read_text(encoding="utf-8"))
    change(schema)
    path.write_text(json.dumps(schema, ensure_ascii=False), encoding="utf-8")


def problems_of(folder) -> list[str]:
    guideline = guidelines.load([folder / "processes"], folder / "forms")
    return [str(p) for p in guidelines.check(guideline)]


def phone(schema):
    return schema["properties"]["aanmelder"]["properties"]["telefoon"]


def test_the_shipped_phone_pattern_is_one_browsers_accept(shipped_guideline):
    pattern = phone(shipped_guideline.form("aanmelding.json"))["pattern"]
    assert patterns.browser_problem(pattern) is None
    assert patterns.browser_problem(OLD_PHONE) is not None


def test_a_pattern_browsers_reject_is_named_with_form_pointer_and_why(copy):
    change_form(copy, "aanmelding.json", lambda s: phone(s).update(pattern=OLD_PHONE))
    found = [p for p in problems_of(copy) if "aanmelding.json" in p]
    assert len(found) == 1, found
    assert "element 'aanmelding'" in found[0]
    assert "/properties/aanmelder/properties/telefoon/pattern" in found[0]
    assert "v-vlag" in found[0] and "'('" in found[0]


def test_ekd_validate_fails_on_a_pattern_browsers_reject(copy):
    change_form(copy, "aanmelding.json", lambda s: phone(s).update(pattern=OLD_PHONE))
    shutil.copy(copy / "forms" / "aanmelding.json", copy / "processes")     # a form next to the BPMN comes first
    result = ekd("validate", str(copy / "processes"))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "aanmelding.json" in result.stdout and "/properties/aanmelder/properties/telefoon/pattern" in result.stdout


# What a browser says, from its own engine where there is one (Node.js uses V8, as Chromium does).
PATTERNS = [
    OLD_PHONE, "^[0-9 +\\(\\)./\\-]{6,20}$", "^[0-9 +\\(\\)\\.\\/\\-]{6,20}$", "[a-z]", "[^a-z0-9]", "[a-]", "[-a]",
    "[a\\-z]", "[(]", "[)]", "[{]", "[}]", "[|]", "[/]", "[\\/]", "[a&&b]", "[a--b]", "[a-z&&[aeiou]]",
    "[[a-z]--[aeiou]]", "[\\q{abc|d}]", "[!!]", "[##]", "[..]", "[a.b]", "[+]", "[++]", "[\\d\\s]", "[\\p{L}]",
    "a{", "a{2}", "a{2,}", "a{2,1}", "a}", "a]", "(?:a)", "(?<naam>a)\\k<naam>", "(?P<naam>a)", "(?i)a", "\\-",
    "\\.", "\\/", "\\d+", "\\e", "a**", "*a", "(a", "a)", "[", "[]", "[^]", "\\u{1F600}", "\\u00e9", "\\x41", "\\cA",
    "\\0", "(?=a)b", "(?<=a)b", "(?=a)*", "^\\+?[0-9]{2,4}$", "[\\]]", "[\\[]", "\\p{Lu}", "\\q{a}", "[\\b]",
]


@pytest.mark.parametrize("pattern", PATTERNS)
def test_the_pattern_check_agrees_with_a_browser_engine(pattern):
    node = shutil.which("node")
    assert node is not None, "Node.js is nodig om met een browser-engine te vergelijken (make test installeert het)"
    script = "try { new RegExp(process.argv[1], 'v'); console.log('ok') } catch (e) { console.log('fout') }"
    verdict = subprocess.run([node, "-e", script, pattern], capture_output=True, text=True, timeout=30).stdout.strip()
    ours = patterns.browser_problem(pattern)
    assert (ours is None) == (verdict == "ok"), f"{pattern!r}: node {verdict}, ekd {ours!r}"


@pytest.mark.parametrize("keyword, value", [
    ("$ref", "#/$defs/x"), ("not", {"type": "string"}), ("patternProperties", {"^x": {"type": "string"}}),
    ("dependentSchemas", {"a": {"required": ["b"]}}), ("anyOf", [{"type": "string"}, {"type": "integer"}]),
    ("allOf", [{"properties": {"extra": {"type": "string"}}}]), ("if", {"required": ["a"]}),
    ("unevaluatedProperties", False), ("propertyNames", {"maxLength": 3}), ("additionalProperties", {"type": "string"}),
])
def test_a_keyword_the_renderer_does_not_draw_is_named(copy, keyword, value):
    change_form(copy, "screening.json", lambda s: s.update({keyword: value}))
    found = [p for p in problems_of(copy) if "screening.json" in p]
    assert any(f"/{keyword}" in p and "formrender" in p for p in found), found


@pytest.mark.parametrize("change, pointer", [
    (lambda s: s["properties"]["urgentie"].update(type=["string", "null"]), "/properties/urgentie/type"),
    (lambda s: s["properties"]["motivering_urgentie"].update(format="telefoon"),
     "/properties/motivering_urgentie/format"),
    (lambda s: s["properties"]["motivering_urgentie"].update({"x-ekd-datum": "nee"}),
     "/properties/motivering_urgentie/x-ekd-datum"),
    (lambda s: s["properties"]["motivering_urgentie"].update({"x-ekd-date": "not-in-future"}),
     "/properties/motivering_urgentie/x-ekd-date"),
    (lambda s: s["properties"]["motivering_urgentie"].update({"x-ekd-code": "ICD-9"}),
     "/properties/motivering_urgentie/x-ekd-code"),
    (lambda s: s["properties"]["motivering_urgentie"].update({"x-ekd-required-when": "maanstand"}),
     "/properties/motivering_urgentie/x-ekd-required-when"),
    (lambda s: s.update({"x-ekd-rules": ["horoscoop"]}), "/x-ekd-rules"),
])
def test_wrong_uses_of_types_formats_and_ekd_keywords_are_named(copy, change, pointer):
    change_form(copy, "screening.json", change)
    found = [p for p in problems_of(copy) if "screening.json" in p]
    assert any(pointer in p for p in found), found


def test_a_code_taken_from_a_sibling_needs_that_sibling_to_name_known_classifications(copy):
    def wrong(schema):
        code = schema["properties"]["classificaties"]["items"]["properties"]["code"]
        code["x-ekd-code"] = {"system-field": "stelsel"}
    change_form(copy, "conclusie.json", wrong)
    found = [p for p in problems_of(copy) if "conclusie.json" in p]
    assert any("/properties/classificaties/items/properties/code/x-ekd-code" in p and "stelsel" in p
               for p in found), found


def test_the_capability_rule_needs_the_consent_fields(copy):
    change_form(copy, "instemming.json", lambda s: s["properties"].pop("kind_instemming") and
                s["required"].remove("kind_instemming"))
    found = [p for p in problems_of(copy) if "instemming.json" in p]
    assert any("/x-ekd-rules" in p and "kind_instemming" in p for p in found), found


def test_a_submission_task_needs_its_confirming_field(copy):
    change_form(copy, "indienen.json", lambda s: s["properties"].pop("indienen_bevestigd") and
                s.update(required=[]))
    found = [p for p in problems_of(copy) if "a_document_indienen" in p]
    assert any("indienen_bevestigd" in p and "a-document:indienen" in p for p in found), found


def test_the_shipped_forms_use_only_what_the_renderer_draws(shipped_guideline):
    from engine.guidelines import form_checks
    for name, schema in sorted(shipped_guideline.forms.items()):
        assert form_checks.problems(schema) == [], name
