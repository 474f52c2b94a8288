"""A live ekd server and Debian's Chromium driven by Playwright for Python."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

from engine.roles import ROLES
from tests.conftest import FORMS, PROCESSES, ROOT
from web.app import create_app
from web.config import Config

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]
PASSWORD = "wachtwoord-123"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "docs" / "screenshots"


@pytest.fixture
def server(tmp_path, database_url, services):
    config = Config(processes_dir=PROCESSES, forms_dir=FORMS, instance_dir=tmp_path, database_url=database_url,
                    secret_key="browser-geheim", tick_seconds=3600)
    live = make_server("127.0.0.1", 0, create_app(config, services), threaded=True)
    thread = threading.Thread(target=live.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{live.server_port}"
    live.shutdown()


@pytest.fixture
def people(services):
    return {role: services.people.add(role.replace("_", "-"), PASSWORD, [role], f"{role.replace('_', ' ').title()}")
            for role in ROLES}


@pytest.fixture(scope="session")
def chromium():
    assert Path(CHROMIUM).exists(), "Debian's chromium is missing (make test installs it)"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def open_as(chromium, server):
    contexts = []

    def login(username: str | None, viewport=(1280, 860), lands: str = "/taken"):
        context = chromium.new_context(viewport={"width": viewport[0], "height": viewport[1]}, locale="nl-BE")
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15000)
        page.base = server
        if username:
            page.goto(f"{server}/login")
            page.fill("#username", username)
            page.fill("#password", PASSWORD)
            page.click("button.primary")
            page.wait_for_url(f"{server}{lands}")
        return page
    yield login
    for context in contexts:
        context.close()


def axe_violations(page) -> list[str]:
    """Run axe-core (from npm) in the page; return its serious and critical findings."""
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
            for v in result["violations"] if v["impact"] in ("serious", "critical")]
