"""Repository of A-documents, their signatures and the client's agreements."""

from __future__ import annotations

from sqlalchemy import bindparam, exists, select
from sqlalchemy.orm import Session

from engine.store.models import ADocument, Agreement, Signature

_documents, _signatures = ADocument.__table__.c, Signature.__table__.c
# Asked after every change of a trajectory: built once.
_SIGNED_CONCEPT = (select(_documents.status == "concept", exists().where(_signatures.a_document_id == _documents.id))
                   .where(_documents.trajectory_id == bindparam("trajectory")).order_by(_documents.version.desc())
                   .limit(1))


class Documents:
    def __init__(self, session: Session):
        self.session = session

    def versions(self, trajectory_id: str) -> list[ADocument]:
        query = select(ADocument).where(ADocument.trajectory_id == trajectory_id).order_by(ADocument.version)
        return list(self.session.scalars(query))

    def current(self, trajectory_id: str) -> ADocument | None:
        versions = self.versions(trajectory_id)
        return versions[-1] if versions else None

    def signed_concept(self, trajectory_id: str) -> bool:
        """Whether the trajectory's current A-document is a concept that someone signed (one query)."""
        self.session.flush()                  # a plain statement does not flush what the use case added
        found = self.session.execute(_SIGNED_CONCEPT, {"trajectory": trajectory_id}).first()
        return bool(found and found[0] and found[1])

    def add(self, document: ADocument) -> None:
        self.session.add(document)

    def signatures(self, document_id: str) -> list[Signature]:
        query = (select(Signature).where(Signature.a_document_id == document_id)
                 .order_by(Signature.signed_at, Signature.id))
        return list(self.session.scalars(query))

    def agreement(self, document_id: str) -> Agreement | None:
        query = select(Agreement).where(Agreement.a_document_id == document_id).order_by(Agreement.id.desc())
        return self.session.scalars(query.limit(1)).first()

    def sign(self, signature: Signature) -> None:
        self.session.add(signature)

    def agree(self, agreement: Agreement) -> None:
        self.session.add(agreement)
