"""questions: suggestions to a question bank, accepted or declined by its owner

Revision ID: 0005_questions_suggestions
Revises: 0004_reach_reminders
Create Date: 2026-11-26 06:42:11.167955
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005_questions_suggestions"
down_revision: str | None = "0004_reach_reminders"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "question_suggestions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("bank_id", sa.Integer(), nullable=False),
        sa.Column("suggested_by_id", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("category", sa.String(length=120), nullable=False),
        sa.Column("tags", sa.String(length=500), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "pending",
                "accepted",
                "declined",
                name="suggestion_status",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("question_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["bank_id"],
            ["question_banks.id"],
            name=op.f("fk_question_suggestions_bank_id_question_banks"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["decided_by_id"],
            ["users.id"],
            name=op.f("fk_question_suggestions_decided_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["question_id"],
            ["questions.id"],
            name=op.f("fk_question_suggestions_question_id_questions"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["suggested_by_id"],
            ["users.id"],
            name=op.f("fk_question_suggestions_suggested_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_question_suggestions")),
    )
    with op.batch_alter_table("question_suggestions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_question_suggestions_bank_id"), ["bank_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_question_suggestions_suggested_by_id"), ["suggested_by_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("question_suggestions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_question_suggestions_suggested_by_id"))
        batch_op.drop_index(batch_op.f("ix_question_suggestions_bank_id"))

    op.drop_table("question_suggestions")
