"""Print-quality PDF of an A-document: WeasyPrint from an HTML template.

Client data reaches WeasyPrint only as escaped HTML text: the stylesheet is a static file and
the page margins show running elements of the document. WeasyPrint fetches through `StaticFiles`,
which reads ekd's own static folder from disk and refuses every other URL, so no name or note
can make the renderer reach the network or the file system.
"""

from __future__ import annotations

import mimetypes
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from flask import current_app, render_template
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from engine.roles import LABELS
from engine.services.care.adocuments import Exported
from web import values

STATUSES = {"concept": "concept", "ingediend": "ingediend", "vervangen": "vervangen"}


class RefusedUrl(ValueError):
    """A URL outside ekd's static files; WeasyPrint leaves the resource out."""


class StaticFiles(URLFetcher):
    """WeasyPrint's URL fetcher: files under `folder` (file: URLs), nothing else."""

    def __init__(self, folder: Path):
        super().__init__(allowed_protocols={"file"}, allow_redirects=False)
        self._folder = folder.resolve()

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        """The static file `url` names, or RefusedUrl."""
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            raise RefusedUrl(f"alleen ekd's eigen statische bestanden: {url[:80]}")
        path = Path(url2pathname(parts.path)).resolve()
        if not path.is_relative_to(self._folder) or not path.is_file():
            raise RefusedUrl(f"geen statisch bestand van ekd: {url[:80]}")
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": kind})


def a_document(exported: Exported) -> bytes:
    """The PDF of an exported A-document (headings, sections, signatures, page numbers, version, hash)."""
    export = exported.data
    html = render_template("a_document_pdf.html", export=export, labels=LABELS, sections=exported.sections,
                           agreement=exported.agreement,
                           status=STATUSES.get(export["status"], export["status"]),
                           printed=values.day(date.today()))
    static = Path(current_app.static_folder)
    return HTML(string=html, base_url=static.resolve().as_uri() + "/", url_fetcher=StaticFiles(static)).write_pdf()
