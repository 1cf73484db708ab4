"""Coaching: comments, cohort goals, the cohort's graduates and one graduate's timeline."""

from __future__ import annotations

from datetime import timedelta

import pytest

from networkit_core.clock import FixedClock
from networkit_core.context import Context
from networkit_core.errors import AccessDenied, InvalidInput
from networkit_core.models import GoalMetric, Role
from networkit_core.read_models.dashboard import advisor_dashboard
from networkit_core.read_models.my_progress import my_progress
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
    # The cohort's graduates see its goals on their progress page, but may not set them.
    assert [g.metric for g in my_progress(ctx, graduate).goals] == [
        GoalMetric.INTERVIEWS_COMPLETED_PER_GRADUATE,
        GoalMetric.THANK_YOU_RATE,
    ]
    with pytest.raises(AccessDenied):
        cohorts.set_cohort_goal(ctx, graduate, cohort, metric="notes_rate", target=1)
    cohorts.remove_cohort_goal(ctx, advisor, goal.id)
    assert len(advisor_dashboard(ctx, advisor).goals) == 1


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
