"""The family's pages and API over HTTP: invitations, log-in, their page, consent, their words, the
agreement, the copy; and access — a family member of child A gets 403 on everything of child B and
on every professional page and API operation."""

from __future__ import annotations

from datetime import date

import pytest

from engine.store.models import AccessEntry
from tests.family.helpers import BORN_13, PASSWORD, family_world
from tests.web.conftest import BASE, Browser


@pytest.fixture
def world(services, everyone):
    return family_world(services, everyone)


def _token(app, username: str) -> dict:
    answer = app.test_client().post("/api/v1/auth/token", json={"username": username, "password": PASSWORD})
    assert answer.status_code == 200, answer.json
    return {"Authorization": f"Bearer {answer.json['token']}"}


def test_the_coordinator_invites_through_the_api_and_the_invitee_accepts_without_logging_in(app, services, everyone):
    from tests.store.helpers import make_child, start_with_team
    child = make_child(services, everyone, insz="13030112373", born=BORN_13)
    trajectory = start_with_team(services, child, everyone)
    coordinator = _token(app, "alleskunner")
    client = app.test_client()
    answer = client.post(f"/api/v1/trajectories/{trajectory}/invitations", headers=coordinator,
                         json={"name": "Sofie Janssens", "relation": "moeder", "role": "legal_representative"})
    assert answer.status_code == 201, answer.json
    assert set(answer.json) == {"code", "link", "expires_at", "sent"} and answer.json["code"] in answer.json["link"]
    assert answer.json["sent"] is False                    # no SMTP configured: shown to print
    accepted = client.post(f"/api/v1/invitations/{answer.json['code']}/acceptance",
                           json={"username": "sofie", "password": PASSWORD})
    assert accepted.status_code == 201 and accepted.json["username"] == "sofie"
    again = client.post(f"/api/v1/invitations/{answer.json['code']}/acceptance",
                        json={"username": "sofie2", "password": PASSWORD})
    assert again.status_code == 404
    mine = client.get("/api/v1/family/trajectory", headers=_token(app, "sofie"))
    assert mine.status_code == 200 and mine.json["child"] == "Lotte"
    assert [s["key"] for s in mine.json["steps"]] == ["aanmelding", "kennismaking", "onderzoek", "bespreking",
                                                      "advies", "a_document"]


def test_family_consent_through_the_api_moves_the_trajectory_on(app, services, world):
    mother, kid = _token(app, "sofie-13030112373"), _token(app, "lotte-13030112373")
    father = _token(app, "tom-13030112373")
    client = app.test_client()
    refused = client.post("/api/v1/family/consent", headers=father, json={"answer": "ja", "scope": ["diagnostiek"]})
    assert refused.status_code == 403
    first = client.post("/api/v1/family/consent", headers=mother, json={"answer": "ja", "scope": ["diagnostiek"]})
    assert first.status_code == 200 and first.json == {"consent": "open"}
    second = client.post("/api/v1/family/consent", headers=kid, json={"answer": "ja", "scope": ["diagnostiek"]})
    assert second.json == {"consent": "gegeven"}
    assert "intake" in [t.element for t in services.trajectories.view(world["trajectory"]).ready]
    words = client.post("/api/v1/family/words", headers=kid, json={"text": "Ik wil weer graag naar school."})
    assert words.status_code == 200 and words.json == {"moment": "vraag"}
    copy = client.get("/api/v1/family/copy", headers=kid)
    assert copy.status_code == 200 and any(a["soort"] == "gezin_visie" for a in copy.json["gezin"])


def test_the_family_page_at_phone_width_shows_the_phase_line_and_asks_for_consent(app, world):
    browser = Browser(app)
    login = browser.login("sofie-13030112373")
    assert login.status_code == 302 and login.headers["Location"].endswith("/gezin")
    page = browser.get("/gezin")
    assert page.status_code == 200
    assert "Waar staan we?" in page.text and 'aria-current="step"' in page.text and "Kennismaking" in page.text
    assert "Geef je toestemming" in page.text
    answer = browser.post("/gezin/instemming", {"antwoord": "ja", "reikwijdte": ["diagnostiek"]}, token_from="/gezin")
    assert answer.status_code == 302
    assert "We wachten nog op" in browser.get("/gezin").text


