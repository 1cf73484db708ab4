"""Goal progress, one definition (`figures.goals`): the cohort's figure over its meetings up to
the goal's due date, as it stood that day; until then, or without a due date, its meetings so
far. The admin's cohorts page, the advisor's dashboard (whatever period it shows) and the
graduate's progress page give the same goal the same answer and name what it counts."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import update

from networkit_core.clock import FixedClock
from networkit_core.context import Context
from networkit_core.dates import written
from networkit_core.models import CohortGoal, Graduate, Role
from networkit_core.read_models.cohort_board import cohort_board
from networkit_core.read_models.dashboard import advisor_dashboard
from networkit_core.read_models.my_progress import my_progress
from tests import factories
from tests.app_session import Opener, pick, set_password, sign_in
from tests.conftest import TODAY


def _due_on(ctx: Context, goal_id: int, day: date) -> None:
    with ctx.unit_of_work() as session:
        session.execute(update(CohortGoal).where(CohortGoal.id == goal_id).values(due_on=day))


def test_a_goal_past_its_due_date_reads_as_it_stood_that_day(ctx: Context) -> None:
    advisor = factories.user(ctx, Role.ADVISOR)
    admin = factories.user(ctx, Role.ADMIN)
    cohort = factories.cohort(ctx, "Spring", advisors=(advisor,))
    me, grad = factories.graduate(ctx, cohort)
    # Met 20 days ago, thanked 15 days later (5 days ago); met 40 days ago, thanked the next day.
    factories.interview(ctx, grad, days_ago=20, thank_you_after=15)
    factories.interview(ctx, grad, days_ago=40, thank_you_after=1)
    factories.interview(ctx, grad, days_ago=1, thank_you_after=0)  # after the due date
    goal = factories.goal(ctx, cohort, "thank_you_rate", 0.8)
    due = TODAY - timedelta(days=10)
    _due_on(ctx, goal, due)

    # On the due date one of the two meetings so far had its thank-you: 50 %, not reached.
    (admin_view,) = cohort_board(ctx, admin).goals
    assert (admin_view.actual, admin_view.reached) == (0.5, False)
    assert admin_view.counted_to == due
    assert admin_view.covers == f"meetings up to the due date, {written(due)}"
    # The dashboard says the same whatever period it shows, and so does the graduate's page.
    for period in ("30d", "all", "term"):
        (dashboard_view,) = advisor_dashboard(ctx, advisor, period=period).goals
        assert dashboard_view == admin_view, period
    (mine,) = my_progress(ctx, me).goals
    assert (mine.actual, mine.covers, mine.name) == (0.5, admin_view.covers, "Thank-you")

    # Seen on a day before the due date, the goal counts the meetings so far, as of that day.
    earlier = TODAY - timedelta(days=30)
    seen_then = Context(ctx.engine, ctx.settings, FixedClock.on(earlier))
    (then,) = cohort_board(seen_then, admin).goals
    assert (then.actual, then.counted_to) == (1.0, earlier)
    assert then.covers == f"meetings so far, up to today, {written(earlier)}"


def test_interviews_per_graduate_counts_the_cohort_and_the_graduate_alike(ctx: Context) -> None:
    admin = factories.user(ctx, Role.ADMIN)
    cohort = factories.cohort(ctx)
    me, mine = factories.graduate(ctx, cohort)
    _, theirs = factories.graduate(ctx, cohort)
    for _ in range(3):
        factories.interview(ctx, mine, days_ago=50)
    factories.interview(ctx, theirs, days_ago=2)
    factories.goal(ctx, cohort, "interviews_completed_per_graduate", 2)
    (cohort_goal,) = cohort_board(ctx, admin).goals
    assert (cohort_goal.actual, cohort_goal.reached) == (2.0, True)
    assert cohort_goal.name == "Interviews held per graduate"
    (my_goal,) = my_progress(ctx, me).goals
    assert (my_goal.actual, my_goal.reached, my_goal.is_rate) == (3.0, True, False)


def test_cohorts_page_and_dashboard_show_one_answer_and_name_its_period(
    open_app: Opener, ctx: Context
) -> None:
    """Issue 17: /cohorts read "reached 1 of 1" (this month so far) while the dashboard showed
    the same goal at "64.6 % of 80 %". A meeting this month with a thank-you and one 40 days
    ago without: 50 % of 80 % on both pages, each saying which meetings it counts."""
    live = Context(ctx.engine, ctx.settings)  # the app's own clock
    today = live.clock.today()
    coach = factories.user(live, Role.ADVISOR, "coach@example.org", password=factories.PASSWORD)
    factories.user(live, Role.ADMIN, "admin@example.org", password=factories.PASSWORD)
    cohort = factories.cohort(live, "Spring 2026", advisors=(coach,))
    me, grad = factories.graduate(live, cohort, "ana@example.org")
    set_password(live, me.id)
    factories.interview(live, grad, days_ago=0, thank_you_after=0)
    factories.interview(live, grad, days_ago=40)
    factories.goal(live, cohort, "thank_you_rate", 0.8)
    covers = f"meetings so far, up to today, {written(today)}"

    at = sign_in(open_app(), "admin@example.org")
    at.switch_page("pages/admin/cohorts/page.py").run()
    assert not at.exception
    (summary,) = at.dataframe[0].value.to_dict("records")
    assert summary["Goals reached"] == "0 of 1"
    pick(at, "managed", "Spring 2026")
    at.run()
    goals = [
        row for frame in at.dataframe for row in frame.value.to_dict("records") if "Goal" in row
    ]
    assert goals == [
        {
            "Goal": "Thank-you",
            "Target": "80.0 %",
            "Now": "50.0 %",
            "Reached": False,
            "Due": "—",
            "Counts": "M" + covers[1:],
        }
    ]

    # The dashboard's period (all time here, this term by default) does not change the goal.
    for period in ("all", "30d"):
        at = sign_in(open_app(), "coach@example.org")
        at.switch_page("pages/advisor/dashboard/page.py")
        at.query_params["period"] = period
        at.run()
        assert not at.exception
        captions = [c.value for c in at.caption if "Thank-you:" in c.value]
        assert captions == [f"Spring 2026 — Thank-you: 50.0 % of 80.0 % ({covers})"], period

    with live.unit_of_work() as session:
        assert session.get_one(Graduate, grad).cohort_id == cohort
    at = sign_in(open_app(), me.email)
    at.switch_page("pages/graduate/progress/page.py").run()
    assert not at.exception
    assert any("Thank-you**: target 80.0 % · me: 50.0 %" in m.value for m in at.markdown)
    assert f"Counts my {covers}." in [c.value for c in at.caption]
