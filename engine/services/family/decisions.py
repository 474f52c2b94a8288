"""What the family decides themselves: consent to the trajectory (give, refuse, withdraw, give again)
and agreement with the A-document. Legal representatives and the capable child decide; a parent in
contact without parental authority does not (engine/access.py: `client` against `client_heard`).

Every answer is an event in the trajectory's chain. When everyone who decides has answered, their
answers complete the guideline's own task — the consent step (the form with the capability rule)
or the client's agreement (`ekdAction` a-document:akkoord) — as the coordinator's recording would:
same form, same checks, same script deciding; the coordinator can still record on their behalf."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from engine import access, forms, text
from engine.access import Act
from engine.actors import Actor
from engine.adocument import AGREE
from engine.domain_checks.capability import ADULT, PRESUMED, age_on
from engine.history import events, log
from engine.history.log import Consent
from engine.history.projection import status_of
from engine.services.care.adocument_context import build
from engine.services.care.trajectories import ConsentGivenBy, ConsentWithdrawnBy, Trajectories
from engine.services.changes import Outcome, change
from engine.services.errors import Conflict
from engine.services.family.members import (
    RELATION_WORDS,
    Family,
    Relation,
    capable,
    family_of,
    family_roles,
    only_family,
    today,
)
from engine.services.library import Library
from engine.store import UnitOfWork
from engine.store.family import family_events
from engine.store.models import Child, FamilyMember

NOTE_LENGTH = 2000
YES, NO, WITHDRAWN = "ja", "nee", "ingetrokken"
KNOWN_RELATIONS = {"moeder", "vader", "voogd", "pleegouder"}


def consent_task(casework, trajectory, instance):
    """The guideline's consent step when it is ready: the task whose form carries the capability rule."""
    for task in instance.ready_tasks():
        schema = casework.guideline.form(task.form) if task.form else None
        if schema and "capability" in (schema.get("x-ekd-rules") or []):
            return task, schema
    return None, None


def agreement_task(casework, trajectory, instance):
    for task in instance.ready_tasks():
        element = casework.guideline.process(trajectory.process_id).element(task.element)
        if element is not None and element.action == AGREE:
            return task
    return None


def deciders(uow: UnitOfWork, child: Child) -> list[FamilyMember]:
    """The family members with a log-in who decide now (legal representatives of a minor, the capable child)."""
    on = today()
    return [m for m in uow.family_members.of_child(child.id) if m.person_id is not None
            and access.CLIENT in family_roles(child, m, on)]


def _since_last(uow: UnitOfWork, trajectory_id: str, kind: str, element: str | None) -> list[dict[str, Any]]:
    """The payloads of the family's answers of `kind` after the guideline last completed `element`."""
    history = family_events(uow.session, trajectory_id, frozenset({kind, events.TASK_COMPLETED}))
    answers: list[dict[str, Any]] = []
    for event in history:
        body = events.payload(event) or {}
        if event.type == events.TASK_COMPLETED:
            if element is not None and body.get("element") == element:
                answers = []
        else:
            answers.append(body)
    return answers


