"""Chats: the picture card of the daily post, and the weekly and monthly digests (all off).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-21
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SWITCHES = ("picture_card", "weekly_digest", "monthly_digest")


def upgrade() -> None:
    with op.batch_alter_table("chats") as batch_op:
        for name in SWITCHES:
            batch_op.add_column(
                sa.Column(name, sa.Boolean(), server_default=sa.false(), nullable=False)
            )


def downgrade() -> None:
    with op.batch_alter_table("chats") as batch_op:
        for name in reversed(SWITCHES):
            batch_op.drop_column(name)
