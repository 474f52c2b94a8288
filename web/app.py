"""The Flask application factory."""

from __future__ import annotations

from flask import Flask

from engine.services import Services
from engine.store import Database
from web.config import Config


def create_app(config: Config | None = None, services: Services | None = None) -> Flask:
    """Create the ekd web app over one database."""
    config = config or Config.from_environment()
    app = Flask(__name__)
    app.config.update(SECRET_KEY=config.secret_key, TESTING=config.testing)
    app.extensions["ekd.config"] = config
    app.extensions["ekd.services"] = services or Services(Database(config.database_url))

    @app.get("/health")
    def health():
        return {"status": "ok"}

    return app


def services_of(app: Flask) -> Services:
    """The use cases the app runs on."""
    return app.extensions["ekd.services"]
