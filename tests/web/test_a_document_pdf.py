"""The A-document PDF with hostile client data: it stays text, and WeasyPrint fetches nothing from outside."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pypdfium2
import pytest

from engine.adocument import display
from tests.web.test_api import token
from web import pdf

HEADINGS = ("1. Identificatie", "2. Vraagverheldering", "3. Diagnostiek", "4. Visie van het kind en het gezin",
            "5. Gewenste jeugdhulp", "6. Urgentie", "7. Bestemming van 1/3 van de kinderbijslag",
            "Akkoord van de cliënt", "Ondertekening")
HEADER_BAND = 62     # points: the top margin of the A4 page (22 mm), where the running header sits

# Printable family names under 200 characters; {url} is the listening server's address.
HOSTILE = {
    "css-breakout": 'x"; }} body {{ display: none }} @page {{ @top-left {{ content: url({url}/leak) }} }} /*',
    "import": "x\"; }} @import url({url}/import); @page {{ @top-left {{ content: 'weg' }} }} /*",
    "style-end": '</style><link rel=stylesheet href={url}/l><img src={url}/i><style>',
    "backslash": "O'Brien \\",
}


class Listener:
    """A local HTTP server that records every request it gets."""

    def __init__(self):
        self.requests: list[str] = []
        seen = self.requests

        class Recorder(BaseHTTPRequestHandler):
            def do_GET(self):
                seen.append(self.path)
                self.send_response(200)
                self.send_header("Content-Type", "text/css")
                self.end_headers()
                self.wfile.write(b"body { display: none }")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def listener():
    made = Listener()
    yield made
    made.close()


def pages_of(data: bytes) -> list[tuple[str, str]]:
    """(header text, whole text) of every page."""
    document = pypdfium2.PdfDocument(data)
    try:
        found = []
        for page in document:
            width, height = page.get_size()
            text = page.get_textpage()
            found.append((text.get_text_bounded(0, height - HEADER_BAND, width, height), text.get_text_range()))
        return found
    finally:
        document.close()


def flat(text: str) -> str:
    """The text without white space: WeasyPrint wraps a long name in the header at spaces and slashes."""
    return "".join(text.split())


def assert_intact(data: bytes, name: str) -> None:
    pages = pages_of(data)
    everything = "\n".join(whole for _, whole in pages)
    for heading in HEADINGS:
        assert heading in everything
    for number, (header, whole) in enumerate(pages, start=1):
        assert flat(f"A-document · {name}") in flat(header), header
        assert "versie 1 · concept" in header
        assert f"pagina {number} van {len(pages)}" in whole


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_a_hostile_name_stays_text_in_the_pdf(app, people, services, listener, kind):
    family_name = HOSTILE[kind].format(url=listener.url)
    assert len(family_name) < 200 and family_name.isprintable()
    coordinator = people["coordinator"]
    child = services.children.register("16051412351", "Kind", family_name, date(2016, 5, 14), coordinator)
    trajectory = services.trajectories.start(child, coordinator)
    response = app.test_client().get(f"/api/v1/trajectories/{trajectory}/a-document.pdf",
                                     headers=token(app, "coordinator"))
    assert response.status_code == 200 and response.content_type == "application/pdf"
    assert_intact(response.data, f"Kind {family_name}")
    assert listener.requests == []


def test_client_data_that_ends_a_css_string_reaches_no_server(app, people, services, listener):
    # A line break ends a CSS string; registration may refuse it, but data from elsewhere (older rows,
    # the family's names) reaches the renderer too.
    coordinator = people["coordinator"]
    child = services.children.register("16051412351", "Lotte", "Peeters", date(2016, 5, 14), coordinator)
    trajectory = services.trajectories.start(child, coordinator)
    exported = services.documents.exported(trajectory, coordinator)
    name = (f"x\n}} }} body {{ display: none }} @import url({listener.url}/import); "
            f"h2 {{ background: url({listener.url}/bg) }}")
    exported.data["inhoud"]["identificatie"]["minderjarige"]["naam"] = name
    forms = services.library.casework(services.trajectories.view(trajectory).guideline_version).guideline.form
    hostile = replace(exported, sections=display.sections(exported.data["inhoud"], forms))
    with app.test_request_context():
        data = pdf.a_document(hostile)
    assert_intact(data, name)
    assert listener.requests == []


@pytest.fixture
def fetcher(app):
    return pdf.StaticFiles(Path(app.static_folder))


def test_the_url_fetcher_serves_ekds_own_static_files(app, fetcher):
    stylesheet = Path(app.static_folder) / "ekd.css"
    response = fetcher.fetch(stylesheet.as_uri())
    assert response.read() == stylesheet.read_bytes() and response.content_type == "text/css"


def test_the_url_fetcher_refuses_everything_else(app, fetcher, listener, tmp_path):
    outside = tmp_path / "geheim.css"
    outside.write_text("body { display: none }", encoding="utf-8")
    static = Path(app.static_folder)
    for url in (f"{listener.url}/leak", f"https://127.0.0.1:{listener.url.rsplit(':', 1)[1]}/leak", outside.as_uri(),
                f"{static.as_uri()}/../app.py", f"{static.as_uri()}/%2e%2e/app.py", f"{static.as_uri()}/nergens.css",
                static.as_uri(), "file://elders.example/etc/passwd", "data:text/css,body{display:none}",
                "ftp://127.0.0.1/x"):
        with pytest.raises(pdf.RefusedUrl):
            fetcher.fetch(url)
    assert listener.requests == []
