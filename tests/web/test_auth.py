"""Log-in, sessions, CSRF and the refusal of anonymous requests."""

from __future__ import annotations

from engine.services.people import MAX_FAILURES_PER_USER


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
