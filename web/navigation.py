"""Where a form sends the person next: only ever to a page of this site."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import url_for

from engine import access
from engine.actors import Actor


def same_site(target: str | None) -> str | None:
    """`target` when it is a path on this site, else None.

    Browsers read `//host`, `/\\host` and `\\\\host` as another site, drop tabs and line breaks inside
    a URL (so `/\\t/host` becomes `//host`), and follow any scheme: only a plain path remains."""
    if not target or not target.startswith("/") or "\\" in target:
        return None
    if any(ord(character) < 32 or 127 <= ord(character) < 160 for character in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or target.startswith("//"):
        return None
    return target


def next_page(target: str | None, fallback: str) -> str:
    """The page to go to: `target` when it is on this site, else `fallback`."""
    return same_site(target) or fallback


def landing(actor: Actor | None) -> str:
    """Where a person starts: the home of the first of their roles that has one — their tasks for
    client work, people and roles for the administrator, the guideline versions for the quality
    center, the trajectories for auditors."""
    if actor is None:
        return url_for("auth.login")
    if access.is_family(actor):
        return url_for("family.home")
    if access.works_with_clients(actor):
        return url_for("inbox.inbox")
    if actor.has("admin"):
        return url_for("people.people")
    if actor.has("quality_center"):
        return url_for("quality.library")
    if actor.has("auditor"):
        return url_for("audit.trajectories")
    return url_for("inbox.inbox")
