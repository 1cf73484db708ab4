"""record versions: the records that pages edit carry a version, as interviews do

A save sends the version it read; a save over a newer one is refused (a conflict showing both)
instead of overwriting another tab's or another person's change without a word.

Revision ID: 0009_record_versions
Revises: 0008_sign_in_links
Create Date: 2026-12-02 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009_record_versions"
down_revision: str | None = "0008_sign_in_links"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = (
    "contacts",
    "cohorts",
    "cohort_goals",
    "question_banks",
    "questions",
    "coaching_comments",
)


def upgrade() -> None:
    for table in TABLES:
        op.add_column(
            table,
            sa.Column("version", sa.Integer(), server_default=sa.text("1"), nullable=False),
        )


def downgrade() -> None:
    # SQLite drops a plain column in place (3.35 and later): no table copy, so the foreign
    # keys of the rows that point at these tables stay as they are.
    for table in TABLES:
        op.drop_column(table, "version")
