"""The A-document in the web app and the API: who sees it, downloads, the JSON schema, the PDF."""

from __future__ import annotations

import json
import os
from datetime import date

import pypdfium2
import pytest
from jsonschema import Draft202012Validator

from tests.conftest import ROOT
from tests.store.helpers import run_scenario
from tests.web.test_api import token

SCHEMA = json.loads((ROOT / "docs" / "a-document.schema.json").read_text(encoding="utf-8"))
FAMILY = [{"naam": "Sofie Janssens", "relatie": "moeder", "telefoon": "0470 12 34 56", "email": "",
           "wettelijk": True, "in_contact": True},
          {"naam": "Tom Peeters", "relatie": "vader", "telefoon": "", "email": "", "wettelijk": True,
           "in_contact": True}]


@pytest.fixture
def document_trajectory(services, people, everyone):
    """A VAPH trajectory (psychologist, physician, social worker, speech therapist sign) run to its end."""
    child = services.children.register("14012012392", "Ruben", "Claes", date(2014, 1, 20), everyone, FAMILY)
    trajectory = services.trajectories.start(child, everyone)
    for role in ("psychologist", "physician", "social_worker", "speech_therapist", "physiotherapist", "team_lead"):
        services.teams.set_role(trajectory, role, [everyone.id, people[role].id], everyone)
    services.teams.set_role(trajectory, "coordinator", [everyone.id, people["coordinator"].id], everyone)
    run_scenario(services, trajectory, everyone, "vaph_aanvraag")
    assert services.documents.view(trajectory, everyone).status == "ingediend"
    return trajectory


def test_the_draft_is_for_the_coordinator_and_the_signing_disciplines(browser, people, services, everyone, child):
    trajectory = services.trajectories.start(child, people["coordinator"])
    services.teams.set_role(trajectory, "coordinator", [everyone.id, people["coordinator"].id], people["coordinator"])
    for role in ("psychologist", "speech_therapist", "physiotherapist"):
        services.teams.set_role(trajectory, role, [everyone.id, people[role].id], everyone)
    run_scenario(services, trajectory, everyone, "standaard", stop_at="akkoord_client")
    page = browser("coordinator").get(f"/trajecten/{trajectory}/a-document")
    assert page.status_code == 200 and "1. Identificatie" in page.text and "Wat nog ontbreekt" in page.text
    assert 'href="#akkoord"' in page.text and "Indienen kan pas als deze lijst leeg is." in page.text
    assert browser("psychologist").get(f"/trajecten/{trajectory}/a-document").status_code == 200
    assert browser("physiotherapist").get(f"/trajecten/{trajectory}/a-document").status_code == 403   # not a signer
    assert browser("physician").get(f"/trajecten/{trajectory}/a-document").status_code == 403         # not on the team


def test_missing_items_link_to_where_they_are_fixed(browser, people, services, everyone, child):
    trajectory = services.trajectories.start(child, people["coordinator"])
    services.teams.set_role(trajectory, "coordinator", [everyone.id, people["coordinator"].id], people["coordinator"])
    for role in ("psychologist", "speech_therapist"):
        services.teams.set_role(trajectory, role, [everyone.id], everyone)
    run_scenario(services, trajectory, everyone, "standaard", stop_at="verslag")
    report = [t for t in services.trajectories.view(trajectory).ready if t.element == "verslag"][0]
    services.trajectories.complete_task(report.id, {"typemodules": [{"typemodule": "verblijf", "termijn": "1 jaar"}],
                                                    "urgentie": "hoog"}, everyone)
    page = browser("coordinator").get(f"/trajecten/{trajectory}/a-document")
    assert '<a href="#f-ontvanger_documenten">Er is geen ontvanger van de documenten.</a>' in page.text
    assert 'href="#f-bestemming_kinderbijslag"' in page.text and 'id="f-bestemming_kinderbijslag"' in page.text
    filled = browser("coordinator").post(f"/trajecten/{trajectory}/a-document/aanvullen",
                                         {"ontvanger_documenten.naam": "Sofie Janssens",
                                          "bestemming_kinderbijslag": "Rekening van de moeder"},
                                         token_from=f"/trajecten/{trajectory}/a-document")
    assert filled.status_code == 302
    after = services.documents.view(trajectory, everyone).missing
    assert not [m for m in after if m.code in ("ontvanger", "kinderbijslag")]


