"""Chats: kind, title, language, subscription and settings.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "chats",
        sa.Column("chat_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("subscribed", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("daily_post", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column("record_alerts", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column("milestone_alerts", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column("category_records", sa.JSON(), nullable=False),
        sa.Column("silent", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.CheckConstraint(
            "kind IN ('private', 'group', 'supergroup', 'channel')", name=op.f("ck_chats_kind")
        ),
        sa.CheckConstraint("language IN ('uk', 'en')", name=op.f("ck_chats_language")),
        sa.PrimaryKeyConstraint("chat_id", name=op.f("pk_chats")),
    )


def downgrade() -> None:
    op.drop_table("chats")
