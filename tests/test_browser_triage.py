"""The advisor's nudge list in Chromium on a demo of its own (the nudges it records change the
caseload others read): tick two graduates in the table, see the `mailto:` way offered (the demo
server has no SMTP), record both nudges, and both leave the list. Screenshots triage-1280 and
triage-390 (NETWORKIT_SCREENSHOTS=1, under artifacts/screenshots/)."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Locator, Page, expect
from sqlalchemy import select

from networkit_core.actor import Actor
from networkit_core.demo import DEMO_PASSWORD
from networkit_core.figures.nudges import needs_nudge
from networkit_core.figures.scope import FigureScope
from networkit_core.models import Role, User
from tests.browser_support import DemoServer, settled, shot, sign_in
from tests.test_browser_phone import CUT, TABLES_DRAWN

WIDE, PHONE = 1280, 390
PATIENCE_MS = 90_000
ROW_PX = 35  # Streamlit's row (and header) height in a table


def _actor(server: DemoServer, email: str) -> Actor:
    with server.ctx.unit_of_work() as session:
        return Actor.of(session.scalars(select(User).where(User.email == email)).one())


def _tick(grid: Locator, row: int) -> None:
    """Click the row's selection box (the first column of the canvas, under the header)."""
    box = grid.bounding_box()
    assert box is not None
    grid.page.mouse.click(box["x"] + 18, box["y"] + ROW_PX * (row + 1) + ROW_PX / 2)
    settled(grid.page)


def test_advisor_ticks_two_graduates_and_nudges_them(
    new_tab: Callable[..., Page], own_demo_server: DemoServer
) -> None:
    server = own_demo_server
    advisor = _actor(server, server.account(Role.ADVISOR).email)
    lines = needs_nudge(server.ctx, advisor, FigureScope.caseload(advisor.id))
    assert len(lines) >= 2, "the demo should give its advisor two graduates to nudge"
    first, second = lines[0], lines[1]
    page = new_tab(server.url, width=WIDE, height=1000)
    page.context.set_default_timeout(PATIENCE_MS)
    page.get_by_label("Email").wait_for()
    sign_in(page, advisor.email, DEMO_PASSWORD)
    expect(page.get_by_role("heading", name="Who needs a nudge")).to_be_visible()
    settled(page)
    expect(page.get_by_text(f"Start with {first.graduate_name}", exact=False)).to_be_visible()
    page.wait_for_function(TABLES_DRAWN)
    grid = page.locator('[class*="st-key-wide-triage"] [data-testid="stDataFrame"]')
    _tick(grid, 0)
    _tick(grid, 1)
    expect(page.get_by_text("2 selected:", exact=False)).to_be_visible()
    expect(page.get_by_text("NETWORKIT_SMTP_URL is not set", exact=False)).to_be_visible()
    for line in (first, second):
        link = page.get_by_role("link", name=f"Write to {line.graduate_name}")
        expect(link).to_be_visible()
        assert (link.get_attribute("href") or "").startswith("mailto:")
    shot(page, f"triage-{WIDE}")

    page.set_viewport_size({"width": PHONE, "height": 900})
    settled(page)
    page.wait_for_function(TABLES_DRAWN)
    expect(page.get_by_role("button", name="Record 2 nudges")).to_be_visible()
    assert page.evaluate(CUT) == [], "the nudge list at 390 px"
    shot(page, f"triage-{PHONE}")

    page.get_by_role("button", name="Record 2 nudges").click()
    expect(page.get_by_text("Nudges recorded.")).to_be_visible()
    settled(page)
    left = {line.graduate_id for line in needs_nudge(server.ctx, advisor, FigureScope.everything())}
    assert first.graduate_id not in left and second.graduate_id not in left
    expect(page.get_by_text(f"Start with {first.graduate_name}", exact=False)).to_have_count(0)
