"""Nothing recorded is lost on its way (issue 12): a VAPH trajectory with a unique value in every
field of every form it passes, each found readably in Chromium — on the step's page the dossier
links to and, where its section belongs in the A-document, on the A-document's page, in its JSON
(`weergave`) and in its PDF's text — and no raw True, choice id or ISO date on any page visited."""

from __future__ import annotations

import copy
import json
import re
from datetime import date

import pypdfium2
from babel.dates import format_date

from engine.history import events
from tests.browser.conftest import axe_violations
from tests.browser.forms import complete
from tests.browser.unique import Expected, Generator
from tests.conftest import FORMS
from tests.steps.trajectory import SCENARIOS

VAPH = SCENARIOS["vaph_aanvraag"]
TEAM = ("psychologist", "physician", "social_worker", "speech_therapist", "physiotherapist", "team_lead")
BY_BROWSER = {"intake": "Intake en vraagverheldering",                      # typed in Chromium, the rest by the
              "onderzoek_psychologisch": "Psychologisch en orthopedagogisch onderzoek"}       # services
# What of each task belongs in the A-document (DESIGN.md §3): path prefixes ("" is everything).
IN_A_DOCUMENT = {
    "aanmelding": ("aanmelder.",), "screening": ("crisis",), "registratie_a001": ("mdt_erkenningsnummer",),
    "intake": ("hulpvraag_", "vaph_hulp_gevraagd"), "teamoverleg": ("integratief_beeld",), "conclusie": ("",),
    "adviesgesprek": ("visie_",), "verslag": ("",), "akkoord_client": ("akkoord_datum", "akkoorden."),
    **{f"onderzoek_{d}": ("bevinding.",) for d in ("psychologisch", "medisch", "sociaal", "logopedisch")},
}
A_DOCUMENT_LABELS = {"screening:crisis": "Crisis", "intake:vaph_hulp_gevraagd": "VAPH-ondersteuning gevraagd",
                     "verslag:prioriteit": "Prioriteit"}
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
PAIRS = """() => {
  const text = e => e.innerText.trim(), pairs = [];
  document.querySelectorAll('dl.values > div').forEach(row => {
    const dt = row.querySelector(':scope > dt'), dd = row.querySelector(':scope > dd');
    if (dd && !dd.querySelector('dl, table, ul')) pairs.push([text(dt), text(dd)]);
    dd && dd.querySelectorAll(':scope > ul.values-list > li').forEach(li => pairs.push([text(dt), text(li)]));
  });
  document.querySelectorAll('table.values-table').forEach(table => {
    const heads = [...table.querySelectorAll(':scope > thead th')].map(text);
    table.querySelectorAll(':scope > tbody > tr').forEach(tr =>
      [...tr.children].forEach((td, i) => td.querySelector('dl, table, ul') || pairs.push([heads[i], text(td)])));
  });
  return pairs;
}"""


def _forms() -> dict[str, dict]:
    return {path.name: json.loads(path.read_text(encoding="utf-8")) for path in FORMS.glob("*.json")}


def _choices(node, found=None) -> dict[str, str]:
    """Every choice id of the shipped forms that reads differently from its title."""
    found = {} if found is None else found
    if isinstance(node, dict):
        for option in node.get("oneOf", []):
            if isinstance(option, dict) and "const" in option and str(option["const"]) != option.get("title"):
                found[str(option["const"])] = option.get("title", "")
        for value in node.values():
            _choices(value, found)
    elif isinstance(node, list):
        for value in node:
            _choices(value, found)
    return found


RAW_CHOICES = _choices(list(_forms().values()))


def _answers(services, version, birth: date) -> tuple[dict[str, dict], Generator]:
    """A unique value in every field of every form the VAPH scenario's tasks use."""
    guideline = services.library.casework(version).guideline
    forms = {element.id: element.form for element in guideline.process("diagnostisch_traject").elements.values()
             if element.form}
    generator = Generator(fixed={"aanmelding:kind_geboortedatum": birth,
                                 "instemming:bekwaamheid_oordeel": "bekwaam"})
    answers = {element: generator.answer(element, guideline.form(forms[element]), copy.deepcopy(base))
               for element, base in VAPH.items() if element in forms}
    return answers, generator


