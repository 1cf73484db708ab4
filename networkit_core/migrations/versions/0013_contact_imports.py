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
down_revision: str | None = "0012_nudge_emails_saved_views"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SOURCES = ("app", "linkedin", "vcard")


def upgrade() -> None:
    # Columns added in place (no table copy on SQLite): the rows pointing at contacts (interviews,
    # referrals) keep their foreign keys as they are.
    op.add_column("contacts", sa.Column("linkedin_url", sa.String(length=500), nullable=True))
    op.add_column("contacts", sa.Column("connected_on", sa.Date(), nullable=True))
    if op.get_bind().dialect.name == "sqlite":
        # SQLite adds a CHECK only with its column, written inline (alembic would skip it).
        allowed = ", ".join(f"'{source}'" for source in SOURCES)
        op.execute(
            "ALTER TABLE contacts ADD COLUMN source VARCHAR(8) DEFAULT 'app' NOT NULL "
            f"CONSTRAINT ck_contacts_contact_source CHECK (source IN ({allowed}))"
        )
        return
    op.add_column(
        "contacts",
        sa.Column(
            "source",
            sa.Enum(
                *SOURCES,
                name="contact_source",
                native_enum=False,
                create_constraint=True,
                length=8,
            ),
            nullable=False,
            server_default="app",
        ),
    )


def downgrade() -> None:
    # SQLite drops a plain column in place (3.35 and later), its own CHECK with it.
    if op.get_bind().dialect.name != "sqlite":
        op.drop_constraint(op.f("ck_contacts_contact_source"), "contacts", type_="check")
    for column in ("source", "connected_on", "linkedin_url"):
        op.drop_column("contacts", column)
