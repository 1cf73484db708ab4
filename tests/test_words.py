"""Issue 17, item 6: one way to write a date and one name per figure, in pages, e-mails and the
command line. Due reasons wrote "2026-12-01" while pages wrote "Tue 1 Dec 2026"; date pickers
mixed yyyy-mm-dd and yyyy/mm/dd; goals were named "On time thank you rate", "Prep score"
while the metrics read "On-time thank-you", "Preparation"."""

from __future__ import annotations

import re
from datetime import date, timedelta

from streamlit.testing.v1 import AppTest

from networkit_core.context import Context
from networkit_core.dates import written
from networkit_core.figures.due import DueReason, due_today
from networkit_core.figures.goals import GOAL_NAMES, goal_name
from networkit_core.figures.rates import RATE_NAMES, rate_help
from networkit_core.figures.scope import FigureScope
from networkit_core.interchange.formats import COHORT_REPORT
from networkit_core.models import FollowUpPermission, GoalMetric, Interview, InterviewStatus, Role
from networkit_core.reminders.compose import daily_reminder
from networkit_core.reminders.digest import weekly_letter
from networkit_core.services.coaching import record_nudge
from pages.ui.figures import RATES
from pages.ui.text import DATE_INPUT_FORMAT
from tests import factories
from tests.app_session import Opener, set_password, sign_in, unfold

BASE = "https://coach.example.edu"
ISO = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
# Any other way of writing a day: "16/03/2026", "16 Mar 2026" without its weekday, "March 16".
OTHER_DATES = re.compile(
    r"\b\d{1,2}/\d{1,2}/\d{2,4}\b"
    r"|(?<!Mon )(?<!Tue )(?<!Wed )(?<!Thu )(?<!Fri )(?<!Sat )(?<!Sun )\b\d{1,2} "
    r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b"
    r"|\b(January|February|March|April|June|July|August|September|October|November|December)\b"
)


def one_way(text: str, days: list[date]) -> None:
    """`text` writes each of `days` as `written` does, and no date any other way."""
    assert not ISO.findall(text), ISO.findall(text)
    assert not OTHER_DATES.search(text), OTHER_DATES.search(text)
    for day in days:
        assert written(day) in text, (written(day), text)


def test_due_reasons_and_emails_write_dates_one_way(ctx: Context) -> None:
    advisor = factories.user(ctx, Role.ADVISOR)
    cohort = factories.cohort(ctx, "Spring", advisors=(advisor,))
    me, grad = factories.graduate(ctx, cohort)
    factories.backdate_account(ctx, me, 60)
    today = ctx.clock.today()
    days = {
        "thank_you": factories.interview(ctx, grad, days_ago=20),
        "follow_up": factories.interview(
            ctx,
            grad,
            days_ago=70,
            thank_you_after=1,
            permission=FollowUpPermission.GRANTED,
            follow_ups_after=(35,),
        ),
        "soon": factories.interview(ctx, grad, days_ago=-1, status=InterviewStatus.PLANNED),
        "missing": factories.interview(ctx, grad, days_ago=16, status=InterviewStatus.PLANNED),
    }
    for interview in days.values():
        factories.backdate_logging(ctx, interview, 40)
    _, idle = factories.graduate(ctx, cohort)
    items = due_today(ctx, advisor, FigureScope.everything())
    assert {item.reason for item in items} == set(DueReason)
    expected = {
        DueReason.THANK_YOU_OVERDUE: [today - timedelta(days=20)],
        DueReason.FOLLOW_UP_DUE: [today - timedelta(days=70 - 35)],
        DueReason.MEETING_SOON_UNPREPARED: [today + timedelta(days=1)],
        DueReason.OUTCOME_MISSING: [today - timedelta(days=16)],
    }
    for item in items:
        one_way(f"{item.headline} {item.message}", expected.get(item.reason, []))
        assert item.name != "Inactive" or "since" in item.message

    # The graduate's daily e-mail and the advisor's digest write them alike.
    mine = [item for item in items if item.graduate_id == grad]
    letter = daily_reminder(me.email, "Grad", mine, BASE, today)
    for body in (letter.text, letter.html):
        one_way(body, [today, *expected[DueReason.THANK_YOU_OVERDUE]])
    record_nudge(ctx, advisor, idle, "Reminded by e-mail")
    digest = weekly_letter(ctx, advisor, BASE)
    for body in (digest.text, digest.html):
        one_way(body, [today])
    assert "Follow-up completion:" in digest.text and "Preparation:" in digest.text


# --- pages: every date picker, every figure's name ---------------------------------------------


def _date_formats(at: AppTest) -> list[str]:
    return [picker.proto.format for picker in at.date_input]


