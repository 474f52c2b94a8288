"""The API's documents, as marshmallow schemas (the OpenAPI document is generated from them)."""

from __future__ import annotations

import re

from marshmallow import Schema, ValidationError, fields, validate

from engine.roles import LANE_ROLES, ROLES


class TokenRequest(Schema):
    username = fields.String(required=True)
    password = fields.String(required=True, load_only=True)
    code = fields.String(load_default="", load_only=True,
                         metadata={"description": "De code van de tweede stap (TOTP), als die ingesteld is"})


class Token(Schema):
    token = fields.String(required=True, metadata={"description": "Gebruik als 'Authorization: Bearer …'"})
    expires_in = fields.Integer(metadata={"description": "Geldig voor zoveel seconden"})


class InboxTask(Schema):
    id = fields.String(attribute="task_id")
    element = fields.String()
    step = fields.String()
    lane = fields.String(allow_none=True)
    trajectory_id = fields.String()
    child_id = fields.String()
    child = fields.String()
    guideline_version = fields.String()
    ready_since = fields.DateTime()
    due_at = fields.DateTime(allow_none=True)
    overdue = fields.Boolean()
    claimed_by = fields.String(allow_none=True, attribute="claimed_by_name")
    notice = fields.Boolean(metadata={"description": "Een melding van ekd zelf (het A-document opnieuw ondertekenen), "
                                                     "geen taak van de richtlijn: niet te nemen of af te ronden; "
                                                     "ondertekenen doet het"})


class TaskDetail(Schema):
    id = fields.String(attribute="task_id")
    element = fields.String()
    name = fields.String()
    lane = fields.String(allow_none=True)
    documentation = fields.String(allow_none=True)
    trajectory_id = fields.String()
    child_id = fields.String()
    child = fields.String()
    guideline_version = fields.String()
    form = fields.String(allow_none=True)
    form_schema = fields.Dict(attribute="schema", allow_none=True,
                              metadata={"description": "JSON Schema (draft 2020-12) van het formulier"})
    values = fields.Dict(metadata={"description": "Gekende waarden of het bewaarde concept"})
    due_at = fields.DateTime(allow_none=True)


class ReadyTask(Schema):
    id = fields.String()
    element = fields.String()
    name = fields.String()
    lane = fields.String(allow_none=True)
    path = fields.String()
    due = fields.DateTime(allow_none=True)


class Completed(Schema):
    task = fields.String()
    steps = fields.List(fields.String(), metadata={"description": "Wat de richtlijn daarna deed"})
    ready = fields.List(fields.Nested(ReadyTask),
                        metadata={"description": "De taken van het traject die nu klaarliggen"})


class StartTrajectory(Schema):
    child_id = fields.String(required=True)


class Created(Schema):
    id = fields.String()


class WaitingFor(Schema):
    element = fields.String()
    kind = fields.String()
    due = fields.DateTime(allow_none=True)


class Trajectory(Schema):
    id = fields.String()
    child_id = fields.String()
    guideline_version = fields.String()
    status = fields.String()
    consent = fields.String()
    started_at = fields.DateTime()
    event_count = fields.Integer()
    ready = fields.List(fields.Nested(ReadyTask))
    waiting = fields.List(fields.Nested(WaitingFor))
    versions = fields.List(fields.Nested(lambda: GuidelineVersionSpan()),
                           metadata={"description": "De richtlijnversies waarop het traject liep, in volgorde"})


class Event(Schema):
    seq = fields.Integer()
    type = fields.String()
    actor = fields.String()
    recorded_at = fields.DateTime()
    element = fields.String(allow_none=True)
    path = fields.String(allow_none=True)
    data = fields.Dict(allow_none=True, metadata={"description": "Weggelaten waar need-to-know het verbiedt"})
    hash = fields.String()
    guideline_version = fields.String(allow_none=True, metadata={"description": "De richtlijnversie die gold"})


class FieldProblem(Schema):
    field = fields.String()
    message = fields.String()
    code = fields.String()


class Problem(Schema):
    type = fields.String()
    title = fields.String()
    status = fields.Integer()
    detail = fields.String()
    errors = fields.List(fields.Nested(FieldProblem), metadata={"description": "Bij 422: één per veld"})
    coordinators = fields.List(fields.String(), metadata={
        "description": "Bij 409 op een INSZ dat al een dossier heeft: wie het coördineert"})


# -- strict scalars: a boolean is true or false, a date YYYY-MM-DD (not 1, "yes" or 20160514) ----