def test_downloads_are_logged_and_the_json_follows_its_documented_schema(browser, people, services, everyone,
                                                                        document_trajectory):
    coordinator = browser("coordinator")
    exported = coordinator.get(f"/trajecten/{document_trajectory}/a-document.json")
    assert exported.status_code == 200 and "attachment" in exported.headers["Content-Disposition"]
    Draft202012Validator(SCHEMA, format_checker=Draft202012Validator.FORMAT_CHECKER).validate(exported.json)
    body = exported.json
    assert body["status"] == "ingediend" and body["versie"] == 1
    family = body["inhoud"]["identificatie"]["gezinsbetrokkenen"]
    assert [p["naam"] for p in family] == ["Sofie Janssens", "Tom Peeters"]
    assert {s["discipline"] for s in body["ondertekening"]} == {"psychologist", "physician", "social_worker",
                                                                "speech_therapist"}
    assert all(s["geldig"] for s in body["ondertekening"]) and body["akkoord"]["geldig"]
    assert coordinator.get(f"/trajecten/{document_trajectory}/a-document.pdf").status_code == 200
    with services.uow() as uow:
        downloads = [e for e in uow.access.about(f"a-document:{document_trajectory}") if e.action == "download"]
    assert len(downloads) == 2 and downloads[0].actor == people["coordinator"].id


def test_the_pdf_has_sections_signatures_page_numbers_version_and_hash(app, people, services, everyone,
                                                                       document_trajectory, tmp_path):
    client, auth = app.test_client(), token(app, "coordinator")
    response = client.get(f"/api/v1/trajectories/{document_trajectory}/a-document.pdf", headers=auth)
    assert response.status_code == 200 and response.content_type == "application/pdf"
    pdf = pypdfium2.PdfDocument(response.data)
    pages = len(pdf)
    text = "\n".join(pdf[i].get_textpage().get_text_range() for i in range(pages))
    digest = client.get(f"/api/v1/trajectories/{document_trajectory}/a-document", headers=auth).json["inhoud_hash"]
    assert pages >= 2 and f"pagina 1 van {pages}" in text and f"pagina {pages} van {pages}" in text
    assert "versie 1" in text and digest[:32] in text.replace("\n", "")
    for heading in ("1. Identificatie", "2. Vraagverheldering", "3. Diagnostiek", "5. Gewenste jeugdhulp",
                    "Ondertekening", "Akkoord van de cliënt"):
        assert heading in text
    if os.environ.get("EKD_UPDATE_SCREENSHOTS") == "1":
        pdf[0].render(scale=1.6).to_pil().save(ROOT / "docs" / "screenshots" / "a-document-p1.png")
    pdf.close()


def test_the_api_gives_the_a_document_with_the_same_access_rules(app, people, document_trajectory):
    client = app.test_client()
    ok = client.get(f"/api/v1/trajectories/{document_trajectory}/a-document", headers=token(app, "psychologist"))
    assert ok.status_code == 200 and ok.json["versie"] == 1
    assert client.get(f"/api/v1/trajectories/{document_trajectory}/a-document",
                      headers=token(app, "team-lead")).status_code == 403


def test_a_frozen_document_cannot_be_changed_through_the_pages(browser, people, document_trajectory):
    coordinator = browser("coordinator")
    url = f"/trajecten/{document_trajectory}/a-document"
    page = coordinator.get(url)
    assert "ingediend en bevroren" in page.text and "Nieuwe versie maken" in page.text
    refused = coordinator.post(f"{url}/aanvullen", {"bijkomende_informatie": "Te laat."}, token_from=url)
    assert refused.status_code == 409
    corrected = coordinator.post(f"{url}/corrigeren", {"reden": "Typfout in de naam van de aanmelder"},
                                 token_from=url)
    assert corrected.status_code == 302
    assert "versie 2" in coordinator.get(url).text
