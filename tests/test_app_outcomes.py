"""/outcomes and /evidence in AppTest (issue 19): an advisor sees their own cohorts' figures
and nothing of another cohort (its name in the address is refused, with no data), an admin
sees every cohort, a graduate is refused both pages; the figures shown are the core's.

The app runs on the system clock, so the data here is built relative to the real today.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from streamlit.testing.v1 import AppTest

from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.figures.evidence import EVIDENCE_CAVEAT, Outcome
from networkit_core.interchange.formats import Kind
from networkit_core.models import DestinationStatus, FollowUpPermission, Role
from networkit_core.read_models.evidence_page import evidence_page
from networkit_core.read_models.outcomes_page import outcomes_page
from networkit_core.services.destinations import DestinationInput, record_destination
from pages.ui.downloads import csv_file
from pages.ui.text import escape, rate
from tests import factories
from tests.app_session import Opener, account, sign_in

OUTCOMES = "pages/shared/outcomes/page.py"
EVIDENCE = "pages/shared/evidence/page.py"
SECRET = "Zeta Secret Org"  # the foreign cohort's destination: never on my pages


@pytest.fixture
def live(ctx: Context) -> Context:
    """The test database on the system clock, as the app sees it."""
    return Context(ctx.engine, ctx.settings)


@pytest.fixture
def centre(live: Context) -> dict[str, object]:
    """An advisor (password set) coaching Spring and Autumn, another advisor's Foreign cohort,
    an admin; each graduate with interviews (half thanked on time) and most with a
    destination."""
    me = factories.user(live, Role.ADVISOR, "coach@example.org", password=factories.PASSWORD)
    other = factories.user(live, Role.ADVISOR, "other@example.org")
    admin = factories.user(live, Role.ADMIN, "admin@example.org", password=factories.PASSWORD)
    spring = factories.cohort(live, "Spring 2026", advisors=(me,))
    autumn = factories.cohort(live, "Autumn 2026", advisors=(me,))
    foreign = factories.cohort(live, "Foreign 2026", advisors=(other,))
    graduates: dict[str, int] = {}
    for name, cohort in (
        ("ana", spring),
        ("ben", spring),
        ("cy", autumn),
        ("dee", autumn),
        ("eve", spring),
        ("zed", foreign),
    ):
        _, graduates[name] = factories.graduate(live, cohort, f"{name}@example.org")
        for n in range(4):
            factories.interview(
                live,
                graduates[name],
                days_ago=20 + 7 * n,
                thank_you_after=1 if n % 2 else None,
                permission=FollowUpPermission.GRANTED,
                notes="Asked about teams" if n < 2 else "",
            )
    start = date(2025, 8, 1)
    for name, status, organization, started in (
        ("ana", DestinationStatus.EMPLOYED_FULL_TIME, "Acme", start),
        ("ben", DestinationStatus.CONTINUING_EDUCATION, "State University", start),
        ("cy", DestinationStatus.STILL_SEEKING, "", None),
        ("zed", DestinationStatus.EMPLOYED_FULL_TIME, SECRET, start),
    ):
        record_destination(
            live,
            admin,
            DestinationInput(status, organization, "Analyst" if started else "", started),
            graduate_id=graduates[name],
        )
    return {"me": me, "admin": admin, "graduates": graduates}


def _open(open_app: Opener, email: str, page: str, **params: str) -> AppTest:
    at = sign_in(open_app(), email)
    for name, value in params.items():
        at.query_params[name] = value
    return at.switch_page(page).run()


def _shown(at: AppTest) -> str:
    """Everything the page drew as text, to look for data that must not be there."""
    parts = [element.value for element in at.markdown]
    parts += [element.value for element in at.caption]
    parts += [str(frame.value.to_dict("records")) for frame in at.dataframe]
    parts += [str(box.options) for box in at.selectbox]
    return "\n".join(str(part) for part in parts)


def _refused(at: AppTest) -> None:
    assert not at.exception
    assert len(at.error) == 1
    assert not at.metric and not at.dataframe and not at.title
    assert not at.get("vega_lite_chart") and not at.get("arrow_vega_lite_chart")


def _charts(at: AppTest) -> int:
    return len(at.get("arrow_vega_lite_chart")) + len(at.get("vega_lite_chart"))


# --- /outcomes ------------------------------------------------------------------------------


def test_outcomes_shows_my_cohorts_figures_as_the_core_computes_them(
    open_app: Opener, live: Context, centre: dict[str, object]
) -> None:
    me: Actor = centre["me"]  # type: ignore[assignment]
    at = _open(open_app, me.email, OUTCOMES)
    assert not at.exception, at.exception
    assert [title.value for title in at.title] == ["Outcomes"]
    board = outcomes_page(live, me)
    figures = board.overall
    assert figures.graduates == 5 and figures.with_destination == 3  # zed is not mine
    shown = {metric.label: metric.value for metric in at.metric}
    assert shown == {
        "Knowledge rate": rate(figures.knowledge_rate),
        "Career outcomes": rate(figures.career_outcomes_rate),
        "Found through networking": rate(figures.found_through_networking),
    }
    knowledge = next(metric for metric in at.metric if metric.label == "Knowledge rate")
    assert knowledge.proto.delta == "-5.0 pts"  # 60 % against NACE's 65 %
    assert any("NACE aims at 65.0 %" in caption.value for caption in at.caption)
    assert _charts(at) >= 3  # by status, time to destination, knowledge rate by cohort
    by_cohort, by_year = (frame.value for frame in at.dataframe)
    assert set(by_cohort["Cohort"]) == {"Spring 2026", "Autumn 2026"}
    assert list(by_year["Graduation year"]) == ["2025"]
    assert list(by_year["Graduates"]) == [5]
    curve = next(
        c.value for c in at.caption if "graduates still seeking count until today" in c.value
    )
    time = figures.time_to_destination
    assert f"{time.graduates} graduates in the curve" in curve
    assert "Foreign 2026" not in _shown(at) and SECRET not in _shown(at)
    assert at.selectbox(key="outcomes_cohort").options == [
        "All my cohorts",
        "Autumn 2026",
        "Spring 2026",
    ]


def test_outcomes_cohort_lives_in_the_address(
    open_app: Opener, live: Context, centre: dict[str, object]
) -> None:
    me: Actor = centre["me"]  # type: ignore[assignment]
    at = _open(open_app, me.email, OUTCOMES, cohort="Autumn 2026")
    assert not at.exception
    figures = outcomes_page(live, me, cohort="Autumn 2026").overall
    assert figures.graduates == 2
    assert {m.label: m.value for m in at.metric}["Knowledge rate"] == rate(figures.knowledge_rate)
    assert at.selectbox(key="outcomes_cohort").value == "Autumn 2026"
    at = at.selectbox(key="outcomes_cohort").set_value("Spring 2026").run()
    assert not at.exception
    assert at.query_params.get("cohort") == "Spring 2026"
    at = at.selectbox(key="outcomes_cohort").set_value("").run()
    assert "cohort" not in at.query_params  # all my cohorts: no filter in the address


def test_outcomes_refuses_a_cohort_that_is_not_mine(
    open_app: Opener, centre: dict[str, object]
) -> None:
    for cohort in ("Foreign 2026", "No such cohort"):
        at = _open(open_app, "coach@example.org", OUTCOMES, cohort=cohort)
        _refused(at)
        assert SECRET not in str(at.main)


def test_admin_sees_every_cohorts_outcomes(
    open_app: Opener, live: Context, centre: dict[str, object]
) -> None:
    admin: Actor = centre["admin"]  # type: ignore[assignment]
    at = _open(open_app, admin.email, OUTCOMES)
    assert not at.exception
    assert outcomes_page(live, admin).overall.graduates == 6
    assert "All cohorts" in at.selectbox(key="outcomes_cohort").options
    assert set(at.dataframe[0].value["Cohort"]) == {"Spring 2026", "Autumn 2026", "Foreign 2026"}
    at = _open(open_app, admin.email, OUTCOMES, cohort="Foreign 2026")
    assert not at.exception
    assert {m.label: m.value for m in at.metric}["Knowledge rate"] == "100.0 %"


def test_the_first_destination_report_is_a_download_on_outcomes_and_reports(
    open_app: Opener, live: Context, centre: dict[str, object]
) -> None:
    me: Actor = centre["me"]  # type: ignore[assignment]
    for page in (OUTCOMES, "pages/shared/reports/page.py"):
        at = _open(open_app, me.email, page)
        labels = [button.proto.label for button in at.get("download_button")]
        assert any("first-destination report" in label.lower() for label in labels), labels
    made = csv_file(live, me, Kind.FIRST_DESTINATION_REPORT, bom=False)()
    header, *rows = made.decode().splitlines()
    assert header.startswith("cohort,graduation_year,graduates")
    assert rows and not any("Foreign" in row for row in rows)
    assert all("fewer than 5" in row for row in rows)  # 3 and 2 graduates: suppressed
    graduate = account(live, Role.GRADUATE)
    at = _open(open_app, graduate, "pages/shared/reports/page.py")
    labels = [button.proto.label for button in at.get("download_button")]
    assert not any("first-destination" in label.lower() for label in labels)


# --- /evidence ------------------------------------------------------------------------------


def test_evidence_says_its_caveat_first_and_draws_the_cores_rows(
    open_app: Opener, live: Context, centre: dict[str, object]
) -> None:
    me: Actor = centre["me"]  # type: ignore[assignment]
    at = _open(open_app, me.email, EVIDENCE)
    assert not at.exception, at.exception
    assert [title.value for title in at.title] == ["Evidence"]
    assert at.info[0].value == escape(EVIDENCE_CAVEAT)
    board = evidence_page(live, me)
    assert board.interviews == 20  # five graduates of mine, four interviews each
    referral = [row for row in board.rows if row.outcome is Outcome.REFERRAL]
    sentences = next(m.value for m in at.markdown if m.value.startswith("- "))
    assert sentences == "\n".join(f"- {escape(row.sentence)}" for row in referral)
    if any(not row.too_few for row in referral):
        assert _charts(at) == 1  # the forest plot
    assert len(at.dataframe[0].value) == len(board.rows)  # every habit × outcome, in numbers
    # Choosing another outcome shows its rows, and the address says so.
    at = at.radio(key="evidence_outcome").set_value(Outcome.JOB_LEAD).run()
    assert not at.exception
    assert at.query_params.get("outcome") == "job_lead"
    leads = [row for row in board.rows if row.outcome is Outcome.JOB_LEAD]
    assert any(m.value == "\n".join(f"- {escape(r.sentence)}" for r in leads) for m in at.markdown)


def test_evidence_filters_live_in_the_address(
    open_app: Opener, live: Context, centre: dict[str, object]
) -> None:
    me: Actor = centre["me"]  # type: ignore[assignment]
    today = live.clock.today()
    start, end = today - timedelta(days=30), today
    at = _open(
        open_app,
        me.email,
        EVIDENCE,
        cohort="Spring 2026",
        **{"from": start.isoformat(), "to": end.isoformat()},
    )
    assert not at.exception, at.exception
    board = evidence_page(live, me, cohort="Spring 2026", start=start, end=end)
    assert board.interviews == 6  # three graduates, the two interviews of the last 30 days
    assert any(f"{board.interviews} completed interviews" in c.value for c in at.caption)
    assert at.selectbox(key="evidence_cohort").value == "Spring 2026"
    assert at.date_input(key="evidence_from").value == start
    at = at.date_input(key="evidence_from").set_value(today - timedelta(days=10)).run()
    assert at.query_params.get("from") == (today - timedelta(days=10)).isoformat()


def test_evidence_refuses_a_cohort_that_is_not_mine(
    open_app: Opener, centre: dict[str, object]
) -> None:
    _refused(_open(open_app, "coach@example.org", EVIDENCE, cohort="Foreign 2026"))


def test_admin_sees_the_evidence_of_every_cohort(
    open_app: Opener, live: Context, centre: dict[str, object]
) -> None:
    admin: Actor = centre["admin"]  # type: ignore[assignment]
    at = _open(open_app, admin.email, EVIDENCE)
    assert not at.exception
    assert evidence_page(live, admin).interviews == 24
    assert any("24 completed interviews" in caption.value for caption in at.caption)
    assert "Foreign 2026" in at.selectbox(key="evidence_cohort").options


def test_a_graduate_is_refused_outcomes_and_evidence(
    open_app: Opener, live: Context, centre: dict[str, object]
) -> None:
    at = sign_in(open_app(), account(live, Role.GRADUATE))
    for page in (OUTCOMES, EVIDENCE):
        at.switch_page(page).run()
        _refused(at)
        assert at.error[0].value == (
            "This page is for advisors and admins. Use the menu to find your own pages."
        )
        assert SECRET not in str(at.main)
