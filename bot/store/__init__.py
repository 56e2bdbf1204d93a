"""The store: SQLAlchemy models, repositories returning domain objects, Alembic migrations."""

from bot.store.chats import ChatRepository
from bot.store.database import Database
from bot.store.reports import ReportRepository, SaveOutcome

__all__ = ["ChatRepository", "Database", "ReportRepository", "SaveOutcome"]
