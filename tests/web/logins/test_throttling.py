"""Password guessing is slowed down per account (atomically) and, far more loosely, per address."""

from __future__ import annotations

import threading

from engine.services.logins import MAX_FAILURES_PER_ADDRESS, MAX_FAILURES_PER_USER
from tests.web.conftest import PASSWORD


def _token(app, username: str, password: str, address: str = "127.0.0.1"):
    return app.test_client().post("/api/v1/auth/token", json={"username": username, "password": password},
                                  environ_base={"REMOTE_ADDR": address})


def test_parallel_wrong_passwords_are_verified_at_most_the_allowed_number_of_times(app, people, verifications):
    attempts = 20
    start = threading.Barrier(attempts)
    statuses: list[int] = []

    def guess(number: int) -> None:
        start.wait()
        statuses.append(_token(app, "psychologist", f"fout-wachtwoord-{number}").status_code)

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(attempts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(set(statuses)) == [401, 429] and len(statuses) == attempts
    assert verifications.verified <= MAX_FAILURES_PER_USER
    assert statuses.count(401) <= MAX_FAILURES_PER_USER
    assert statuses.count(429) >= attempts - MAX_FAILURES_PER_USER
    assert _token(app, "psychologist", PASSWORD).status_code == 429      # the account waits, even for the right one


def test_a_colleagues_typos_never_lock_out_another_colleague_behind_the_same_address(browser, people):
    colleagues = ["psychologist", "physician", "social-worker", "speech-therapist", "physiotherapist", "team-lead"]
    office = browser()
    for name in colleagues:
        for _ in range(MAX_FAILURES_PER_USER):
            assert office.login(name, "fout-wachtwoord").status_code == 401
    assert office.login("coordinator").status_code == 302


def test_the_address_limit_counts_failures_only_and_refuses_everyone_behind_it(app, people, services, test_clock):
    with services.uow(write=True) as uow:
        for number in range(MAX_FAILURES_PER_ADDRESS - 1):
            uow.login_failures.record(f"gok-{number}", "10.0.0.7", test_clock.now)
        uow.commit()
    for _ in range(3):                                       # successes do not count
        assert _token(app, "psychologist", PASSWORD, "10.0.0.7").status_code == 200
    test_clock.advance(minutes=5)
    assert _token(app, "niemand", "fout-wachtwoord", "10.0.0.7").status_code == 401
    refused = _token(app, "physician", PASSWORD, "10.0.0.7")
    assert refused.status_code == 429 and refused.content_type == "application/problem+json"
    assert refused.headers["Retry-After"] == str(10 * 60)    # the oldest failure leaves the window then
    assert _token(app, "physician", PASSWORD, "10.0.0.8").status_code == 200


def test_too_many_attempts_says_when_to_retry_on_the_page_and_the_api(app, browser, people, test_clock):
    guesser = browser()
    for _ in range(MAX_FAILURES_PER_USER):
        assert guesser.login("psychologist", "fout-wachtwoord").status_code == 401
    page = guesser.login("psychologist")
    assert page.status_code == 429 and page.headers["Retry-After"] == str(15 * 60)
    test_clock.advance(minutes=10)
    api = _token(app, "psychologist", PASSWORD)
    assert api.status_code == 429 and api.content_type == "application/problem+json"
    assert api.headers["Retry-After"] == str(5 * 60) and api.json["status"] == 429
    test_clock.advance(minutes=5, seconds=1)
    assert guesser.login("psychologist").status_code == 302
