"""The coordinator's management forms on the dossier: one save for the whole team, and only the
forms that can be used (none on a finished trajectory; consent offers what is possible)."""

from __future__ import annotations

import re

from tests.store.helpers import run_scenario
from tests.web.conftest import run_as_coordinator

DISCIPLINES = ("psychologist", "physician", "social_worker", "speech_therapist", "physiotherapist")


def _team(services, trajectory) -> set[tuple[str, str]]:
    with services.uow() as uow:
        return {(member.role, person.username) for member, person in uow.members.of_trajectory(trajectory)}


def _started(services, people, child) -> str:
    return services.trajectories.start(child, people["coordinator"])


def test_one_press_saves_the_whole_team(browser, people, services, child):
    trajectory = _started(services, people, child)
    coordinator = browser("coordinator")
    page = coordinator.get(f"/kinderen/{child}")
    assert page.text.count('class="team-form"') == 1 and page.text.count("Team bewaren") == 1
    ticked = [f"coordinator:{people['coordinator'].id}"] + [f"{role}:{people[role].id}" for role in DISCIPLINES]
    saved = coordinator.post(f"/trajecten/{trajectory}/team", {"lid": ticked, "next": f"/kinderen/{child}"},
                             token_from=f"/kinderen/{child}")
    assert saved.status_code == 302
    assert _team(services, trajectory) == {("coordinator", "coordinator")} | {
        (role, role.replace("_", "-")) for role in DISCIPLINES}
    after = coordinator.get(saved.headers["Location"])
    assert "Team bewaard." in after.text
    for role in DISCIPLINES:
        assert f'value="{role}:{people[role].id}" checked' in after.text


def test_the_team_keeps_a_coordinator_and_its_anchor_person(browser, people, services, child):
    trajectory = _started(services, people, child)
    coordinator = browser("coordinator")
    me = f"coordinator:{people['coordinator'].id}"
    psychologist = f"psychologist:{people['psychologist'].id}"
    coordinator.post(f"/trajecten/{trajectory}/team", {"lid": [me, psychologist]}, token_from=f"/kinderen/{child}")
    services.teams.set_anchor(trajectory, people["psychologist"].id, people["coordinator"])
    before = _team(services, trajectory)

    for ticked, reason in (([psychologist], "een traject heeft altijd een coördinator"),
                           ([me], "is de ankerfiguur en blijft in het team")):
        refused = coordinator.post(f"/trajecten/{trajectory}/team", {"lid": ticked, "next": f"/kinderen/{child}"},
                                   token_from=f"/kinderen/{child}")
        assert refused.status_code == 302
        assert reason in coordinator.get(refused.headers["Location"]).text
        assert _team(services, trajectory) == before           # all or nothing


def test_a_finished_trajectory_shows_no_management_forms(browser, people, services, everyone, child):
    trajectory = services.trajectories.start(child, people["coordinator"])
    services.teams.set_role(trajectory, "coordinator", [people["coordinator"].id, everyone.id], people["coordinator"])
    for role in (*DISCIPLINES, "team_lead"):
        services.teams.set_role(trajectory, role, [everyone.id], everyone)
    run_scenario(services, trajectory, everyone, "vaph_aanvraag")
    assert services.trajectories.view(trajectory).status == "afgerond"
    page = browser("coordinator").get(f"/kinderen/{child}")
    assert page.status_code == 200 and "afgerond" in page.text
    for action in ("team", "ankerfiguur", "instemming"):
        assert f'action="/trajecten/{trajectory}/{action}"' not in page.text
    refused = browser("coordinator").post(f"/trajecten/{trajectory}/team",
                                          {"lid": f"coordinator:{people['coordinator'].id}"},
                                          token_from=f"/kinderen/{child}")
    assert refused.status_code == 409 and "het traject is afgerond" in refused.text


def _consent_buttons(page) -> list[str]:
    return re.findall(r'name="actie" value="(intrekken|herstellen)"', page.text)


def test_the_consent_form_offers_only_what_is_possible(browser, people, services, child):
    trajectory = _started(services, people, child)
    coordinator = browser("coordinator")
    dossier = f"/kinderen/{child}"
    assert _consent_buttons(coordinator.get(dossier)) == []      # not registered yet: the guideline's task does it
    run_as_coordinator(services, trajectory, people["coordinator"])
    assert services.trajectories.view(trajectory).consent == "gegeven"
    assert _consent_buttons(coordinator.get(dossier)) == ["intrekken"]
    coordinator.post(f"/trajecten/{trajectory}/instemming", {"actie": "intrekken", "toelichting": "Moeder trekt in."},
                     token_from=dossier)
    page = coordinator.get(dossier)
    assert _consent_buttons(page) == ["herstellen"]
    assert re.search(r"<details open>\s*<summary id=\"beheer-", page.text)      # open: the way back is there
