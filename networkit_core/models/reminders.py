"""Reminder e-mails: every one the app composed, and who turned them off."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from networkit_core.models.base import Base, Timestamped, str_enum


class EmailKind(enum.StrEnum):
    DAILY_REMINDER = "daily_reminder"  # a graduate's items that fell due that day
    WEEKLY_DIGEST = "weekly_digest"  # an advisor's Monday digest
    NUDGE = "nudge"  # an advisor's nudge from the dashboard: one a graduate a day


class EmailStatus(enum.StrEnum):
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"  # retried on the next run


class OutboundEmail(Timestamped, Base):
    """One e-mail per user, kind and day: the unique key is what makes a second run on the same
    day send nothing twice, and the stored text is what a retry sends."""

    __tablename__ = "outbound_emails"
    __table_args__ = (UniqueConstraint("user_id", "kind", "for_day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[EmailKind] = mapped_column(str_enum(EmailKind, "email_kind"))
    for_day: Mapped[date] = mapped_column()
    recipient: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(255))
    body_text: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    status: Mapped[EmailStatus] = mapped_column(
        str_enum(EmailStatus, "email_status"), default=EmailStatus.PENDING
    )
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str] = mapped_column(String(500), default="")
    sent_at: Mapped[datetime | None] = mapped_column()


class ReminderOptOut(Base):
    """A user who turned reminder e-mails off (from their page): no row, reminders on."""

    __tablename__ = "reminder_opt_outs"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    turned_off_at: Mapped[datetime] = mapped_column()