class Decisions:
    def __init__(self, uow: Callable[..., UnitOfWork], library: Library, trajectories: Trajectories):
        self._uow = uow
        self._library = library
        self._trajectories = trajectories

    # -- consent -------------------------------------------------------------------------------
    def consent(self, answer: str, scope: list[str], note: str, actor: Actor) -> str:
        """Give (ja) or refuse (nee) consent oneself, scoped as the consent step's form defines; when
        everyone who decides has answered, the consent step completes. Return the consent now."""
        only_family(actor)
        if answer not in (YES, NO):
            raise forms_error("antwoord", "kies ja (ik stem in) of nee (ik stem niet in)")
        why = text.clean(note or "", "toelichting", NOTE_LENGTH, multiline=True)

        def operation(uow, casework, instance, trajectory) -> Outcome:
            family = self._deciding(uow, actor, trajectory)
            task, schema = consent_task(casework, trajectory, instance)
            if task is None:
                raise Conflict("er wordt nu geen instemming gevraagd"
                               + ("; je kan ze intrekken" if trajectory.consent == Consent.GIVEN else ""))
            allowed = _scopes(schema)
            chosen = sorted(set(scope or []))
            wrong = [s for s in chosen if s not in allowed]
            if wrong or (answer == YES and not chosen):
                raise forms_error("reikwijdte", "kies waarmee je instemt: " + ", ".join(allowed))
            said = log.FamilyConsent(member=family.member.id, name=family.member.name,
                                     relation=family.member.relation, answer=answer,
                                     scope=chosen if answer == YES else [], note=why)
            answers = {a["gezinslid"]: a for a in _since_last(uow, trajectory.id, log.Kind.FAMILY_CONSENT,
                                                              task.element)}
            answers[family.member.id] = said.body()
            data = _consent_data(uow, family.child, answers, schema)
            if data is None:
                return Outcome(said, [], trajectory.consent)
            try:
                outcome = self._trajectories.complete_for_family(uow, casework, instance, trajectory, task.id, data,
                                                                 actor)
            except forms.FormInvalid:
                return Outcome(said, [], trajectory.consent)     # the coordinator completes what is missing
            outcome.also.insert(0, said)
            outcome.result = instance.data.get("instemming_status")
            return outcome

        return change(self._uow, self._library, self._locate(actor), actor, operation)

    def withdraw(self, note: str, actor: Actor) -> None:
        """Withdraw consent oneself: tasks and sharing halt until it is given again."""
        self._after_consent(note, actor, Consent.WITHDRAWN)

    def give_again(self, note: str, actor: Actor) -> None:
        """Give consent again after it was withdrawn: the trajectory goes on."""
        self._after_consent(note, actor, Consent.GIVEN)

    def _after_consent(self, note: str, actor: Actor, consent: str) -> None:
        only_family(actor)
        why = text.clean(note or "", "toelichting", NOTE_LENGTH, multiline=True)

        def operation(uow, casework, instance, trajectory) -> Outcome:
            family = self._deciding(uow, actor, trajectory)
            if consent == Consent.WITHDRAWN and trajectory.consent != Consent.GIVEN:
                raise Conflict("de instemming kan enkel ingetrokken worden waar ze gegeven is")
            if consent == Consent.GIVEN and trajectory.consent != Consent.WITHDRAWN:
                raise Conflict("de instemming is niet ingetrokken")
            if consent == Consent.GIVEN and withdrawn_by(uow, trajectory.id) != family.member.id:
                raise Conflict("wie de instemming introk, geeft ze opnieuw: jij trok ze niet in (vraag het aan wie ze "
                               "introk, of aan de coördinator)")
            by = f"{family.member.name} ({RELATION_WORDS[Relation(family.member.relation)]}), zelf in ekd"
            trajectory.consent = consent
            trajectory.status = status_of(consent, instance.completed)
            kind = ConsentWithdrawnBy if consent == Consent.WITHDRAWN else ConsentGivenBy
            said = log.FamilyConsent(member=family.member.id, name=family.member.name,
                                     relation=family.member.relation,
                                     answer=WITHDRAWN if consent == Consent.WITHDRAWN else YES, note=why)
            return Outcome(kind(note=why or by, by=by), [], also=[said])

        change(self._uow, self._library, self._locate(actor), actor, operation)

    # -- the A-document ------------------------------------------------------------------------
    def agree(self, agrees: bool | None, comment: str, actor: Actor) -> bool:
        """Agree or disagree with the A-document as it reads now (bound to its content hash), with a
        comment; when everyone who decides has answered on this content, the guideline's agreement
        task completes with their answers. Return whether it did."""
        only_family(actor)
        if agrees is None:
            raise forms_error("akkoord", "kies akkoord of niet akkoord")
        why = text.clean(comment or "", "toelichting", NOTE_LENGTH, multiline=True)
        if not agrees and not why:
            raise forms_error("toelichting", "zeg kort waarmee je niet akkoord gaat")

        def operation(uow, casework, instance, trajectory) -> Outcome:
            family = self._deciding(uow, actor, trajectory)
            task = agreement_task(casework, trajectory, instance)
            if task is None:
                raise Conflict("het A-document wacht nu niet op jullie akkoord")
            ctx = build(uow, trajectory, casework, instance)
            said = log.FamilyAgreement(member=family.member.id, name=family.member.name,
                                       relation=family.member.relation, version=ctx.document.version,
                                       hash=ctx.hash, agrees=bool(agrees), comment=why)
            answers = {a["gezinslid"]: a for a in _since_last(uow, trajectory.id, log.Kind.FAMILY_AGREEMENT,
                                                              task.element) if a.get("hash") == ctx.hash}
            answers[family.member.id] = said.body()
            waiting = [m for m in deciders(uow, family.child) if m.id not in answers]
            if waiting:
                return Outcome(said, [], False)
            data = {"akkoord_datum": today().isoformat(),
                    "akkoorden": [{"naam": a["naam"], "akkoord": bool(a["akkoord"]),
                                   "rol": "kind" if a["relatie"] == Relation.CHILD else "wettelijke_vertegenwoordiger"}
                                  for a in answers.values()],
                    "akkoord_toelichting": "\n".join(f"{a['naam']}: {a['toelichting']}" for a in answers.values()
                                                     if a.get("toelichting"))}
            outcome = self._trajectories.complete_for_family(uow, casework, instance, trajectory, task.id, data,
                                                             actor)
            outcome.also.insert(0, said)
            outcome.result = True
            return outcome

        return change(self._uow, self._library, self._locate(actor), actor, operation)

    # -- helpers --------------------------------------------------------------------------------
    def _locate(self, actor: Actor):
        def locate(uow) -> str:
            return family_of(uow, actor).trajectory.id
        return locate

    @staticmethod
    def _deciding(uow: UnitOfWork, actor: Actor, trajectory) -> Family:
        family = family_of(uow, actor, trajectory)
        family.clearance.require(Act.CONSENT)
        return family


