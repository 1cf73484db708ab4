"""The advisor's pages in AppTest: the dashboard, a graduate, professionals, reports. Each shows
the core's figures for the advisor's own cohorts, and refuses anything else with no data.

The app runs on the system clock, so the data here is built relative to the real today.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select, update
from streamlit.testing.v1 import AppTest

from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.figures.periods import choose_period
from networkit_core.figures.rates import rates
from networkit_core.figures.scope import FigureScope
from networkit_core.interchange.formats import Kind
from networkit_core.models import AuditEntry, FollowUpPermission, Interview, InterviewStatus, Role
from networkit_core.services.coaching import list_comments
from pages.ui.downloads import csv_file
from pages.ui.figures import RATES
from pages.ui.text import rate
from tests import factories
from tests.app_session import Opener, set_password, sign_in

DASHBOARD = "pages/advisor/dashboard/page.py"
GRADUATE = "pages/advisor/graduate/page.py"
PROFESSIONALS = "pages/advisor/professionals/page.py"
REPORTS = "pages/shared/reports/page.py"
ADVISOR_PAGES = (DASHBOARD, GRADUATE, PROFESSIONALS)


@pytest.fixture
def live(ctx: Context) -> Context:
    """The test database on the system clock, as the app sees it."""
    return Context(ctx.engine, ctx.settings)


@pytest.fixture
def caseload(live: Context) -> dict[str, object]:
    """An advisor (password set) with two cohorts, another advisor's cohort, and interviews."""
    me = factories.user(live, Role.ADVISOR, "coach@example.org", password=factories.PASSWORD)
    other = factories.user(live, Role.ADVISOR, "other@example.org")
    spring = factories.cohort(live, "Spring 2026", advisors=(me,))
    autumn = factories.cohort(live, "Autumn 2026", advisors=(me,))
    foreign = factories.cohort(live, "Foreign 2026", advisors=(other,))
    ana, ana_id = factories.graduate(live, spring, "ana@example.org")
    _, cy_id = factories.graduate(live, autumn, "cy@example.org")
    zed, zed_id = factories.graduate(live, foreign, "zed@example.org")
    for graduate_id in (ana_id, cy_id, zed_id):
        factories.interview(live, graduate_id, days_ago=12)  # thank-you overdue
        factories.interview(
            live,
            graduate_id,
            days_ago=3,
            thank_you_after=1,
            permission=FollowUpPermission.GRANTED,
            follow_ups_after=(2,),
            notes="Talked about data teams",
            prep_ticked=5,
        )
        factories.interview(live, graduate_id, days_ago=40, thank_you_after=6)
    factories.interview(
        live,
        ana_id,
        days_ago=-2,
        status=InterviewStatus.PLANNED,
        contact_id=factories.contact(live, ana_id, "Priya Shah", organization="Acme"),
    )
    with live.unit_of_work() as session:
        session.execute(
            update(Interview)
            .where(Interview.graduate_id == ana_id)
            .values(private_notes="PRIVATE: nervous about salary")
        )
    factories.goal(live, spring, "thank_you_rate", 0.9)
    set_password(live, ana.id)
    return {"me": me, "ana": ana, "ana_id": ana_id, "zed": zed, "spring": spring}


def _signed_in(open_app: Opener, page: str, **params: str) -> AppTest:
    at = open_app()
    at = sign_in(at, "coach@example.org")
    for name, value in params.items():
        at.query_params[name] = value
    return at.switch_page(page).run()


def _shown(at: AppTest) -> str:
    """Everything the page drew as text, to look for data that must not be there."""
    parts = [element.value for element in at.markdown]
    parts += [element.value for element in at.caption]
    parts += [element.value for element in at.title]
    parts += [str(frame.value.to_dict("records")) for frame in at.dataframe]
    return "\n".join(str(part) for part in parts)


def _graduates(at: AppTest) -> Any:
    """The graduates table (the nudge list's table comes first when anyone needs a nudge)."""
    return next(frame for frame in at.dataframe if frame.key == "graduates_table").value


def _refused(at: AppTest) -> None:
    assert not at.exception
    assert len(at.error) == 1
    assert not at.metric and not at.dataframe and not at.title
    assert not at.get("vega_lite_chart")


def test_dashboard_numbers_equal_the_core_figures(
    open_app: Opener, live: Context, caseload: dict[str, object]
) -> None:
    me: Actor = caseload["me"]  # type: ignore[assignment]
    at = _signed_in(open_app, DASHBOARD)
    assert not at.exception, at.exception
    assert [title.value for title in at.title] == ["Dashboard"]
    _, term = choose_period(live.clock.today(), None)
    figures = rates(live, me, FigureScope.caseload(me.id), term)
    shown = {metric.label: metric.value for metric in at.metric}
    assert shown == {name: rate(getattr(figures, field)) for field, name in RATES}
    graduates = _graduates(at)
    assert set(graduates["Email"]) == {"ana@example.org", "cy@example.org"}
    assert at.get("vega_lite_chart")  # the charts are drawn
    assert "zed@example.org" not in _shown(at)


