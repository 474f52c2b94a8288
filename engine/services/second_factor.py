"""Setting up an optional second factor (TOTP, engine/totp.py) for one's own log-in: a new secret is
pending until a code from the app confirms it; from then on every log-in asks for a code. Each step
is an event of the person's record and an access-log row."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from engine import clock, totp
from engine.actors import Actor
from engine.services.errors import Conflict, NotFound
from engine.store import UnitOfWork
from engine.text import InvalidInput


@dataclass(frozen=True)
class Pending:
    secret: str          # to type into the app (base32)
    uri: str             # otpauth://, to paste


class SecondFactors:
    def __init__(self, uow: Callable[..., UnitOfWork]):
        self._uow = uow

    def begin(self, actor: Actor) -> Pending:
        """A new secret, pending until confirmed (a second factor already set stays until then)."""
        with self._uow(write=True) as uow:
            person = uow.people.get(actor.id)
            if person is None:
                raise NotFound("deze persoon bestaat niet")
            person.totp_pending = totp.new_secret()
            now = clock.now()
            uow.person_events.append(person.id, "tweede_factor_gestart", actor.id, {}, now)
            uow.access.record(now, actor.id, "tweede-factor-gestart", f"persoon:{person.id}")
            uow.commit()
            return Pending(person.totp_pending, totp.uri(person.totp_pending, person.username))

    def confirm(self, code: str, actor: Actor) -> None:
        """Confirm the pending secret with a code from the app: from now on a log-in asks for a code."""
        with self._uow(write=True) as uow:
            person = uow.people.get(actor.id)
            if person is None or not person.totp_pending:
                raise Conflict("start eerst het instellen van de tweede stap")
            now = clock.now()
            step = totp.matching_step(person.totp_pending, code, now)
            if step is None:
                raise InvalidInput("code", "deze code klopt niet: typ de 6 cijfers die je app nu toont")
            person.totp_secret, person.totp_pending, person.totp_last_step = person.totp_pending, None, step
            uow.person_events.append(person.id, "tweede_factor_ingesteld", actor.id, {}, now)
            uow.access.record(now, actor.id, "tweede-factor-ingesteld", f"persoon:{person.id}")
            uow.commit()

    def enabled(self, actor: Actor) -> bool:
        with self._uow() as uow:
            person = uow.people.get(actor.id)
            return bool(person and person.totp_secret)
