"""Coaching: comments, cohort goals, the cohort's graduates and one graduate's timeline."""

from __future__ import annotations

from datetime import timedelta

import pytest

from networkit_core.clock import FixedClock
from networkit_core.context import Context
from networkit_core.errors import AccessDenied, InvalidInput
from networkit_core.models import GoalMetric, InterviewStatus, Role
from networkit_core.services import coaching, cohorts, interviews
from tests import factories
from tests.conftest import TODAY


def test_comments_are_written_by_coaches_and_read_by_the_graduate(ctx: Context) -> None:
    advisor = factories.user(ctx, Role.ADVISOR)
    colleague = factories.user(ctx, Role.ADVISOR)
    cohort = factories.cohort(ctx, advisors=(advisor, colleague))
    graduate, graduate_id = factories.graduate(ctx, cohort)
    interview_id = factories.interview(ctx, graduate_id)
    comment = coaching.add_comment(
        ctx, advisor, graduate_id, "Great prep!", interview_id=interview_id
    )
    assert (comment.author_id, comment.interview_id, comment.body) == (
        advisor.id,
        interview_id,
        "Great prep!",
    )
    with pytest.raises(InvalidInput, match="The comment is required"):
        coaching.add_comment(ctx, advisor, graduate_id, "   ")
    with pytest.raises(AccessDenied):
        coaching.add_comment(ctx, graduate, graduate_id, "Self praise")
    # Only the author (or an admin) changes a comment.
    with pytest.raises(AccessDenied):
        coaching.edit_comment(ctx, colleague, comment.id, "Hijacked")
    assert coaching.edit_comment(ctx, advisor, comment.id, "Great prep.").body == "Great prep."
    assert [c.body for c in coaching.list_comments(ctx, graduate)] == ["Great prep."]
    # A comment on another graduate's interview is refused.
    _, other_id = factories.graduate(ctx, cohort)
    with pytest.raises(AccessDenied, match="No such interview"):
        coaching.add_comment(ctx, advisor, other_id, "Wrong place", interview_id=interview_id)
    coaching.delete_comment(ctx, advisor, comment.id)
    assert coaching.list_comments(ctx, graduate) == []


def test_goals(ctx: Context) -> None:
    advisor = factories.user(ctx, Role.ADVISOR)
    cohort = factories.cohort(ctx, advisors=(advisor,))
    graduate, _ = factories.graduate(ctx, cohort)
    goal = cohorts.set_cohort_goal(
        ctx, advisor, cohort, metric="thank_you_rate", target=0.8, due_on="2026-06-30"
    )
    replaced = cohorts.set_cohort_goal(ctx, advisor, cohort, metric="thank_you_rate", target=0.9)
    assert (replaced.id, replaced.target, replaced.due_on) == (goal.id, 0.9, None)
    with pytest.raises(InvalidInput, match="fraction from 0 to 1"):
        cohorts.set_cohort_goal(ctx, advisor, cohort, metric="notes_rate", target=80)
    with pytest.raises(InvalidInput, match="use one of interviews_completed_per_graduate"):
        cohorts.set_cohort_goal(ctx, advisor, cohort, metric="happiness", target=1)
    with pytest.raises(InvalidInput, match="0 or more"):
        cohorts.set_cohort_goal(
            ctx, advisor, cohort, metric="interviews_completed_per_graduate", target=-1
        )
    # Not-a-number passes every comparison as False; infinity is no goal either.
    for not_a_target in (float("nan"), float("inf")):
        with pytest.raises(InvalidInput, match="0 or more"):
            cohorts.set_cohort_goal(
                ctx,
                advisor,
                cohort,
                metric="interviews_completed_per_graduate",
                target=not_a_target,
            )
    cohorts.set_cohort_goal(
        ctx, advisor, cohort, metric="interviews_completed_per_graduate", target=4
    )
    # The cohort's graduates may read its goals, but not set them.
    assert [g.metric for g in cohorts.list_cohort_goals(ctx, graduate, cohort)] == [
        GoalMetric.INTERVIEWS_COMPLETED_PER_GRADUATE,
        GoalMetric.THANK_YOU_RATE,
    ]
    with pytest.raises(AccessDenied):
        cohorts.set_cohort_goal(ctx, graduate, cohort, metric="notes_rate", target=1)
    cohorts.remove_cohort_goal(ctx, advisor, goal.id)
    assert len(cohorts.list_cohort_goals(ctx, advisor, cohort)) == 1


def test_cohort_graduates_with_counts(ctx: Context) -> None:
    advisor = factories.user(ctx, Role.ADVISOR)
    cohort = factories.cohort(ctx, advisors=(advisor,))
    _, busy = factories.graduate(ctx, cohort, email="busy@example.org")
    _, idle = factories.graduate(ctx, cohort, email="idle@example.org")
    factories.interview(ctx, busy)
    factories.interview(ctx, busy, days_ago=-2, status=InterviewStatus.PLANNED)
    gone = factories.interview(ctx, busy)
    factories.interview(ctx, busy, status=InterviewStatus.CANCELLED)
    with ctx.unit_of_work() as session:
        from networkit_core.models import Interview

        session.get(Interview, gone).deleted_at = ctx.clock.now()  # type: ignore[union-attr]
    rows = {row.email: row for row in cohorts.list_cohort_graduates(ctx, advisor, cohort)}
    assert (
        rows["busy@example.org"].interviews_planned,
        rows["busy@example.org"].interviews_completed,
    ) == (1, 1)
    assert rows["busy@example.org"].interviews_total == 3
    assert (rows["idle@example.org"].interviews_total, rows["idle@example.org"].graduate_id) == (
        0,
        idle,
    )
    assert {c.id for c in cohorts.list_cohorts(ctx, advisor)} == {cohort}


def test_timeline_in_date_order(ctx: Context) -> None:
    advisor = factories.user(ctx, Role.ADVISOR)
    cohort = factories.cohort(ctx, advisors=(advisor,))
    graduate, graduate_id = factories.graduate(ctx, cohort)
    factories.interview(
        ctx, graduate_id, days_ago=10, thank_you_after=1, follow_ups_after=(4,), notes="Dump"
    )
    later = Context(ctx.engine, ctx.settings, FixedClock.on(TODAY - timedelta(days=2)))
    coaching.add_comment(later, advisor, graduate_id, "Send that article")
    timeline = coaching.graduate_timeline(ctx, advisor, graduate_id)
    assert [(e.on.isoformat(), e.kind) for e in timeline.entries] == [
        ("2026-03-06", "interview"),
        ("2026-03-07", "thank_you"),
        ("2026-03-10", "follow_up"),
        ("2026-03-14", "comment"),
    ]
    assert timeline.entries[0].detail == "Dump"
    own = coaching.graduate_timeline(ctx, graduate)
    assert [e.kind for e in own.entries] == [e.kind for e in timeline.entries]
    assert own.entries[3].detail == "Send that article"
    # Deleted interviews leave the timeline.
    interviews.delete_interview(ctx, graduate, timeline.entries[0].interview_id)  # type: ignore[arg-type]
    assert [e.kind for e in coaching.graduate_timeline(ctx, graduate).entries] == ["comment"]
