"""The quality center's pages: members only, every action logged, the whole way to a publication."""

from __future__ import annotations

import io

import pytest

from tests.quality import guideline
from tests.web.conftest import Browser


def login(app, name: str) -> Browser:
    browser = Browser(app)
    assert browser.login(name).status_code == 302
    return browser


def upload(browser: Browser, url: str, files: dict[str, str], token_from: str, **fields):
    data = {"bestanden": [(io.BytesIO(text.encode()), name) for name, text in files.items()], **fields}
    return browser.post(url, data=data, token_from=token_from, content_type="multipart/form-data")


def test_from_upload_to_publication_on_the_pages(app, services, members, shipped_version):
    an, bert = login(app, "an"), login(app, "bert")
    library = an.get("/kwaliteit")
    assert library.status_code == 200 and shipped_version in library.text and "Richtlijnen" in library.text
    created = upload(an, "/kwaliteit/concepten", guideline.files(), "/kwaliteit", titel="Hulpmiddelen")
    assert created.status_code == 302
    page_url = created.headers["Location"]
    draft_id = page_url.rsplit("/", 1)[-1]
    page = an.get(page_url)
    assert "Hulpmiddelen" in page.text and "hulpmiddel.bpmn" in page.text and "Geen bevindingen" in page.text

    ran = an.post(f"/kwaliteit/concepten/{draft_id}/testrun", token_from=page_url)
    assert ran.status_code == 302
    page = an.get(page_url)
    assert 'id="dekking-knopen">11/15<' in page.text and "termijn_beoordeling" in page.text

    reminded = guideline.files(scenarios=(guideline.REMINDED,))
    upload(an, f"/kwaliteit/concepten/{draft_id}/bestanden",
           {"gewoon_met_herinnering.json": reminded["gewoon_met_herinnering.json"]}, page_url)
    an.post(f"/kwaliteit/concepten/{draft_id}/testrun", token_from=page_url)
    assert 'id="goedkeuren"' not in an.get(page_url).text           # the last editor does not approve
    refused = an.post(f"/kwaliteit/concepten/{draft_id}/publicatie", token_from=page_url, follow_redirects=True)
    assert "Publiceren kan nog niet" in refused.text and "goedkeuring" in refused.text

    assert 'id="goedkeuren"' in bert.get(page_url).text
    assert bert.post(f"/kwaliteit/concepten/{draft_id}/goedkeuring", token_from=page_url).status_code == 302
    published = bert.post(f"/kwaliteit/concepten/{draft_id}/publicatie", token_from=page_url, follow_redirects=True)
    version = services.library.current()
    assert version != shipped_version and f"Gepubliceerd als versie {version}" in published.text

    with services.uow() as uow:
        actions = {(e.action, e.subject) for e in uow.access.about(f"richtlijn:{draft_id}")}
    assert {"concept aanmaken", "lezen", "testrun", "concept bewaren", "goedkeuren", "publicatie geweigerd"} <= \
        {action for action, _ in actions}


def test_the_diff_page_shows_both_sides(app, services, members, shipped_version):
    an = login(app, "an")
    draft = services.quality.drafts.create(members["an"], from_version=shipped_version)
    bpmn = services.quality.drafts.file(draft, "diagnostisch_traject.bpmn", members["an"])
    services.quality.drafts.put(draft, {"diagnostisch_traject.bpmn": bpmn.replace(
        'name="Crisis?"', 'name="Crisis of niet?"').encode()}, members["an"])
    page = an.get(f"/kwaliteit/vergelijk?a={shipped_version}&b={draft}")
    assert page.status_code == 200 and "gw_crisis" in page.text and "enkel opmaak" in page.text
    assert page.text.count('class="canvas quality-canvas"') == 8          # four BPMN files, side by side


@pytest.mark.parametrize("role", ["admin", "auditor", "coordinator", "team_lead"])
def test_the_pages_are_for_quality_center_members_only(app, services, members, role, shipped_version):
    services.people.add(f"x-{role}", "wachtwoord-123", [role], role)
    browser = login(app, f"x-{role}")
    for url in ("/kwaliteit", f"/kwaliteit/richtlijnen/{shipped_version}/export.zip",
                f"/kwaliteit/richtlijnen/{shipped_version}/bestanden/diagnostisch_traject.bpmn"):
        page = browser.get(url)
        assert page.status_code == 403 and "kwaliteitscentrum" in page.text
    assert "/kwaliteit" not in browser.get("/taken").text             # no menu entry either


def test_a_version_page_runs_its_scenarios_and_paints_their_coverage(app, members, shipped_version):
    page = login(app, "an").get(f"/kwaliteit/versies/{shipped_version}")
    assert page.status_code == 200 and 'id="dekking-knopen">75/80<' in page.text
    assert page.text.count('class="canvas quality-canvas"') == 4 and "verslag_bijwerken" in page.text