def _run(services, people, trajectory, answers, open_as) -> dict[int, str]:
    """Complete every task the scenario reaches, each by the person of its lane (two in Chromium);
    return the step (event seq) → task element."""
    pages = {}
    while True:
        ready = [t for t in services.trajectories.view(trajectory).ready if t.element in answers]
        if not ready:
            break
        task = ready[0]
        if task.element in BY_BROWSER:
            page = pages.get(task.lane) or open_as(task.lane.replace("_", "-"))
            pages[task.lane] = page
            complete(page, BY_BROWSER[task.element], answers[task.element])
        else:
            services.trajectories.complete_task(task.id, answers[task.element], people[task.lane])
    with services.uow() as uow:
        return {e.seq: events.payload(e)["element"] for e in uow.events.of_trajectory(trajectory)
                if e.type == events.TASK_COMPLETED}


def _flat(text: str) -> str:
    """The text without white space; a hyphen where a line broke after it (PDFium reports U+FFFE)."""
    return re.sub(r"\s+", "", text.replace("\ufffe", "-"))


def _nothing_raw(where: str, text: str, values: list[str]) -> None:
    """No raw True/False/None, ISO date or choice id a person would have to decode."""
    assert not re.search(r"\b(True|False|None)\b", text), where
    assert not ISO_DATE.search(text), f"{where}: {ISO_DATE.search(text).group()}"
    assert not [c for c in RAW_CHOICES if "_" in c and c in text], where
    assert not [v for v in values if v in RAW_CHOICES or ISO_DATE.fullmatch(v)], where


def _visit(page, url: str) -> tuple[str, list[tuple[str, str]]]:
    page.goto(url)
    # The diagram draws the guideline's own names (lanes are role ids): not recorded values.
    text = page.evaluate("() => { const main = document.querySelector('main').cloneNode(true); "
                         "main.querySelectorAll('.diagrams').forEach(d => d.remove()); "
                         "document.body.append(main); const t = main.innerText; main.remove(); return t; }")
    _nothing_raw(url, text, page.eval_on_selector_all("main .value", "nodes => nodes.map(n => n.innerText)"))
    return text, [tuple(pair) for pair in page.evaluate(PAIRS)]


def _found(expected: Expected, text: str, pairs: list[tuple[str, str]], label: str | None = None) -> bool:
    if expected.kind in ("yesno", "choice", "number"):
        return (label or expected.label, expected.shown) in pairs
    return expected.shown in text


def _belongs(expected: Expected) -> bool:
    prefixes = IN_A_DOCUMENT.get(expected.element, ())
    return any(expected.path.startswith(p) for p in prefixes)


