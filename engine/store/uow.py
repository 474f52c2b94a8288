"""The unit of work: one transaction per use case, with the repositories it needs."""

from __future__ import annotations

from engine.history.chain import Key
from engine.store.accounts import PasswordLinks, PersonEvents
from engine.store.database import Database
from engine.store.documents import Documents
from engine.store.family import FamilyInvitations, FamilyMembers
from engine.store.guideline_drafts import GuidelineDrafts
from engine.store.journal import AccessLog, Checkpoints, Events
from engine.store.logins import LoginFailures, Logins, Throttles
from engine.store.queues import Drafts, Tasks, Timers
from engine.store.records import Children, GuidelineVersions, People, Trajectories
from engine.store.teams import Members


class UnitOfWork:
    """`with uow:` opens a transaction; nothing is kept unless commit() is called. It carries the
    audit key the chains are linked with (the database does not hold it).

    A late writer (`late=True`, on PostgreSQL) reads without holding anything: it takes the trajectory's
    row when it writes it (conditional on the version it read) or confirms its chain head
    (`trajectories.confirm`); its caller does the work again when it was overtaken. On SQLite every
    writer holds the write lock from its start: one writer holds the whole database there, so a late
    writer would be overtaken by any commit at all (bench/README.md, issue 19)."""

    def __init__(self, database: Database, key: Key, write: bool = False, late: bool = False):
        self.database = database
        self.key = key
        self.write = write
        self.late = write and late and not database.sqlite

    def __enter__(self) -> UnitOfWork:
        self.queued = self.write and self.database.writers is not None
        if self.queued:
            self.database.writers.acquire()
        self.session = self.database.session(self.write)
        session = self.session
        self.guidelines = GuidelineVersions(session)
        self.guideline_drafts = GuidelineDrafts(session)
        self.people = People(session)
        self.children = Children(session, lock_rows=not self.database.sqlite)
        self.trajectories = Trajectories(session, lock_rows=not self.database.sqlite, late=self.late)
        self.tasks = Tasks(session)
        self.timers = Timers(session)
        self.events = Events(session)
        self.access = AccessLog(session, self.key, lock_rows=not self.database.sqlite)
        self.members = Members(session)
        self.drafts = Drafts(session)
        self.login_failures = LoginFailures(session)
        self.throttles = Throttles(session)
        self.logins = Logins(session)
        self.documents = Documents(session)
        self.checkpoints = Checkpoints(session)
        self.password_links = PasswordLinks(session)
        self.person_events = PersonEvents(session)
        self.family_members = FamilyMembers(session)
        self.family_invitations = FamilyInvitations(session)
        return self

    def __exit__(self, *exc) -> None:
        # Closing rolls back anything not committed; loaded rows stay readable (detached).
        try:
            self.session.close()
        finally:
            if self.queued:
                self.database.writers.release()

    def commit(self) -> None:
        """Make the use case's changes permanent (the events not sent yet and the access-log entries first)."""
        self.events.send()
        self.access.seal()
        self.session.commit()

    def flush(self) -> None:
        """Send pending changes to the database (to see constraint errors early)."""
        self.session.flush()
