"""The professionals a graduate meets, and who referred them to whom."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, String, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from networkit_core.models.base import Base, Timestamped, str_enum


class Connection(enum.StrEnum):
    """How the graduate came to know the contact."""

    EVENT = "event"
    REFERRAL = "referral"
    ALUMNI = "alumni"
    COLD_OUTREACH = "cold_outreach"
    SOCIAL_MEDIA = "social_media"
    OTHER = "other"


class ContactSource(enum.StrEnum):
    """Where a contact came from: typed in the app, or brought in from a file."""

    APP = "app"
    LINKEDIN = "linkedin"  # LinkedIn's Connections.csv
    VCARD = "vcard"  # a phone's or a mail program's .vcf


class Contact(Timestamped, Base):
    """A professional in one graduate's network. `referred_by` links a referral chain."""

    __tablename__ = "contacts"
    __table_args__ = (
        CheckConstraint("referred_by_id IS NULL OR referred_by_id <> id", name="not_self_referred"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    graduate_id: Mapped[int] = mapped_column(
        ForeignKey("graduates.id", ondelete="CASCADE"), index=True
    )
    added_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    name: Mapped[str] = mapped_column(String(160))
    title: Mapped[str] = mapped_column(String(160), default="")
    organization: Mapped[str] = mapped_column(String(160), default="")
    industry: Mapped[str] = mapped_column(String(120), default="")
    # Lower-cased when set; used to spot professionals many graduates ask.
    email: Mapped[str | None] = mapped_column(String(254), index=True)
    how_connected: Mapped[Connection] = mapped_column(
        str_enum(Connection, "how_connected"), default=Connection.OTHER
    )
    referred_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("contacts.id", ondelete="SET NULL"), index=True
    )
    deleted_at: Mapped[datetime | None] = mapped_column()
    # Where the contact came from (contacts in): a second import matches on the profile address.
    linkedin_url: Mapped[str | None] = mapped_column(String(500))
    connected_on: Mapped[date | None] = mapped_column(Date)  # LinkedIn's "Connected On"
    source: Mapped[ContactSource] = mapped_column(
        str_enum(ContactSource, "contact_source"),
        default=ContactSource.APP,
        server_default=ContactSource.APP.value,
    )
    # Guards against lost updates, as Interview.version does: a save over a newer one is refused.
    version: Mapped[int] = mapped_column(Integer, server_default=text("1"))

    __mapper_args__ = {"version_id_col": version}

    referred_by: Mapped[Contact | None] = relationship(remote_side=[id])
