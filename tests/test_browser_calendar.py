"""A graduate subscribes to their calendar in Debian's Chromium: the address made on /progress
is served by `serve.py` to a calendar app with no browser session, and stops when stopped."""

from __future__ import annotations

import urllib.error
import urllib.request
from datetime import date

from icalendar import Calendar
from playwright.sync_api import Page, expect
from sqlalchemy import select

from networkit_core.actor import Actor
from networkit_core.demo import DEMO_PASSWORD
from networkit_core.models import Role, User
from networkit_core.services.contacts import NewContact
from networkit_core.services.interviews import log_interview
from pages.ui.browser_session import COOKIE
from tests.browser_support import DemoServer, shot, sign_in, wait_for_session_cookie

CONTACT = "Calendar Contact"


def _fetch(address: str) -> tuple[int, str, str]:
    """GET as a calendar app would: no cookie, no session. (status, content type, body)."""
    try:
        with urllib.request.urlopen(address, timeout=30) as response:
            return response.status, response.headers["Content-Type"], response.read().decode()
    except urllib.error.HTTPError as refused:
        return refused.code, refused.headers["Content-Type"], refused.read().decode()


def test_a_graduate_subscribes_to_their_calendar_and_stops_it(
    page: Page, demo_server: DemoServer
) -> None:
    account = next(
        a
        for a in demo_server.accounts
        if a.role is Role.GRADUATE and not a.email.startswith(("nora", "sam"))
    )
    with demo_server.ctx.unit_of_work() as session:
        me = Actor.of(session.scalars(select(User).where(User.email == account.email)).one())
    meeting = log_interview(
        demo_server.ctx,
        me,
        meeting_date=date.today(),
        new_contact=NewContact(name=CONTACT, organization="Feed Ltd"),
    )

    # Signed out, the address asked for opens after sign-in. (A `goto` right after signing in
    # could run before serve.py's route has set the session cookie, and open signed out.)
    page.goto(f"{demo_server.url}/progress")
    page.get_by_label("Email").wait_for()
    sign_in(page, account.email, DEMO_PASSWORD)
    # Another journey may have made this graduate's address already: either button makes one.
    page.get_by_role("button", name="Make my calendar address").or_(
        page.get_by_role("button", name="Make a new address")
    ).click()
    shown = page.get_by_test_id("stCode").filter(has_text="/calendar/")
    expect(shown).to_be_visible()
    address = shown.inner_text().strip()
    assert address.startswith(f"{demo_server.url}/calendar/") and address.endswith(".ics")
    shot(page, "calendar-01-address-1280")
    page.set_viewport_size({"width": 390, "height": 900})
    shot(page, "calendar-01-address-390")
    page.set_viewport_size({"width": 1400, "height": 1400})

    status, kind, body = _fetch(address)
    assert status == 200 and kind.startswith("text/calendar")
    events = {str(e["uid"]): e for e in Calendar.from_ical(body).walk("VEVENT")}
    today = events[f"{meeting.public_id}@networkit-coach"]
    assert str(today["summary"]) == f"Informational interview: {CONTACT} (Feed Ltd)"
    # The token opens this feed and nothing else: it is no session for the app.
    assert "Informational interview" in body and COOKIE not in body

    wait_for_session_cookie(page)
    page.reload()
    expect(page.get_by_text("a calendar last read it", exact=False)).to_be_visible()
    page.get_by_role("button", name="Stop my calendar address").click()
    expect(page.get_by_role("button", name="Make my calendar address")).to_be_visible()
    status, kind, body = _fetch(address)
    assert status == 404 and kind.startswith("text/plain")
    assert "stopped or replaced" in body
    shot(page, "calendar-02-stopped-1280")
