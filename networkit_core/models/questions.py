"""Question banks, their questions, who they are shared with, and questions used in interviews."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Integer, SmallInteger, String, Text
from sqlalchemy import text as sql_text  # `text` is a column of Question
from sqlalchemy.orm import Mapped, mapped_column, relationship

from networkit_core.models.base import Base, Timestamped, str_enum


class Visibility(enum.StrEnum):
    PRIVATE = "private"  # the owner only
    COHORTS = "cohorts"  # the owner, and the cohorts in question_bank_shares
    EVERYONE = "everyone"


class QuestionBank(Timestamped, Base):
    __tablename__ = "question_banks"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(160))
    description: Mapped[str] = mapped_column(String(500), default="")
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    visibility: Mapped[Visibility] = mapped_column(
        str_enum(Visibility, "visibility"), default=Visibility.PRIVATE
    )
    deleted_at: Mapped[datetime | None] = mapped_column()
    # Guards against lost updates, as Interview.version does: a save over a newer one is refused.
    version: Mapped[int] = mapped_column(Integer, server_default=sql_text("1"))

    __mapper_args__ = {"version_id_col": version}

    questions: Mapped[list[Question]] = relationship(
        back_populates="bank", order_by="Question.position"
    )


class QuestionBankShare(Base):
    """A bank shared with one cohort (used when visibility is `cohorts`)."""

    __tablename__ = "question_bank_shares"

    bank_id: Mapped[int] = mapped_column(
        ForeignKey("question_banks.id", ondelete="CASCADE"), primary_key=True
    )
    cohort_id: Mapped[int] = mapped_column(
        ForeignKey("cohorts.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class Question(Timestamped, Base):
    __tablename__ = "questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    bank_id: Mapped[int] = mapped_column(
        ForeignKey("question_banks.id", ondelete="CASCADE"), index=True
    )
    text: Mapped[str] = mapped_column(Text)
    category: Mapped[str] = mapped_column(String(120), default="")
    # Lower-case tags joined by ";", as in the questions CSV.
    tags: Mapped[str] = mapped_column(String(500), default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    deleted_at: Mapped[datetime | None] = mapped_column()
    # Guards against lost updates, as Interview.version does: a save over a newer one is refused.
    version: Mapped[int] = mapped_column(Integer, server_default=sql_text("1"))

    __mapper_args__ = {"version_id_col": version}

    bank: Mapped[QuestionBank] = relationship(back_populates="questions")


class InterviewQuestion(Base):
    """A question the graduate took to an interview; rated 1-5 for usefulness afterwards."""

    __tablename__ = "interview_questions"
    __table_args__ = (
        CheckConstraint(
            "usefulness IS NULL OR usefulness BETWEEN 1 AND 5", name="usefulness_1_to_5"
        ),
    )

    interview_id: Mapped[int] = mapped_column(
        ForeignKey("interviews.id", ondelete="CASCADE"), primary_key=True
    )
    question_id: Mapped[int] = mapped_column(
        ForeignKey("questions.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    usefulness: Mapped[int | None] = mapped_column(SmallInteger)
    added_at: Mapped[datetime] = mapped_column()

    question: Mapped[Question] = relationship()


class SuggestionStatus(enum.StrEnum):
    PENDING = "pending"  # waiting for the bank's owner
    ACCEPTED = "accepted"  # became a question of the bank (`question_id`)
    DECLINED = "declined"


class QuestionSuggestion(Timestamped, Base):
    """A question a reader of a bank proposes for it; the bank's owner accepts or declines it.
    Kept apart from `questions` so that a pending suggestion is never browsed, attached, copied
    or exported as if it were part of the bank."""

    __tablename__ = "question_suggestions"

    id: Mapped[int] = mapped_column(primary_key=True)
    bank_id: Mapped[int] = mapped_column(
        ForeignKey("question_banks.id", ondelete="CASCADE"), index=True
    )
    suggested_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    text: Mapped[str] = mapped_column(Text)
    category: Mapped[str] = mapped_column(String(120), default="")
    tags: Mapped[str] = mapped_column(String(500), default="")
    status: Mapped[SuggestionStatus] = mapped_column(
        str_enum(SuggestionStatus, "suggestion_status"), default=SuggestionStatus.PENDING
    )
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None] = mapped_column()
    question_id: Mapped[int | None] = mapped_column(ForeignKey("questions.id", ondelete="SET NULL"))