def forms_error(field: str, message: str):
    return text.InvalidInput(field, message)


def _scopes(schema: dict[str, Any]) -> list[str]:
    items = (schema.get("properties", {}).get("instemming_reikwijdte") or {}).get("items") or {}
    return [choice["const"] for choice in items.get("oneOf", []) if "const" in choice]


def _consent_data(uow: UnitOfWork, child: Child, answers: dict[str, dict], schema: dict) -> dict[str, Any] | None:
    """The consent step's form answered from the family's own answers, or None while someone who
    decides has not answered (or the child, capable, is not invited yet: the coordinator asks)."""
    members = {m.id: m for m in uow.family_members.of_child(child.id)}
    on = today()
    deciding = deciders(uow, child)
    if any(m.id not in answers for m in deciding):
        return None
    kid = next((m for m in deciding if m.relation == Relation.CHILD), None)
    child_member = next((m for m in members.values() if m.relation == Relation.CHILD), None)
    representatives = [m for m in deciding if m.relation == Relation.LEGAL_REPRESENTATIVE]
    age = age_on(child.birth_date, on)
    if age < ADULT and not representatives:
        return None
    judged = child_member.capability if child_member else "standaard"
    presumed_capable = capable(child, child_member, on) if child_member else age >= PRESUMED
    if presumed_capable and kid is None:
        return None
    record = {r.get("naam", "").casefold(): r for r in child.representatives or []}
    yes = [set(a.get("reikwijdte") or []) for a in answers.values() if a.get("antwoord") == YES]
    scope = sorted(set.intersection(*yes)) if yes else []
    if not scope:
        scope = [_scopes(schema)[0]]
    relatie = [m.kinship or (record.get(m.name.casefold()) or {}).get("relatie") for m in representatives]
    return {
        "instemming_datum": on.isoformat(),
        "wettelijke_vertegenwoordigers": [
            {"naam": m.name, "relatie": rel if rel in KNOWN_RELATIONS else "andere",
             "instemming": answers[m.id]["antwoord"] == YES} for m, rel in zip(representatives, relatie, strict=True)],
        "kind_instemming": answers[kid.id]["antwoord"] if kid else "niet_gevraagd",
        "bekwaamheid_oordeel": judged if age < ADULT else "standaard",
        "bekwaamheid_motivering": (child_member.motivation or "") if child_member else "",
        "instemming_reikwijdte": scope,
    }


def withdrawn_by(uow: UnitOfWork, trajectory_id: str) -> str | None:
    """The family member whose own act is the latest withdrawal of consent (None: someone else made it,
    such as the coordinator recording it): only they give it again themselves."""
    chain = uow.events.of_trajectory(trajectory_id)
    for index in range(len(chain) - 1, -1, -1):
        if chain[index].type != log.Kind.CONSENT_WITHDRAWN:
            continue
        following = chain[index + 1] if index + 1 < len(chain) else None
        body = events.payload(following) if following is not None and following.type == log.Kind.FAMILY_CONSENT \
            else None
        return body.get("gezinslid") if body and body.get("antwoord") == WITHDRAWN else None
    return None