def test_every_date_picker_writes_dates_one_way(open_app: Opener, ctx: Context) -> None:
    """Every `st.date_input` of the app, rendered: the dashboard's from/to, a cohort goal's due
    date, the audit log's period, a new interview's date, a held one's date, thank-you and
    follow-up."""
    live = Context(ctx.engine, ctx.settings)
    coach = factories.user(live, Role.ADVISOR, "coach@example.org", password=factories.PASSWORD)
    factories.user(live, Role.ADMIN, "admin@example.org", password=factories.PASSWORD)
    cohort = factories.cohort(live, "Spring 2026", advisors=(coach,))
    me, grad = factories.graduate(live, cohort)
    set_password(live, me.id)
    held = factories.interview(live, grad, days_ago=3, permission=FollowUpPermission.GRANTED)
    with live.unit_of_work() as session:
        held_id = session.get_one(Interview, held).public_id
    seen: dict[str, list[str]] = {}

    at = sign_in(open_app(), "coach@example.org")
    at.switch_page("pages/advisor/dashboard/page.py")
    at.query_params.update({"from": "2026-01-01", "to": "2026-02-01"})
    at.run()
    seen["dashboard"] = _date_formats(at)
    at.switch_page("pages/shared/evidence/page.py").run()
    seen["evidence"] = _date_formats(at)
    at.query_params["email"] = me.email
    at.switch_page("pages/advisor/graduate/page.py").run()
    seen["graduate's file"] = _date_formats(at)  # the destination's start date
    at = sign_in(open_app(), "admin@example.org")
    at.switch_page("pages/admin/cohorts/page.py")
    at.query_params["cohort"] = "Spring 2026"
    at.run()
    seen["cohorts"] = _date_formats(at)
    at.switch_page("pages/admin/audit/page.py").run()
    seen["audit"] = _date_formats(at)
    at = sign_in(open_app(), me.email)
    at.switch_page("pages/graduate/interview/page.py").run()
    seen["new interview"] = _date_formats(at)
    at.query_params["id"] = held_id
    at = unfold(at.run(), "Who, when and where")
    seen["held interview"] = _date_formats(at)
    at.switch_page("pages/graduate/progress/page.py").run()
    seen["progress"] = _date_formats(at)  # the destination's start date

    assert {page: len(formats) for page, formats in seen.items()} == {
        "dashboard": 2,
        "evidence": 2,
        "graduate's file": 1,
        "progress": 1,
        "cohorts": 1,
        "audit": 2,
        "new interview": 1,
        "held interview": 3,  # its date, the thank-you's, a new follow-up's
    }
    assert {f for formats in seen.values() for f in formats} == {DATE_INPUT_FORMAT}


def test_goal_names_are_the_metric_names(open_app: Opener, ctx: Context) -> None:
    # In the core: a goal on a rate is named as the rate is.
    for metric in GoalMetric:
        if metric is not GoalMetric.INTERVIEWS_COMPLETED_PER_GRADUATE:
            assert goal_name(metric) == RATE_NAMES[metric.value]
    assert set(GOAL_NAMES) == set(GoalMetric)
    # On the pages: the dashboard's metrics, the cohorts page's goal choices and the goals.
    live = Context(ctx.engine, ctx.settings)
    coach = factories.user(live, Role.ADVISOR, "coach@example.org", password=factories.PASSWORD)
    factories.user(live, Role.ADMIN, "admin@example.org", password=factories.PASSWORD)
    cohort = factories.cohort(live, "Spring 2026", advisors=(coach,))
    factories.graduate(live, cohort)
    factories.goal(live, cohort, "prep_score", 0.75)
    factories.goal(live, cohort, "on_time_thank_you_rate", 0.8)
    at = sign_in(open_app(), "coach@example.org")
    at.switch_page("pages/advisor/dashboard/page.py").run()
    metric_names = [metric.label for metric in at.metric]
    assert metric_names == [name for _, name in RATES] == list(RATE_NAMES.values())
    # Each rate's help says what it counts (issue 17, item 5: follow-ups not yet due).
    for metric, key in zip(at.metric, RATE_NAMES, strict=True):
        assert metric.proto.help.startswith(rate_help(key, live.settings)), key
    assert "has fallen due (30 days after the meeting)" in at.metric[0].proto.help
    goals = [c.value for c in at.caption if " — " in c.value and " of " in c.value]
    assert [goal.split(" — ")[1].split(":")[0] for goal in goals] == [
        "On-time thank-you",
        "Preparation",
    ]
    assert all(name in metric_names for name in ("On-time thank-you", "Preparation"))
    at = sign_in(open_app(), "admin@example.org")
    at.switch_page("pages/admin/cohorts/page.py")
    at.query_params["cohort"] = "Spring 2026"
    at.run()
    assert at.selectbox(key="goal_metric").options == [goal_name(m) for m in GoalMetric]
    shown = [
        row["Goal"]
        for frame in at.dataframe
        for row in frame.value.to_dict("records")
        if "Goal" in row
    ]
    assert shown == ["On-time thank-you", "Preparation"]


def test_the_reports_page_says_what_each_cohort_report_column_holds(
    open_app: Opener, ctx: Context
) -> None:
    live = Context(ctx.engine, ctx.settings)
    factories.user(live, Role.ADMIN, "admin@example.org", password=factories.PASSWORD)
    at = sign_in(open_app(), "admin@example.org")
    at.switch_page("pages/shared/reports/page.py").run()
    assert not at.exception
    (help_text,) = [m.value for m in at.markdown if "`graduate_email`" in m.value]
    # Every canonical header, each rate by its name and what it counts.
    for column in COHORT_REPORT:
        assert f"`{column}`" in help_text, column
    for key, name in RATE_NAMES.items():
        assert f"`{key}`: {name}. " in help_text
    assert "whose first follow-up has fallen due" in help_text
