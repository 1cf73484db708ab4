"""Due today: each reason at and around its edge, scoping, soft deletion and the order."""

from __future__ import annotations

from datetime import timedelta

from networkit_core.context import Context
from networkit_core.figures.due import DueItem, DueReason, due_today
from networkit_core.figures.scope import FigureScope
from networkit_core.models import FollowUpPermission, InterviewStatus, Role
from tests import factories as f
from tests.conftest import TODAY

EVERYTHING = FigureScope.everything()
GRANTED = FollowUpPermission.GRANTED


def _due(ctx: Context, reason: DueReason | None = None) -> list[DueItem]:
    admin = f.user(ctx, Role.ADMIN)
    return [i for i in due_today(ctx, admin, EVERYTHING) if reason is None or i.reason is reason]


def test_thank_you_overdue_the_day_after_the_window(ctx: Context) -> None:
    _, grad = f.graduate(ctx, f.cohort(ctx))
    acme = f.contact(ctx, grad, "Dana Reyes", organization="Acme")
    late = f.interview(ctx, grad, days_ago=3, contact_id=acme)
    f.interview(ctx, grad, days_ago=2)  # last day of the window: not yet
    f.interview(ctx, grad, days_ago=9, thank_you_after=5)  # sent, if late
    f.interview(ctx, grad, days_ago=9, status=InterviewStatus.CANCELLED)
    f.interview(ctx, grad, days_ago=9, status=InterviewStatus.NO_SHOW)
    (item,) = _due(ctx, DueReason.THANK_YOU_OVERDUE)
    assert item.interview_row_id == late
    assert item.fell_due_on == TODAY and item.days_overdue == 0
    assert item.message == "Thank-you to Dana Reyes (Acme) not recorded; meeting was 2026-03-13"


def test_follow_up_due_after_the_cadence_since_the_last_touch(ctx: Context) -> None:
    _, grad = f.graduate(ctx, f.cohort(ctx))
    never = f.interview(ctx, grad, days_ago=30, permission=GRANTED)  # due today
    f.interview(ctx, grad, days_ago=29, permission=GRANTED)  # due tomorrow
    f.interview(ctx, grad, days_ago=60, permission=GRANTED, follow_ups_after=(31,))  # 29 ago
    lapsed = f.interview(ctx, grad, days_ago=60, permission=GRANTED, follow_ups_after=(10, 25))
    f.interview(ctx, grad, days_ago=90, permission=FollowUpPermission.DECLINED)
    f.interview(ctx, grad, days_ago=90, permission=FollowUpPermission.NOT_ASKED)
    items = {i.interview_row_id: i for i in _due(ctx, DueReason.FOLLOW_UP_DUE)}
    assert set(items) == {never, lapsed}
    assert items[never].fell_due_on == TODAY
    assert items[lapsed].fell_due_on == TODAY - timedelta(days=60 - 25 - 30)
    assert "last follow-up was 2026-02-09" in items[lapsed].message


def test_a_deleted_follow_up_does_not_reset_the_cadence(ctx: Context) -> None:
    _, grad = f.graduate(ctx, f.cohort(ctx))
    meeting = f.interview(ctx, grad, days_ago=40, permission=GRANTED, follow_ups_after=(35,))
    assert _due(ctx, DueReason.FOLLOW_UP_DUE) == []
    f.soft_delete_follow_ups(ctx, meeting)
    (item,) = _due(ctx, DueReason.FOLLOW_UP_DUE)
    assert item.fell_due_on == TODAY - timedelta(days=10)


def test_meeting_soon_with_preparation_under_half_done(ctx: Context) -> None:
    _, grad = f.graduate(ctx, f.cohort(ctx))
    planned = InterviewStatus.PLANNED
    in_two_days = f.interview(ctx, grad, days_ago=-2, status=planned, prep_ticked=3)
    today = f.interview(ctx, grad, days_ago=0, status=planned, prep_ticked=0)
    f.interview(ctx, grad, days_ago=-2, status=planned, prep_ticked=4)  # half done is enough
    f.interview(ctx, grad, days_ago=-3, status=planned)  # not soon yet
    f.interview(ctx, grad, days_ago=-1, status=InterviewStatus.CANCELLED)
    items = {i.interview_row_id: i for i in _due(ctx, DueReason.MEETING_SOON_UNPREPARED)}
    assert set(items) == {in_two_days, today}
    assert items[in_two_days].fell_due_on == TODAY
    assert items[today].fell_due_on == TODAY - timedelta(days=2)
    assert items[in_two_days].message.endswith("on 2026-03-18; preparation 3 of 8 done")


def test_inactive_after_fourteen_days_without_logging_or_holding(ctx: Context) -> None:
    group = f.cohort(ctx)
    new, _ = f.graduate(ctx, group)
    f.backdate_account(ctx, new, 13)
    idle, idle_id = f.graduate(ctx, group)
    f.backdate_account(ctx, idle, 14)
    logged, logged_id = f.graduate(ctx, group)
    f.backdate_account(ctx, logged, 100)
    upcoming = f.interview(ctx, logged_id, days_ago=-5, status=InterviewStatus.PLANNED)
    f.backdate_logging(ctx, upcoming, 20)  # logged 20 days ago, not held yet
    held, held_id = f.graduate(ctx, group)
    f.backdate_account(ctx, held, 100)
    f.backdate_logging(ctx, f.interview(ctx, held_id, days_ago=13), 40)
    items = {i.graduate_id: i for i in _due(ctx, DueReason.INACTIVE)}
    assert set(items) == {idle_id, logged_id}
    assert items[idle_id].fell_due_on == TODAY
    assert items[idle_id].message == "No interview logged or held since joining on 2026-03-02"
    assert items[logged_id].fell_due_on == TODAY - timedelta(days=6)


def test_soft_deleted_interviews_raise_nothing(ctx: Context) -> None:
    _, grad = f.graduate(ctx, f.cohort(ctx))
    f.soft_delete_interview(ctx, f.interview(ctx, grad, days_ago=40, permission=GRANTED))
    f.interview(ctx, grad, days_ago=1, thank_you_after=0)  # keeps the graduate active
    assert _due(ctx) == []


def test_most_overdue_first_and_advisor_scope(ctx: Context) -> None:
    advisor = f.user(ctx, Role.ADVISOR)
    mine = f.cohort(ctx, advisors=(advisor,))
    _, grad = f.graduate(ctx, mine)
    _, stranger = f.graduate(ctx, f.cohort(ctx))
    f.interview(ctx, grad, days_ago=4)
    f.interview(ctx, grad, days_ago=10)
    f.interview(ctx, grad, days_ago=45, permission=GRANTED, thank_you_after=1)
    f.interview(ctx, stranger, days_ago=20)
    items = due_today(ctx, advisor, EVERYTHING)
    assert {i.graduate_id for i in items} == {grad}
    assert [i.days_overdue for i in items] == [15, 7, 1]
    assert [i.reason for i in items] == [
        DueReason.FOLLOW_UP_DUE,
        DueReason.THANK_YOU_OVERDUE,
        DueReason.THANK_YOU_OVERDUE,
    ]
