"""The outbox for replicas and a million subscribers: campaigns expanded chat by chat, claims with
a lease on deliveries, digests as deliveries (no report behind them), and the bot's own state.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-29
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KINDS = "kind IN ('daily', 'record', 'milestone', 'weekly', 'monthly')"
REPORT_KINDS = "kind IN ('daily', 'record', 'milestone')"


def upgrade() -> None:
    op.create_table(
        "bot_state",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.JSON(), nullable=False),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_bot_state")),
    )
    op.create_table(
        "campaigns",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("report_date", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("categories", sa.JSON(), nullable=False),
        sa.Column("next_chat_id", sa.BigInteger(), nullable=True),
        sa.Column("planned", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.CheckConstraint(KINDS, name=op.f("ck_campaigns_kind")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campaigns")),
        sa.UniqueConstraint("report_date", "kind", name=op.f("uq_campaigns_report_date")),
    )
    op.create_index(op.f("ix_campaigns_planned"), "campaigns", ["planned"], unique=False)
    with op.batch_alter_table("deliveries") as batch_op:
        batch_op.add_column(sa.Column("claimed_until", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("claimed_by", sa.String(length=32), nullable=True))
        batch_op.drop_index(batch_op.f("ix_deliveries_status"))
        batch_op.create_index(
            batch_op.f("ix_deliveries_status"), ["status", "kind", "report_date", "id"]
        )
        batch_op.create_index(batch_op.f("ix_deliveries_created_at"), ["created_at"])
        # A digest's date is the first day of its period, with or without a report.
        batch_op.drop_constraint(
            batch_op.f("fk_deliveries_report_date_reports"), type_="foreignkey"
        )
        batch_op.drop_constraint(batch_op.f("ck_deliveries_kind"), type_="check")
        batch_op.create_check_constraint(batch_op.f("ck_deliveries_kind"), KINDS)


def downgrade() -> None:
    op.execute("DELETE FROM deliveries WHERE kind NOT IN ('daily', 'record', 'milestone')")
    op.execute("DELETE FROM deliveries WHERE report_date NOT IN (SELECT report_date FROM reports)")
    with op.batch_alter_table("deliveries") as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_deliveries_kind"), type_="check")
        batch_op.create_check_constraint(batch_op.f("ck_deliveries_kind"), REPORT_KINDS)
        batch_op.create_foreign_key(
            batch_op.f("fk_deliveries_report_date_reports"),
            "reports",
            ["report_date"],
            ["report_date"],
            ondelete="CASCADE",
        )
        batch_op.drop_index(batch_op.f("ix_deliveries_created_at"))
        batch_op.drop_index(batch_op.f("ix_deliveries_status"))
        batch_op.create_index(
            batch_op.f("ix_deliveries_status"), ["status", "report_date", "kind", "id"]
        )
        batch_op.drop_column("claimed_by")
        batch_op.drop_column("claimed_until")
    op.drop_index(op.f("ix_campaigns_planned"), table_name="campaigns")
    op.drop_table("campaigns")
    op.drop_table("bot_state")
