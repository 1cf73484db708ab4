"""/outcomes and /evidence on the demo in Chromium at 1280 and 390 px, and a destination recorded
on /progress from a phone (issue 19). Each page opens at its own address, draws its charts, and
reads whole at 390 px (no text cut, nothing spilling sideways). Screenshots for a person to look
at: outcomes-1280, outcomes-390, evidence-1280, evidence-390, progress-destination-390
(under artifacts/screenshots/; where browser_support.shot asks for it, with
NETWORKIT_SCREENSHOTS=1).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from sqlalchemy import select

from networkit_core.actor import Actor
from networkit_core.demo import DEMO_PASSWORD
from networkit_core.models import DestinationStatus, Role, User
from networkit_core.services.destinations import current_destination
from tests.browser_support import DemoServer, settled, shot, sign_in, wait_for_session_cookie
from tests.test_browser_phone import CUT, TABLES_DRAWN

PHONE, WIDE = 390, 1280


def _drawn(page: Page, charts: int) -> None:
    """At least `charts` charts, each with its marks drawn."""
    found = page.locator('[data-testid="stVegaLiteChart"]')
    expect(found.nth(charts - 1)).to_be_attached()
    for index in range(found.count()):
        expect(found.nth(index).locator("svg.marks, canvas.marks").first).to_be_attached()


def _reads_whole(page: Page, where: str) -> None:
    settled(page)
    page.wait_for_function(TABLES_DRAWN)  # the tables draw after the run
    assert page.evaluate(CUT) == [], where


def _signed_in(page: Page, server: DemoServer, role: Role) -> None:
    page.goto(server.url)
    page.get_by_label("Email").wait_for()
    sign_in(page, server.account(role).email, DEMO_PASSWORD)
    settled(page)
    wait_for_session_cookie(page)


def test_outcomes_and_evidence_read_at_both_widths(
    new_tab: Callable[..., Page], demo_server: DemoServer
) -> None:
    tab = new_tab(width=WIDE, height=900)
    _signed_in(tab, demo_server, Role.ADVISOR)
    for address, title, charts in (("/outcomes", "Outcomes", 2), ("/evidence", "Evidence", 1)):
        tab.set_viewport_size({"width": WIDE, "height": 900})
        tab.goto(f"{demo_server.url}{address}")
        expect(tab.get_by_role("heading", name=title, level=1)).to_be_visible()
        settled(tab)
        _drawn(tab, charts)
        shot(tab, f"{address[1:]}-{WIDE}")
        tab.set_viewport_size({"width": PHONE, "height": 900})
        settled(tab)
        _drawn(tab, charts)
        _reads_whole(tab, f"{address} at {PHONE} px")
        shot(tab, f"{address[1:]}-{PHONE}")
    expect(tab.get_by_text("not what caused what", exact=False)).to_be_visible()


def _choose(tab: Page, box: str, option: str) -> None:
    """Open the select `box` and take `option`. On a loaded machine the menu can close again
    before its options are drawn (the expander around it still opening): open it again."""
    for _ in range(3):
        tab.get_by_role("combobox", name=box).click()
        choice = tab.get_by_role("option", name=option, exact=True)
        try:
            choice.wait_for(timeout=10_000)
        except PlaywrightTimeoutError:
            tab.keyboard.press("Escape")
            continue
        choice.click()
        return
    pytest.fail(f"the {box!r} menu never showed {option!r}")


def test_a_graduate_records_a_destination_from_a_phone(
    new_tab: Callable[..., Page], own_demo_server: DemoServer
) -> None:
    # Its own server: the destination it records changes the figures the other journeys read.
    demo_server = own_demo_server
    graduate = demo_server.account(Role.GRADUATE)
    tab = new_tab(width=PHONE, height=900)
    _signed_in(tab, demo_server, Role.GRADUATE)
    tab.goto(f"{demo_server.url}/progress")
    expect(tab.get_by_role("heading", name="Where I landed")).to_be_visible()
    settled(tab)
    update = tab.get_by_text("Update or correct it")  # a destination recorded already
    if update.count():
        update.click()
    _choose(tab, "Status", "Employed full time")
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
    shot(tab, f"progress-destination-{PHONE}")
    with demo_server.ctx.unit_of_work() as session:
        me = Actor.of(session.scalars(select(User).where(User.email == graduate.email)).one())
    saved = current_destination(demo_server.ctx, me)
    assert saved is not None and saved.status is DestinationStatus.EMPLOYED_FULL_TIME
    assert saved.organization == "Harbour Analytics"
