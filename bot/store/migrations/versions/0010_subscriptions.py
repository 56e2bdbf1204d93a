"""Subscriptions: a chat's own and, in a forum supergroup, one per topic, each with its settings;
a delivery goes to one subscription, unique on (chat, thread, report date, kind).

Every chat's subscription and settings move from `chats` to its own row of `subscriptions`
(thread 0), and every delivery, pending or sent, stays with it. A downgrade moves each chat's own
settings back and drops what topics had (their subscriptions and deliveries).

On SQLite the chats table is never copied while another table refers to it: with foreign keys on,
dropping the old copy deletes its rows first, and ON DELETE CASCADE would take every subscription
and delivery with them. So its columns are dropped in place (ALTER TABLE … DROP COLUMN, SQLite
3.35 or newer), and the downgrade copies it only once nothing refers to it.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SETTINGS = (
    "language",
    "subscribed",
    "resume_on_start",
    "daily_post",
    "record_alerts",
    "milestone_alerts",
    "category_records",
    "silent",
    "picture_card",
    "weekly_digest",
    "monthly_digest",
)
UNIQUE = "uq_deliveries_chat_id"


def _settings_columns(*, filled: bool) -> list[sa.Column[object]]:
    """The settings' columns; `filled`: with a server default for the columns that have none, so
    that they can be added to a table that has rows."""
    language = "en" if filled else None
    records = "[]" if filled else None
    return [
        sa.Column("language", sa.String(length=8), server_default=language, nullable=False),
        sa.Column("subscribed", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("resume_on_start", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("daily_post", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column("record_alerts", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column("milestone_alerts", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column("category_records", sa.JSON(), server_default=records, nullable=False),
        sa.Column("silent", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("picture_card", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("weekly_digest", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("monthly_digest", sa.Boolean(), server_default=sa.false(), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "subscriptions",
        sa.Column("chat_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("thread_id", sa.BigInteger(), autoincrement=False, nullable=False),
        *_settings_columns(filled=False),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["chat_id"],
            ["chats.chat_id"],
            name=op.f("fk_subscriptions_chat_id_chats"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("chat_id", "thread_id", name=op.f("pk_subscriptions")),
    )
    columns = ", ".join(SETTINGS)
    op.execute(
        f"INSERT INTO subscriptions (chat_id, thread_id, {columns}, created_at, updated_at) "
        f"SELECT chat_id, 0, {columns}, created_at, updated_at FROM chats"
    )
    with op.batch_alter_table("deliveries") as batch_op:
        batch_op.add_column(
            sa.Column("thread_id", sa.BigInteger(), server_default="0", nullable=False)
        )
        batch_op.drop_constraint(batch_op.f(UNIQUE), type_="unique")
        batch_op.create_unique_constraint(
            batch_op.f(UNIQUE), ["chat_id", "thread_id", "report_date", "kind"]
        )
        batch_op.drop_constraint(op.f("fk_deliveries_chat_id_chats"), type_="foreignkey")
        batch_op.create_foreign_key(
            op.f("fk_deliveries_chat_id_subscriptions"),
            "subscriptions",
            ["chat_id", "thread_id"],
            ["chat_id", "thread_id"],
            ondelete="CASCADE",
        )
    with op.batch_alter_table("campaigns") as batch_op:
        batch_op.add_column(sa.Column("next_thread_id", sa.BigInteger(), nullable=True))
    for column in SETTINGS:  # in place, never by copying the table (see above)
        op.drop_column("chats", column)


def downgrade() -> None:
    for column in _settings_columns(filled=True):
        op.add_column("chats", column)
    assignments = ", ".join(f"{column} = own.{column}" for column in SETTINGS)
    op.execute(
        f"UPDATE chats SET {assignments} FROM subscriptions AS own "
        "WHERE own.chat_id = chats.chat_id AND own.thread_id = 0"
    )
    op.execute("DELETE FROM deliveries WHERE thread_id <> 0")
    with op.batch_alter_table("deliveries") as batch_op:
        batch_op.drop_constraint(op.f("fk_deliveries_chat_id_subscriptions"), type_="foreignkey")
        batch_op.drop_constraint(batch_op.f(UNIQUE), type_="unique")
        batch_op.create_unique_constraint(batch_op.f(UNIQUE), ["chat_id", "report_date", "kind"])
        batch_op.drop_column("thread_id")
    with op.batch_alter_table("campaigns") as batch_op:
        batch_op.drop_column("next_thread_id")
    op.drop_table("subscriptions")
    # Nothing refers to chats now: it may be copied (SQLite) to drop the two defaults.
    with op.batch_alter_table("chats") as batch_op:
        batch_op.alter_column("language", server_default=None)
        batch_op.alter_column("category_records", server_default=None)
    with op.batch_alter_table("deliveries") as batch_op:
        batch_op.create_foreign_key(
            op.f("fk_deliveries_chat_id_chats"),
            "chats",
            ["chat_id"],
            ["chat_id"],
            ondelete="CASCADE",
        )
