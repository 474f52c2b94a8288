"""A page session lives on the server: log-out, idle time and revocation end it there."""

from __future__ import annotations

import dataclasses

import pytest

from engine.store.uow import UnitOfWork
from tests.web.conftest import Browser
from web.app import create_app
from web.config import Config

COOKIE = "ekd_sessie"


def _copy_cookie(source: Browser, target: Browser) -> None:
    cookie = source.client.get_cookie(COOKIE)
    target.client.set_cookie(COOKIE, cookie.value, domain=cookie.domain, path=cookie.path, secure=True)


def test_a_copied_session_cookie_stops_working_after_log_out(app, browser, people):
    person = browser("psychologist")
    thief = Browser(app)
    _copy_cookie(person, thief)
    assert thief.get("/taken").status_code == 200              # the copy works while the session lives
    assert person.post("/logout").status_code == 302
    refused = thief.get("/taken")
    assert refused.status_code == 302 and "/login" in refused.headers["Location"]


def test_a_session_ends_after_idle_time_but_not_while_used(browser, people, test_clock):
    person = browser("psychologist")
    for _ in range(3):                                          # 60 minutes, never 30 idle
        test_clock.advance(minutes=20)
        assert person.get("/taken").status_code == 200
    test_clock.advance(minutes=31)
    refused = person.get("/taken")
    assert refused.status_code == 302 and "/login" in refused.headers["Location"]
    assert person.login("psychologist").status_code == 302      # logging in again starts a new one


def test_the_idle_time_is_configurable(config, services, people, test_clock):
    assert config.idle_minutes == 30
    assert Config.from_environment({"EKD_IDLE_MINUTES": "5"}).idle_minutes == 5
    person = Browser(create_app(dataclasses.replace(config, idle_minutes=5), services))
    assert person.login("psychologist").status_code == 302
    test_clock.advance(minutes=4)
    assert person.get("/taken").status_code == 200
    test_clock.advance(minutes=6)
    assert person.get("/taken").status_code == 302


@pytest.fixture
def writes(monkeypatch):
    """How many writing units of work ran."""
    counted = []
    enter = UnitOfWork.__enter__

    def counting(self):
        if self.write:
            counted.append(self)
        return enter(self)
    monkeypatch.setattr(UnitOfWork, "__enter__", counting)
    return counted


def test_a_page_view_writes_the_last_seen_time_at_most_once_a_minute(browser, people, test_clock, writes):
    person = browser("psychologist")
    writes.clear()
    for _ in range(3):
        test_clock.advance(seconds=15)
        assert person.get("/taken").status_code == 200
    assert writes == []
    test_clock.advance(seconds=20)                              # 65 s since the log-in
    assert person.get("/taken").status_code == 200
    assert person.get("/taken").status_code == 200
    assert len(writes) == 1


def test_log_out_is_in_the_access_log(browser, people, services):
    person = browser("psychologist")
    person.post("/logout")
    psychologist = people["psychologist"].id
    with services.uow() as uow:
        actions = [(e.actor, e.action) for e in uow.access.about(f"persoon:{psychologist}")]
    assert actions == [("cli", "persoon-aangemaakt"), (psychologist, "aanmelden"), (psychologist, "afmelden")]
