"""Log-in, sessions, CSRF and the refusal of anonymous requests."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from engine.services.logins import MAX_FAILURES_PER_USER
from tests.conftest import ROOT
from tests.web.test_api import token

EKD = str(Path(sys.executable).with_name("ekd"))


def test_the_login_page_is_dutch_by_default(browser):
    page = browser().get("/login")
    assert page.status_code == 200 and '<html lang="nl-BE">' in page.text and "Aanmelden" in page.text


def test_anonymous_pages_redirect_to_login_and_the_api_answers_401(browser):
    anonymous = browser()
    assert anonymous.get("/").headers["Location"].endswith("/login")
    assert "/login?next=/taken" in anonymous.get("/taken").headers["Location"]
    for url in ("/api/v1/tasks", "/api/v1/tasks/x", "/api/v1/trajectories/x", "/api/v1/trajectories/x/events"):
        response = anonymous.get(url)
        assert response.status_code == 401 and response.content_type == "application/problem+json"
        assert response.json["status"] == 401 and "Location" not in response.headers
    assert anonymous.get("/health").status_code == 200
    assert anonymous.get("/api/v1/openapi.json").status_code == 200


def test_a_wrong_password_is_refused_and_guessing_is_slowed_down(browser, people):
    guesser = browser()
    for _ in range(MAX_FAILURES_PER_USER):
        assert guesser.login("psychologist", "fout-wachtwoord").status_code == 401
    assert guesser.login("psychologist").status_code == 429    # even the right password, for now
    assert browser().login("physician").status_code == 302      # others are not affected


def test_the_session_cookie_is_secure(browser, people):
    response = browser().login("psychologist")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "Secure" in cookie and "SameSite=Lax" in cookie


def test_posts_without_csrf_token_are_refused(browser, people):
    person = browser("coordinator")
    response = person.client.post("/logout", base_url="https://localhost", headers={"Referer": "https://localhost/"})
    assert response.status_code == 400
    assert person.get("/taken").status_code == 200            # still logged in


def test_logout_ends_the_session(browser, people):
    person = browser("psychologist")
    assert person.post("/logout").status_code == 302
    assert person.get("/taken").status_code == 302


def test_security_headers(browser, people):
    page = browser("psychologist").get("/taken")
    assert "default-src 'self'" in page.headers["Content-Security-Policy"]
    assert page.headers["X-Frame-Options"] == "DENY" and page.headers["Cache-Control"] == "no-store"


def test_language_can_be_switched_to_english(browser, people):
    person = browser("psychologist")
    person.post("/taal", {"lang": "en", "next": "/taken"})
    page = person.get("/taken")
    assert '<html lang="en">' in page.text and "My tasks" in page.text and "Mijn taken" not in page.text


def test_ekd_user_revoke_ends_every_session_and_token_of_a_person(tmp_path, app, people, services):
    bearer = token(app, "psychologist")
    env = {**os.environ, "EKD_DATABASE_URL": services.database.url, "EKD_INSTANCE_DIR": str(tmp_path)}

    def ekd(*args):
        return subprocess.run([EKD, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    done = ekd("user", "revoke", "psychologist")
    assert done.returncode == 0, done.stderr
    assert "psychologist" in done.stdout
    assert app.test_client().get("/api/v1/tasks", headers=bearer).status_code == 401
    unknown = ekd("user", "revoke", "niemand")
    assert unknown.returncode == 1 and "niemand" in unknown.stderr
    assert app.test_client().get("/api/v1/tasks", headers=token(app, "physician")).status_code == 200
