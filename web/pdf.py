"""Print-quality PDF of an A-document: WeasyPrint from an HTML template."""

from __future__ import annotations

from datetime import date

from flask import render_template
from weasyprint import HTML

from engine.roles import LABELS

STATUSES = {"concept": "concept", "ingediend": "ingediend", "vervangen": "vervangen"}


def a_document(export: dict) -> bytes:
    """The PDF of an exported A-document (headings, sections, signatures, page numbers, version, hash)."""
    html = render_template("a_document_pdf.html", export=export, labels=LABELS,
                           status=STATUSES.get(export["status"], export["status"]),
                           printed=date.today().strftime("%d/%m/%Y"))
    return HTML(string=html).write_pdf()
