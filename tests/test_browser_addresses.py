"""Every address of DESIGN.md opens its own page directly, in Chromium, signed in: each role's
journey types each of its addresses (its home among them, with its filters) into a tab that
holds a session cookie, and records the network log and the console all the while.

Each address keeps what was typed (query string included), shows the page's own title and no
"Page not found"; `/` and `/sign-in` open the role's home. Nothing is asked of another host
(the app works on a closed network), no response is an error, the console has no error or
warning (no 404 for `/<page>/_stcore/health`, no "Infinite extent" from a chart).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from urllib.parse import parse_qs, quote, urlencode, urlsplit

import pytest
from playwright.sync_api import (
    ConsoleMessage,
    Page,
    Request,
    Response,
    WebSocket,
    expect,
)
from sqlalchemy import select

from networkit_core.demo import DEMO_PASSWORD, DemoAccount
from networkit_core.models import Cohort, CohortAdvisor, Contact, Graduate, Interview, Role, User
from pages.ui.text import day
from tests.browser_support import DemoServer, settled, sign_in, wait_for_session_cookie

SERVER_HOST = "127.0.0.1"
LOCAL_SCHEMES = {"data", "blob"}  # drawn in the page itself: nothing leaves the machine


@dataclass
class Journey:
    """What one tab asked for and said, from its first request on."""

    page: Page
    base: str
    problems: list[str] = field(default_factory=list)
    at: str = "sign-in"  # the address being opened, to say where a problem was seen
    leaving: bool = False  # the test is typing the next address: the last page's loads stop

    def note(self, problem: str) -> None:
        self.problems.append(f"{self.at}: {problem}")

    def on_request(self, request: Request) -> None:
        self._check_host(request.url)

    def on_websocket(self, socket: WebSocket) -> None:
        self._check_host(socket.url)

    def _check_host(self, url: str) -> None:
        parts = urlsplit(url)
        if parts.scheme not in LOCAL_SCHEMES and parts.hostname != SERVER_HOST:
            self.note(f"a request left the server: {url}")

    def on_response(self, response: Response) -> None:
        if response.status >= 400:
            self.note(f"{response.status} for {response.url}")

    def on_request_failed(self, request: Request) -> None:
        if self.leaving and request.failure == "net::ERR_ABORTED":
            return  # cut short by the test going to the next address, not by the app
        self.note(f"request failed ({request.failure}): {request.url}")

    def on_console(self, message: ConsoleMessage) -> None:
        if message.type in {"error", "warning"}:
            self.note(f"console {message.type}: {message.text}")

    def on_page_error(self, error: Exception) -> None:
        self.note(f"page error: {error}")

    def open(self, address: str, title: str, lands_on: str | None = None) -> None:
        """Type `address`; the page titled `title` opens at it (or at `lands_on`, for the
        addresses that lead to the role's home), with no other message."""
        self.at, self.leaving = address, True
        self.page.goto(f"{self.base}{address}")
        self.leaving = False
        expect(self.page.get_by_role("heading", name=title, level=1)).to_be_visible()
        settled(self.page)
        _charts_drawn(self.page)
        expect(self.page.get_by_text("Page not found")).to_have_count(0)
        expect(self.page.get_by_role("heading", name="Sign in")).to_have_count(0)
        typed, now = urlsplit(lands_on or address), urlsplit(self.page.url)
        if (now.path, parse_qs(now.query)) != (typed.path, parse_qs(typed.query)):
            self.note(f"the address became {now.path}?{now.query}")


def _charts_drawn(page: Page) -> None:
    """Every chart on the page has drawn its marks (their warnings come while they draw)."""
    charts = page.locator('[data-testid="stVegaLiteChart"]')
    for index in range(charts.count()):
        expect(charts.nth(index).locator("svg.marks, canvas.marks").first).to_be_attached()
    if charts.count():  # a last warning is logged after the marks: let the browser run on
        page.evaluate(FRAMES)


# Two frames drawn: what the page's scripts queued after the marks has run.
FRAMES = "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"


@pytest.fixture
def journey(new_tab: Callable[..., Page], demo_server: DemoServer) -> Journey:
    page = new_tab(width=1280, height=900)
    recorded = Journey(page, demo_server.url)
    page.on("request", recorded.on_request)
    page.on("websocket", recorded.on_websocket)
    page.on("response", recorded.on_response)
    page.on("requestfailed", recorded.on_request_failed)
    page.on("console", recorded.on_console)
    page.on("pageerror", recorded.on_page_error)
    return recorded


def _signed_in(journey: Journey, account: DemoAccount, home_title: str) -> None:
    """Sign in at `/`, and wait for the session cookie: each address is a new page load."""
    journey.page.goto(journey.base)
    sign_in(journey.page, account.email, DEMO_PASSWORD)
    expect(journey.page.get_by_role("heading", name=home_title, level=1)).to_be_visible()
    wait_for_session_cookie(journey.page)


def _query(**params: str) -> str:
    return "?" + urlencode(params, quote_via=quote)


def _user_id(server: DemoServer, email: str) -> int:
    with server.ctx.unit_of_work() as session:
        return session.scalars(select(User.id).where(User.email == email)).one()


def test_graduate_opens_each_address_directly(journey: Journey, demo_server: DemoServer) -> None:
    graduate = demo_server.account(Role.GRADUATE)
    home = f"Hello, {graduate.name.split(' ', 1)[0]}"
    with demo_server.ctx.unit_of_work() as session:
        interview_id, contact = session.execute(
            select(Interview.public_id, Contact.name)
            .join(Contact, Interview.contact_id == Contact.id)
            .join(Graduate, Interview.graduate_id == Graduate.id)
            .where(Graduate.user_id == _user_id(demo_server, graduate.email))
            .where(Interview.deleted_at.is_(None))
            .order_by(Interview.meeting_date)
        ).first()  # type: ignore[misc]
    _signed_in(journey, graduate, home)

    journey.open("/interviews", home)
    journey.open(f"/interview{_query(id=interview_id)}", f"Interview with {contact}")
    journey.open("/interview", "New interview")
    journey.open("/progress", "My progress")
    journey.open("/questions", "Question banks")
    journey.open("/reports", "Reports")
    journey.open("/import", "Import")
    journey.open("/", home, lands_on="/interviews")
    journey.open("/sign-in", home, lands_on="/interviews")
    assert not journey.problems, "\n".join(journey.problems)


def test_advisor_opens_each_address_directly(journey: Journey, demo_server: DemoServer) -> None:
    advisor = demo_server.account(Role.ADVISOR)
    with demo_server.ctx.unit_of_work() as session:
        cohort, email, first, last = session.execute(
            select(Cohort.name, User.email, User.first_name, User.last_name)
            .join(CohortAdvisor, CohortAdvisor.cohort_id == Cohort.id)
            .join(Graduate, Graduate.cohort_id == Cohort.id)
            .join(User, Graduate.user_id == User.id)
            .where(CohortAdvisor.advisor_id == _user_id(demo_server, advisor.email))
            .order_by(Cohort.name, User.email)
        ).first()  # type: ignore[misc]
    start, end = date.today() - timedelta(days=60), date.today() - timedelta(days=3)
    # The bookmark the reminder e-mails link to: the dashboard with its filters.
    dashboard = (
        f"/dashboard{_query(cohort=cohort, **{'from': start.isoformat(), 'to': end.isoformat()})}"
    )
    filtered = journey.page.get_by_text(f"{cohort}, {day(start)} to {day(end)}")

    # Signed out, the address shows the form; signed in there, the page it asked for.
    journey.at = dashboard
    journey.page.goto(f"{journey.base}{dashboard}")
    sign_in(journey.page, advisor.email, DEMO_PASSWORD)
    expect(journey.page.get_by_role("heading", name="Dashboard", level=1)).to_be_visible()
    expect(filtered).to_be_visible()
    assert journey.page.url == f"{journey.base}{dashboard}"
    wait_for_session_cookie(journey.page)

    journey.open(dashboard, "Dashboard")
    expect(filtered).to_be_visible()
    journey.open(f"/graduate{_query(email=email)}", f"{first} {last}")
    journey.open("/professionals", "Professionals")
    journey.open("/outcomes", "Outcomes")
    journey.open(f"/outcomes{_query(cohort=cohort)}", "Outcomes")
    expect(
        journey.page.get_by_text(f"Where graduates land — {cohort}", exact=False)
    ).to_be_visible()
    journey.open("/evidence", "Evidence")
    evidence = _query(cohort=cohort, **{"from": start.isoformat(), "to": end.isoformat()})
    journey.open(f"/evidence{evidence}", "Evidence")
    journey.open("/reports", "Reports")
    journey.open("/questions", "Question banks")
    journey.open("/import", "Import")
    journey.open("/", "Dashboard", lands_on="/dashboard")
    journey.open("/sign-in", "Dashboard", lands_on="/dashboard")
    assert not journey.problems, "\n".join(journey.problems)


def test_admin_opens_each_address_directly(journey: Journey, demo_server: DemoServer) -> None:
    admin = demo_server.account(Role.ADMIN)
    graduate = demo_server.account(Role.GRADUATE)
    with demo_server.ctx.unit_of_work() as session:
        cohort = session.scalars(select(Cohort.name).order_by(Cohort.name)).first()
    assert cohort is not None
    _signed_in(journey, admin, "Overview")

    journey.open("/overview", "Overview")
    journey.open(f"/users{_query(email=graduate.email)}", "Users")
    expect(journey.page.get_by_role("button", name="Set a temporary password")).to_be_visible()
    journey.open(f"/cohorts{_query(cohort=cohort)}", "Cohorts")
    journey.open("/audit", "Audit log")
    journey.open("/outcomes", "Outcomes")
    journey.open(f"/outcomes{_query(cohort=cohort)}", "Outcomes")
    journey.open(f"/evidence{_query(cohort=cohort)}", "Evidence")
    journey.open("/reports", "Reports")
    journey.open("/questions", "Question banks")
    journey.open("/import", "Import")
    journey.open("/", "Overview", lands_on="/overview")
    journey.open("/sign-in", "Overview", lands_on="/overview")
    assert not journey.problems, "\n".join(journey.problems)


def test_another_roles_address_shows_its_refusal_not_page_not_found(
    journey: Journey, demo_server: DemoServer
) -> None:
    """A run routes its role's pages only, and another role's page when its address is typed
    (pages/ui/routes.py): that page refuses, with no data and no "Page not found"."""
    graduate = demo_server.account(Role.GRADUATE)
    _signed_in(journey, graduate, f"Hello, {graduate.name.split(' ', 1)[0]}")
    for address, refusal in (
        ("/users", "This page is for admins."),
        ("/dashboard", "This page is for advisors."),
    ):
        journey.page.goto(f"{journey.base}{address}")
        expect(journey.page.get_by_text(refusal)).to_be_visible()
        settled(journey.page)
        expect(journey.page.get_by_text("Page not found")).to_have_count(0)
        expect(journey.page.get_by_role("heading", level=1)).to_have_count(0)
        assert urlsplit(journey.page.url).path == address
