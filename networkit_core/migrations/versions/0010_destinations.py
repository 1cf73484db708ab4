"""destinations: where graduates land (NACE first destination), and their graduation date

Each destination recorded is a row of its own (history kept, the newest counts), optionally
naming the interview it came through. A roster may give a graduate's graduation date.

Revision ID: 0010_destinations
Revises: 0009_record_versions
Create Date: 2026-12-02 14:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010_destinations"
down_revision: str | None = "0009_record_versions"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STATUSES = (
    "employed_full_time",
    "employed_part_time",
    "continuing_education",
    "service",
    "military",
    "still_seeking",
    "not_seeking",
)


def upgrade() -> None:
    op.add_column("graduates", sa.Column("graduation_date", sa.Date(), nullable=True))
    op.create_table(
        "destinations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("graduate_id", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                *STATUSES, name="destination_status", native_enum=False, create_constraint=True
            ),
            nullable=False,
        ),
        sa.Column("organization", sa.String(length=160), nullable=False),
        sa.Column("job_title", sa.String(length=160), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("recorded_on", sa.Date(), nullable=False),
        sa.Column(
            "source",
            sa.Enum(
                "graduate",
                "advisor",
                "import",
                name="destination_source",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("found_through_interview_id", sa.Integer(), nullable=True),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["graduate_id"],
            ["graduates.id"],
            name=op.f("fk_destinations_graduate_id_graduates"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["found_through_interview_id"],
            ["interviews.id"],
            name=op.f("fk_destinations_found_through_interview_id_interviews"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"],
            ["users.id"],
            name=op.f("fk_destinations_recorded_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_destinations")),
    )
    op.create_index(
        "ix_destinations_graduate_id_recorded_on",
        "destinations",
        ["graduate_id", "recorded_on"],
    )
    op.create_index(
        op.f("ix_destinations_found_through_interview_id"),
        "destinations",
        ["found_through_interview_id"],
    )


def downgrade() -> None:
    op.drop_table("destinations")
    op.drop_column("graduates", "graduation_date")
