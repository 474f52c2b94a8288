"""The Flask application factory."""

from __future__ import annotations

from flask import Flask

from web.config import Config


def create_app(config: Config | None = None) -> Flask:
    """Create the ekd web app."""
    app = Flask(__name__)
    app.extensions["ekd.config"] = config or Config.from_environment()

    @app.get("/health")
    def health():
        return {"status": "ok"}

    return app
