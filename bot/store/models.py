"""The schema: declarative models for SQLite and PostgreSQL alike. ORM rows never leave `bot.store`.

Every table of the bot is declared on `Base`; Alembic revisions under `migrations/versions` must
match these models (a test runs autogenerate's comparison on both databases).
"""

from __future__ import annotations

import importlib
import pkgutil
from datetime import UTC, date, datetime
from typing import Any, ClassVar

import sqlalchemy as sa
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from bot.domain.chats import ChatKind

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UtcDateTime(sa.TypeDecorator[datetime]):
    """A time-zone-aware moment, stored in UTC; SQLite keeps no zone, so it is put back on read."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"a naive datetime cannot be stored: {value!r}")
        utc = value.astimezone(UTC)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


# SQLite numbers rows by itself only in an INTEGER PRIMARY KEY (which holds 64 bits anyway).
BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


class Base(DeclarativeBase):
    metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        int: sa.BigInteger(),
        str: sa.Text(),
        datetime: UtcDateTime(),
        date: sa.Date(),
        bool: sa.Boolean(),
    }


class ReportRow(Base):
    """One report date with the provenance of its current figures."""

    __tablename__ = "reports"

    report_date: Mapped[date] = mapped_column(primary_key=True)
    source_url: Mapped[str | None]
    fetched_at: Mapped[datetime]
    """When the current figures were fetched (first stored, or the latest revision)."""
    revised_at: Mapped[datetime | None]
    source: Mapped[str] = mapped_column(sa.String(32), server_default="api")
    """The source whose figures these are (`domain.readings.Source`): `api` or `channel`."""


class FigureRow(Base):
    """One category of one report. A category the report does not mention has no row."""

    __tablename__ = "report_figures"

    report_date: Mapped[date] = mapped_column(
        sa.ForeignKey(ReportRow.report_date, ondelete="CASCADE"), primary_key=True
    )
    category: Mapped[str] = mapped_column(primary_key=True)
    # Upstream may publish a change without a total (or the reverse); both are kept as given.
    total: Mapped[int | None]
    change: Mapped[int | None]


class RevisionRow(Base):
    """The figures of a report as they were before upstream replaced them."""

    __tablename__ = "report_revisions"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    report_date: Mapped[date] = mapped_column(
        sa.ForeignKey(ReportRow.report_date, ondelete="CASCADE"), index=True
    )
    source_url: Mapped[str | None]
    totals: Mapped[dict[str, int]] = mapped_column(sa.JSON)
    changes: Mapped[dict[str, int]] = mapped_column(sa.JSON)
    fetched_at: Mapped[datetime]
    """When the replaced figures had been fetched."""
    replaced_at: Mapped[datetime]


def _one_of(column: str, values: type[ChatKind]) -> str:
    return f"{column} IN ({', '.join(repr(value.value) for value in values)})"


class ChatRow(Base):
    """A chat the bot knows of. Its subscriptions and their settings are `SubscriptionRow`s."""

    __tablename__ = "chats"
    __table_args__ = (sa.CheckConstraint(_one_of("kind", ChatKind), name="kind"),)

    chat_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    kind: Mapped[str] = mapped_column(sa.String(16))
    title: Mapped[str | None]
    added_by: Mapped[int | None] = mapped_column(index=True)
    """The user who let the bot post in a channel: its settings go to them, privately."""
    created_at: Mapped[datetime] = mapped_column(server_default=sa.func.now())
    updated_at: Mapped[datetime] = mapped_column(
        server_default=sa.func.now(), onupdate=sa.func.now()
    )


NO_THREAD = 0
"""`thread_id` of a chat's own subscription (in a forum, its General topic's). A key column cannot
be NULL; Telegram numbers a topic by the message that opened it, never 0."""


def thread_key(thread_id: int | None) -> int:
    """The stored `thread_id` of a subscription's topic (None: the chat itself)."""
    return NO_THREAD if thread_id is None else thread_id


def thread_of(key: int) -> int | None:
    """The topic a stored `thread_id` names (None: the chat itself)."""
    return None if key == NO_THREAD else key


class SubscriptionRow(Base):
    """A subscription and its settings: a chat's own (`thread_id` 0), or one forum topic's.

    Every chat has its own; a topic has one once the bot has met it (a command sent there).
    """

    __tablename__ = "subscriptions"

    chat_id: Mapped[int] = mapped_column(
        sa.ForeignKey(ChatRow.chat_id, ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    thread_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    language: Mapped[str] = mapped_column(sa.String(8))
    """A language of the catalogs; no constraint lists them (a new language is a new folder)."""
    subscribed: Mapped[bool] = mapped_column(server_default=sa.false())
    resume_on_start: Mapped[bool] = mapped_column(server_default=sa.false())
    """The subscription ended without the chat asking (it blocked the bot): /start resumes it."""
    daily_post: Mapped[bool] = mapped_column(server_default=sa.true())
    record_alerts: Mapped[bool] = mapped_column(server_default=sa.true())
    milestone_alerts: Mapped[bool] = mapped_column(server_default=sa.true())
    category_records: Mapped[list[str]] = mapped_column(sa.JSON)
    silent: Mapped[bool] = mapped_column(server_default=sa.false())
    picture_card: Mapped[bool] = mapped_column(server_default=sa.false())
    weekly_digest: Mapped[bool] = mapped_column(server_default=sa.false())
    monthly_digest: Mapped[bool] = mapped_column(server_default=sa.false())
    created_at: Mapped[datetime] = mapped_column(server_default=sa.func.now())
    updated_at: Mapped[datetime] = mapped_column(
        server_default=sa.func.now(), onupdate=sa.func.now()
    )


def schema() -> sa.MetaData:
    """The metadata of every table, after importing each `bot.store` module that may declare one."""
    package = importlib.import_module("bot.store")
    for module in pkgutil.iter_modules(package.__path__):
        if module.name != "migrations":
            importlib.import_module(f"bot.store.{module.name}")
    return Base.metadata
