"""Chats: who added the bot to a channel (its settings and confirmations go to them privately).

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("chats") as batch_op:
        batch_op.add_column(sa.Column("added_by", sa.BigInteger(), nullable=True))
        batch_op.create_index(op.f("ix_chats_added_by"), ["added_by"])


def downgrade() -> None:
    with op.batch_alter_table("chats") as batch_op:
        batch_op.drop_index(op.f("ix_chats_added_by"))
        batch_op.drop_column("added_by")
