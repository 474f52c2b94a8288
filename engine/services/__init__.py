"""The use cases, wired to one database: the composition root of the engine."""

from __future__ import annotations

from engine import runtime
from engine.history.chain import Key
from engine.services.accounts import Accounts
from engine.services.audit import Audit
from engine.services.audit.research import Research
from engine.services.audit.retention import Retention
from engine.services.audit.steps import StepThrough
from engine.services.audit.workbench import Workbench
from engine.services.care.adocuments import ADocuments
from engine.services.care.desk import Desk
from engine.services.care.dossier import Dossiers
from engine.services.care.steps import Steps
from engine.services.care.teams import Teams
from engine.services.care.trajectories import Trajectories
from engine.services.children import ChildRegistry
from engine.services.family.decisions import Decisions
from engine.services.family.invitations import Invitations
from engine.services.family.reading import FamilyReading
from engine.services.family.rights import FamilyRights
from engine.services.inbox import Inbox
from engine.services.library import Library
from engine.services.logins import Logins
from engine.services.people import People
from engine.services.quality import Quality
from engine.services.refusals import Refusals
from engine.services.scheduler import Scheduler
from engine.services.second_factor import SecondFactors
from engine.store import Database, UnitOfWork


class Services:
    """Every use case of ekd over one database."""

    def __init__(self, database: Database, *, audit_key: Key, engine: runtime.Engine | None = None):
        self.database = database
        self.audit_key = audit_key
        self.engine = engine or runtime.Engine()
        self.library = Library(self.uow, self.engine)
        self.documents = ADocuments(self.uow, self.library)
        self.trajectories = Trajectories(self.uow, self.library, self.documents)
        self.scheduler = Scheduler(self.uow, self.library)
        self.audit = Audit(self.uow, self.library)
        self.retention = Retention(self.uow, self.audit)
        self.people = People(self.uow)
        self.logins = Logins(self.uow, self.people)
        self.accounts = Accounts(self.uow)
        self.refusals = Refusals(self.uow)
        self.children = ChildRegistry(self.uow)
        self.teams = Teams(self.uow, self.library)
        self.inbox = Inbox(self.uow)
        self.desk = Desk(self.uow, self.library)
        self.dossiers = Dossiers(self.uow, self.library)
        self.steps = Steps(self.uow, self.library)
        self.quality = Quality(self.uow, self.library, self.engine)
        # The auditor's workbench (issue 17): step-through replay, the trajectory list, verification, access log.
        self.step_through = StepThrough(self.uow, self.library)
        self.workbench = Workbench(self.uow, self.library, self.audit.verify)
        # Conformance per version and the research exports (issue 18).
        self.research = Research(self.uow)
        # the family's own view (engine/services/family/)
        self.invitations = Invitations(self.uow, self.library)
        self.family = FamilyReading(self.uow, self.library)
        self.family_decisions = Decisions(self.uow, self.library, self.trajectories)
        self.family_rights = FamilyRights(self.uow, self.library, self.documents)
        self.second_factors = SecondFactors(self.uow)

    def uow(self, write: bool = False, late: bool = False) -> UnitOfWork:
        """A unit of work on this database (`late`: a writer that reads before it holds anything)."""
        return UnitOfWork(self.database, self.audit_key, write, late)