def test_a_family_member_gets_403_on_every_professional_page_and_operation(app, services, everyone, world):
    """Every page and API route that is not the family's own refuses a family member (403), and nothing of
    another child's trajectory reaches them."""
    other = family_world(services, everyone, insz="13030245601", born=date(2013, 3, 2))
    browser = Browser(app)
    assert browser.login("sofie-13030112373").status_code == 302
    token = _token(app, "sofie-13030112373")
    open_to_family = {"static", "vendor.asset", "health", "auth.login", "auth.logout", "i18n.choose_language",
                      "inbox.home", "api.openapi", "api.token", "api.logout", "api.set_password",
                      "api.accept_invitation", "family.invitation", "family.enter_code", "people.set_password"}
    values = {"trajectory_id": other["trajectory"], "child_id": other["child"], "person_id": everyone.id,
              "task_id": "x", "version": "x", "seq": "1", "secret": "x", "name": "x", "draft_id": "x",
              "version_id": "x", "notice": "x", "member_id": "x", "code": "x", "filename": "x", "path": "x"}
    wrong = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint in open_to_family:
            continue
        url = rule.rule
        for name, value in values.items():
            url = url.replace(f"<{name}>", value).replace(f"<int:{name}>", "1").replace(f"<path:{name}>", value)
        for method in sorted(set(rule.methods) - {"HEAD", "OPTIONS"}):
            family_own = rule.endpoint.startswith("family.") and rule.endpoint not in ("family.invite",
                                                                                     "family.answer_correction") \
                or rule.endpoint.startswith("api.family_")
            if family_own:
                continue
            if url.startswith("/api/"):
                answer = app.test_client().open(url, method=method, headers=token, json={}, base_url=BASE)
            elif method == "GET":
                answer = browser.get(url)
            else:
                answer = browser.post(url, {}, token_from="/gezin")
            if answer.status_code != 403:
                wrong.append(f"{method} {url} ({rule.endpoint}): {answer.status_code}")
    assert not wrong, "\n".join(wrong)
    mine = app.test_client().get("/api/v1/family/trajectory", headers=token).json
    assert mine["trajectory_id"] == world["trajectory"] != other["trajectory"]


def test_the_family_reads_the_a_document_as_pdf_and_their_page_in_english(app, services, world):
    from tests.store.helpers import run_scenario
    services.family_decisions.consent("ja", ["diagnostiek"], "", world["mother"])
    services.family_decisions.consent("ja", ["diagnostiek"], "", world["kid"])
    run_scenario(services, world["trajectory"], world["coordinator"], "standaard", stop_at="akkoord_client")
    kid = _token(app, "lotte-13030112373")
    pdf = app.test_client().get("/api/v1/family/a-document.pdf", headers=kid)
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    browser = Browser(app)
    assert browser.login("sofie-13030112373").status_code == 302
    browser.post("/taal", {"lang": "en", "next": "/gezin"}, token_from="/gezin")
    page = browser.get("/gezin").text
    assert "Where are we?" in page and "Read the A-document and say whether you agree" in page
    with services.uow() as uow:
        actions = {e.action for e in uow.session.query(AccessEntry) if e.actor == world["kid"].id}
    assert "download-gezin" in actions                     # every read is logged, as a professional's


class _FakeSmtp:
    sent: list = []

    def __init__(self, host, port, timeout=None):
        self.host, self.port = host, port

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def starttls(self):
        pass

    def send_message(self, message):
        _FakeSmtp.sent.append(message)


def test_an_invitation_goes_by_e_mail_when_smtp_is_configured(services, everyone, config, monkeypatch):
    from dataclasses import replace

    from tests.store.helpers import make_child, start_with_team
    from web.app import create_app
    monkeypatch.setattr("smtplib.SMTP", _FakeSmtp)
    app = create_app(replace(config, smtp_host="smtp.example", smtp_from="ekd@example.org"), services)
    child = make_child(services, everyone, insz="13030112373", born=BORN_13)
    trajectory = start_with_team(services, child, everyone)
    answer = app.test_client().post(f"/api/v1/trajectories/{trajectory}/invitations",
                                    headers=_token(app, "alleskunner"),
                                    json={"name": "Tom Peeters", "role": "parent", "email": "tom@example.org"})
    assert answer.status_code == 201 and answer.json["sent"] is True
    message = _FakeSmtp.sent[-1]
    assert message["To"] == "tom@example.org" and answer.json["code"] in message.get_content()
    header = app.test_client().post(f"/api/v1/trajectories/{trajectory}/invitations",
                                    headers=_token(app, "alleskunner"),
                                    json={"name": "Tom Peeters", "role": "parent", "email": "x@y.org\\nBcc: z@w"})
    assert header.status_code == 201 and header.json["sent"] is False        # no header injection: shown to print
