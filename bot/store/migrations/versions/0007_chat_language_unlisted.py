"""Chats: no constraint lists the languages any more (the catalogs are the table of languages).

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_LANGUAGES = "('uk', 'en')"
"""The languages the dropped constraint listed; a downgrade moves other chats to English."""


def upgrade() -> None:
    with op.batch_alter_table("chats") as batch_op:
        batch_op.drop_constraint(op.f("ck_chats_language"), type_="check")


def downgrade() -> None:
    op.execute(f"UPDATE chats SET language = 'en' WHERE language NOT IN {OLD_LANGUAGES}")
    with op.batch_alter_table("chats") as batch_op:
        batch_op.create_check_constraint(op.f("ck_chats_language"), f"language IN {OLD_LANGUAGES}")
