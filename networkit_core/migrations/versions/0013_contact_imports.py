"""contact imports: where a contact came from (LinkedIn's Connections.csv, a vCard file)

A contact keeps its LinkedIn profile address (matched on a second import), the day LinkedIn says
the graduate connected, and its source; every contact stored before is one typed in the app.

Revision ID: 0013_contact_imports
Revises: 0010_destinations
Create Date: 2026-12-02 17:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013_contact_imports"
down_revision: str | None = "0010_destinations"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("linkedin_url", sa.String(length=500), nullable=True))
        batch_op.add_column(sa.Column("connected_on", sa.Date(), nullable=True))
        batch_op.add_column(
            sa.Column(
                "source",
                sa.Enum(
                    "app",
                    "linkedin",
                    "vcard",
                    name="contact_source",
                    native_enum=False,
                    create_constraint=True,
                    length=8,
                ),
                nullable=False,
                server_default="app",
            )
        )


def downgrade() -> None:
    # The CHECK names the column: it goes first, or SQLite's table rebuild would keep it.
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_contacts_contact_source"), type_="check")
        batch_op.drop_column("source")
        batch_op.drop_column("connected_on")
        batch_op.drop_column("linkedin_url")
