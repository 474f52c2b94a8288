"""The web app over a real SQLite file, with one person per role."""

from __future__ import annotations

import re

import pytest

from engine.roles import ROLES
from tests.conftest import FORMS, PROCESSES
from web.app import create_app
from web.config import Config

PASSWORD = "wachtwoord-123"


@pytest.fixture
def config(tmp_path, database_url):
    return Config(processes_dir=PROCESSES, forms_dir=FORMS, instance_dir=tmp_path, database_url=database_url,
                  secret_key="test-geheim", tick_seconds=3600, secure_cookies=True, testing=True)


@pytest.fixture
def app(config, services):
    return create_app(config, services)


@pytest.fixture
def people(services):
    """One person per role, named after it: psychologist, physician, coordinator, …"""
    return {role: services.people.add(role.replace("_", "-"), PASSWORD, [role], f"{role.title()} Persoon")
            for role in ROLES}


def csrf(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


BASE = "https://localhost"
SAME_ORIGIN = {"Referer": f"{BASE}/"}     # browsers send it on same-origin HTTPS posts; CSRF checks it


class Browser:
    """A test client that logs in like a person would (with CSRF tokens)."""

    def __init__(self, app):
        self.client = app.test_client()

    def login(self, username: str, password: str = PASSWORD):
        page = self.client.get("/login", base_url=BASE)
        return self.client.post("/login", data={"username": username, "password": password,
                                                "csrf_token": csrf(page.text)}, base_url=BASE, headers=SAME_ORIGIN)

    def get(self, url, **kwargs):
        return self.client.get(url, base_url=BASE, **kwargs)

    def post(self, url, data=None, token_from: str | None = None, **kwargs):
        data = dict(data or {})
        if "csrf_token" not in data:
            data["csrf_token"] = csrf(self.get(token_from or "/taken").text)
        return self.client.post(url, data=data, base_url=BASE, headers=SAME_ORIGIN, **kwargs)


@pytest.fixture
def browser(app):
    def make(username: str | None = None):
        made = Browser(app)
        if username:
            assert made.login(username).status_code == 302
        return made
    return make


@pytest.fixture
def child(services, people):
    """Lotte Peeters, registered by 'coordinator' (a coordinator reaches the children they registered)."""
    from tests.store.helpers import make_child
    return make_child(services, people["coordinator"])


@pytest.fixture
def team_trajectory(services, people, child):
    """A trajectory run to the investigations (VAPH: psychologist, physician, social worker, speech
    therapist), coordinated by 'coordinator' with one person per discipline on the team."""
    coordinator = people["coordinator"]
    trajectory = services.trajectories.start(child, coordinator)
    for role in ("psychologist", "physician", "social_worker", "speech_therapist", "physiotherapist", "team_lead"):
        services.teams.set_role(trajectory, role, [people[role].id], coordinator)
    run_as_coordinator(services, trajectory, coordinator)
    return trajectory


def run_as_coordinator(services, trajectory, coordinator):
    from tests.steps.trajectory import SCENARIOS, answer, as_recorded
    scenario = SCENARIOS["vaph_aanvraag"]
    while True:
        ready = [t for t in services.trajectories.view(trajectory).ready if t.lane == "coordinator"]
        if not ready:
            return
        services.trajectories.complete_task(ready[0].id, as_recorded(answer(scenario, ready[0].element)), coordinator)
