"""Informational interviews and the follow-ups after them."""

from __future__ import annotations

import enum
import secrets
from datetime import date, datetime, time

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text, Time, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from networkit_core.models.base import Base, Timestamped, str_enum
from networkit_core.models.contacts import Contact


class LocationType(enum.StrEnum):
    OFFICE = "office"
    COFFEE_SHOP = "coffee_shop"
    VIDEO = "video"
    PHONE = "phone"
    OTHER = "other"


class InterviewStatus(enum.StrEnum):
    PLANNED = "planned"
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    NO_SHOW = "no_show"


class ThankYouMethod(enum.StrEnum):
    CARD = "card"
    EMAIL = "email"
    OTHER = "other"


class FollowUpPermission(enum.StrEnum):
    GRANTED = "granted"
    DECLINED = "declined"
    NOT_ASKED = "not_asked"


class FollowUpKind(enum.StrEnum):
    ARTICLE = "article"
    JOB_SEARCH_UPDATE = "job_search_update"
    OTHER = "other"


def new_public_id() -> str:
    """The `interview_id` of an interview created in the app (imports keep their own)."""
    return f"NW-{secrets.token_hex(5).upper()}"


class Interview(Timestamped, Base):
    """One informational interview, from planning to outcomes (`version`: see `_versions`)."""

    __tablename__ = "interviews"
    __table_args__ = (
        UniqueConstraint("public_id"),
        Index("ix_interviews_graduate_id_meeting_date", "graduate_id", "meeting_date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(64), default=new_public_id)
    graduate_id: Mapped[int] = mapped_column(ForeignKey("graduates.id", ondelete="CASCADE"))
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id"), index=True)
    meeting_date: Mapped[date] = mapped_column(Date)
    meeting_time: Mapped[time | None] = mapped_column(Time)
    location_type: Mapped[LocationType] = mapped_column(
        str_enum(LocationType, "location_type"), default=LocationType.COFFEE_SHOP
    )
    location_detail: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[InterviewStatus] = mapped_column(
        str_enum(InterviewStatus, "status"), default=InterviewStatus.PLANNED
    )
    # The brain dump written right after the meeting; advisors may read it.
    notes: Mapped[str] = mapped_column(Text, default="")
    # The graduate's own notes: never shown to an advisor, never in an advisor's export.
    private_notes: Mapped[str] = mapped_column(Text, default="")
    # Outcomes (the seed's closing list); referrals are contacts whose referred_by is this contact.
    outcome_trends: Mapped[str] = mapped_column(Text, default="")
    outcome_hiring: Mapped[str] = mapped_column(Text, default="")
    outcome_marketability: Mapped[str] = mapped_column(Text, default="")
    outcome_job_leads: Mapped[str] = mapped_column(Text, default="")
    thank_you_sent_on: Mapped[date | None] = mapped_column(Date)
    thank_you_method: Mapped[ThankYouMethod | None] = mapped_column(
        str_enum(ThankYouMethod, "thank_you_method")
    )
    follow_up_permission: Mapped[FollowUpPermission] = mapped_column(
        str_enum(FollowUpPermission, "follow_up_permission"),
        default=FollowUpPermission.NOT_ASKED,
    )
    version: Mapped[int] = mapped_column(Integer)
    deleted_at: Mapped[datetime | None] = mapped_column()

    contact: Mapped[Contact] = relationship()
    follow_ups: Mapped[list[FollowUp]] = relationship(
        back_populates="interview", order_by="FollowUp.date"
    )

    __mapper_args__ = {"version_id_col": version}


class FollowUp(Timestamped, Base):
    """Something the graduate sent the contact after the meeting, to stay in touch."""

    __tablename__ = "follow_ups"
    __table_args__ = (Index("ix_follow_ups_interview_id_date", "interview_id", "date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    interview_id: Mapped[int] = mapped_column(ForeignKey("interviews.id", ondelete="CASCADE"))
    date: Mapped[date] = mapped_column(Date)
    kind: Mapped[FollowUpKind] = mapped_column(str_enum(FollowUpKind, "follow_up_kind"))
    note: Mapped[str] = mapped_column(Text, default="")
    deleted_at: Mapped[datetime | None] = mapped_column()

    interview: Mapped[Interview] = relationship(back_populates="follow_ups")