class Flag(fields.Boolean):
    def __init__(self, **kwargs):
        super().__init__(truthy={True}, falsy={False}, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, bool):
            raise self.make_error("invalid", input=value)
        return value


class Day(fields.Date):
    def _deserialize(self, value, attr, data, **kwargs):
        if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise self.make_error("invalid", input=value, obj_type="date")
        return super()._deserialize(value, attr, data, **kwargs)


# -- children -------------------------------------------------------------------------------

class Representative(Schema):
    naam = fields.String(required=True)
    relatie = fields.String(load_default="", metadata={"description": "moeder, vader, voogd, pleegouder, andere"})
    telefoon = fields.String(load_default="")
    email = fields.String(load_default="")
    wettelijk = Flag(load_default=False, metadata={"description": "Wettelijke vertegenwoordiger"})
    in_contact = Flag(load_default=True, metadata={"description": "In contact met het kind"})


class NewChild(Schema):
    voornaam = fields.String(required=True)
    familienaam = fields.String(required=True)
    geboortedatum = Day(required=True)
    insz = fields.String(required=True, metadata={"description": "11 cijfers, met of zonder punten en streepje"})
    vertegenwoordigers = fields.List(fields.Nested(Representative), load_default=list,
                                     metadata={"description": "Minstens één wettelijke vertegenwoordiger"})


class ChildSummary(Schema):
    id = fields.String()
    insz = fields.String()
    voornaam = fields.String(attribute="given_name")
    familienaam = fields.String(attribute="family_name")
    geboortedatum = fields.Date(attribute="birth_date")


class TrajectoryRef(Schema):
    id = fields.String()
    status = fields.String()


class Child(ChildSummary):
    vertegenwoordigers = fields.List(fields.Dict(), metadata={
        "description": "Leeg voor wie de gegevens van het gezin niet mag zien"})
    trajecten = fields.List(fields.Nested(TrajectoryRef), metadata={"description": "De trajecten waarin je zit"})


# -- a trajectory's team and consent ----------------------------------------------------------

class TeamMember(Schema):
    person = fields.String(required=True)
    role = fields.String(required=True, validate=validate.OneOf(sorted(LANE_ROLES)))


class Team(Schema):
    members = fields.List(fields.Nested(TeamMember), required=True)


class Anchor(Schema):
    person = fields.String(required=True, allow_none=True, metadata={"description": "null: geen ankerfiguur"})


class Consent(Schema):
    status = fields.String(required=True, validate=validate.OneOf(["ingetrokken", "gegeven"]))
    note = fields.String(required=True, metadata={"description": "Toelichting: wie, wanneer, waarom"})
    by = fields.String(load_default="", metadata={"description": "Wie de instemming introk of opnieuw gaf"})


# -- the A-document -------------------------------------------------------------------------

class Party(Schema):
    naam = fields.String(required=True)
    rol = fields.String(required=True, metadata={"description": "Zoals in het formulier akkoord_client.json"})
    akkoord = Flag(load_default=True)


class AgreementBody(Schema):
    datum = Day(required=True)
    partijen = fields.List(fields.Nested(Party), required=True)


class Correction(Schema):
    reden = fields.String(required=True)


class NewVersion(Schema):
    version = fields.Integer()


# -- people ---------------------------------------------------------------------------------

ROLE = fields.String(validate=validate.OneOf(ROLES))


class Person(Schema):
    id = fields.String()
    username = fields.String()
    display_name = fields.String()
    roles = fields.List(fields.String())
    active = fields.Boolean()


class NewPerson(Schema):
    username = fields.String(required=True)
    display_name = fields.String(required=True)
    roles = fields.List(ROLE, required=True)


class PersonChange(Schema):
    roles = fields.List(ROLE)
    active = Flag()


class PasswordLink(Schema):
    id = fields.String(attribute="person_id", metadata={"description": "De persoon"})
    password_link = fields.String(metadata={"description": "Eenmalige link om een wachtwoord in te stellen"})
    expires_at = fields.DateTime()


class RecordEntry(Schema):
    seq = fields.Integer()
    kind = fields.String()
    by = fields.String()
    at = fields.DateTime()
    body = fields.Dict()


class PersonRecord(Person):
    has_password = fields.Boolean()
    created_at = fields.DateTime()
    events = fields.List(fields.Nested(RecordEntry))


class NewPassword(Schema):
    link = fields.String(required=True, metadata={"description": "Het geheim uit de eenmalige link"})
    password = fields.String(required=True, load_only=True)


# -- issue 20: the family's own view (web/api/family.py) ------------------------------------------