def test_dashboard_filters_live_in_the_address(
    open_app: Opener, live: Context, caseload: dict[str, object]
) -> None:
    me: Actor = caseload["me"]  # type: ignore[assignment]
    today = live.clock.today()
    start, end = today - timedelta(days=20), today
    at = _signed_in(
        open_app,
        DASHBOARD,
        cohort="Spring 2026",
        **{"from": start.isoformat(), "to": end.isoformat()},
    )
    assert not at.exception
    _, period = choose_period(today, None, start, end)
    figures = rates(live, me, FigureScope.cohort(caseload["spring"]), period)  # type: ignore[arg-type]
    shown = {metric.label: metric.value for metric in at.metric}
    assert shown == {name: rate(getattr(figures, field)) for field, name in RATES}
    assert set(_graduates(at)["Email"]) == {"ana@example.org"}
    assert at.selectbox(key="filter_cohort").value == "Spring 2026"
    assert at.date_input(key="filter_from").value == start
    # Choosing a filter writes it into the address, so the view can be bookmarked.
    at = at.selectbox(key="filter_period").select("all").run()
    assert not at.exception
    assert at.query_params.get("period") == "all"
    assert at.query_params.get("cohort") == "Spring 2026"
    assert "from" not in at.query_params
    at = at.selectbox(key="filter_cohort").select("").run()
    assert "cohort" not in at.query_params
    assert set(_graduates(at)["Email"]) == {"ana@example.org", "cy@example.org"}


def test_dashboard_refuses_a_cohort_that_is_not_mine(
    open_app: Opener, caseload: dict[str, object]
) -> None:
    for cohort in ("Foreign 2026", "No Such Cohort"):
        at = _signed_in(open_app, DASHBOARD, cohort=cohort)
        _refused(at)
        assert "No such cohort" in at.error[0].value


def test_dashboard_names_a_bad_date(open_app: Opener, caseload: dict[str, object]) -> None:
    at = _signed_in(open_app, DASHBOARD, **{"from": "yesterday"})
    _refused(at)
    assert "from" in at.error[0].value


def test_graduate_page_shows_their_file_without_private_notes(
    open_app: Opener, live: Context, caseload: dict[str, object]
) -> None:
    me: Actor = caseload["me"]  # type: ignore[assignment]
    ana_id: int = caseload["ana_id"]  # type: ignore[assignment]
    at = _signed_in(open_app, GRADUATE, email="ana@example.org")
    assert not at.exception, at.exception
    assert at.title[0].value == caseload["ana"].display_name  # type: ignore[attr-defined]
    mine = rates(live, me, FigureScope.graduate(ana_id))
    shown = {metric.label: metric.value for metric in at.metric}
    assert shown == {name: rate(getattr(mine, field)) for field, name in RATES}
    timeline = at.dataframe[0].value
    assert list(timeline["Date"]) == sorted(timeline["Date"], reverse=True)
    assert "Priya Shah" in str(timeline.to_dict("records"))
    assert "PRIVATE" not in _shown(at)
    assert "Thank-you overdue" in _shown(at)

    # Add a comment, edit it, delete it: each through the core, the page fresh after each.
    at.text_area(key="new_comment").input("Send the thank-you to Dana today")
    at = _submit(at, "Add comment")
    assert not at.exception
    comments = list_comments(live, me, ana_id)
    assert [c.body for c in comments] == ["Send the thank-you to Dana today"]
    assert "Send the thank-you to Dana today" in [text.value for text in at.text]
    key = f"edit_comment_{comments[0].id}"
    at.text_area(key=key).input("Send the thank-you card today")
    at = _submit(at, "Save")
    assert [c.body for c in list_comments(live, me, ana_id)] == ["Send the thank-you card today"]
    at = at.button(key=f"delete_{comments[0].id}").click().run()
    assert list_comments(live, me, ana_id) == []
    assert not at.exception


def _submit(at: AppTest, label: str) -> AppTest:
    button = next(button for button in at.button if button.label == label)
    return button.click().run()


def test_an_empty_comment_is_refused_beside_the_form(
    open_app: Opener, live: Context, caseload: dict[str, object]
) -> None:
    at = _signed_in(open_app, GRADUATE, email="ana@example.org")
    at.text_area(key="new_comment").input("   ")
    at = _submit(at, "Add comment")
    assert not at.exception
    assert any("comment" in error.value for error in at.error)
    assert list_comments(live, caseload["me"], caseload["ana_id"]) == []  # type: ignore[arg-type]
    assert at.title  # the page is still there


