"""nudges by e-mail from the dashboard, and an advisor's saved dashboard views

An outbound e-mail may be an advisor's nudge (the kind's CHECK gains "nudge"); an advisor keeps
named dashboard filters as query strings.

Revision ID: 0012_nudge_emails_saved_views
Revises: 0010_destinations
Create Date: 2026-12-02 17:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012_nudge_emails_saved_views"
down_revision: str | None = "0011_erased_people"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KINDS_BEFORE = ("daily_reminder", "weekly_digest")
KINDS_NOW = (*KINDS_BEFORE, "nudge")


def _kinds(kinds: tuple[str, ...]) -> None:
    """The CHECK on outbound_emails.kind, dropped and made again with `kinds` (SQLite rebuilds
    the table in the batch)."""
    allowed = ", ".join(f"'{kind}'" for kind in kinds)
    with op.batch_alter_table("outbound_emails", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_outbound_emails_email_kind"), type_="check")
        batch_op.create_check_constraint(
            batch_op.f("ck_outbound_emails_email_kind"), sa.text(f"kind IN ({allowed})")
        )


def upgrade() -> None:
    _kinds(KINDS_NOW)
    op.create_table(
        "saved_views",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("advisor_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("query", sa.String(length=1000), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["advisor_id"],
            ["users.id"],
            name=op.f("fk_saved_views_advisor_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_saved_views")),
        sa.UniqueConstraint("advisor_id", "name", name=op.f("uq_saved_views_advisor_id_name")),
    )


def downgrade() -> None:
    op.drop_table("saved_views")
    op.execute("DELETE FROM outbound_emails WHERE kind = 'nudge'")
    _kinds(KINDS_BEFORE)
