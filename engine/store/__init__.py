"""Storage: SQLAlchemy 2 models, repositories and the unit of work."""

from engine.store.database import Database
from engine.store.uow import UnitOfWork

__all__ = ["Database", "UnitOfWork"]
