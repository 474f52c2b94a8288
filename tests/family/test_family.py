"""The family's own view, through the services: invitations, their clearance, consent by themselves,
their voice, their agreement with the A-document, their rights."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from engine import access, clock
from engine.access import Forbidden
from engine.history import log
from engine.services.errors import Conflict
from engine.services.family.invitations import LIFETIME, InvalidInvitation, normalized
from engine.services.people import InvalidPerson
from engine.store.models import FamilyInvitation
from tests.family.helpers import PASSWORD, family_world
from tests.store.helpers import make_child, run_scenario, start_with_team, verified


@pytest.fixture
def world(services, everyone):
    return family_world(services, everyone)


def _kinds(services, trajectory):
    with services.uow() as uow:
        return [e.type for e in uow.events.of_trajectory(trajectory)]


def test_an_invitation_is_a_short_code_valid_14_days_used_once_and_kept_as_a_digest(services, everyone):
    child = make_child(services, everyone)
    trajectory = start_with_team(services, child, everyone)
    issued = services.invitations.invite(trajectory, "Sofie Janssens", "legal_representative", everyone)
    assert len(normalized(issued.code)) == 12 and issued.code.count("-") == 2
    assert issued.expires_at - clock.now() <= LIFETIME and issued.expires_at - clock.now() > LIFETIME - timedelta(1)
    with services.uow() as uow:
        stored = [row.id for row in uow.session.query(FamilyInvitation)]
    assert normalized(issued.code) not in "".join(stored)
    assert services.invitations.invitee(issued.code.lower().replace("-", " ")).name == "Sofie Janssens"
    services.invitations.accept(issued.code, "sofie", PASSWORD)
    with pytest.raises(InvalidInvitation):
        services.invitations.accept(issued.code, "sofie2", PASSWORD)
    assert log.Kind.FAMILY_INVITED in _kinds(services, trajectory)


def test_a_newer_invitation_voids_the_older_and_an_expired_one_does_not_work(services, everyone, test_clock):
    child = make_child(services, everyone)
    trajectory = start_with_team(services, child, everyone)
    first = services.invitations.invite(trajectory, "Tom Peeters", "parent", everyone)
    second = services.invitations.invite(trajectory, "Tom Peeters", "parent", everyone)
    with pytest.raises(InvalidInvitation):
        services.invitations.invitee(first.code)
    test_clock.advance(days=15)
    with pytest.raises(InvalidInvitation):
        services.invitations.accept(second.code, "tom", PASSWORD)


def test_only_the_coordinator_invites_and_a_young_child_only_when_judged_capable(services, everyone, people_roles):
    child = make_child(services, everyone, insz="16051477776", born=date(2016, 5, 14))
    trajectory = start_with_team(services, child, everyone)
    with pytest.raises(Forbidden):
        services.invitations.invite(trajectory, "X", "parent", people_roles["psychologist"])
    with pytest.raises(InvalidPerson):
        services.invitations.invite(trajectory, "Lotte", "child", everyone)
    with pytest.raises(InvalidPerson):
        services.invitations.invite(trajectory, "Lotte", "child", everyone, capability="bekwaam", motivation="kort")
    services.invitations.invite(trajectory, "Lotte", "child", everyone, capability="bekwaam",
                                motivation="Lotte begrijpt wat het onderzoek inhoudt en wil zelf beslissen.")


@pytest.fixture
def people_roles(services):
    return {"psychologist": services.people.add("psy", PASSWORD, ["psychologist"], "Psy")}


def test_the_client_role_sees_only_their_own_child(services, everyone, world):
    other = family_world(services, everyone, insz="13030245601", born=date(2013, 3, 2))
    page = services.family.page(world["mother"])
    assert page.trajectory_id == world["trajectory"] and page.child == "Lotte"
    assert services.family.page(other["mother"]).trajectory_id == other["trajectory"]
    for use in (lambda a: services.trajectories.read(world["trajectory"], a),
                lambda a: services.dossiers.read(world["child"], a),
                lambda a: services.documents.view(world["trajectory"], a),
                lambda a: services.trajectories.events(world["trajectory"], a)):
        with pytest.raises(Forbidden):
            use(other["mother"])
        with pytest.raises(Forbidden):
            use(world["mother"])           # professionals' use cases refuse family members, their own child too
    assert access.is_family(world["mother"]) and not access.works_with_clients(world["mother"])


def test_consent_by_the_legal_representative_and_the_capable_child_moves_the_trajectory_on(services, world):
    trajectory = world["trajectory"]
    with pytest.raises(Forbidden):
        services.family_decisions.consent("ja", ["diagnostiek"], "", world["father"])   # no parental authority
    assert services.family_decisions.consent("ja", ["diagnostiek", "delen_team"], "", world["mother"]) == "open"
    assert "instemming" in [t.element for t in services.trajectories.view(trajectory).ready]
    page = services.family.page(world["mother"])
    assert page.consent_asked and page.my_consent == "ja" and page.waiting_for == ["Lotte Peeters"]
    assert services.family_decisions.consent("ja", ["diagnostiek", "delen_team", "contact_school"], "",
                                             world["kid"]) == "gegeven"
    view = services.trajectories.view(trajectory)
    assert "intake" in [t.element for t in view.ready] and view.consent == "gegeven"
    assert view.data["instemming_reikwijdte"] == ["delen_team", "diagnostiek"]
    assert view.data["kind_instemming"] == "ja" and view.data["bekwaam"] is True
    kinds = _kinds(services, trajectory)
    assert kinds[-3:] == [log.Kind.FAMILY_CONSENT, log.Kind.TASK_COMPLETED, log.Kind.FAMILY_CONSENT]
    assert verified(services, trajectory) == {f"traject {trajectory}": []} or all(
        not v for v in verified(services, trajectory).values())


def test_a_refusal_goes_to_mediation_and_withdrawal_halts_the_trajectory(services, everyone):
    world = family_world(services, everyone)
    services.family_decisions.consent("nee", [], "We willen eerst meer uitleg.", world["mother"])
    services.family_decisions.consent("ja", ["diagnostiek"], "", world["kid"])
    assert "bemiddeling" in [t.element for t in services.trajectories.view(world["trajectory"]).ready]


def test_withdrawal_by_the_family_halts_and_giving_it_again_resumes(services, world):
    services.family_decisions.consent("ja", ["diagnostiek"], "", world["mother"])
    services.family_decisions.consent("ja", ["diagnostiek"], "", world["kid"])
    with pytest.raises(Forbidden):
        services.family_decisions.withdraw("", world["father"])
    services.family_decisions.withdraw("We willen pauzeren.", world["kid"])
    assert services.trajectories.view(world["trajectory"]).status == "opgeschort"
    assert not services.family.page(world["mother"]).may_give_again          # the child withdrew, not her
    with pytest.raises(Conflict, match="wie de instemming introk"):
        services.family_decisions.give_again("", world["mother"])
    assert services.family.page(world["kid"]).may_give_again
    services.family_decisions.give_again("", world["kid"])
    assert services.trajectories.view(world["trajectory"]).status == "lopend"
    assert all(not problems for problems in verified(services, world["trajectory"]).values())


def test_their_words_reach_the_intake_task_and_the_a_document(services, world):
    services.family_rights.write("Ik wil weten waarom lezen zo moeilijk is.", world["kid"])
    services.family_rights.write("Wij willen haar beter begrijpen.", world["father"])
    services.family_decisions.consent("ja", ["diagnostiek"], "", world["mother"])
    services.family_decisions.consent("ja", ["diagnostiek"], "", world["kid"])
    intake = next(t for t in services.trajectories.view(world["trajectory"]).ready if t.element == "intake")
    page = services.desk.open(intake.id, world["coordinator"])
    assert "Ik wil weten waarom lezen zo moeilijk is." in page.values["hulpvraag_kind"]
    assert "Lotte Peeters (het kind zelf), in eigen woorden via ekd" in page.values["hulpvraag_kind"]
    assert "Wij willen haar beter begrijpen." in page.values["hulpvraag_ouders"]
    assert "hulpvraag_kind" in page.prefilled


def _to_agreement(services, world):
    services.family_decisions.consent("ja", ["diagnostiek", "delen_team"], "", world["mother"])
    services.family_decisions.consent("ja", ["diagnostiek", "delen_team"], "", world["kid"])
    run_scenario(services, world["trajectory"], world["coordinator"], "standaard", stop_at="akkoord_client")
    assert "akkoord_client" in [t.element for t in services.trajectories.view(world["trajectory"]).ready]


def test_their_view_reaches_the_a_document_and_their_agreement_is_the_akkoord_record_bound_to_the_hash(
        services, world):
    _to_agreement(services, world)
    assert services.family_rights.write("Ik ben blij dat ik hulp krijg bij het lezen.", world["kid"]) == "visie"
    page = services.family.page(world["mother"])
    shown = services.documents.view(world["trajectory"], world["coordinator"])
    assert "Ik ben blij dat ik hulp krijg bij het lezen." in shown.content["betrokkenheid"]["visie_kind"]
    assert "in eigen woorden via ekd" in shown.content["betrokkenheid"]["visie_kind"]
    assert page.agreement_asked and page.document and page.document_hash
    with pytest.raises(Forbidden):
        services.family_decisions.agree(True, "", world["father"])
    assert services.family_decisions.agree(True, "Goed uitgelegd.", world["mother"]) is False
    assert services.family_decisions.agree(True, "", world["kid"]) is True
    view = services.trajectories.view(world["trajectory"])
    assert "a_document_indienen" in [t.element for t in view.ready] or view.data.get("akkoord_geldig") is True
    document = services.documents.view(world["trajectory"], world["coordinator"])
    assert document.agreement["valid"] and {p["naam"] for p in document.agreement["parties"]} == {
        "Sofie Janssens", "Lotte Peeters"}
    kinds = _kinds(services, world["trajectory"])
    assert log.Kind.FAMILY_AGREEMENT in kinds and log.Kind.DOCUMENT_AGREED in kinds
    assert all(not problems for problems in verified(services, world["trajectory"]).values())


def test_the_capable_childs_objection_hides_the_chosen_part_from_the_parents_and_the_copy(services, world):
    _to_agreement(services, world)
    services.family_rights.write("Dit is alleen voor het team.", world["kid"])
    with pytest.raises(Forbidden):
        services.family_rights.object(["stem"], world["mother"])
    services.family_rights.object(["stem", "diagnostiek"], world["kid"])
    parent = services.family.page(world["father"])
    assert parent.hidden == ["diagnostiek", "stem"]
    assert "diagnostiek" not in [s.key for s in parent.document]
    assert "Dit is alleen voor het team." not in str(parent.document)
    assert "Dit is alleen voor het team." in str(services.family.page(world["kid"]).document)
    assert "Dit is alleen voor het team." not in str(services.family_rights.copy(world["mother"]))
    assert "Dit is alleen voor het team." in str(services.family_rights.copy(world["kid"]))


def test_a_correction_request_is_an_item_for_the_coordinator_with_a_logged_answer(services, world):
    notice = services.family_rights.ask_correction("Mijn naam is Sofie, niet Sophie.", world["mother"])
    rows = services.inbox.tasks(world["coordinator"])
    assert any(r.task_id == notice and r.notice for r in rows)
    with pytest.raises(Forbidden):
        services.family_rights.answer_correction(world["trajectory"], notice, "Aangepast.", world["mother"])
    services.family_rights.answer_correction(world["trajectory"], notice, "Aangepast, excuses.", world["coordinator"])
    assert not any(r.task_id == notice for r in services.inbox.tasks(world["coordinator"]))
    answers = [c.body.get("antwoord") for c in services.family.page(world["mother"]).corrections]
    assert "Aangepast, excuses." in answers


def test_at_18_the_parents_access_ends_unless_the_young_adult_grants_it(services, everyone):
    world = family_world(services, everyone, insz="08010112351", born=date(2008, 1, 1))     # 18 in 2026
    with pytest.raises(Forbidden):
        services.family.page(world["mother"])
    kid = services.family.page(world["kid"])
    assert kid.adult and kid.decides and {name for _, name, _ in kid.parents} == {"Sofie Janssens", "Tom Peeters"}
    mother = next(member for member, name, _ in kid.parents if name == "Sofie Janssens")
    services.family_rights.grant(mother, True, world["kid"])
    seen = services.family.page(world["mother"])
    assert not seen.decides



def test_a_view_written_after_the_intake_is_in_the_advice_meeting_task(services, world):
    services.family_decisions.consent("ja", ["diagnostiek"], "", world["mother"])
    services.family_decisions.consent("ja", ["diagnostiek"], "", world["kid"])
    run_scenario(services, world["trajectory"], world["coordinator"], "standaard", stop_at="adviesgesprek")
    assert services.family_rights.write("Wij hopen op hulp op school.", world["mother"]) == "visie"
    task = next(t for t in services.trajectories.view(world["trajectory"]).ready if t.element == "adviesgesprek")
    page = services.desk.open(task.id, world["coordinator"])
    assert "Wij hopen op hulp op school." in page.values["visie_ouders"] and "visie_ouders" in page.prefilled
    assert [w.text for w in page.family_words] == ["Wij hopen op hulp op school."]


def test_at_the_end_of_retention_the_family_goes_with_the_child_record(services, everyone):
    from engine.actors import COMMAND_LINE
    from tests.store.test_retention import ADULT, BORN_1990
    child = make_child(services, everyone, *BORN_1990)
    trajectory = start_with_team(services, child, everyone)
    issued = services.invitations.invite(trajectory, "Sofie Janssens", "parent", everyone)
    services.invitations.accept(issued.code, "sofie", PASSWORD)
    run_scenario(services, trajectory, everyone, "standaard", changes=ADULT)
    services.retention.erase(date(2026, 1, 1), COMMAND_LINE, execute=True)
    with services.uow() as uow:
        member = uow.family_members.of_child(child)[0]
        person = uow.people.get(member.person_id)
        assert member.name == "" and not person.active and person.username.startswith("gewist-")
    assert services.logins.log_in("sofie", PASSWORD, "127.0.0.1", "sessie") is None


def test_a_child_born_on_the_29th_of_february_has_a_page(services, everyone):
    world = family_world(services, everyone, born=date(2012, 2, 29), insz="12022910004")
    assert services.family.page(world["kid"]).adult is False
    assert services.family.page(world["mother"]).child == "Lotte"


def test_the_childs_own_words_stay_hidden_from_the_parents_in_every_act_and_the_copy(services, world):
    services.family_decisions.consent("ja", ["diagnostiek"], "MARKER-kind-toelichting", world["kid"])
    notice = services.family_rights.ask_correction("MARKER-kind-vraag", world["kid"])
    services.family_rights.answer_correction(world["trajectory"], notice, "MARKER-antwoord-kind", world["coordinator"])
    services.family_rights.object(["stem"], world["kid"])
    marks = ("MARKER-kind-toelichting", "MARKER-kind-vraag", "MARKER-antwoord-kind")
    for parent in ("mother", "father"):
        page = services.family.page(world[parent])
        copy = services.family_rights.copy(world[parent])
        shown = str([page.consents, page.corrections, page.agreements]) + str(copy)
        assert not [mark for mark in marks if mark in shown], parent
    mine = str(services.family.page(world["kid"]).corrections) + str(services.family_rights.copy(world["kid"]))
    assert all(mark in mine for mark in marks)
