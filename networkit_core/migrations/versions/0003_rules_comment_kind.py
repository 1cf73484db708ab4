"""coaching comments get a kind: a comment, or a nudge an advisor recorded

Revision ID: 0003_rules_comment_kind
Revises: 0002_admin_import_mappings
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003_rules_comment_kind"
down_revision: str | None = "0002_admin_import_mappings"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Every stored comment stays a comment: the server default fills the existing rows.
    with op.batch_alter_table("coaching_comments", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "kind",
                sa.Enum(
                    "comment",
                    "nudge",
                    name="comment_kind",
                    native_enum=False,
                    create_constraint=True,
                    length=7,
                ),
                nullable=False,
                server_default="comment",
            )
        )


def downgrade() -> None:
    # The CHECK names the column: it goes first, or SQLite's table rebuild would keep it.
    with op.batch_alter_table("coaching_comments", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_coaching_comments_comment_kind"), type_="check")
        batch_op.drop_column("kind")
