"""After the meeting: thank-you, permission, follow-ups and outcomes, with their date rules."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.errors import InvalidInput
from networkit_core.models import AuditEntry, FollowUpKind, FollowUpPermission, ThankYouMethod
from networkit_core.services import follow_ups, interviews
from tests import factories


@pytest.fixture
def met(ctx: Context) -> tuple[Actor, int]:
    """A graduate and an interview they held on 2026-03-11."""
    actor, graduate_id = factories.graduate(ctx, factories.cohort(ctx))
    return actor, factories.interview(ctx, graduate_id, days_ago=5)


def test_thank_you_is_recorded_and_cleared(ctx: Context, met: tuple[Actor, int]) -> None:
    actor, interview_id = met
    with pytest.raises(
        InvalidInput, match="The thank-you date 2026-03-10 is before the meeting on 2026-03-11"
    ):
        follow_ups.record_thank_you(ctx, actor, interview_id, sent_on="2026-03-10", method="card")
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
    cleared = follow_ups.clear_thank_you(ctx, actor, interview_id, expected_version=saved.version)
    assert (cleared.thank_you_sent_on, cleared.thank_you_method) == (None, None)


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
        InvalidInput, match="The follow-up date 2026-03-01 is before the meeting on 2026-03-11"
    ):
        follow_ups.add_follow_up(ctx, actor, interview_id, on="2026-03-01", kind="article")
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
