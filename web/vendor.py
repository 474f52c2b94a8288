"""Front-end libraries from the npm registry (node_modules/, installed by the set-up)."""

from __future__ import annotations

from flask import Blueprint, abort, send_from_directory

from web.config import PROJECT

bp = Blueprint("vendor", __name__)
NODE_MODULES = PROJECT / "node_modules"

# Only these files are served, nothing else from node_modules.
FILES = {
    # The plain viewer: the page scrolls and zooms the diagram itself (dossier.js), so the wheel stays the page's.
    "bpmn-viewer.js": ("bpmn-js/dist", "bpmn-viewer.production.min.js"),
    "bpmn-js.css": ("bpmn-js/dist/assets", "bpmn-js.css"),
    "diagram-js.css": ("bpmn-js/dist/assets", "diagram-js.css"),
}


@bp.get("/vendor/<name>")
def asset(name: str):
    if name not in FILES:
        abort(404)
    folder, file = FILES[name]
    return send_from_directory(NODE_MODULES / folder, file, max_age=86400)