FAMILY_RELATIONS = ["legal_representative", "parent", "child"]


class NewInvitation(Schema):
    name = fields.String(required=True, metadata={"description": "Naam van wie uitgenodigd wordt"})
    relation = fields.String(load_default="", metadata={"description": "Relatie tot het kind (moeder, vader, ...)"})
    role = fields.String(required=True, validate=validate.OneOf(FAMILY_RELATIONS),
                         metadata={"description": "legal_representative: beslist mee; parent: ouder in contact "
                                                  "zonder ouderlijk gezag; child: het kind (vanaf 12, of jonger als "
                                                  "bekwaam geoordeeld)"})
    capability = fields.String(load_default="standaard", validate=validate.OneOf(["standaard", "bekwaam",
                                                                                  "niet_bekwaam"]),
                               metadata={"description": "Voor het kind: het oordeel over de bekwaamheid"})
    motivation = fields.String(load_default="", metadata={"description": "Motivering als je afwijkt van de "
                                                                         "leeftijdsregel"})
    email = fields.String(load_default="", metadata={"description": "Stuur de uitnodiging per e-mail (als SMTP "
                                                                    "ingesteld is); het adres wordt niet bewaard"})


class Invitation(Schema):
    code = fields.String(metadata={"description": "Korte code (eenmalig, 14 dagen geldig)"})
    link = fields.String(metadata={"description": "Eenmalige link met de code"})
    expires_at = fields.DateTime()
    sent = fields.Boolean(metadata={"description": "Per e-mail verstuurd (anders: geef de code zelf door)"})


class InvitationAcceptance(Schema):
    username = fields.String(required=True)
    password = fields.String(required=True, load_only=True)


class FamilyLogin(Schema):
    id = fields.String()
    username = fields.String()


class FamilyStep(Schema):
    key = fields.String()
    label = fields.String()
    state = fields.String(metadata={"description": "gedaan, nu of straks"})


class FamilyTeamMember(Schema):
    role = fields.String()
    name = fields.String()


class FamilyAct(Schema):
    seq = fields.Integer()
    at = fields.DateTime()
    kind = fields.String()
    mine = fields.Boolean()
    body = fields.Dict()


class FamilyTrajectory(Schema):
    trajectory_id = fields.String()
    child = fields.String(metadata={"description": "De voornaam van het kind"})
    me = fields.String()
    relation = fields.String()
    decides = fields.Boolean(metadata={"description": "Stemt zelf in en gaat zelf akkoord"})
    status = fields.String()
    consent = fields.String()
    steps = fields.List(fields.Nested(FamilyStep))
    now = fields.String()
    next = fields.String(allow_none=True)
    report_due = fields.Date(allow_none=True)
    anchor = fields.String(allow_none=True)
    team = fields.List(fields.Nested(FamilyTeamMember))
    consent_asked = fields.Boolean()
    consent_scopes = fields.List(fields.List(fields.String()))
    my_consent = fields.String(allow_none=True)
    consents = fields.List(fields.Nested(FamilyAct))
    recorded_by_coordinator = fields.Boolean()
    may_withdraw = fields.Boolean()
    may_give_again = fields.Boolean()
    may_write = fields.Boolean()
    moment = fields.String(metadata={"description": "vraag (voor de intake) of visie (na het advies)"})
    words = fields.List(fields.Dict())
    document_version = fields.Integer(allow_none=True)
    document_hash = fields.String(allow_none=True)
    document_status = fields.String(allow_none=True)
    document = fields.List(fields.Dict(), metadata={"description": "Het A-document als samenvatting per sectie"})
    agreement_asked = fields.Boolean()
    my_agreement = fields.Dict(allow_none=True)
    waiting_for = fields.List(fields.String())
    corrections = fields.List(fields.Nested(FamilyAct))
    hidden = fields.List(fields.String())
    may_object = fields.Boolean()


class FamilyConsent(Schema):
    answer = fields.String(required=True, validate=validate.OneOf(["ja", "nee"]))
    scope = fields.List(fields.String(), load_default=list,
                        metadata={"description": "Waarmee je instemt (de reikwijdte van de instemmingsstap)"})
    note = fields.String(load_default="")


class FamilyConsentNow(Schema):
    consent = fields.String(metadata={"description": "De instemming nu: open, gegeven, geweigerd"})


class FamilyNote(Schema):
    note = fields.String(load_default="")


class FamilyWords(Schema):
    text = fields.String(required=True, metadata={"description": "In eigen woorden"})


