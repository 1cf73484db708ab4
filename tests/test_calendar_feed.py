"""A graduate's private calendar address: what the feed holds, who can read it, and how it is
replaced and stopped (the address served over HTTP is in test_browser_calendar.py)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from icalendar import Calendar
from sqlalchemy import select

from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.dates import written
from networkit_core.errors import AccessDenied
from networkit_core.models import (
    AuditEntry,
    CalendarFeed,
    FollowUpPermission,
    Interview,
    InterviewStatus,
    Role,
)
from networkit_core.read_models.calendar_files import my_calendar, plan_ics, read_feed
from networkit_core.read_models.my_interviews import my_interviews
from networkit_core.read_models.my_progress import my_progress
from networkit_core.services.accounts.admin import deactivate_user, reactivate_user
from networkit_core.services.accounts.sessions import resume_session
from networkit_core.services.calendar_feed import start_feed, stop_feed
from networkit_core.services.interviews import complete_interview
from networkit_core.services.interviews.follow_ups import set_follow_up_permission
from tests import factories


def _uids(body: bytes | None) -> set[str]:
    assert body is not None
    return {str(event["uid"]) for event in Calendar.from_ical(body).walk("VEVENT")}


def _public(ctx: Context, row_id: int) -> str:
    with ctx.unit_of_work() as session:
        return session.get_one(Interview, row_id).public_id


def test_the_feed_holds_my_meetings_and_plan_days_and_nobody_elses(ctx: Context) -> None:
    cohort = factories.cohort(ctx)
    me, my_id = factories.graduate(ctx, cohort)
    _, other_id = factories.graduate(ctx, cohort)
    upcoming = factories.interview(ctx, my_id, days_ago=-3, status=InterviewStatus.PLANNED)
    held = factories.interview(ctx, my_id, days_ago=4)  # no thank-you yet: a plan day
    cancelled = factories.interview(ctx, my_id, days_ago=2, status=InterviewStatus.CANCELLED)
    long_ago = factories.interview(ctx, my_id, days_ago=400, thank_you_after=1)
    theirs = factories.interview(ctx, other_id, days_ago=-3, status=InterviewStatus.PLANNED)

    token = start_feed(ctx, me)
    uids = _uids(read_feed(ctx, token))

    up, met, gone, old, other = (
        _public(ctx, i) for i in (upcoming, held, cancelled, long_ago, theirs)
    )
    assert {f"{up}@networkit-coach", f"{met}@networkit-coach"} <= uids
    thank_you_by = ctx.clock.today() - timedelta(days=4 - ctx.settings.thank_you_window_days)
    assert f"{met}-thank_you-{thank_you_by.isoformat()}@networkit-coach" in uids
    # Cancelled meetings leave the calendar, meetings older than its history too, and
    # another graduate's never come in.
    assert not any(uid.startswith((gone, old, other)) for uid in uids)
    # The download is the same calendar.
    assert _uids(my_calendar(ctx, me)) == uids


def test_a_new_address_replaces_the_old_and_stopping_ends_it(ctx: Context) -> None:
    me, _ = factories.graduate(ctx, factories.cohort(ctx))
    assert my_progress(ctx, me).calendar_feed is None
    first = start_feed(ctx, me)
    assert read_feed(ctx, first) is not None
    status = my_progress(ctx, me).calendar_feed
    assert status is not None and status.last_read_at == ctx.clock.now()

    second = start_feed(ctx, me)
    assert second != first
    assert read_feed(ctx, first) is None
    assert read_feed(ctx, second) is not None

    assert stop_feed(ctx, me) is True
    assert read_feed(ctx, second) is None
    assert my_progress(ctx, me).calendar_feed is None
    assert stop_feed(ctx, me) is False
    with ctx.unit_of_work() as session:
        actions = list(
            session.scalars(
                select(AuditEntry.action)
                .where(AuditEntry.action.like("calendar_feed_%"))
                .order_by(AuditEntry.id)
            )
        )
    assert actions == [
        "calendar_feed_started",
        "calendar_feed_started",
        "calendar_feed_stopped",
    ]


def test_only_a_hash_of_the_token_is_kept_and_it_is_no_session(ctx: Context) -> None:
    me, _ = factories.graduate(ctx, factories.cohort(ctx))
    token = start_feed(ctx, me)
    with ctx.unit_of_work() as session:
        stored = session.scalars(select(CalendarFeed.token_hash)).one()
    assert token not in stored and len(stored) == 64
    # The token opens the feed and nothing else: it signs nobody in.
    assert resume_session(ctx, token) is None


@pytest.mark.parametrize("token", ["", "not-a-token", "x" * 43])
def test_an_unknown_token_reads_nothing(ctx: Context, token: str) -> None:
    me, my_id = factories.graduate(ctx, factories.cohort(ctx))
    factories.interview(ctx, my_id)
    start_feed(ctx, me)
    assert read_feed(ctx, token) is None


def test_a_deactivated_graduate_s_address_reads_nothing(ctx: Context) -> None:
    admin = factories.user(ctx, Role.ADMIN)
    me, _ = factories.graduate(ctx, factories.cohort(ctx))
    token = start_feed(ctx, me)
    deactivate_user(ctx, admin, me.id)
    assert read_feed(ctx, token) is None


def test_reactivation_does_not_revive_the_old_address(ctx: Context) -> None:
    """Issue 17: the address of a deactivated account answered again once it was reactivated.
    Deactivation ends the address for good; the graduate makes a new one if they want it."""
    admin = factories.user(ctx, Role.ADMIN)
    me, my_id = factories.graduate(ctx, factories.cohort(ctx))
    factories.interview(ctx, my_id)
    token = start_feed(ctx, me)
    assert read_feed(ctx, token) is not None
    deactivate_user(ctx, admin, me.id)
    reactivate_user(ctx, admin, me.id)
    assert read_feed(ctx, token) is None
    assert my_progress(ctx, me).calendar_feed is None  # the page offers to make a new one
    with ctx.unit_of_work() as session:
        assert session.scalars(select(CalendarFeed)).all() == []
        ended = session.scalars(
            select(AuditEntry.action).where(AuditEntry.action == "calendar_feed_stopped")
        ).all()
    assert ended == ["calendar_feed_stopped"]
    fresh = start_feed(ctx, me)
    assert fresh != token and read_feed(ctx, fresh) is not None


@pytest.mark.parametrize("role", [Role.ADVISOR, Role.ADMIN])
def test_only_graduates_have_a_calendar_address(ctx: Context, role: Role) -> None:
    someone: Actor = factories.user(ctx, role)
    for service in (start_feed, stop_feed, my_progress, my_calendar):
        with pytest.raises(AccessDenied):
            service(ctx, someone)


def _plan_days(body: bytes) -> set[tuple[str, object]]:
    """(summary, day) of each all-day plan event of a calendar."""
    return {
        (str(event["summary"]), event.decoded("dtstart"))
        for event in Calendar.from_ical(body).walk("VEVENT")
        if "-thank_you-" in str(event["uid"]) or "-follow_up-" in str(event["uid"])
    }


def test_coming_up_holds_the_plans_days_as_the_feed_and_the_ics_do(ctx: Context) -> None:
    """Issue 17: after a meeting was held, "Coming up" read "Nothing planned yet" while the
    plan's .ics held its thank-you-by and follow-up-by days. One plan, three readers."""
    me, my_id = factories.graduate(ctx, factories.cohort(ctx))
    meeting = factories.interview(ctx, my_id, days_ago=0, status=InterviewStatus.PLANNED)
    complete_interview(ctx, me, meeting)
    set_follow_up_permission(ctx, me, meeting, FollowUpPermission.GRANTED)

    mine = my_interviews(ctx, me)
    assert mine.upcoming == ()  # held: no meeting ahead
    today = ctx.clock.today()
    ahead = [(day.what, day.on) for day in mine.plan_ahead]
    assert ahead == [
        ("thank_you", today + timedelta(days=ctx.settings.thank_you_window_days)),
        ("follow_up", today + timedelta(days=ctx.settings.follow_up_cadence_days)),
    ]
    assert mine.plan_ahead[0].line(today) == (
        f"By {written(ahead[0][1])} (in 2 days) · Send the thank-you to Dana Reyes"
    )
    # The same days, with the same words, in the plan's .ics and in the feed.
    expected = {(f"{day.title} (by today)", day.on) for day in mine.plan_ahead}
    assert (
        _plan_days(plan_ics([(p.on, p.what, p.interview) for p in mine.plan], now=ctx.clock.now()))
        == expected
    )
    assert _plan_days(read_feed(ctx, start_feed(ctx, me)) or b"") == expected


def test_a_plan_day_that_has_come_shows_as_due_not_as_coming_up(ctx: Context) -> None:
    me, my_id = factories.graduate(ctx, factories.cohort(ctx))
    # Follow-up fell due today (held 30 days ago): "Due now", not "Coming up"; a thank-you
    # due by today is not overdue yet: "Coming up", today.
    factories.interview(
        ctx, my_id, days_ago=30, thank_you_after=1, permission=FollowUpPermission.GRANTED
    )
    by_today = factories.interview(ctx, my_id, days_ago=2)
    mine = my_interviews(ctx, me)
    assert {str(action.item.reason) for action in mine.due} == {"follow_up_due"}
    assert [(day.what, day.interview.id) for day in mine.plan_ahead] == [("thank_you", by_today)]
    assert (
        mine.plan_ahead[0]
        .line(ctx.clock.today())
        .startswith(f"By {written(ctx.clock.today())} (today) · ")
    )
