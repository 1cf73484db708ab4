"""Weekly series, cohort report, question usefulness, referrals and shared contacts."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from networkit_core.context import Context
from networkit_core.errors import AccessDenied
from networkit_core.figures.contacts import shared_contacts
from networkit_core.figures.questions import question_ranking
from networkit_core.figures.referrals import longest_referral_chains, referrals_per_interview
from networkit_core.figures.report import CohortReportRow, cohort_report
from networkit_core.figures.scope import FigureScope, Period
from networkit_core.figures.series import weekly_series
from networkit_core.models import FollowUpPermission, InterviewStatus, Role
from tests import factories as f
from tests.conftest import TODAY

EVERYTHING = FigureScope.everything()


def test_weekly_series_starts_on_monday_and_fills_gaps(ctx: Context) -> None:
    admin = f.user(ctx, Role.ADMIN)
    _, grad = f.graduate(ctx, f.cohort(ctx))
    f.interview(ctx, grad, days_ago=1, thank_you_after=1)  # Sunday 15 March: week of 9 March
    f.interview(ctx, grad, days_ago=7)  # Monday 9 March
    f.interview(ctx, grad, days_ago=15, status=InterviewStatus.CANCELLED)  # week of 23 Feb
    f.interview(ctx, grad, days_ago=-3, status=InterviewStatus.PLANNED)  # Thursday 19 March
    series = weekly_series(ctx, admin, EVERYTHING)
    assert [p.week_start for p in series] == [
        date(2026, 2, 23),
        date(2026, 3, 2),
        date(2026, 3, 9),
        date(2026, 3, 16),
    ]
    feb, empty, last_week, this_week = (p.rates for p in series)
    assert (feb.completed, feb.thank_you_rate) == (0, None)
    assert (empty.planned, empty.completed, empty.notes_rate) == (0, 0, None)
    assert (last_week.completed, last_week.thank_you_rate) == (2, 0.5)
    assert (this_week.planned, this_week.completed) == (1, 0)


def test_weekly_series_spans_the_whole_period(ctx: Context) -> None:
    admin = f.user(ctx, Role.ADMIN)
    f.graduate(ctx, f.cohort(ctx))
    period = Period(date(2026, 3, 4), date(2026, 3, 17))
    assert [p.week_start for p in weekly_series(ctx, admin, EVERYTHING, period)] == [
        date(2026, 3, 2),
        date(2026, 3, 9),
        date(2026, 3, 16),
    ]
    assert weekly_series(ctx, admin, EVERYTHING) == []


def test_cohort_report_rows(ctx: Context) -> None:
    advisor = f.user(ctx, Role.ADVISOR)
    group = f.cohort(ctx, "Spring 2026 Business", advisors=(advisor,))
    _, busy = f.graduate(ctx, group, "zoe@example.org")
    f.graduate(ctx, group, "amy@example.org")
    _, elsewhere = f.graduate(ctx, f.cohort(ctx))
    f.interview(ctx, busy, days_ago=5, thank_you_after=1, notes="good", prep_ticked=8)
    f.interview(ctx, busy, days_ago=3)
    f.interview(
        ctx, busy, days_ago=40, permission=FollowUpPermission.GRANTED, follow_ups_after=(39,)
    )
    f.interview(ctx, busy, days_ago=-10, status=InterviewStatus.PLANNED)
    f.interview(ctx, elsewhere)
    rows = cohort_report(ctx, advisor, group)
    assert [type(r) for r in rows] == [CohortReportRow, CohortReportRow]
    by_email = {r.graduate_email: r for r in rows}
    row = by_email["zoe@example.org"]
    assert row.cohort == "Spring 2026 Business"
    assert (row.interviews_planned, row.interviews_completed) == (1, 3)
    assert row.thank_you_rate == pytest.approx(1 / 3)
    assert row.follow_up_asked_rate == pytest.approx(1 / 3)
    assert row.follow_up_completion_rate == 1.0
    assert row.notes_rate == pytest.approx(1 / 3)
    assert row.prep_score == pytest.approx(2 / 8)
    assert row.last_activity_on == TODAY  # logged today (the factory logs on today's clock)
    assert row.due_items == 2  # two thank-yous overdue; the follow-up was yesterday
    empty = by_email["amy@example.org"]
    assert (empty.interviews_completed, empty.thank_you_rate, empty.prep_score) == (0, None, None)
    assert empty.last_activity_on is None
    assert empty.due_items == 0  # account created today: not inactive yet
    assert [r.graduate_email for r in cohort_report(ctx, advisor)] == list(by_email)
    with pytest.raises(AccessDenied):
        cohort_report(ctx, advisor, f.cohort(ctx))
    assert list(CohortReportRow.__dataclass_fields__) == [
        "graduate_email",
        "first_name",
        "last_name",
        "cohort",
        "interviews_planned",
        "interviews_completed",
        "thank_you_rate",
        "on_time_thank_you_rate",
        "follow_up_asked_rate",
        "follow_up_completion_rate",
        "notes_rate",
        "prep_score",
        "last_activity_on",
        "due_items",
    ]


def test_last_activity_counts_held_meetings_and_follow_ups(ctx: Context) -> None:
    admin = f.user(ctx, Role.ADMIN)
    _, grad = f.graduate(ctx, f.cohort(ctx))
    met = f.interview(ctx, grad, days_ago=30, follow_ups_after=(20,))
    f.backdate_logging(ctx, met, 35)
    upcoming = f.interview(ctx, grad, days_ago=-4, status=InterviewStatus.PLANNED)
    f.backdate_logging(ctx, upcoming, 40)
    (row,) = cohort_report(ctx, admin)
    assert row.last_activity_on == TODAY - timedelta(days=10)  # the follow-up


def test_question_ranking_by_rating_then_use(ctx: Context) -> None:
    advisor = f.user(ctx, Role.ADVISOR)
    group = f.cohort(ctx, advisors=(advisor,))
    _, grad = f.graduate(ctx, group)
    _, other = f.graduate(ctx, f.cohort(ctx))
    _, shared = f.bank(
        ctx, None, visibility="everyone", questions=("Q-great", "Q-good", "Q-unrated", "Q-unused")
    )
    _, (hidden,) = f.bank(ctx, f.user(ctx, Role.ADVISOR).id, questions=("Q-private",))
    first, second = f.interview(ctx, grad), f.interview(ctx, grad)
    f.use_question(ctx, first, shared[0], 5)
    f.use_question(ctx, first, shared[1], 5)
    f.use_question(ctx, second, shared[1], 3)
    f.use_question(ctx, second, shared[2])
    f.use_question(ctx, second, hidden, 5)
    gone = f.interview(ctx, grad)
    f.use_question(ctx, gone, shared[1], 1)
    f.soft_delete_interview(ctx, gone)
    f.use_question(ctx, f.interview(ctx, other), shared[1], 1)  # another cohort
    ranking = question_ranking(ctx, advisor, EVERYTHING)
    assert [(q.text, q.times_used, q.times_rated, q.average_rating) for q in ranking] == [
        ("Q-great", 1, 1, 5.0),
        ("Q-good", 2, 2, 4.0),
        ("Q-unrated", 1, 0, None),
    ]


def test_referrals_per_completed_interview_and_longest_chain(ctx: Context) -> None:
    admin = f.user(ctx, Role.ADMIN)
    _, grad = f.graduate(ctx, f.cohort(ctx))
    _, quiet = f.graduate(ctx, f.cohort(ctx))
    ana = f.contact(ctx, grad, "Ana")
    ben = f.contact(ctx, grad, "Ben", referred_by_id=ana)
    cy = f.contact(ctx, grad, "Cy", referred_by_id=ben)
    f.contact(ctx, grad, "Di", referred_by_id=ana)
    f.contact(ctx, grad, "Ed")
    f.interview(ctx, grad, contact_id=ana)
    f.interview(ctx, grad, contact_id=ben, status=InterviewStatus.PLANNED, days_ago=-3)
    f.interview(ctx, grad, contact_id=cy)
    figures = referrals_per_interview(ctx, admin, EVERYTHING)
    assert (figures.referrals, figures.completed) == (2, 2)  # Ben and Di, via Ana
    assert figures.per_completed_interview == 1.0
    chains = longest_referral_chains(ctx, admin, EVERYTHING)
    assert chains[grad].length == 2 and chains[grad].contacts == ("Ana", "Ben", "Cy")
    assert chains[quiet].length == 0 and chains[quiet].contacts == ()
    nothing = referrals_per_interview(ctx, admin, FigureScope.graduate(quiet))
    assert (nothing.referrals, nothing.per_completed_interview) == (0, None)


def test_shared_contacts_across_graduates_in_the_period(ctx: Context) -> None:
    admin = f.user(ctx, Role.ADMIN)
    group = f.cohort(ctx)
    grads = [f.graduate(ctx, group)[1] for _ in range(3)]
    for n, grad in enumerate(grads):
        email = "Dana@Acme.example" if n % 2 else " dana@acme.example"
        f.interview(ctx, grad, contact_id=f.contact(ctx, grad, "Dana", email=email))
    f.interview(ctx, grads[0], contact_id=f.contact(ctx, grads[0], "Lee", email="lee@x.example"))
    old = f.contact(ctx, grads[1], "Lee", email="LEE@x.example")
    f.interview(ctx, grads[1], contact_id=old, days_ago=200)
    term = Period(TODAY - timedelta(days=90), TODAY)
    (dana,) = shared_contacts(ctx, admin, EVERYTHING, term)
    assert (dana.email, dana.graduates, dana.interviews) == ("dana@acme.example", 3, 3)
    assert {c.email for c in shared_contacts(ctx, admin, EVERYTHING)} == {
        "dana@acme.example",
        "lee@x.example",
    }