def test_every_recorded_value_reaches_the_dossier_the_a_document_its_json_and_pdf(open_as, people, services):
    coordinator = people["coordinator"]
    born = date(2014, 1, 20)                                  # as the INSZ says
    family = [{"naam": "W-ouder-naam-A", "relatie": "moeder", "telefoon": "0471 99 99 01",
               "email": "w-a@voorbeeld.be", "wettelijk": True, "in_contact": True},
              {"naam": "W-ouder-naam-B", "relatie": "pleegouder", "telefoon": "0471 99 99 02",
               "email": "w-b@voorbeeld.be", "wettelijk": False, "in_contact": True}]
    child = services.children.register("14012012392", "W-voornaam", "W-familienaam", born, coordinator, family)
    trajectory = services.trajectories.start(child, coordinator)
    for role in TEAM:
        services.teams.set_role(trajectory, role, [people[role].id], coordinator)
    answers, generator = _answers(services, services.trajectories.view(trajectory).guideline_version, born)
    texts = [e.shown for e in generator.expected if e.kind in ("text", "date", "number")]
    assert not [t for t in texts if any(t != other and t in other for other in texts)], "values must be unique"
    steps = _run(services, people, trajectory, answers, open_as)
    assert "a_document_indienen" in steps.values(), "the trajectory ran to its submission"

    # Every step that recorded something is linked from the dossier; its page shows every answer.
    page = open_as("coordinator")
    dossier, _ = _visit(page, f"{page.base}/kinderen/{child}")
    assert axe_violations(page) == []
    hrefs = "nodes => nodes.map(n => n.getAttribute('href'))"
    links = {int(href.rsplit("/", 1)[1])
             for href in page.eval_on_selector_all("section[aria-labelledby^='bijdragen'] a[href*='/stappen/']", hrefs)}
    done = {element: seq for seq, element in steps.items()}
    missing = []
    for element in {e.element for e in generator.expected} & set(done):
        assert done[element] in links, f"the dossier links the step '{element}'"
        text, pairs = _visit(page, f"{page.base}/trajecten/{trajectory}/stappen/{done[element]}")
        missing += [f"{e.element}:{e.path} ({e.shown})" for e in generator.expected
                    if e.element == element and not _found(e, text, pairs)]
    assert missing == [], "not on the step's page: " + ", ".join(missing)
    assert axe_violations(page) == []

    # What belongs in the A-document is on its page, in its JSON's reading and in its PDF.
    text, pairs = _visit(page, f"{page.base}/trajecten/{trajectory}/a-document")
    assert axe_violations(page) == []
    exported = page.request.get(f"{page.base}/trajecten/{trajectory}/a-document.json").json()
    reading = json.dumps(exported["weergave"], ensure_ascii=False)
    pdf = page.request.get(f"{page.base}/trajecten/{trajectory}/a-document.pdf").body()
    document = pypdfium2.PdfDocument(pdf)
    printed = "\n".join(p.get_textpage().get_text_range() for p in document)
    document.close()
    _nothing_raw("PDF", printed, [])
    belongs = [e for e in generator.expected if _belongs(e) and e.element in done]
    assert {e.element for e in belongs} >= {"aanmelding", "verslag", "conclusie", "onderzoek_medisch"}
    lost = {"page": [], "json": [], "pdf": []}
    for e in belongs:
        label = A_DOCUMENT_LABELS.get(f"{e.element}:{e.path}")
        lost["page"] += [] if _found(e, text, pairs, label) else [f"{e.element}:{e.path}"]
        lost["json"] += [] if json.dumps(e.shown, ensure_ascii=False) in reading else [f"{e.element}:{e.path}"]
        lost["pdf"] += [] if _flat(e.shown) in _flat(printed) else [f"{e.element}:{e.path}"]
    assert lost == {"page": [], "json": [], "pdf": []}
    for value in ("W-voornaam W-familienaam", "14.01.20-123.92", "W-ouder-naam-B", "Pleegouder", "0471 99 99 02",
                  "w-b@voorbeeld.be", born.strftime("%d/%m/%Y")):
        assert value in text and _flat(value) in _flat(printed) and value in reading, value

    # In English the same reading, with the forms' own translations and dates as Babel writes them.
    page.get_by_role("button", name="English").click()
    english, pairs = _visit(page, f"{page.base}/trajecten/{trajectory}/stappen/{done['onderzoek_psychologisch']}")
    test = next(e for e in generator.expected if e.path == "bevinding.afgenomen_onderzoeken.0.datum"
                and e.element == "onderzoek_psychologisch")
    assert ("Date", format_date(date.fromisoformat(test.raw), "medium", locale="en")) in pairs
    assert "Answers" in english and "Instrument or test" in english and "Antwoorden" not in english
    english, pairs = _visit(page, f"{page.base}/trajecten/{trajectory}/a-document")
    assert ("Crisis", "No") in pairs and "Minor" in english and "Minderjarige" not in english
