"""Each constraint that protects data rejects a bad row, and the database keeps what it had."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from networkit_core.context import Context
from networkit_core.models import (
    ChecklistTick,
    FollowUp,
    FollowUpKind,
    Graduate,
    Interview,
    InterviewQuestion,
    Question,
    Role,
    User,
)
from tests import factories


def _count(ctx: Context, model: type) -> int:
    with ctx.unit_of_work() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def _insert(ctx: Context, row: object) -> None:
    with ctx.unit_of_work() as session:
        session.add(row)


def test_emails_are_unique_regardless_of_case(ctx: Context) -> None:
    factories.user(ctx, Role.ADVISOR, "sam.lee@example.org")
    for duplicate in ("sam.lee@example.org", "Sam.Lee@Example.org"):
        with pytest.raises(IntegrityError):
            _insert(
                ctx,
                User(
                    email=duplicate,
                    first_name="Sam",
                    role=Role.ADVISOR,
                    failed_login_count=0,
                    is_active=True,
                ),
            )
    with ctx.unit_of_work() as session:
        assert session.scalars(select(User.email)).all() == ["sam.lee@example.org"]


def test_no_follow_up_without_its_interview(ctx: Context) -> None:
    cohort = factories.cohort(ctx)
    _, graduate = factories.graduate(ctx, cohort)
    factories.interview(ctx, graduate, follow_ups_after=(3,))
    with pytest.raises(IntegrityError):
        _insert(ctx, FollowUp(interview_id=987654, date=date(2026, 1, 2), kind=FollowUpKind.OTHER))
    with pytest.raises(IntegrityError):
        _insert(ctx, FollowUp(interview_id=None, date=date(2026, 1, 2), kind=FollowUpKind.OTHER))
    assert _count(ctx, FollowUp) == 1


def test_one_cohort_per_graduate(ctx: Context) -> None:
    first, second = factories.cohort(ctx), factories.cohort(ctx)
    actor, _ = factories.graduate(ctx, first)
    with pytest.raises(IntegrityError):
        _insert(ctx, Graduate(user_id=actor.id, cohort_id=second, program="", graduation_year=None))
    with ctx.unit_of_work() as session:
        assert session.scalars(select(Graduate.cohort_id)).all() == [first]


def test_no_orphan_ticks(ctx: Context) -> None:
    cohort = factories.cohort(ctx)
    _, graduate = factories.graduate(ctx, cohort)
    interview = factories.interview(ctx, graduate, prep_ticked=2)
    now = ctx.clock.now()
    with pytest.raises(IntegrityError):
        _insert(ctx, ChecklistTick(interview_id=interview, item_id=999999, ticked_at=now))
    with pytest.raises(IntegrityError):
        _insert(ctx, ChecklistTick(interview_id=999999, item_id=1, ticked_at=now))
    assert _count(ctx, ChecklistTick) == 2


def test_enumerated_values_are_checked_by_the_database(ctx: Context) -> None:
    cohort = factories.cohort(ctx)
    _, graduate = factories.graduate(ctx, cohort)
    interview = factories.interview(ctx, graduate)
    with pytest.raises(IntegrityError), ctx.engine.begin() as connection:
        connection.exec_driver_sql(f"UPDATE interviews SET status = 'maybe' WHERE id = {interview}")
    with ctx.unit_of_work() as session:
        assert session.get_one(Interview, interview).status.value == "completed"


def test_usefulness_is_rated_one_to_five(ctx: Context) -> None:
    cohort = factories.cohort(ctx)
    _, graduate = factories.graduate(ctx, cohort)
    interview = factories.interview(ctx, graduate)
    with ctx.unit_of_work() as session:
        question = session.scalars(select(Question.id)).first()
    with pytest.raises(IntegrityError):
        _insert(
            ctx,
            InterviewQuestion(
                interview_id=interview, question_id=question, usefulness=9, added_at=ctx.clock.now()
            ),
        )
    assert _count(ctx, InterviewQuestion) == 0
