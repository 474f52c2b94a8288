"""Time-based one-time passwords (RFC 6238, HMAC-SHA1, 6 digits, 30 s): an optional second factor.
Pure functions; the secret is base32, as authenticator apps take it."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import struct
from datetime import datetime
from urllib.parse import quote

STEP, DIGITS, WINDOW = 30, 6, 1            # accept the step before and after (clocks drift)


def new_secret() -> str:
    return base64.b32encode(secrets.token_bytes(20)).decode()


def step_of(moment: datetime) -> int:
    return int(moment.timestamp()) // STEP


def code_at(secret: str, step: int, digits: int = DIGITS) -> str:
    """The code of `secret` in time step `step` (RFC 4226's dynamic truncation)."""
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    digest = hmac.new(key, struct.pack(">Q", step), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF
    return str(number % 10 ** digits).zfill(digits)


def matching_step(secret: str, code: str, moment: datetime) -> int | None:
    """The time step whose code `code` is (within the window around `moment`), or None."""
    code = "".join(c for c in (code or "") if c.isdigit())
    if len(code) != DIGITS:
        return None
    now = step_of(moment)
    for step in range(now - WINDOW, now + WINDOW + 1):
        if hmac.compare_digest(code_at(secret, step), code):
            return step
    return None


def uri(secret: str, username: str, issuer: str = "ekd") -> str:
    """The otpauth:// address an authenticator app reads (typed or pasted)."""
    return f"otpauth://totp/{quote(issuer)}:{quote(username)}?secret={secret}&issuer={quote(issuer)}"
