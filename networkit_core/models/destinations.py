"""Where a graduate landed (NACE first destination). History is kept: each record is a new
row, and the newest (by recorded_on, then id) is the one that counts."""

from __future__ import annotations

import enum
from datetime import date

from sqlalchemy import Date, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from networkit_core.models.base import Base, Timestamped, str_enum


class DestinationStatus(enum.StrEnum):
    EMPLOYED_FULL_TIME = "employed_full_time"
    EMPLOYED_PART_TIME = "employed_part_time"
    CONTINUING_EDUCATION = "continuing_education"
    SERVICE = "service"
    MILITARY = "military"
    STILL_SEEKING = "still_seeking"
    NOT_SEEKING = "not_seeking"


EMPLOYED = (DestinationStatus.EMPLOYED_FULL_TIME, DestinationStatus.EMPLOYED_PART_TIME)
# NACE's career outcomes: employed, continuing education, service, military.
CAREER_OUTCOMES = (
    *EMPLOYED,
    DestinationStatus.CONTINUING_EDUCATION,
    DestinationStatus.SERVICE,
    DestinationStatus.MILITARY,
)


class DestinationSource(enum.StrEnum):
    GRADUATE = "graduate"
    ADVISOR = "advisor"
    IMPORT = "import"


class Destination(Timestamped, Base):
    __tablename__ = "destinations"
    __table_args__ = (
        Index("ix_destinations_graduate_id_recorded_on", "graduate_id", "recorded_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    graduate_id: Mapped[int] = mapped_column(ForeignKey("graduates.id", ondelete="CASCADE"))
    status: Mapped[DestinationStatus] = mapped_column(
        str_enum(DestinationStatus, "destination_status")
    )
    organization: Mapped[str] = mapped_column(String(160), default="")
    job_title: Mapped[str] = mapped_column(String(160), default="")
    start_date: Mapped[date | None] = mapped_column(Date)
    recorded_on: Mapped[date] = mapped_column(Date)
    source: Mapped[DestinationSource] = mapped_column(
        str_enum(DestinationSource, "destination_source")
    )
    # The interview it came through (one of the graduate's own); kept if the interview goes.
    found_through_interview_id: Mapped[int | None] = mapped_column(
        ForeignKey("interviews.id", ondelete="SET NULL"), index=True
    )
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
