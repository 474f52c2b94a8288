"""ekd's tables (SQLAlchemy 2). Alembic migrations in migrations/ create and change them."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, Index, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from engine.store.types import UtcDateTime


class Base(DeclarativeBase):
    """Base of all ekd tables."""


class GuidelineVersion(Base):
    """A guideline as loaded: its files and forms, immutable, named by its content hash."""

    __tablename__ = "guideline_versions"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    number: Mapped[int] = mapped_column(Integer, unique=True)    # 1, 2, 3…: the newest is current
    main_process: Mapped[str] = mapped_column(String(200))
    files: Mapped[dict] = mapped_column(JSON)        # file name -> text
    forms: Mapped[dict] = mapped_column(JSON)        # form name -> JSON Schema
    loaded_at: Mapped[datetime] = mapped_column(UtcDateTime)
    loaded_by: Mapped[str] = mapped_column(String(200))
    # published: new trajectories may start on it; retired: only running ones stay on it.
    status: Mapped[str] = mapped_column(String(20), default="published", server_default="published")
    origin: Mapped[str] = mapped_column(String(10), default="seed", server_default="seed")   # seed (ekd init), app
    scenarios: Mapped[dict | None] = mapped_column(JSON)          # file name -> scenario (tests, not behaviour)
    draft_id: Mapped[str | None] = mapped_column(String(36))      # the draft it was published from
    approved_by: Mapped[str | None] = mapped_column(String(200))  # the second pair of eyes
    retired_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    retired_by: Mapped[str | None] = mapped_column(String(200))


class Person(Base):
    """Someone who logs in: a professional, an auditor, an administrator."""

    __tablename__ = "people"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    roles: Mapped[list[PersonRole]] = relationship(cascade="all, delete-orphan", lazy="selectin")
    # An optional second factor (engine/totp.py): its secret, one being set up, the last time step used.
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    totp_pending: Mapped[str | None] = mapped_column(String(64))
    totp_last_step: Mapped[int | None] = mapped_column(Integer)


class PersonRole(Base):
    """A role a person holds (role ids are the lane names of the guideline)."""

    __tablename__ = "person_roles"

    person_id: Mapped[str] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[str] = mapped_column(String(50), primary_key=True)


class Child(Base):
    """A child, registered once: identified by INSZ."""

    __tablename__ = "children"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    insz: Mapped[str] = mapped_column(String(11), unique=True)
    given_name: Mapped[str] = mapped_column(String(200))
    family_name: Mapped[str] = mapped_column(String(200))
    birth_date: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # Legal representatives and family: [{"naam", "relatie", "telefoon", "email", "wettelijk", "in_contact"}]
    representatives: Mapped[list] = mapped_column(JSON, default=list)
    # The coordinator who registered the child reads its record before any trajectory starts.
    registered_by: Mapped[str | None] = mapped_column(ForeignKey("people.id"))


class Trajectory(Base):
    """One child's diagnostic trajectory on one guideline version."""

    __tablename__ = "trajectories"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    child_id: Mapped[str] = mapped_column(ForeignKey("children.id"), index=True)
    guideline_version_id: Mapped[str] = mapped_column(ForeignKey("guideline_versions.id"))
    process_id: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20))           # lopend, afgerond
    started_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # The workflow state is a cache: flat, rebuilt from the event log when missing.
    state: Mapped[str | None] = mapped_column(Text)
    consent: Mapped[str] = mapped_column(String(20), default="open")   # open, gegeven, geweigerd, ingetrokken
    anchor_person_id: Mapped[str | None] = mapped_column(ForeignKey("people.id"))
    event_count: Mapped[int] = mapped_column(Integer, default=0)
    head_hash: Mapped[str] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}