def test_another_advisors_comment_cannot_be_edited(
    open_app: Opener, live: Context, caseload: dict[str, object]
) -> None:
    with live.unit_of_work() as session:
        from networkit_core.models import User

        other_id = session.scalar(select(User.id).where(User.email == "other@example.org"))
    factories.comment(live, caseload["ana_id"], other_id, "A note from before")  # type: ignore[arg-type]
    at = _signed_in(open_app, GRADUATE, email="ana@example.org")
    assert "A note from before" in [text.value for text in at.text]
    assert not [button for button in at.button if button.label == "Delete this comment"]


@pytest.mark.parametrize("email", ["zed@example.org", "nobody@example.org", ""])
def test_graduate_page_refuses_a_graduate_not_mine(
    open_app: Opener, caseload: dict[str, object], email: str
) -> None:
    at = _signed_in(open_app, GRADUATE, email=email)
    _refused(at)


def test_professionals_lists_the_people_my_graduates_met(
    open_app: Opener, caseload: dict[str, object]
) -> None:
    at = _signed_in(open_app, PROFESSIONALS)
    assert not at.exception
    assert at.title[0].value == "Professionals"
    people = at.dataframe[0].value
    assert set(people["Name"]) == {"Dana Reyes", "Priya Shah"}
    # Dana Reyes (no e-mail, no organization) is matched across Ana and Cy, never Zed.
    dana = people[people["Name"] == "Dana Reyes"].iloc[0]
    assert dana["Graduates, ever"] == 2


@pytest.mark.parametrize("page", ADVISOR_PAGES)
def test_a_graduate_session_is_refused_every_advisor_page(
    open_app: Opener, caseload: dict[str, object], page: str
) -> None:
    at = sign_in(open_app(), "ana@example.org")
    at.query_params["email"] = "ana@example.org"
    at.query_params["cohort"] = "Spring 2026"
    at = at.switch_page(page).run()
    _refused(at)
    assert at.error[0].value.startswith("This page is for advisors")


@pytest.mark.parametrize("page", [*ADVISOR_PAGES, REPORTS])
def test_signed_out_every_advisor_page_shows_only_the_sign_in_form(
    open_app: Opener, caseload: dict[str, object], page: str
) -> None:
    at = open_app()
    at.query_params["email"] = "ana@example.org"
    at = at.switch_page(page).run()
    assert not at.exception
    assert [button.label for button in at.button] == ["Sign in"]
    assert not at.metric and not at.dataframe
    assert "ana@example.org" not in _shown(at)


def test_reports_offer_every_export_and_each_download_is_audited(
    open_app: Opener, live: Context, caseload: dict[str, object]
) -> None:
    at = _signed_in(open_app, REPORTS)
    assert not at.exception
    buttons = at.get("download_button")
    assert len(buttons) == len(Kind)
    me: Actor = caseload["me"]  # type: ignore[assignment]

    def exports() -> int:
        with live.unit_of_work() as session:
            return len(
                session.scalars(select(AuditEntry).where(AuditEntry.action == "export")).all()
            )

    before = exports()
    data = csv_file(live, me, Kind.COHORT_REPORT, cohort=None, bom=True)()
    assert data.startswith("\ufeff".encode())
    assert b"ana@example.org" in data and b"zed@example.org" not in data
    assert exports() == before + 1
    csv_file(live, me, Kind.ROSTER, cohort="Spring 2026", bom=False)()
    assert exports() == before + 2
    refused = csv_file(live, me, Kind.ROSTER, cohort="Foreign 2026", bom=False)()
    assert b"zed@example.org" not in refused and b"No such cohort" in refused


def test_downloads_open_in_excel_by_default(
    open_app: Opener, live: Context, caseload: dict[str, object]
) -> None:
    """Issue 17, 7g: names hold "·", so a download starts with the byte-order mark Excel needs
    unless the reader turns "For Excel" off."""
    at = _signed_in(open_app, REPORTS)
    assert at.toggle(key="report_excel").value is True
    me: Actor = caseload["me"]  # type: ignore[assignment]
    assert csv_file(live, me, Kind.COHORT_REPORT, cohort=None)().startswith("\ufeff".encode())
    assert not csv_file(live, me, Kind.ROSTER, cohort=None, bom=False)().startswith(b"\xef")


def test_a_graduate_gets_their_own_reports(open_app: Opener, caseload: dict[str, object]) -> None:
    at = sign_in(open_app(), "ana@example.org")
    at = at.switch_page(REPORTS).run()
    assert not at.exception
    assert [title.value for title in at.title] == ["Reports"]
    assert not at.selectbox  # nothing to choose: their own records only
