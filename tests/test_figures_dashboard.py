"""The advisor's dashboard figures, the periods it offers, the professionals list and one
graduate's file: each equal to the figures' one definition, each scoped to the advisor."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import update

from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.errors import AccessDenied, InvalidInput
from networkit_core.figures.contacts import professionals
from networkit_core.figures.periods import PeriodChoice, choose_period, previous_period
from networkit_core.figures.rates import GroupBy, rates, rates_by
from networkit_core.figures.scope import ALL_TIME, FigureScope, Period
from networkit_core.figures.series import month_points, next_month
from networkit_core.models import FollowUpPermission, Interview, InterviewStatus, Role
from networkit_core.read_models.dashboard import advisor_dashboard
from networkit_core.read_models.graduate_file import graduate_file, referral_chains
from tests import factories

GRANTED = FollowUpPermission.GRANTED


def _caseload(ctx: Context) -> dict[str, object]:
    """Two cohorts of one advisor, one cohort of another, with interviews over four months."""
    mine = factories.user(ctx, Role.ADVISOR, "mine@example.org")
    theirs = factories.user(ctx, Role.ADVISOR, "theirs@example.org")
    spring = factories.cohort(ctx, "Spring", advisors=(mine,))
    autumn = factories.cohort(ctx, "Autumn", advisors=(mine,))
    other = factories.cohort(ctx, "Other", advisors=(theirs,))
    ana, ana_id = factories.graduate(ctx, spring, "ana@example.org")
    _, ben_id = factories.graduate(ctx, spring, "ben@example.org")
    _, cy_id = factories.graduate(ctx, autumn, "cy@example.org")
    _, dee_id = factories.graduate(ctx, other, "dee@example.org")
    for days_ago, thank, permission, follow in (
        (3, 1, GRANTED, ()),
        (20, 1, GRANTED, (5,)),
        (40, None, FollowUpPermission.DECLINED, ()),
        (70, 5, GRANTED, (10, 40)),
        (100, 2, FollowUpPermission.NOT_ASKED, ()),
    ):
        for graduate_id in (ana_id, cy_id, dee_id):
            factories.interview(
                ctx,
                graduate_id,
                days_ago=days_ago,
                thank_you_after=thank,
                permission=permission,
                follow_ups_after=follow,
                notes="went well" if days_ago % 20 == 0 else "",
                prep_ticked=days_ago % 8,
            )
    factories.interview(ctx, ben_id, days_ago=-4, status=InterviewStatus.PLANNED, prep_ticked=2)
    factories.interview(ctx, ben_id, days_ago=12, status=InterviewStatus.CANCELLED)
    factories.goal(ctx, spring, "thank_you_rate", 0.8)
    factories.goal(ctx, spring, "interviews_completed_per_graduate", 4)
    return {
        "mine": mine,
        "theirs": theirs,
        "spring": spring,
        "autumn": autumn,
        "ana": ana,
        "ana_id": ana_id,
        "cy_id": cy_id,
        "dee_id": dee_id,
    }


def test_the_periods_on_offer() -> None:
    today = date(2026, 11, 26)
    assert choose_period(today, None) == (
        PeriodChoice.TERM,
        Period(date(2026, 9, 1), date(2026, 12, 31)),
    )
    assert choose_period(date(2026, 3, 16), "term")[1] == Period(
        date(2026, 1, 1), date(2026, 4, 30)
    )
    assert choose_period(today, "30d")[1] == Period(date(2026, 10, 28), today)
    assert choose_period(today, "all") == (PeriodChoice.ALL_TIME, ALL_TIME)
    assert choose_period(today, None, "2026-01-05", "2026-02-01") == (
        PeriodChoice.CUSTOM,
        Period(date(2026, 1, 5), date(2026, 2, 1)),
    )
    assert choose_period(today, "all", "2026-01-05", "")[1] == Period(date(2026, 1, 5), None)
    with pytest.raises(InvalidInput, match="from"):
        choose_period(today, None, "5 Jan", None)
    with pytest.raises(InvalidInput, match="to"):
        choose_period(today, None, None, "2026-02-31")
    with pytest.raises(InvalidInput, match="period"):
        choose_period(today, "fortnight")
    with pytest.raises(InvalidInput, match="after it ends"):
        choose_period(today, None, "2026-03-01", "2026-02-01")


def test_the_previous_period_has_the_same_length() -> None:
    today = date(2026, 11, 26)
    assert previous_period(Period(date(2026, 10, 28), today), today) == Period(
        date(2026, 9, 28), date(2026, 10, 27)
    )
    assert previous_period(Period(date(2026, 11, 1), None), today) == Period(
        date(2026, 10, 6), date(2026, 10, 31)
    )
    assert previous_period(ALL_TIME, today) is None


def test_monthly_points_equal_the_rates_of_each_month(ctx: Context) -> None:
    people = _caseload(ctx)
    mine = people["mine"]
    scope = FigureScope.caseload(mine.id)
    points = month_points(rates_by(ctx, mine, scope, by=GroupBy.MONTH), ALL_TIME)
    assert len(points) >= 4
    assert [p.month_start for p in points] == sorted(p.month_start for p in points)
    for point in points:
        end = next_month(point.month_start) - timedelta(days=1)
        assert point.rates == rates(ctx, mine, scope, Period(point.month_start, end))
    by_month = rates_by(ctx, mine, scope, by=GroupBy.MONTH)
    assert sum(r.completed for r in by_month.values()) == rates(ctx, mine, scope).completed


@pytest.mark.parametrize("period", [None, "30d", "all"])
def test_dashboard_figures_are_the_core_figures_for_the_same_scope(
    ctx: Context, period: str | None
) -> None:
    people = _caseload(ctx)
    mine: Actor = people["mine"]  # type: ignore[assignment]
    for cohort, scope in (
        (None, FigureScope.caseload(mine.id)),
        ("Spring", FigureScope.cohort(people["spring"])),  # type: ignore[arg-type]
    ):
        board = advisor_dashboard(ctx, mine, cohort=cohort, period=period)
        assert [c.name for c in board.cohorts] == ["Autumn", "Spring"]
        assert board.rates == rates(ctx, mine, scope, board.period)
        if board.previous is None:
            assert board.previous_rates is None and period == "all"
        else:
            assert board.previous_rates == rates(ctx, mine, scope, board.previous)
        assert sum(w.rates.completed for w in board.weeks) == board.rates.completed
        assert sum(m.rates.completed for m in board.months) == board.rates.completed
        steps = {step.step: step.interviews for step in board.funnel}
        assert steps == {
            "Held": board.rates.completed,
            "Thank-you sent": board.rates.thank_you_recorded,
            "Follow-up granted": board.rates.follow_up_granted,
            "Followed up": board.rates.followed_up,
        }
        emails = {row.graduate_email for row in board.graduates}
        assert "dee@example.org" not in emails
        assert emails == (
            {"ana@example.org", "ben@example.org", "cy@example.org"}
            if cohort is None
            else {"ana@example.org", "ben@example.org"}
        )


def test_goal_progress_uses_the_cohort_figures(ctx: Context) -> None:
    people = _caseload(ctx)
    mine: Actor = people["mine"]  # type: ignore[assignment]
    board = advisor_dashboard(ctx, mine, cohort="Spring", period="all")
    spring = rates(ctx, mine, FigureScope.cohort(people["spring"]))  # type: ignore[arg-type]
    goals = {goal.metric.value: goal for goal in board.goals}
    assert goals["thank_you_rate"].actual == spring.thank_you_rate
    assert goals["thank_you_rate"].target == 0.8
    assert goals["interviews_completed_per_graduate"].actual == spring.completed / 2
    assert {goal.cohort_id for goal in board.goals} == {people["spring"]}
    autumn = advisor_dashboard(ctx, mine, cohort="Autumn", period="all")
    assert autumn.goals == ()


def test_a_cohort_not_mine_is_refused_like_a_missing_one(ctx: Context) -> None:
    people = _caseload(ctx)
    mine: Actor = people["mine"]  # type: ignore[assignment]
    with pytest.raises(AccessDenied) as foreign:
        advisor_dashboard(ctx, mine, cohort="Other")
    with pytest.raises(AccessDenied) as missing:
        advisor_dashboard(ctx, mine, cohort="No such cohort")
    assert str(foreign.value) == str(missing.value)
    with pytest.raises(AccessDenied):
        advisor_dashboard(ctx, people["ana"])  # type: ignore[arg-type]


def test_professionals_are_matched_across_graduates_and_flagged_from_three(
    ctx: Context,
) -> None:
    mine = factories.user(ctx, Role.ADVISOR)
    theirs = factories.user(ctx, Role.ADVISOR)
    cohort = factories.cohort(ctx, advisors=(mine,))
    other = factories.cohort(ctx, advisors=(theirs,))
    graduates = [factories.graduate(ctx, cohort)[1] for _ in range(4)]
    outsider = factories.graduate(ctx, other)[1]
    # Priya: same e-mail in any case for three graduates; a fourth wrote her name and
    # organization without an e-mail; an outsider's meeting never counts.
    for graduate_id, email in zip(
        graduates[:3],
        ["priya@acme.example", "PRIYA@acme.example ", "priya@acme.example"],
        strict=True,
    ):
        factories.interview(
            ctx,
            graduate_id,
            days_ago=10,
            contact_id=factories.contact(
                ctx, graduate_id, "Priya Shah", organization="Acme", email=email
            ),
        )
    factories.interview(
        ctx,
        graduates[3],
        days_ago=200,
        contact_id=factories.contact(ctx, graduates[3], "priya shah", organization="ACME"),
    )
    factories.interview(
        ctx,
        outsider,
        days_ago=1,
        contact_id=factories.contact(
            ctx, outsider, "Priya Shah", organization="Acme", email="priya@acme.example"
        ),
    )
    # Omar: no e-mail anywhere, matched by name and organization, asked by two.
    for graduate_id in graduates[:2]:
        factories.interview(
            ctx,
            graduate_id,
            days_ago=5,
            contact_id=factories.contact(ctx, graduate_id, "Omar Haddad", organization="Beta"),
        )
    people = professionals(ctx, mine, FigureScope.caseload(mine.id))
    assert [(p.name.lower(), p.graduates, p.asked_recently, p.over_asked) for p in people] == [
        ("priya shah", 4, 3, True),
        ("omar haddad", 2, 2, False),
    ]
    assert people[0].email == "priya@acme.example"
    assert people[1].email == ""
    assert professionals(ctx, theirs, FigureScope.caseload(theirs.id))[0].asked_recently == 1


def test_last_met_is_the_latest_meeting_held_not_a_planned_one(ctx: Context) -> None:
    """Issue 17, 7d: "Latest meeting" counted planned future meetings (and missed ones)."""
    mine = factories.user(ctx, Role.ADVISOR)
    group = factories.cohort(ctx, advisors=(mine,))
    graduates = [factories.graduate(ctx, group)[1] for _ in range(2)]
    today = ctx.clock.today()
    for graduate_id, days_ago, status in [
        (graduates[0], 20, InterviewStatus.COMPLETED),
        (graduates[1], 6, InterviewStatus.COMPLETED),
        (graduates[0], 3, InterviewStatus.NO_SHOW),
        (graduates[1], -7, InterviewStatus.PLANNED),
    ]:
        contact = factories.contact(ctx, graduate_id, "Lena Park", email="lena@lattice.example")
        factories.interview(ctx, graduate_id, days_ago=days_ago, status=status, contact_id=contact)
    only_planned = factories.contact(ctx, graduates[0], "Sam Roe", organization="Nova")
    factories.interview(
        ctx, graduates[0], days_ago=-2, status=InterviewStatus.PLANNED, contact_id=only_planned
    )
    people = {p.name: p for p in professionals(ctx, mine, FigureScope.caseload(mine.id))}
    assert people["Lena Park"].last_met_on == today - timedelta(days=6)
    assert people["Lena Park"].graduates == 2  # the planned ask still counts as an ask
    assert people["Sam Roe"].last_met_on is None


def test_a_graduate_file_for_their_advisor_only(ctx: Context) -> None:
    people = _caseload(ctx)
    mine: Actor = people["mine"]  # type: ignore[assignment]
    ana_id: int = people["ana_id"]  # type: ignore[assignment]
    with ctx.unit_of_work() as session:
        session.execute(
            update(Interview)
            .where(Interview.graduate_id == ana_id)
            .values(private_notes="my secret worry")
        )
    factories.comment(ctx, ana_id, mine.id, "Keep going")
    person = graduate_file(ctx, mine, " ANA@example.org ")
    assert person.name and person.cohort == "Spring"
    assert person.figures == rates(ctx, mine, FigureScope.graduate(ana_id))
    assert person.cohort_figures == rates(ctx, mine, FigureScope.cohort(people["spring"]))  # type: ignore[arg-type]
    days = [entry.on for entry in person.timeline]
    assert days == sorted(days, reverse=True)
    assert {entry.kind for entry in person.timeline} >= {"interview", "thank_you", "comment"}
    assert "my secret worry" not in repr(person)
    assert [comment.body for comment in person.comments] == ["Keep going"]
    for stranger in ("dee@example.org", "nobody@example.org", ""):
        with pytest.raises(AccessDenied, match="graduate"):
            graduate_file(ctx, mine, stranger)
    with pytest.raises(AccessDenied):
        graduate_file(ctx, people["ana"], "ana@example.org")  # type: ignore[arg-type]


def test_referral_chains_run_from_first_referrer_to_last() -> None:
    contacts = [(1, "Ada", None), (2, "Bo", 1), (3, "Cy", 2), (4, "Di", 1), (5, "Ed", None)]
    assert referral_chains(contacts) == (("Ada", "Bo", "Cy"), ("Ada", "Di"))
    assert referral_chains([(1, "Ada", 9)]) == ()  # a referrer gone (deleted) starts nothing
