"""The optional second factor (TOTP, RFC 6238): the RFC's test vector, setting it up from the family's
page, and a log-in that asks for a code once it is set — each code used once."""

from __future__ import annotations

import base64
from datetime import datetime, timezone

import pytest

from engine import clock, totp
from engine.text import InvalidInput
from tests.family.helpers import PASSWORD, family_world

RFC_SECRET = base64.b32encode(b"12345678901234567890").decode()


@pytest.mark.parametrize("seconds, code", [(59, "287082"), (1111111109, "081804"), (1234567890, "005924"),
                                           (2000000000, "279037")])
def test_the_codes_are_rfc_6238s(seconds, code):
    assert totp.code_at(RFC_SECRET, seconds // totp.STEP) == code


def test_a_code_is_accepted_one_step_early_or_late_and_not_further():
    moment = datetime.fromtimestamp(1111111109, timezone.utc)
    step = totp.step_of(moment)
    for offset, matches in ((-1, True), (0, True), (1, True), (2, False)):
        found = totp.matching_step(RFC_SECRET, totp.code_at(RFC_SECRET, step + offset), moment)
        assert (found == step + offset) if matches else found is None


def test_set_up_then_every_log_in_asks_for_a_fresh_code(services, everyone):
    world = family_world(services, everyone)
    mother = world["mother"]
    pending = services.second_factors.begin(mother)
    assert pending.uri.startswith("otpauth://totp/ekd:") and pending.secret in pending.uri
    with pytest.raises(InvalidInput):
        services.second_factors.confirm("000000", mother)
    now = clock.now()
    services.second_factors.confirm(totp.code_at(pending.secret, totp.step_of(now)), mother)
    assert services.family.page(mother).second_factor
    username = "sofie-13030112373"
    assert services.logins.log_in(username, PASSWORD, "127.0.0.1", "sessie") is None           # no code
    later = datetime.fromtimestamp((totp.step_of(now) + 1) * totp.STEP + 1, timezone.utc)
    with clock.frozen(later):
        code = totp.code_at(pending.secret, totp.step_of(later))
        assert services.logins.log_in(username, PASSWORD, "127.0.0.1", "sessie", code) is not None
        assert services.logins.log_in(username, PASSWORD, "127.0.0.1", "sessie", code) is None  # used once
