"""Guideline drafts of the quality center: every save a revision, approvals bound to a revision."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Integer, String, Text, UniqueConstraint, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from engine.store.models import Base
from engine.store.types import UtcDateTime


class GuidelineDraft(Base):
    """A guideline being written: apart from the published versions until it is published."""

    __tablename__ = "guideline_drafts"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    based_on: Mapped[str | None] = mapped_column(String(32))     # the version it was copied from
    status: Mapped[str] = mapped_column(String(20))              # open, published
    origin: Mapped[str] = mapped_column(String(10))              # app, seed (ekd init after a publication)
    revision: Mapped[int] = mapped_column(Integer)               # the newest revision's number
    created_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    published_version: Mapped[str | None] = mapped_column(String(32))


class DraftRevision(Base):
    """One save of a draft: all its files as they were then, who saved them, and what the checks found."""

    __tablename__ = "guideline_draft_revisions"

    draft_id: Mapped[str] = mapped_column(ForeignKey("guideline_drafts.id"), primary_key=True)
    number: Mapped[int] = mapped_column(Integer, primary_key=True)
    files: Mapped[dict] = mapped_column(JSON)                    # flat file name -> text
    note: Mapped[str] = mapped_column(Text)                      # what this save changed
    saved_by: Mapped[str] = mapped_column(String(200))
    saved_at: Mapped[datetime] = mapped_column(UtcDateTime)
    findings: Mapped[list] = mapped_column(JSON)                 # the checks' findings on these files
    test_run: Mapped[dict | None] = mapped_column(JSON)          # the latest test run of these files


class DraftApproval(Base):
    """A quality-center member's approval of one revision (a later save needs a new approval)."""

    __tablename__ = "guideline_draft_approvals"
    __table_args__ = (UniqueConstraint("draft_id", "revision", "approved_by"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    draft_id: Mapped[str] = mapped_column(ForeignKey("guideline_drafts.id"), index=True)
    revision: Mapped[int] = mapped_column(Integer)
    approved_by: Mapped[str] = mapped_column(String(200))
    approved_at: Mapped[datetime] = mapped_column(UtcDateTime)


class GuidelineDrafts:
    def __init__(self, session: Session):
        self.session = session

    def get(self, draft_id: str) -> GuidelineDraft | None:
        return self.session.get(GuidelineDraft, draft_id)

    def add(self, draft: GuidelineDraft) -> None:
        self.session.add(draft)

    def open(self) -> list[GuidelineDraft]:
        query = select(GuidelineDraft).where(GuidelineDraft.status == "open").order_by(GuidelineDraft.created_at)
        return list(self.session.scalars(query))

    def revision(self, draft_id: str, number: int) -> DraftRevision | None:
        return self.session.get(DraftRevision, (draft_id, number))

    def history(self, draft_id: str) -> list[tuple[int, str, str, datetime]]:
        """(number, note, saved by, saved at) of every revision, newest first, without the files."""
        query = (select(DraftRevision.number, DraftRevision.note, DraftRevision.saved_by, DraftRevision.saved_at)
                 .where(DraftRevision.draft_id == draft_id).order_by(DraftRevision.number.desc()))
        return [tuple(row) for row in self.session.execute(query)]

    def add_revision(self, revision: DraftRevision) -> None:
        self.session.add(revision)

    def approvals(self, draft_id: str, revision: int | None = None) -> list[DraftApproval]:
        query = select(DraftApproval).where(DraftApproval.draft_id == draft_id)
        if revision is not None:
            query = query.where(DraftApproval.revision == revision)
        return list(self.session.scalars(query.order_by(DraftApproval.id)))

    def approve(self, approval: DraftApproval) -> None:
        self.session.add(approval)
