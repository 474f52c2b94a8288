"""The A-document's content hash: a root over the hashes of its sections.

Every signer signs the one root. A reader who may not see a section (the medical findings, for
anyone but physicians and the coordinator) gets it sealed: its hash instead of its content, so
they can still recompute the root they sign, and an edit of any section changes the root and
invalidates every signature.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

MEDICAL = "medisch"
ROOT_PREFIX = "ekd-a-document-root-v1"


def section_hash(name: str, value: Any) -> str:
    """The SHA-256 of one section as canonical JSON ({name: value}, keys sorted, no spaces, UTF-8)."""
    text = json.dumps({name: value}, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def section_hashes(content: dict[str, Any]) -> dict[str, str]:
    """The hash of every section; a sealed section keeps the hash it was sealed with."""
    return {name: value["hash"] if is_sealed(value) else section_hash(name, value)
            for name, value in content.items()}


def root(hashes: dict[str, str]) -> str:
    """The root the signatures bind: SHA-256 of the prefix and `name:hash` lines, sorted by name."""
    lines = [ROOT_PREFIX, *(f"{name}:{hashes[name]}" for name in sorted(hashes))]
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def content_hash(content: dict[str, Any]) -> str:
    """The root hash of an A-document's content (sealed sections included by their hash)."""
    return root(section_hashes(content))


def seal(content: dict[str, Any], sections: frozenset[str] = frozenset({MEDICAL})) -> dict[str, Any]:
    """The content with these sections replaced by their hash (the root stays the same)."""
    hashes = section_hashes(content)
    return {name: {"verzegeld": True, "hash": hashes[name]} if name in sections and name in content else value
            for name, value in content.items()}


def is_sealed(value: Any) -> bool:
    return isinstance(value, dict) and value.get("verzegeld") is True and set(value) == {"verzegeld", "hash"}
