"""Checklist items (content shipped in networkit_core/content/) and per-interview ticks."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from networkit_core.models.base import Base, str_enum


class ChecklistKind(enum.StrEnum):
    PREP = "prep"  # before the meeting (seed §2): ticked per interview
    CONDUCT = "conduct"  # self-check after the meeting (seed §3): ticked per interview
    AFTER = "after"  # after-meeting steps (seed §4): done when the field they track is filled


class ChecklistItem(Base):
    """One item of a checklist. Retired items stay (old ticks keep their meaning) but inactive."""

    __tablename__ = "checklist_items"
    __table_args__ = (UniqueConstraint("kind", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[ChecklistKind] = mapped_column(str_enum(ChecklistKind, "checklist_kind"))
    key: Mapped[str] = mapped_column(String(60))
    label: Mapped[str] = mapped_column(String(200))
    hint: Mapped[str] = mapped_column(String(500), default="")
    # For AFTER items: the interview field whose value shows the step is done.
    tracks: Mapped[str | None] = mapped_column(String(40))
    position: Mapped[int] = mapped_column(Integer, default=0)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)


class ChecklistTick(Base):
    """A ticked item on one interview; no row means not ticked."""

    __tablename__ = "checklist_ticks"

    interview_id: Mapped[int] = mapped_column(
        ForeignKey("interviews.id", ondelete="CASCADE"), primary_key=True
    )
    item_id: Mapped[int] = mapped_column(
        ForeignKey("checklist_items.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    ticked_at: Mapped[datetime] = mapped_column()
