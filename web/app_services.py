"""How views reach the engine's use cases (bound to the app in create_app)."""

from __future__ import annotations

from flask import current_app

from engine.services import Services


def services() -> Services:
    """The use cases of the running app."""
    return current_app.extensions["ekd.services"]
