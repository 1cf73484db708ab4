"""A graduate's private calendar address: the feed of their meetings and due dates."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from networkit_core.models.base import Base


class CalendarFeed(Base):
    """At most one live calendar address per user. Only a hash of its random token is kept:
    the address is shown once, and a copy of the database cannot read anyone's calendar.
    Making a new address replaces the row (the old address stops working); stopping deletes it."""

    __tablename__ = "calendar_feeds"
    __table_args__ = (UniqueConstraint("user_id"), UniqueConstraint("token_hash"))

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    # SHA-256 of the token, hex, as for signed-in sessions.
    token_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column()
    # When a calendar last read the feed: tells the graduate whether their subscription works.
    last_read_at: Mapped[datetime | None] = mapped_column()
