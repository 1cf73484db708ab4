"""cookie handoffs: a signed-in session's way into the browser's HttpOnly cookie

A one-time code (its SHA-256) and the session's token sealed with a key made from the code,
redeemed once, within a minute, by serve.py's route that sets the cookie.

Revision ID: 0015_cookie_handoffs
Revises: 0013_contact_imports
Create Date: 2026-12-03 08:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015_cookie_handoffs"
down_revision: str | None = "0013_contact_imports"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "session_handoffs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("sealed_token", sa.String(length=128), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["user_sessions.id"],
            name=op.f("fk_session_handoffs_session_id_user_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_session_handoffs")),
        sa.UniqueConstraint("code_hash", name=op.f("uq_session_handoffs_code_hash")),
    )
    with op.batch_alter_table("session_handoffs", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_session_handoffs_session_id"), ["session_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("session_handoffs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_session_handoffs_session_id"))
    op.drop_table("session_handoffs")
