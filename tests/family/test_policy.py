"""The family in the one need-to-know policy, as pure rules (no database): who decides, who is heard,
who loses access at 18, and that the family's roles never count as a team's."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest

from engine import access
from engine.access import Act, Data, Phase
from engine.actors import Actor
from engine.services.family.members import family_roles

ON = date(2026, 12, 1)
CLIENT, HEARD = frozenset({access.CLIENT}), frozenset({access.CLIENT_HEARD})


def _child(born: date):
    return SimpleNamespace(birth_date=born)


def _member(relation: str, capability: str = "standaard", adult_grant: bool = False):
    return SimpleNamespace(relation=relation, capability=capability, adult_grant=adult_grant)


@pytest.mark.parametrize("born, relation, capability, grant, roles", [
    (date(2016, 5, 14), "legal_representative", "standaard", False, CLIENT),     # 10: the parents decide
    (date(2016, 5, 14), "parent", "standaard", False, HEARD),                    # no parental authority
    (date(2016, 5, 14), "child", "standaard", False, HEARD),                     # 10, not judged capable
    (date(2016, 5, 14), "child", "bekwaam", False, CLIENT),                      # judged capable at 10
    (date(2013, 3, 1), "child", "standaard", False, CLIENT),                     # 13: presumed capable
    (date(2013, 3, 1), "child", "niet_bekwaam", False, HEARD),                   # judged not capable at 13
    (date(2008, 1, 1), "child", "standaard", False, CLIENT),                     # 18: decides alone
    (date(2008, 1, 1), "legal_representative", "standaard", False, frozenset()),  # access ends at 18
    (date(2008, 1, 1), "parent", "standaard", True, HEARD),                      # unless the young adult grants it
])
def test_the_relation_and_the_childs_age_give_the_family_role(born, relation, capability, grant, roles):
    assert family_roles(_child(born), _member(relation, capability, grant), ON) == roles


@pytest.mark.parametrize("roles, grant, phase, allowed", [
    (CLIENT, Data.PROGRESS, Phase.HALTED, True), (CLIENT, Data.FOR_FAMILY, Phase.CLOSED, True),
    (CLIENT, Act.CONSENT, Phase.RUNNING, True), (CLIENT, Act.CONSENT, Phase.HALTED, True),
    (CLIENT, Act.CONSENT, Phase.CLOSED, False), (CLIENT, Act.VOICE, Phase.HALTED, False),
    (HEARD, Act.CONSENT, Phase.RUNNING, False), (HEARD, Act.VOICE, Phase.RUNNING, True),
    *[(roles, grant, Phase.RUNNING, False) for roles in (CLIENT, HEARD)
      for grant in (Data.IDENTITY, Data.FAMILY, Data.SHARED, Data.MEDICAL, Act.WORK, Act.SIGN, Act.MANAGE,
                    Act.REASSIGN)],
])
def test_the_policy_table_gives_the_family_their_own_view_and_nothing_of_the_teams(roles, grant, phase, allowed):
    assert access.family_clearance(roles, phase.value).may(grant) is allowed


def test_a_family_member_never_counts_as_a_team_member():
    family = Actor("p", "sofie", frozenset({access.CLIENT}))
    assert not access.works_with_clients(family) and access.is_family(family)
    assert access.clearance(family, {access.CLIENT, access.CLIENT_HEARD}, "lopend").roles == frozenset()
    assert not access.FAMILY_ROLES & access.TEAM_ROLES
