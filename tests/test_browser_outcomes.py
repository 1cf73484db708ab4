"""/outcomes and /evidence on the demo in Chromium at 1280 and 390 px, and a destination recorded
on /progress from a phone (issue 19). Each page opens at its own address, draws its charts, and
reads whole at 390 px (no text cut, nothing spilling sideways). Screenshots for a person to look
at: outcomes-1280, outcomes-390, evidence-1280, evidence-390, progress-destination-390
(under artifacts/screenshots/; where browser_support.shot asks for it, with
NETWORKIT_SCREENSHOTS=1).
"""

# The journeys' fixtures (server, browser) are imported by name for pytest to find.
# ruff: noqa: F811

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import select

from networkit_core.actor import Actor
from networkit_core.demo import DEMO_PASSWORD
from networkit_core.models import DestinationStatus, Role, User
from networkit_core.services.destinations import current_destination
from tests.browser_support import WAIT_MS, settled, shot
from tests.test_browser_journeys import (  # noqa: F401 (fixtures)
    DemoServer,
    _account,
    _sign_in,
    browser,
    demo_server,
)
from tests.test_browser_phone import CUT

pytestmark = pytest.mark.browser
expect.set_options(timeout=WAIT_MS)

PHONE, WIDE = 390, 1280


@pytest.fixture
def tab(browser: Browser, demo_server: DemoServer) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": WIDE, "height": 900})
    context.set_default_timeout(WAIT_MS)
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()


def _picture(page: Page, name: str) -> None:
    """The whole page (Streamlit scrolls inside its main area, so the viewport is stretched to
    it for the picture, then set back)."""
    settled(page)
    size = page.viewport_size or {"width": WIDE, "height": 900}
    height = page.evaluate("document.querySelector('[data-testid=stMain]').scrollHeight")
    page.set_viewport_size({"width": size["width"], "height": min(max(height, 900) + 40, 12000)})
    page.wait_for_timeout(500)  # the charts fit their new box
    shot(page, name)
    page.set_viewport_size(size)


def _drawn(page: Page, charts: int) -> None:
    """At least `charts` charts, each with its marks drawn."""
    found = page.locator('[data-testid="stVegaLiteChart"]')
    expect(found.nth(charts - 1)).to_be_attached()
    for index in range(found.count()):
        expect(found.nth(index).locator("svg.marks, canvas.marks").first).to_be_attached()


def _reads_whole(page: Page, where: str) -> None:
    settled(page)
    page.wait_for_timeout(300)  # the tables draw after the run
    assert page.evaluate(CUT) == [], where


def _signed_in(page: Page, server: DemoServer, role: Role) -> None:
    page.goto(server.url)
    page.get_by_label("Email").wait_for()
    _sign_in(page, _account(server, role).email, DEMO_PASSWORD)
    settled(page)
    page.wait_for_function("document.cookie.includes('networkit_session=')")


def test_outcomes_and_evidence_read_at_both_widths(tab: Page, demo_server: DemoServer) -> None:
    _signed_in(tab, demo_server, Role.ADVISOR)
    for address, title, charts in (("/outcomes", "Outcomes", 2), ("/evidence", "Evidence", 1)):
        tab.set_viewport_size({"width": WIDE, "height": 900})
        tab.goto(f"{demo_server.url}{address}")
        expect(tab.get_by_role("heading", name=title, level=1)).to_be_visible()
        settled(tab)
        _drawn(tab, charts)
        _picture(tab, f"{address[1:]}-{WIDE}")
        tab.set_viewport_size({"width": PHONE, "height": 900})
        settled(tab)
        _drawn(tab, charts)
        _reads_whole(tab, f"{address} at {PHONE} px")
        _picture(tab, f"{address[1:]}-{PHONE}")
    expect(tab.get_by_text("not what caused what", exact=False)).to_be_visible()


def test_a_graduate_records_a_destination_from_a_phone(tab: Page, demo_server: DemoServer) -> None:
    graduate = _account(demo_server, Role.GRADUATE)
    tab.set_viewport_size({"width": PHONE, "height": 900})
    _signed_in(tab, demo_server, Role.GRADUATE)
    tab.goto(f"{demo_server.url}/progress")
    expect(tab.get_by_role("heading", name="Where I landed")).to_be_visible()
    settled(tab)
    update = tab.get_by_text("Update or correct it")  # a destination recorded already
    if update.count():
        update.click()
    tab.get_by_role("combobox", name="Status").click()
    tab.get_by_role("option", name="Employed full time", exact=True).click()
    tab.get_by_label("Organisation").fill("Harbour Analytics")
    tab.get_by_label("Job title (or programme)").fill("Junior data analyst")
    tab.get_by_role("button", name="Save destination").click()
    expect(tab.get_by_text("Destination saved.")).to_be_visible()
    expect(
        tab.get_by_text(
            "Employed full time — Junior data analyst at Harbour Analytics", exact=False
        )
    ).to_be_visible()
    _reads_whole(tab, "/progress with a destination")
    _picture(tab, f"progress-destination-{PHONE}")
    with demo_server.ctx.unit_of_work() as session:
        me = Actor.of(session.scalars(select(User).where(User.email == graduate.email)).one())
    saved = current_destination(demo_server.ctx, me)
    assert saved is not None and saved.status is DestinationStatus.EMPLOYED_FULL_TIME
    assert saved.organization == "Harbour Analytics"