class Task(Base):
    """A user task waiting for a person: the inbox reads this table, never a workflow."""

    __tablename__ = "tasks"
    # The inbox joins a person's team memberships to tasks by trajectory and lane.
    __table_args__ = (Index("ix_tasks_trajectory_lane", "trajectory_id", "lane"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    trajectory_id: Mapped[str] = mapped_column(ForeignKey("trajectories.id"), index=True)
    element: Mapped[str] = mapped_column(String(200))
    name: Mapped[str] = mapped_column(String(300))
    lane: Mapped[str | None] = mapped_column(String(50), index=True)
    form: Mapped[str | None] = mapped_column(String(200))
    path: Mapped[str] = mapped_column(String(500))
    ready_since: Mapped[datetime] = mapped_column(UtcDateTime)
    due_at: Mapped[datetime | None] = mapped_column(UtcDateTime, index=True)
    claimed_by: Mapped[str | None] = mapped_column(ForeignKey("people.id"))
    claimed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # A task a deadline made ready (an escalation): while consent is withdrawn only the coordinator hears of it.
    escalation: Mapped[bool] = mapped_column(default=False)
    # "richtlijn": a user task of the guideline; "ekd": an item ekd puts beside it (sign the A-document again).
    kind: Mapped[str] = mapped_column(String(20), default="richtlijn", server_default="richtlijn")


class Member(Base):
    """Someone on a trajectory's team, in a role (one person may hold several)."""

    __tablename__ = "trajectory_members"
    __table_args__ = (Index("ix_members_person", "person_id", "role"),)

    trajectory_id: Mapped[str] = mapped_column(ForeignKey("trajectories.id"), primary_key=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id"), primary_key=True)
    role: Mapped[str] = mapped_column(String(50), primary_key=True)


class Draft(Base):
    """Form data a person saved for a task without completing it."""

    __tablename__ = "drafts"

    task_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id"), primary_key=True)
    data: Mapped[dict] = mapped_column(JSON)
    saved_at: Mapped[datetime] = mapped_column(UtcDateTime)


class LoginFailure(Base):
    """A failed log-in, to slow down password guessing (kept in the database: any worker sees it)."""

    __tablename__ = "login_failures"
    __table_args__ = (Index("ix_login_failures_user", "username", "at"),
                      Index("ix_login_failures_address", "address", "at"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(100))
    address: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(UtcDateTime)


class LoginThrottle(Base):
    """One username's failed log-ins in the current window. An attempt takes a slot here with one
    conditional UPDATE before its password is checked, so parallel guesses cannot all get through."""

    __tablename__ = "login_throttles"

    username: Mapped[str] = mapped_column(String(100), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    window_start: Mapped[datetime] = mapped_column(UtcDateTime)


class Login(Base):
    """A page session or an API token, kept on the server so that log-out, idle time and an
    administrator can end it. The id is a digest of the secret the browser or client holds."""

    __tablename__ = "logins"
    __table_args__ = (Index("ix_logins_person", "person_id", "ended_at"),)

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id"))
    kind: Mapped[str] = mapped_column(String(10))                 # sessie, token
    address: Mapped[str] = mapped_column(String(64))
    started_at: Mapped[datetime] = mapped_column(UtcDateTime)
    last_seen: Mapped[datetime] = mapped_column(UtcDateTime)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    ended_how: Mapped[str | None] = mapped_column(String(20))     # afgemeld, ingetrokken


class Timer(Base):
    """A timer a trajectory waits for; a scheduler claims it atomically when it is due."""

    __tablename__ = "timers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    trajectory_id: Mapped[str] = mapped_column(ForeignKey("trajectories.id"), index=True)
    element: Mapped[str] = mapped_column(String(200))
    path: Mapped[str] = mapped_column(String(500))
    due_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)


class Event(Base):
    """One entry of a trajectory's append-only, hash-chained event log."""

    __tablename__ = "events"
    __table_args__ = (UniqueConstraint("trajectory_id", "seq"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    trajectory_id: Mapped[str] = mapped_column(ForeignKey("trajectories.id"))
    seq: Mapped[int] = mapped_column(Integer)
    type: Mapped[str] = mapped_column(String(50))
    actor: Mapped[str] = mapped_column(String(100))
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime)
    payload: Mapped[str | None] = mapped_column(Text)        # NULL once erased after retention
    payload_hash: Mapped[str] = mapped_column(String(64))
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    # The guideline version in effect when the event happened: a projection of the chain (the start
    # names the first version, each move the next), which `ekd audit verify` re-derives and compares.
    guideline_version_id: Mapped[str | None] = mapped_column(String(32))


class AccessEntry(Base):
    """Who read or changed what, when: kept apart from the event chains, chained itself in segments
    (one per actor), so that requests of different people never wait on one another."""

    __tablename__ = "access_log"
    __table_args__ = (Index("ix_access_subject", "subject"), UniqueConstraint("segment", "seq"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(50))
    subject: Mapped[str] = mapped_column(String(200))
    detail: Mapped[str | None] = mapped_column(Text)
    segment: Mapped[str] = mapped_column(String(100))
    seq: Mapped[int] = mapped_column(Integer)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AccessHead(Base):
    """The head of one access-log segment: how many entries it has and the last one's hash."""

    __tablename__ = "access_heads"

    segment: Mapped[str] = mapped_column(String(100), primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)
    head_hash: Mapped[str] = mapped_column(String(64))


class ADocument(Base):
    """One version of a trajectory's A-document. A concept is assembled live from the trajectory
    plus the coordinator's additions; a submitted one is frozen: its content and hash never change."""

    __tablename__ = "a_documents"
    __table_args__ = (UniqueConstraint("trajectory_id", "version"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    trajectory_id: Mapped[str] = mapped_column(ForeignKey("trajectories.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20))               # concept, ingediend, vervangen
    additions: Mapped[dict] = mapped_column(JSON, default=dict)
    content: Mapped[dict | None] = mapped_column(JSON)            # set when frozen
    content_hash: Mapped[str | None] = mapped_column(String(64))
    frozen_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    frozen_by: Mapped[str | None] = mapped_column(ForeignKey("people.id"))
    replaces_id: Mapped[str | None] = mapped_column(ForeignKey("a_documents.id"))
    correction_reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class Signature(Base):
    """A discipline's signature: a record bound to the hash of the content it signed."""

    __tablename__ = "signatures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    a_document_id: Mapped[str] = mapped_column(ForeignKey("a_documents.id"), index=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id"))
    role: Mapped[str] = mapped_column(String(50))
    content_hash: Mapped[str] = mapped_column(String(64))
    signed_at: Mapped[datetime] = mapped_column(UtcDateTime)


class Agreement(Base):
    """The client's agreement with the A-document: its own record, not the consent of the start."""

    __tablename__ = "agreements"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    a_document_id: Mapped[str] = mapped_column(ForeignKey("a_documents.id"), index=True)
    content_hash: Mapped[str] = mapped_column(String(64))
    agreed_on: Mapped[date] = mapped_column(Date)
    parties: Mapped[list] = mapped_column(JSON)      # [{"naam", "rol", "akkoord"}]
    recorded_by: Mapped[str] = mapped_column(ForeignKey("people.id"))
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime)


class Checkpoint(Base):
    """A trajectory's state after event `seq`, so a replay to any event starts nearby; with the
    steps the events since the previous checkpoint completed. `audit verify` re-checks both."""

    __tablename__ = "checkpoints"

    trajectory_id: Mapped[str] = mapped_column(ForeignKey("trajectories.id"), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    state: Mapped[bytes] = mapped_column(LargeBinary)       # zlib-compressed JSON
    steps: Mapped[list] = mapped_column(JSON)


class PasswordLink(Base):
    """A one-time link to set a password (a new person's first, or after a reset). The id is a
    digest of the secret in the link; the link works once, until it expires or a newer one replaces it."""

    __tablename__ = "password_links"
    __table_args__ = (Index("ix_password_links_person", "person_id", "used_at"),)

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id"))
    purpose: Mapped[str] = mapped_column(String(20))              # welkom, herstel
    created_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime)   # used, or voided by a newer link


class PersonEvent(Base):
    """One entry of a person's record (added, roles given or taken, deactivated, a password link,
    a password set): append-only, numbered per person. A person has no trajectory chain."""

    __tablename__ = "person_events"
    __table_args__ = (UniqueConstraint("person_id", "seq"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id"))
    seq: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(30))
    actor: Mapped[str] = mapped_column(String(100))
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime)
    body: Mapped[dict] = mapped_column(JSON)


class FamilyMember(Base):
    """A member of a child's family with a log-in of their own (the `client` role): a legal
    representative, a parent in contact, or the child. Linked to one child, never to another."""

    __tablename__ = "family_members"
    __table_args__ = (Index("ix_family_members_child", "child_id"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    child_id: Mapped[str] = mapped_column(ForeignKey("children.id"))
    person_id: Mapped[str | None] = mapped_column(ForeignKey("people.id"), unique=True)   # set on acceptance
    name: Mapped[str] = mapped_column(String(200))
    relation: Mapped[str] = mapped_column(String(30))              # legal_representative, parent, child
    kinship: Mapped[str | None] = mapped_column(String(30))        # moeder, vader, voogd, pleegouder, ... (as said)
    # The child's capability judgement (the consent step's rule): standaard, bekwaam, niet_bekwaam.
    capability: Mapped[str] = mapped_column(String(20), default="standaard", server_default="standaard")
    motivation: Mapped[str | None] = mapped_column(Text)
    hidden: Mapped[list] = mapped_column(JSON, default=list)       # the child's objection: parts parents do not see
    adult_grant: Mapped[bool] = mapped_column(default=False)       # a parent the young adult (18+) still lets in
    invited_by: Mapped[str] = mapped_column(String(100))
    invited_at: Mapped[datetime] = mapped_column(UtcDateTime)


class FamilyInvitation(Base):
    """A one-time invitation for a family member: the id is a digest of its short code; it works
    once, for 14 days, and a newer invitation for the same member voids the older ones."""

    __tablename__ = "family_invitations"
    __table_args__ = (Index("ix_family_invitations_member", "member_id", "used_at"),)

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    member_id: Mapped[str] = mapped_column(ForeignKey("family_members.id"))
    trajectory_id: Mapped[str] = mapped_column(ForeignKey("trajectories.id"))
    created_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
