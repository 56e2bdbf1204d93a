"""Reports, their figures per category, and the figures that revisions replaced.

Revision ID: 0001
Revises:
Create Date: 2026-11-21
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "reports",
        sa.Column("report_date", sa.Date(), nullable=False),
        sa.Column("source_url", sa.Text(), nullable=True),
        sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revised_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("report_date", name=op.f("pk_reports")),
    )
    op.create_table(
        "report_figures",
        sa.Column("report_date", sa.Date(), nullable=False),
        sa.Column("category", sa.Text(), nullable=False),
        sa.Column("total", sa.BigInteger(), nullable=True),
        sa.Column("change", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["report_date"],
            ["reports.report_date"],
            name=op.f("fk_report_figures_report_date_reports"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("report_date", "category", name=op.f("pk_report_figures")),
    )
    op.create_table(
        "report_revisions",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("report_date", sa.Date(), nullable=False),
        sa.Column("source_url", sa.Text(), nullable=True),
        sa.Column("totals", sa.JSON(), nullable=False),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.Column("fetched_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("replaced_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["report_date"],
            ["reports.report_date"],
            name=op.f("fk_report_revisions_report_date_reports"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_revisions")),
    )
    op.create_index(
        op.f("ix_report_revisions_report_date"), "report_revisions", ["report_date"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_report_revisions_report_date"), table_name="report_revisions")
    op.drop_table("report_revisions")
    op.drop_table("report_figures")
    op.drop_table("reports")
