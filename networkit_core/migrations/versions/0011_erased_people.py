"""erased_people: who was erased on request (a keyed hash of the e-mail, and the day)

A later roster import or a new account for an erased e-mail is refused by name unless the admin
says to bring the person back.

Revision ID: 0011_erased_people
Revises: 0010_destinations
Create Date: 2026-12-02 17:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011_erased_people"
down_revision: str | None = "0010_destinations"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "erased_people",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email_hash", sa.String(length=64), nullable=False),
        sa.Column("erased_on", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_erased_people")),
        sa.UniqueConstraint("email_hash", name=op.f("uq_erased_people_email_hash")),
    )


def downgrade() -> None:
    op.drop_table("erased_people")
