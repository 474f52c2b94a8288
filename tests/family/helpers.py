"""A trajectory with an invited family: a legal representative, a parent in contact and a 13-year-old."""

from __future__ import annotations

from datetime import date

from engine.services import Services
from tests.store.helpers import make_child, run_scenario, start_with_team

PASSWORD = "wachtwoord-123"
BORN_13 = date(2013, 3, 1)           # 13 on the days the tests run (2026): presumed capable


def invite_and_accept(services: Services, trajectory: str, coordinator, name: str, relation: str,
                      username: str, **judgement) -> dict:
    issued = services.invitations.invite(trajectory, name, relation, coordinator, **judgement)
    services.invitations.accept(issued.code, username, PASSWORD)
    actor = services.logins.log_in(username, PASSWORD, "127.0.0.1", "token").actor
    return {"issued": issued, "actor": actor}


def family_world(services: Services, everyone, *, born: date = BORN_13, insz: str = "13030112373",
                 stop_at: str = "instemming") -> dict:
    """A child, its trajectory waiting at `stop_at`, its mother (legal representative), father in
    contact (no parental authority) and the child itself, each with a log-in."""
    child = make_child(services, everyone, insz=insz, born=born)
    trajectory = start_with_team(services, child, everyone)
    run_scenario(services, trajectory, everyone, "standaard", stop_at=stop_at)
    mother = invite_and_accept(services, trajectory, everyone, "Sofie Janssens", "legal_representative",
                               f"sofie-{insz}")
    father = invite_and_accept(services, trajectory, everyone, "Tom Peeters", "parent", f"tom-{insz}")
    kid = invite_and_accept(services, trajectory, everyone, "Lotte Peeters", "child", f"lotte-{insz}")
    return {"child": child, "trajectory": trajectory, "mother": mother["actor"], "father": father["actor"],
            "kid": kid["actor"], "coordinator": everyone}