class FamilyMoment(Schema):
    moment = fields.String()


class FamilyAgreement(Schema):
    agrees = fields.Boolean(required=True)
    comment = fields.String(load_default="")


class FamilyAgreementDone(Schema):
    completed = fields.Boolean(metadata={"description": "Iedereen die beslist antwoordde: akkoord geregistreerd"})


class FamilyCorrection(Schema):
    request = fields.String(required=True, metadata={"description": "Wat er volgens jou niet klopt"})


class FamilyObjection(Schema):
    parts = fields.List(fields.String(validate=validate.OneOf(["stem", "diagnostiek"])), required=True)


class FamilyGrant(Schema):
    granted = fields.Boolean(required=True)


class CorrectionAnswer(Schema):
    answer = fields.String(required=True)


class SecondFactorPending(Schema):
    secret = fields.String(metadata={"description": "Typ dit in je authenticator-app (base32)"})
    uri = fields.String(metadata={"description": "otpauth://-adres voor de app"})


class SecondFactorCode(Schema):
    code = fields.String(required=True)
# -- issue 16: moving trajectories between guideline versions, what-if ----------------------

class Selection(fields.Field):
    """A list of trajectory ids, or "all" (every trajectory running on the version moved from)."""

    def _deserialize(self, value, attr, data, **kwargs):
        if value == "all":
            return value
        if isinstance(value, list) and all(isinstance(one, str) for one in value) and len(value) <= 10_000:
            return value
        raise ValidationError('een lijst van traject-ids, of "all"')

    def _jsonschema_type_mapping(self):
        return {"oneOf": [{"type": "array", "items": {"type": "string"}}, {"const": "all"}]}


class Migration(Schema):
    source = fields.String(required=True, data_key="from", metadata={"description": "De versie waarvan je verplaatst"})
    trajectories = Selection(required=True, metadata={"description": 'Traject-ids, of "all"'})
    mappings = fields.Dict(keys=fields.String(), values=fields.String(), load_default=dict,
                           metadata={"description": "Oude stap-id -> nieuwe stap-id (voor hernoemde of gesplitste "
                                                    "stappen; een id die je niet noemt blijft zichzelf)"})
    dry_run = fields.Boolean(load_default=True, metadata={"description": "Enkel nagaan (standaard), niet verplaatsen"})
    reason = fields.String(load_default="", metadata={"description": "Waarom (komt in de gebeurtenis)"})


class Blocker(Schema):
    element = fields.String()
    reason = fields.String()


class RunningDeadline(Schema):
    element = fields.String()
    kind = fields.String(allow_none=True, metadata={"description": "date, duration of cycle"})
    due = fields.DateTime(allow_none=True)
    outcome = fields.String(metadata={"description": "Wat de verplaatsing met de termijn doet"})


class MigrationResult(Schema):
    trajectory = fields.String()
    status = fields.String(metadata={"description": "can_move, blocked of moved"})
    blockers = fields.List(fields.Nested(Blocker))
    deadlines = fields.List(fields.Nested(RunningDeadline))
    moves = fields.Dict(keys=fields.String(), values=fields.String(),
                        metadata={"description": "Stappen waar het traject nu staat die een nieuwe id krijgen"})


class MigrationResults(Schema):
    results = fields.List(fields.Nested(MigrationResult))


class WhatIfRequest(Schema):
    trajectory = fields.String(required=True)


class WhatIf(Schema):
    trajectory = fields.String()
    recorded_on = fields.List(fields.String(), metadata={"description": "De versies waarop het traject liep"})
    recorded = fields.List(fields.String(), metadata={"description": "Het pad zoals het liep (BPMN-ids)"})
    version = fields.String()
    path = fields.List(fields.String(), metadata={"description": "Het pad op deze versie (BPMN-ids)"})
    first_difference = fields.Integer(allow_none=True, metadata={"description": "Index van het eerste verschil"})
    differs_at = fields.Dict(metadata={"description": "De stap op elk pad waar ze uiteengaan"})
    stopped = fields.String(allow_none=True, metadata={"description": "Waarom de heruitvoering stopte"})
    waiting_at = fields.List(fields.String(), metadata={"description": "Wat op deze versie klaarlag toen ze stopte"})
    diagrams = fields.Dict(metadata={"description": "Beide paden per BPMN-bestand: {recorded|version: [versie, "
                                                    "{bestand: {stap: taken|changed}}]}"})


class GuidelineVersionSpan(Schema):
    version = fields.String()
    since_event = fields.Integer()
    since = fields.DateTime()
