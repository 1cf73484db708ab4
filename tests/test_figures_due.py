"""Due today: each reason at and around its edge, scoping, soft deletion and the order."""

from __future__ import annotations

from datetime import timedelta

from networkit_core.clock import FixedClock
from networkit_core.context import Context
from networkit_core.figures.due import DueItem, DueReason, due_today
from networkit_core.figures.scope import FigureScope
from networkit_core.models import FollowUpPermission, Interview, InterviewStatus, Role
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
    assert (
        item.message == "Thank-you to Dana Reyes (Acme) not recorded; meeting was Fri 13 Mar 2026"
    )
    # The window closed yesterday: a day late, not "due today".
    assert item.headline == "Thank-you overdue · 1 day overdue"


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
    assert "last follow-up was Mon 9 Feb 2026" in items[lapsed].message
    assert items[never].when == "due today" and items[lapsed].when == "5 days overdue"


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
    assert items[in_two_days].message == (
        "Meeting with Dana Reyes in 2 days, Wed 18 Mar 2026: checklist 3 of 8 done"
    )
    # A meeting not held yet is never "overdue": the words say when it is.
    assert items[in_two_days].headline == "Meeting soon, not prepared · in 2 days, checklist 3 of 8"
    assert items[today].when == "today, checklist 0 of 8"


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
    assert items[idle_id].message == "No interview logged or held since joining on Mon 2 Mar 2026"
    assert items[idle_id].when == "nothing for 14 days"
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


def test_outcome_missing_the_day_after_a_meeting_still_planned(ctx: Context) -> None:
    _, grad = f.graduate(ctx, f.cohort(ctx))
    acme = f.contact(ctx, grad, "Dana Reyes", organization="Acme")
    stale = f.interview(ctx, grad, days_ago=30, status=InterviewStatus.PLANNED, contact_id=acme)
    f.interview(ctx, grad, days_ago=0, status=InterviewStatus.PLANNED, prep_ticked=8)  # today
    f.interview(ctx, grad, days_ago=3, status=InterviewStatus.CANCELLED)
    f.interview(ctx, grad, days_ago=3, status=InterviewStatus.NO_SHOW)
    (item,) = _due(ctx, DueReason.OUTCOME_MISSING)
    assert item.interview_row_id == stale
    assert item.fell_due_on == TODAY - timedelta(days=29)
    assert item.message == (
        "Meeting with Dana Reyes (Acme) on Sat 14 Feb 2026 is still planned: "
        "record whether it was held, cancelled or missed"
    )
    assert item.when == "meeting 30 days ago"
    # Cancelled and no-show interviews make nothing due, whatever else is missing.
    assert {i.reason for i in _due(ctx)} == {DueReason.OUTCOME_MISSING}


def test_a_follow_up_plan_ends_after_three_follow_ups_or_180_days(ctx: Context) -> None:
    _, grad = f.graduate(ctx, f.cohort(ctx))
    two = f.interview(ctx, grad, days_ago=100, permission=GRANTED, follow_ups_after=(20, 40))
    f.interview(ctx, grad, days_ago=100, permission=GRANTED, follow_ups_after=(20, 40, 60))
    last_day = f.interview(ctx, grad, days_ago=180, permission=GRANTED, thank_you_after=0)
    f.interview(ctx, grad, days_ago=181, permission=GRANTED, thank_you_after=0)
    items = {i.interview_row_id: i for i in _due(ctx, DueReason.FOLLOW_UP_DUE)}
    assert set(items) == {two, last_day}
    assert items[two].fell_due_on == TODAY - timedelta(days=30)


def test_as_of_an_earlier_day_later_facts_do_not_count(ctx: Context) -> None:
    _, grad = f.graduate(ctx, f.cohort(ctx))
    thanked_late = f.interview(ctx, grad, days_ago=20, thank_you_after=15)
    followed = f.interview(
        ctx, grad, days_ago=50, permission=GRANTED, thank_you_after=0, follow_ups_after=(45,)
    )
    earlier = Context(ctx.engine, ctx.settings, FixedClock.on(TODAY - timedelta(days=10)))
    admin = f.user(ctx, Role.ADMIN)
    items = {(i.reason, i.interview_row_id) for i in due_today(earlier, admin, EVERYTHING)}
    # Ten days ago the thank-you and the follow-up (both dated 5 days ago) were not
    # made yet.
    assert (DueReason.THANK_YOU_OVERDUE, thanked_late) in items
    assert (DueReason.FOLLOW_UP_DUE, followed) in items
    assert {(i.reason, i.interview_row_id) for i in due_today(ctx, admin, EVERYTHING)} == set()


def test_due_items_name_the_interview_by_its_text_id(ctx: Context) -> None:
    _, grad = f.graduate(ctx, f.cohort(ctx))
    row = f.interview(ctx, grad, days_ago=9)
    with ctx.unit_of_work() as session:
        public_id = session.get_one(Interview, row).public_id
    (item,) = _due(ctx)
    assert (item.interview_id, item.interview_row_id) == (public_id, row)
    assert item.as_dict()["interview_id"] == public_id
    assert "interview_row_id" not in item.as_dict()


def test_an_unprepared_meeting_tomorrow_says_tomorrow_not_overdue(ctx: Context) -> None:
    """Issue 17: a meeting tomorrow with nothing ticked read "1 day overdue". Its words (one
    place: `figures.due`) say when it is, and the CLI's JSON carries the same words."""
    _, grad = f.graduate(ctx, f.cohort(ctx))
    f.interview(ctx, grad, days_ago=-1, status=InterviewStatus.PLANNED)
    (item,) = _due(ctx, DueReason.MEETING_SOON_UNPREPARED)
    assert item.headline == "Meeting soon, not prepared · tomorrow, checklist 0 of 8"
    assert "overdue" not in item.headline + item.message
    assert (
        item.message == "Meeting with Dana Reyes tomorrow, Tue 17 Mar 2026: checklist 0 of 8 done"
    )
    assert item.as_dict()["when"] == "tomorrow, checklist 0 of 8"
