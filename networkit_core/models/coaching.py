"""What advisors add: coaching comments on a graduate's timeline, and goals for a cohort."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Integer,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from networkit_core.models.base import Base, Timestamped, str_enum


class CommentKind(enum.StrEnum):
    """A comment is advice on the timeline; a nudge records that an advisor reminded the
    graduate (it takes the graduate off the advisor's "needs a nudge" list for a while)."""

    COMMENT = "comment"
    NUDGE = "nudge"


class CoachingComment(Timestamped, Base):
    __tablename__ = "coaching_comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    graduate_id: Mapped[int] = mapped_column(
        ForeignKey("graduates.id", ondelete="CASCADE"), index=True
    )
    # Optional: a comment on one interview rather than on the graduate's progress overall.
    interview_id: Mapped[int | None] = mapped_column(
        ForeignKey("interviews.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(Text)
    kind: Mapped[CommentKind] = mapped_column(
        str_enum(CommentKind, "comment_kind"), default=CommentKind.COMMENT
    )
    deleted_at: Mapped[datetime | None] = mapped_column()
    # Guards against lost updates, as Interview.version does: a save over a newer one is refused.
    version: Mapped[int] = mapped_column(Integer, server_default=text("1"))

    __mapper_args__ = {"version_id_col": version}


class GoalMetric(enum.StrEnum):
    """The figures a cohort goal can target (their definitions live in `figures`)."""

    INTERVIEWS_COMPLETED_PER_GRADUATE = "interviews_completed_per_graduate"
    THANK_YOU_RATE = "thank_you_rate"
    ON_TIME_THANK_YOU_RATE = "on_time_thank_you_rate"
    FOLLOW_UP_ASKED_RATE = "follow_up_asked_rate"
    FOLLOW_UP_COMPLETION_RATE = "follow_up_completion_rate"
    NOTES_RATE = "notes_rate"
    PREP_SCORE = "prep_score"


class CohortGoal(Timestamped, Base):
    __tablename__ = "cohort_goals"
    __table_args__ = (
        UniqueConstraint("cohort_id", "metric"),
        CheckConstraint("target >= 0", name="target_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id", ondelete="CASCADE"))
    metric: Mapped[GoalMetric] = mapped_column(str_enum(GoalMetric, "goal_metric"))
    target: Mapped[float] = mapped_column(Float)
    due_on: Mapped[date | None] = mapped_column(Date)
    set_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # Guards against lost updates, as Interview.version does: a save over a newer one is refused.
    version: Mapped[int] = mapped_column(Integer, server_default=text("1"))

    __mapper_args__ = {"version_id_col": version}
