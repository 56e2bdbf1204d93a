"""Two sources of the figures: the source of each stored report, readings held until confirmed,
posts without a date kept as observations, and the disagreements between sources.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-29

Downgrading forgets what the older schema cannot hold: observations without a date or held, and
the disagreements.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("reports") as batch_op:
        batch_op.add_column(
            sa.Column("source", sa.String(length=32), server_default="api", nullable=False)
        )
    with op.batch_alter_table("observations") as batch_op:
        batch_op.alter_column("report_date", existing_type=sa.Date(), nullable=True)
        batch_op.drop_constraint(batch_op.f("ck_observations_verdict"), type_="check")
        batch_op.create_check_constraint(
            batch_op.f("ck_observations_verdict"), "verdict IN ('accepted', 'refused', 'held')"
        )
    op.create_table(
        "disagreements",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("report_date", sa.Date(), nullable=False),
        sa.Column("first_source", sa.String(length=32), nullable=False),
        sa.Column("second_source", sa.String(length=32), nullable=False),
        sa.Column("first_fingerprint", sa.String(length=64), nullable=False),
        sa.Column("second_fingerprint", sa.String(length=64), nullable=False),
        sa.Column("differences", sa.JSON(), nullable=False),
        sa.Column("found_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_disagreements")),
        sa.UniqueConstraint(
            "report_date",
            "first_fingerprint",
            "second_fingerprint",
            name=op.f("uq_disagreements_report_date"),
        ),
    )
    op.create_index(
        op.f("ix_disagreements_resolved_at"),
        "disagreements",
        ["resolved_at", "report_date"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_disagreements_resolved_at"), table_name="disagreements")
    op.drop_table("disagreements")
    op.execute("DELETE FROM observations WHERE report_date IS NULL OR verdict = 'held'")
    with op.batch_alter_table("observations") as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_observations_verdict"), type_="check")
        batch_op.create_check_constraint(
            batch_op.f("ck_observations_verdict"), "verdict IN ('accepted', 'refused')"
        )
        batch_op.alter_column("report_date", existing_type=sa.Date(), nullable=False)
    with op.batch_alter_table("reports") as batch_op:
        batch_op.drop_column("source")
