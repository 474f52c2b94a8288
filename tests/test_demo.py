"""`ekd init --demo-users` makes one demo user per role and exactly one demo trajectory — Lotte
Peeters, waiting at `aanmelding`, a team of demo users, the psychologist as anchor person — however
often it runs (DESIGN.md §6), so demos, tests and guides can rely on it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from engine.history.chain import Key
from engine.roles import ROLES
from engine.services import Services
from engine.store import Database
from tests.conftest import ROOT
from web.config import Config

EKD = str(Path(sys.executable).with_name("ekd"))


def test_init_with_demo_users_makes_exactly_one_demo_trajectory(tmp_path):
    env = {**os.environ, "EKD_INSTANCE_DIR": str(tmp_path), "EKD_DATABASE_URL": ""}
    for _ in range(2):
        init = subprocess.run([EKD, "init", "--demo-users"], cwd=ROOT, env=env, capture_output=True, text=True,
                              timeout=120)
        assert init.returncode == 0, init.stderr
    config = Config.from_environment({"EKD_INSTANCE_DIR": str(tmp_path)})
    services = Services(Database(config.database_url), audit_key=Key.of(config.audit_key))
    try:
        with services.uow() as uow:
            demo = {role: uow.people.by_username(f"demo-{role.replace('_', '-')}") for role in ROLES}
            assert all(demo.values()) and uow.trajectories.count() == 1
            lotte = uow.children.by_insz("16051412351")
            [trajectory] = uow.trajectories.of_child(lotte.id)
            team = {(member.role, person.username) for member, person in uow.members.of_trajectory(trajectory.id)}
        assert (lotte.given_name, lotte.family_name, lotte.birth_date.isoformat()) == ("Lotte", "Peeters", "2016-05-14")
        assert [t.element for t in services.trajectories.view(trajectory.id).ready] == ["aanmelding"]
        assert team >= {("coordinator", "demo-coordinator"), ("psychologist", "demo-psychologist"),
                        ("physician", "demo-physician"), ("social_worker", "demo-social-worker")}
        assert trajectory.anchor_person_id == demo["psychologist"].id
        assert services.people.authenticate("demo-admin", "demo-wachtwoord") is not None
    finally:
        services.database.dispose()
