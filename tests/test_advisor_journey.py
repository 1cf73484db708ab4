"""The advisor's journey in Debian's Chromium on the demo database: sign in, see a graduate in
the nudge list, open them, record a nudge and a comment, and the graduate leaves the list; the
graduate then logs the missing thank-you and the item leaves their figures too (on a demo of
its own: it changes the advisor's caseload under the server's cached figures). Every advisor
page at 1280 px and 390 px opens without an error; `make screenshots` pictures each in
artifacts/screenshots/."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from networkit_core.actor import Actor
from networkit_core.demo import DEMO_PASSWORD
from networkit_core.figures.due import DueReason, due_today
from networkit_core.figures.nudges import NudgeLine, needs_nudge
from networkit_core.figures.scope import FigureScope
from networkit_core.models import Interview, InterviewStatus, Role, User
from networkit_core.services.interviews.follow_ups import record_thank_you
from tests.browser_support import (
    TAKE_SCREENSHOTS,
    DemoServer,
    settled,
    shot,
    sign_in,
    wait_for_session_cookie,
)

WIDTHS = (1280, 390)
# The dashboard computes a whole caseload's figures cold: a shared CI machine can be many
# times slower than a laptop.
PATIENCE_MS = 90_000
FIRST_PAGE = 25  # the nudge list's table shows 25 a page


def _actor(server: DemoServer, email: str) -> Actor:
    with server.ctx.unit_of_work() as session:
        return Actor.of(session.scalars(select(User).where(User.email == email)).one())


def _tab(new_tab: Callable[..., Page], server: DemoServer, width: int, path: str = "") -> Page:
    tab = new_tab(f"{server.url}/{path}", width=width, height=1400)
    tab.context.set_default_timeout(PATIENCE_MS)
    tab.get_by_label("Email").wait_for()
    return tab


def _settled(page: Page) -> None:
    page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for()


def _thank_you_line(server: DemoServer, advisor: Actor) -> NudgeLine:
    """A graduate on the first page of the advisor's nudge list with a long-overdue thank-you. The
    demo's graduates send their thank-yous, so one is taken back from a meeting held weeks ago by a
    graduate already on the list (the nudge list is then computed again, not assumed)."""
    lines = needs_nudge(server.ctx, advisor, FigureScope.everything())
    assert lines, "the demo should give its advisors someone to nudge"
    weeks_ago = date.today() - timedelta(days=21)
    with server.ctx.unit_of_work() as session:
        for line in lines[:FIRST_PAGE]:
            held = session.scalars(
                select(Interview)
                .where(
                    Interview.graduate_id == line.graduate_id,
                    Interview.status == InterviewStatus.COMPLETED,
                    Interview.deleted_at.is_(None),
                    Interview.meeting_date <= weeks_ago,
                )
                .order_by(Interview.meeting_date.desc())
                .limit(1)
            ).first()
            if held is not None:
                held.thank_you_sent_on, held.thank_you_method = None, None
                break
    with_thanks = [
        line
        for line in needs_nudge(server.ctx, advisor, FigureScope.everything())[:FIRST_PAGE]
        if any(item.reason is DueReason.THANK_YOU_OVERDUE for item in line.reasons)
    ]
    assert with_thanks, "a graduate on the list should now have a thank-you long overdue"
    return with_thanks[0]


def test_advisor_nudges_a_graduate_who_then_sends_the_thank_you(
    new_tab: Callable[..., Page], own_demo_server: DemoServer
) -> None:
    demo_server = own_demo_server
    advisor = _actor(demo_server, demo_server.account(Role.ADVISOR).email)
    line = _thank_you_line(demo_server, advisor)
    page = _tab(new_tab, demo_server, 1280)
    sign_in(page, advisor.email, DEMO_PASSWORD)
    expect(page.get_by_role("heading", name="Who needs a nudge")).to_be_visible(timeout=PATIENCE_MS)
    _settled(page)
    # The table's "Open" column links to the graduate's address; follow it as a link would.
    wait_for_session_cookie(page)
    page.goto(f"{demo_server.url}/graduate?email={line.graduate_email}")
    expect(page.get_by_role("heading", name=line.graduate_name)).to_be_visible()
    _settled(page)
    expect(page.get_by_text("Thank-you overdue").first).to_be_visible()

    page.get_by_label("How you reminded them").fill("Reminded by e-mail about the thank-you card")
    page.get_by_role("button", name="Record the nudge").click()
    expect(page.get_by_text("Reminded by e-mail about the thank-you card").first).to_be_visible()
    page.get_by_label("A comment for this graduate's file").fill("Good progress; keep going")
    page.get_by_role("button", name="Add comment").click()
    expect(page.get_by_text("Good progress; keep going").first).to_be_visible()
    _settled(page)

    page.get_by_role("link", name="Dashboard").first.click()
    expect(page.get_by_role("heading", name="Who needs a nudge")).to_be_visible()
    _settled(page)
    expect(page.get_by_role("link", name=f"Open {line.graduate_name}")).to_have_count(0)
    assert line.graduate_id not in {
        other.graduate_id
        for other in needs_nudge(demo_server.ctx, advisor, FigureScope.everything())
    }

    # The graduate logs the missing thank-you: the item leaves their own figures.
    graduate = _actor(demo_server, line.graduate_email)
    overdue = next(i for i in line.reasons if i.reason is DueReason.THANK_YOU_OVERDUE)
    with demo_server.ctx.unit_of_work() as session:
        interview = session.scalars(
            select(Interview).where(Interview.public_id == str(overdue.interview_id))
        ).one()
        row_id, met = interview.id, interview.meeting_date
    record_thank_you(
        demo_server.ctx, graduate, row_id, sent_on=max(met, date.today()), method="card"
    )
    left = due_today(demo_server.ctx, graduate, FigureScope.everything())
    assert overdue.message not in [item.message for item in left]
    page.get_by_role("link", name="Dashboard").first.click()
    _settled(page)

    # The advisor's view of the graduate is fresh too (a graduate's file is never cached).
    again = _tab(new_tab, demo_server, 1280, f"graduate?email={line.graduate_email}")
    sign_in(again, advisor.email, DEMO_PASSWORD)
    expect(again.get_by_role("heading", name=line.graduate_name)).to_be_visible()
    _settled(again)
    expect(again.get_by_text(overdue.message.split(";")[0])).to_have_count(0)


@pytest.mark.parametrize("width", WIDTHS)
def test_every_advisor_page_opens_without_an_error(
    new_tab: Callable[..., Page], demo_server: DemoServer, width: int
) -> None:
    advisor = _actor(demo_server, demo_server.account(Role.ADVISOR).email)
    lines = needs_nudge(demo_server.ctx, advisor, FigureScope.everything())
    email = lines[0].graduate_email if lines else ""
    # Signed in once at "/" (which also runs app.py, without which a fresh server answers a
    # deep address with "Page not found"); each address is then a new page load that the
    # session cookie keeps signed in.
    page = _tab(new_tab, demo_server, width)
    sign_in(page, advisor.email, DEMO_PASSWORD)
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible(timeout=PATIENCE_MS)
    wait_for_session_cookie(page)
    for name, path, heading in (
        ("dashboard", "dashboard", "Dashboard"),
        ("graduate", f"graduate?email={email}", None),
        ("professionals", "professionals", "Professionals"),
        ("reports", "reports", "Reports"),
    ):
        page.goto(f"{demo_server.url}/{path}")
        expect(page.get_by_role("button", name="Sign out")).to_be_visible()
        if heading:
            expect(page.get_by_role("heading", name=heading)).to_be_visible()
        settled(page)
        expect(page.locator('[data-testid="stException"]')).to_have_count(0)
        if TAKE_SCREENSHOTS:
            _full_height(page, width)
        shot(page, f"advisor-{name}-{width}")


def _full_height(page: Page, width: int) -> None:
    """For the picture: Streamlit scrolls inside its own container, so the window grows to the
    content's height once the page stops growing (charts and tables draw late)."""
    height, measured = 0, -1
    while height != measured:
        measured = height
        page.wait_for_timeout(1500)
        height = int(
            page.evaluate(
                "document.querySelector('[data-testid=stMainBlockContainer]').scrollHeight"
            )
        )
    page.set_viewport_size({"width": width, "height": height + 40})
    page.wait_for_timeout(1500)
