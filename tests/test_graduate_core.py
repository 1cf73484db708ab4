"""The core behind the graduate's pages: lookup by text id, the landing page's lists and plan,
the interview page's data, a question of one's own, progress, the thank-you draft and the
calendar files."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from icalendar import Calendar
from sqlalchemy import func, select

from networkit_core.context import Context
from networkit_core.errors import AccessDenied
from networkit_core.models import (
    Contact,
    FollowUpPermission,
    Graduate,
    Interview,
    InterviewStatus,
    Question,
    Role,
)
from networkit_core.read_models.calendar_files import meeting_ics, plan_ics
from networkit_core.read_models.interview_page import open_interview
from networkit_core.read_models.my_interviews import my_interviews
from networkit_core.read_models.my_progress import my_progress
from networkit_core.read_models.thank_you import thank_you_draft
from networkit_core.services import interviews
from networkit_core.services.contacts import NewContact
from networkit_core.services.questions import add_own_question
from tests import factories
from tests.conftest import TODAY


def _public_id(ctx: Context, row_id: int) -> str:
    with ctx.unit_of_work() as session:
        return session.get_one(Interview, row_id).public_id


def test_an_interview_by_text_id_reads_missing_and_foreign_alike(ctx: Context) -> None:
    me, my_id = factories.graduate(ctx, factories.cohort(ctx))
    _, other_id = factories.graduate(ctx, factories.cohort(ctx))
    mine = factories.interview(ctx, my_id)
    theirs = factories.interview(ctx, other_id)

    found = open_interview(ctx, me, _public_id(ctx, mine)).detail
    assert found is not None and found.interview.id == mine
    for public_id in (_public_id(ctx, theirs), "HX-MISSING"):
        with pytest.raises(AccessDenied) as refused:
            open_interview(ctx, me, public_id)
        assert str(refused.value) == "No such interview, or you do not have access to it."
    # A deleted one of my own still opens, to be restored.
    interviews.delete_interview(ctx, me, mine)
    gone = open_interview(ctx, me, _public_id(ctx, mine)).detail
    assert gone is not None and gone.interview.deleted


def test_my_interviews_sorts_filters_and_ties_due_items_to_their_interview(ctx: Context) -> None:
    me, my_id = factories.graduate(ctx, factories.cohort(ctx))
    ana = factories.contact(ctx, my_id, "Ana Ortiz")
    soon = factories.interview(ctx, my_id, days_ago=-1, status=InterviewStatus.PLANNED)
    later = factories.interview(ctx, my_id, days_ago=-9, status=InterviewStatus.PLANNED)
    late = factories.interview(ctx, my_id, days_ago=5, contact_id=ana)
    factories.interview(ctx, my_id, days_ago=8, status=InterviewStatus.CANCELLED, contact_id=ana)

    everything = my_interviews(ctx, me)
    assert [v.id for v in everything.upcoming] == [soon, later]
    assert len(everything.past) == 2
    reasons = {
        (str(a.item.reason), a.interview.id if a.interview else None) for a in everything.due
    }
    assert ("thank_you_overdue", late) in reasons
    assert ("meeting_soon_unprepared", soon) in reasons
    assert [v.id for v in my_interviews(ctx, me, status="completed").past] == [late]
    assert len(my_interviews(ctx, me, contact="Ana Ortiz").past) == 2
    assert my_interviews(ctx, me, contact="Nobody").past == ()


def test_my_plan_has_thank_you_by_and_follow_up_by_days(ctx: Context) -> None:
    me, my_id = factories.graduate(ctx, factories.cohort(ctx))
    no_thanks = factories.interview(ctx, my_id, days_ago=1)
    granted = factories.interview(
        ctx,
        my_id,
        days_ago=40,
        thank_you_after=1,
        permission=FollowUpPermission.GRANTED,
        follow_ups_after=(20,),
    )
    factories.interview(  # plan over: three follow-ups logged
        ctx,
        my_id,
        days_ago=100,
        thank_you_after=1,
        permission=FollowUpPermission.GRANTED,
        follow_ups_after=(30, 60, 90),
    )
    factories.interview(  # plan over: six months have passed
        ctx, my_id, days_ago=200, thank_you_after=1, permission=FollowUpPermission.GRANTED
    )
    plan = [(p.on, p.what, p.interview.id) for p in my_interviews(ctx, me).plan]
    assert plan == [
        (TODAY - timedelta(days=1) + timedelta(days=2), "thank_you", no_thanks),
        (TODAY - timedelta(days=40) + timedelta(days=20 + 30), "follow_up", granted),
    ]


def test_my_interviews_is_for_graduates(ctx: Context) -> None:
    with pytest.raises(AccessDenied):
        my_interviews(ctx, factories.user(ctx, Role.ADVISOR))


def test_a_new_contact_may_be_referred_only_by_one_of_mine(ctx: Context) -> None:
    me, my_id = factories.graduate(ctx, factories.cohort(ctx))
    _, other_id = factories.graduate(ctx, factories.cohort(ctx))
    mine = factories.contact(ctx, my_id, "Ana Ortiz")
    theirs = factories.contact(ctx, other_id, "Not Mine")
    view = interviews.log_interview(
        ctx, me, meeting_date=TODAY, new_contact=NewContact("Ben", referred_by_id=mine)
    )
    with ctx.unit_of_work() as session:
        assert session.get_one(Contact, view.contact_id).referred_by_id == mine
    with pytest.raises(AccessDenied):
        interviews.log_interview(
            ctx, me, meeting_date=TODAY, new_contact=NewContact("Cy", referred_by_id=theirs)
        )
    with ctx.unit_of_work() as session:
        assert session.scalar(select(func.count()).select_from(Contact)) == 3


def test_open_interview_searches_visible_questions_not_yet_attached(ctx: Context) -> None:
    me, my_id = factories.graduate(ctx, factories.cohort(ctx))
    stranger = factories.user(ctx, Role.ADVISOR)
    factories.bank(ctx, stranger.id, name="Private", questions=("Secret enjoy question?",))
    met = factories.interview(ctx, my_id, days_ago=-2, status=InterviewStatus.PLANNED)
    page = open_interview(ctx, me, _public_id(ctx, met), search="ENJOY")
    assert page.questions and all("enjoy" in q.text.lower() for q in page.questions)
    assert not any("Secret" in q.text for q in page.questions)
    first = page.questions[0]
    attached = add_own_question(ctx, me, met, text="  What surprised you?  ", category="Career")
    assert [q.text for q in attached] == ["What surprised you?"]
    again = add_own_question(ctx, me, met, text="And next?")
    assert len(again) == 2
    with ctx.unit_of_work() as session:
        banks = session.scalars(select(Question.bank_id).where(Question.text == "And next?"))
        own_bank = banks.one()
        assert (
            session.scalar(select(Question.bank_id).where(Question.text == "What surprised you?"))
            == own_bank
        )
    page = open_interview(ctx, me, _public_id(ctx, met), search="")
    assert first.id in {q.id for q in page.questions}
    assert open_interview(ctx, me, None).detail is None


def test_progress_gives_my_rates_goals_and_referral_links(ctx: Context) -> None:
    me, my_id = factories.graduate(ctx, factories.cohort(ctx))
    with ctx.unit_of_work() as session:
        cohort_id = session.get_one(Graduate, my_id).cohort_id
    factories.goal(ctx, cohort_id, "thank_you_rate", 0.5)
    factories.goal(ctx, cohort_id, "interviews_completed_per_graduate", 4)
    ana = factories.contact(ctx, my_id, "Ana Ortiz")
    ben = factories.contact(ctx, my_id, "Ben Okafor", referred_by_id=ana)
    factories.contact(ctx, my_id, "Cy Dee", referred_by_id=ben)
    factories.interview(ctx, my_id, days_ago=3, thank_you_after=1, contact_id=ana)
    progress = my_progress(ctx, me)
    assert progress.rates.completed == 1 and progress.rates.thank_you_rate == 1.0
    goals = {goal.metric.value: goal for goal in progress.goals}
    assert goals["thank_you_rate"].reached and goals["thank_you_rate"].is_rate
    assert goals["interviews_completed_per_graduate"].actual == 1.0
    assert not goals["interviews_completed_per_graduate"].reached
    assert [(link.referred_by_name, link.name) for link in progress.referrals] == [
        ("Ana Ortiz", "Ben Okafor"),
        ("Ben Okafor", "Cy Dee"),
    ]
    assert sum(point.rates.completed for point in progress.weeks) == 1


def test_thank_you_draft_uses_contact_meeting_and_notes(ctx: Context) -> None:
    me, my_id = factories.graduate(ctx, factories.cohort(ctx))
    met = factories.interview(
        ctx,
        my_id,
        days_ago=1,
        notes="- Spring is when they hire.\nMore later",
        contact_id=factories.contact(ctx, my_id, "Ana Ortiz", organization="Globex"),
    )
    detail = interviews.get_interview_detail(ctx, me, met)
    draft = thank_you_draft(detail.interview, detail.contact, "Sam Lee", today=TODAY)
    assert draft.splitlines()[0] == "Dear Ana,"
    assert "at Globex" in draft
    assert "One thing I took away: Spring is when they hire." in draft
    assert draft.splitlines()[-1] == "Sam Lee"


def test_meeting_ics_has_place_time_and_an_alarm_ten_minutes_before(ctx: Context) -> None:
    me, _ = factories.graduate(ctx, factories.cohort(ctx))
    view = interviews.log_interview(
        ctx,
        me,
        meeting_date=TODAY + timedelta(days=2),
        meeting_time="09:30",
        location_type="office",
        location_detail="1 Main St",
        new_contact=NewContact("Ana Ortiz", organization="Globex", title="Designer"),
    )
    detail = open_interview(ctx, me, view.public_id).detail
    assert detail is not None
    parsed = Calendar.from_ical(meeting_ics(detail.interview, detail.contact, now=ctx.clock.now()))
    (event,) = parsed.walk("VEVENT")
    assert event.decoded("dtstart") == datetime.combine(TODAY + timedelta(days=2), time(9, 30))
    assert str(event["location"]) == "Office: 1 Main St"
    assert "Ana Ortiz (Globex)" in str(event["summary"])
    assert str(event["uid"]).startswith(view.public_id)
    (alarm,) = event.walk("VALARM")
    assert alarm.decoded("trigger") == -timedelta(minutes=10)
    assert str(alarm["action"]) == "DISPLAY"


def test_plan_ics_is_all_day_events(ctx: Context) -> None:
    me, my_id = factories.graduate(ctx, factories.cohort(ctx))
    factories.interview(ctx, my_id, days_ago=1)
    plan = my_interviews(ctx, me).plan
    parsed = Calendar.from_ical(
        plan_ics([(p.on, p.what, p.interview) for p in plan], now=ctx.clock.now())
    )
    (event,) = parsed.walk("VEVENT")
    assert event.decoded("dtstart") == TODAY + timedelta(days=1)
    assert isinstance(event.decoded("dtstart"), date)
    assert "thank-you" in str(event["summary"]).lower()
