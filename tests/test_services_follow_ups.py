"""After the meeting: thank-you, permission, follow-ups and outcomes, with their date rules."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.errors import InvalidInput
from networkit_core.models import (
    AuditEntry,
    FollowUpKind,
    FollowUpPermission,
    InterviewStatus,
    ThankYouMethod,
)
from networkit_core.services import interviews
from networkit_core.services.interviews import checklists, follow_ups
from tests import factories
from tests.csv_support import dump


@pytest.fixture
def met(ctx: Context) -> tuple[Actor, int]:
    """A graduate and an interview they held on 2026-03-11."""
    actor, graduate_id = factories.graduate(ctx, factories.cohort(ctx))
    return actor, factories.interview(ctx, graduate_id, days_ago=5)


def test_thank_you_is_recorded_and_cleared(ctx: Context, met: tuple[Actor, int]) -> None:
    actor, interview_id = met
    with pytest.raises(
        InvalidInput,
        match=r"The thank-you date \(thank_you_sent_on\) 2026-03-10 is before the meeting on "
        "2026-03-11",
    ) as refused:
        follow_ups.record_thank_you(ctx, actor, interview_id, sent_on="2026-03-10", method="card")
    assert refused.value.field == "thank_you_sent_on"
    with pytest.raises(InvalidInput, match="is in the future"):
        follow_ups.record_thank_you(ctx, actor, interview_id, sent_on="2026-03-17", method="card")
    with pytest.raises(InvalidInput, match="use one of card, email, other"):
        follow_ups.record_thank_you(ctx, actor, interview_id, sent_on="2026-03-12", method="fax")
    saved = follow_ups.record_thank_you(
        ctx, actor, interview_id, sent_on="2026-03-11", method="email"
    )
    assert (saved.thank_you_sent_on.isoformat(), saved.thank_you_method) == (  # type: ignore[union-attr]
        "2026-03-11",
        ThankYouMethod.EMAIL,
    )


def test_permission_and_outcomes(ctx: Context, met: tuple[Actor, int]) -> None:
    actor, interview_id = met
    with pytest.raises(InvalidInput, match="use one of granted, declined, not_asked"):
        follow_ups.set_follow_up_permission(ctx, actor, interview_id, "maybe")
    view = follow_ups.set_follow_up_permission(ctx, actor, interview_id, "Granted")
    assert view.follow_up_permission is FollowUpPermission.GRANTED
    follow_ups.record_outcomes(ctx, actor, interview_id, trends="AI tooling", hiring="Acme")
    view = follow_ups.record_outcomes(ctx, actor, interview_id, hiring="", marketability="SQL")
    assert (view.outcome_trends, view.outcome_hiring, view.outcome_marketability) == (
        "AI tooling",
        "",
        "SQL",
    )


def test_follow_ups_are_added_and_removed(ctx: Context, met: tuple[Actor, int]) -> None:
    actor, interview_id = met
    with pytest.raises(
        InvalidInput,
        match=r"The follow-up date \(date\) 2026-03-01 is before the meeting on 2026-03-11",
    ) as refused:
        follow_ups.add_follow_up(ctx, actor, interview_id, on="2026-03-01", kind="article")
    assert refused.value.field == "date"
    with pytest.raises(InvalidInput, match="use one of article, job_search_update, other"):
        follow_ups.add_follow_up(ctx, actor, interview_id, on="2026-03-12", kind="gift")
    added = follow_ups.add_follow_up(
        ctx, actor, interview_id, on="2026-03-14", kind="job_search_update", note="Got a reply"
    )
    assert (added.kind, added.note) == (FollowUpKind.JOB_SEARCH_UPDATE, "Got a reply")
    assert [f.id for f in interviews.get_interview_detail(ctx, actor, interview_id).follow_ups] == [
        added.id
    ]
    follow_ups.remove_follow_up(ctx, actor, added.id)
    assert interviews.get_interview_detail(ctx, actor, interview_id).follow_ups == ()
    with ctx.unit_of_work() as session:
        rows = session.execute(
            select(AuditEntry.action, AuditEntry.entity_id, AuditEntry.actor_id)
            .where(AuditEntry.entity == "follow_up")
            .order_by(AuditEntry.id)
        ).all()
    assert [tuple(row) for row in rows] == [
        ("create", str(added.id), actor.id),
        ("delete", str(added.id), actor.id),
    ]


@pytest.mark.parametrize(
    "status", [InterviewStatus.PLANNED, InterviewStatus.CANCELLED, InterviewStatus.NO_SHOW]
)
def test_after_meeting_records_only_on_completed_interviews(
    ctx: Context, status: InterviewStatus
) -> None:
    actor, graduate_id = factories.graduate(ctx, factories.cohort(ctx))
    interview_id = factories.interview(ctx, graduate_id, days_ago=5, status=status)
    before = dump(ctx)
    label = status.value.replace("_", "-")
    attempts = {
        "A thank-you": lambda: follow_ups.record_thank_you(
            ctx, actor, interview_id, sent_on="2026-03-12", method="card"
        ),
        "A follow-up": lambda: follow_ups.add_follow_up(
            ctx, actor, interview_id, on="2026-03-12", kind="article"
        ),
        "Outcomes": lambda: follow_ups.record_outcomes(ctx, actor, interview_id, trends="AI"),
        "The meeting-conduct self-check": lambda: checklists.set_item_ticked(
            ctx,
            actor,
            interview_id,
            factories.checklist_item(ctx, "conduct", "arrived_early"),
            True,
        ),
    }
    for what, attempt in attempts.items():
        with pytest.raises(InvalidInput) as refused:
            attempt()
        assert str(refused.value) == (
            f"{what} can only be recorded on a completed interview, and this one is {label}."
        )
        assert refused.value.field == "status"
    assert dump(ctx) == before  # nothing written, not even to the audit log
    # Preparation is ticked before the meeting; clearing outcomes is always allowed.
    prep = factories.checklist_item(ctx, "prep", "research_company")
    checklists.set_item_ticked(ctx, actor, interview_id, prep, True)
    follow_ups.record_outcomes(ctx, actor, interview_id, trends="")


def test_a_completed_interview_keeps_its_records_or_stays_completed(
    ctx: Context, met: tuple[Actor, int]
) -> None:
    actor, interview_id = met
    follow_ups.add_follow_up(ctx, actor, interview_id, on="2026-03-12", kind="article")
    follow_ups.record_thank_you(ctx, actor, interview_id, sent_on="2026-03-11", method="card")
    with pytest.raises(InvalidInput) as refused:
        interviews.cancel_interview(ctx, actor, interview_id)
    assert str(refused.value) == (
        "A cancelled interview cannot keep a thank-you, 1 follow-up: remove them first, "
        "or keep the interview completed."
    )
    with pytest.raises(InvalidInput, match="A no-show interview cannot keep"):
        interviews.mark_no_show(ctx, actor, interview_id)
    assert interviews.get_interview_detail(ctx, actor, interview_id).interview.status is (
        InterviewStatus.COMPLETED
    )


def test_rows_stored_before_the_rules_are_kept(ctx: Context) -> None:
    """An interview that already breaks a rule (a thank-you on a planned meeting, stored before
    the rule) is read and listed as it is; only new writes are checked."""
    actor, graduate_id = factories.graduate(ctx, factories.cohort(ctx))
    interview_id = factories.interview(
        ctx, graduate_id, days_ago=5, status=InterviewStatus.PLANNED, thank_you_after=-2
    )
    view = interviews.get_interview_detail(ctx, actor, interview_id).interview
    assert view.thank_you_sent_on is not None and view.status is InterviewStatus.PLANNED
    # Its other fields can still be edited.
    interviews.edit_interview(
        ctx, actor, interview_id, expected_version=view.version, changes={"notes": "Moved"}
    )
