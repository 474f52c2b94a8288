"""The family's pages (issue 20): their own page of their child's trajectory, the invitation they
accept, and the coordinator's invitation. A family member reaches nothing else (web/app.py)."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("family", __name__)
# What a family member's session may open besides this blueprint (everything else answers 403).
OPEN_TO_FAMILY = frozenset({"static", "vendor.asset", "health", "auth.login", "auth.logout", "i18n.choose_language",
                            "inbox.home", "people.set_password"})

from web.pages.family import home, invitations  # noqa: E402,F401  (registers the routes on bp)
