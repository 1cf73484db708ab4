"""Every page of every role on the demo, in Debian's Chromium at 1280 and at 390 px (issue 17,
item 8): the menu closes after a choice on a phone, every text reads whole (nothing is cut or
spills sideways), every table reads whole (stacked on a phone), and the calendar's copy button
is there where the page promises it. A screenshot of each page at each width lands in
artifacts/screenshots/ (`phone-<role>-<page>-<width>.png`) with `make screenshots`.

Also: each role's menu starts with its home page (7f), the demo accounts on the sign-in page
read whole at 1280 px (7e), and downloads start with the byte-order mark Excel needs (7g).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from networkit_core.demo import DEMO_PASSWORD
from networkit_core.models import Role
from tests.browser_support import DemoServer, settled, shot, sign_in

PHONE, WIDE = 390, 1280
HOME = {Role.GRADUATE: "My interviews", Role.ADVISOR: "Dashboard", Role.ADMIN: "Overview"}
SLUG = {Role.GRADUATE: "graduate", Role.ADVISOR: "advisor", Role.ADMIN: "admin"}

# Text a person reads, by the element that holds it; each must fit its box.
TEXT = (
    ", ".join(
        f'[data-testid="{test_id}"]'
        for test_id in (
            "stMarkdownContainer",
            "stCaptionContainer",
            "stAlertContentInfo",
            "stAlertContentWarning",
            "stAlertContentError",
            "stAlertContentSuccess",
            "stHeading",
            "stMetric",
            "stExpander",
            "stCode",
        )
    )
    + ', [data-testid="stPageLink-NavLink"] > span'
)

# Every element above, and every table, that is drawn on the page (the menu is closed) and
# wider inside than its box.
CUT = f"""() => {{
  const drawn = (e) => e.getClientRects().length > 0;
  const cut = [];
  const main = document.querySelector('[data-testid="stMain"]');
  for (const e of main.querySelectorAll('{TEXT}')) {{
    if (drawn(e) && e.scrollWidth > e.clientWidth + 1) cut.push(e.innerText.slice(0, 80));
  }}
  for (const grid of main.querySelectorAll('[data-testid="stDataFrame"]')) {{
    const scroller = grid.querySelector(".dvn-scroller");
    if (drawn(grid) && scroller && scroller.scrollWidth > scroller.clientWidth + 1) {{
      cut.push("table: " + grid.innerText.slice(0, 80));
    }}
  }}
  if (document.documentElement.scrollWidth > window.innerWidth) cut.push("the page itself");
  return cut;
}}"""


# Every table of the page has drawn its grid, and the browser has laid the page out since.
TABLES_DRAWN = """() => [...document.querySelectorAll('[data-testid="stDataFrame"]')].every(
  (grid) => grid.getClientRects().length === 0 || grid.querySelector(".dvn-scroller"))
  && new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(true))))"""


@pytest.fixture
def tab(new_tab: Callable[..., Page]) -> Page:
    return new_tab(width=PHONE, height=900, accept_downloads=True)


def _menu(page: Page) -> list[str]:
    links = page.get_by_test_id("stSidebarNavLink").all()
    return [link.inner_text().strip().split("\n")[-1] for link in links]  # after its icon


def _choose(page: Page, title: str, width: int) -> None:
    """Open `title` from the menu, as a person does at this width; on a phone the menu must
    close after the choice."""
    sidebar = page.get_by_test_id("stSidebar")
    settled(page)  # a choice made while the page is still running may be dropped
    if width == PHONE:
        expect(sidebar).to_have_attribute("data-collapsed", "true")
        page.get_by_test_id("stExpandSidebarButton").click()
        expect(sidebar).to_have_attribute("data-collapsed", "false")
    link = page.get_by_test_id("stSidebarNavLink").filter(has_text=title)
    address = link.get_attribute("href") or ""
    link.click()
    expect(page).to_have_url(re.compile(re.escape(address)))
    settled(page)
    if width == PHONE:
        expect(sidebar).to_have_attribute("data-collapsed", "true")
        # Off the screen once it has slid away: nothing of it covers the page.
        page.wait_for_function(
            "() => document.querySelector('[data-testid=stSidebar]')"
            ".getBoundingClientRect().right <= 1"
        )


def _reads_whole(page: Page, where: str) -> None:
    settled(page)
    page.wait_for_function(TABLES_DRAWN)  # the tables draw after the run
    assert page.evaluate(CUT) == [], where


def _visit_every_page(page: Page, server: DemoServer, role: Role, width: int) -> list[str]:
    """Sign in, then every menu page by its link: each read whole at 390 px, each pictured.
    The titles of the menu, in order."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(server.url)
    page.get_by_label("Email").wait_for()
    sign_in(page, server.account(role).email, DEMO_PASSWORD)
    settled(page)
    expect(page.get_by_test_id("stSidebarNavLink").first).to_be_attached()
    menu = _menu(page)
    for title in menu:
        _choose(page, title, width)
        if width == PHONE:
            _reads_whole(page, f"{role.value}: {title}")
        shot(page, f"phone-{SLUG[role]}-{title.lower().replace(' ', '-')}-{width}")
    return menu


@pytest.mark.parametrize("width", [PHONE, WIDE])
@pytest.mark.parametrize("role", list(Role))
def test_every_page_of_every_role_reads_whole(
    tab: Page, demo_server: DemoServer, role: Role, width: int
) -> None:
    menu = _visit_every_page(tab, demo_server, role, width)
    assert menu[0] == HOME[role], menu  # 7f: home first (the admin's had Reports above it)
    if role is Role.GRADUATE:
        # One interview, opened from its row on the home page.
        _choose(tab, HOME[role], width)
        row = tab.get_by_test_id("stPageLink-NavLink").filter(has_text="Completed").first
        row.click()
        expect(tab.get_by_role("heading", name="Interview with", exact=False)).to_be_visible()
        if width == PHONE:
            _reads_whole(tab, "graduate: an interview")
        shot(tab, f"phone-graduate-interview-{width}")
    if role is Role.ADVISOR:
        # One graduate's file, opened from the dashboard's table (on a phone: its stacked row).
        _choose(tab, HOME[role], width)
        opens = tab.locator('[class*="st-key-narrow-graduates"] [data-testid="stPageLink-NavLink"]')
        if width == PHONE:  # each stacked graduate has its link: the table's row selection
            expect(opens.first).to_be_visible()
            settled(tab)
            opens.first.click()
            tab.wait_for_url("**/graduate?email=*")
        else:
            href = opens.first.get_attribute("href") or ""
            tab.goto(href if href.startswith("http") else f"{demo_server.url}/{href.lstrip('/')}")
        expect(tab.get_by_role("heading", name="Timeline")).to_be_visible()
        if width == PHONE:
            _reads_whole(tab, "advisor: a graduate's file")
        shot(tab, f"phone-advisor-graduate-{width}")


def test_the_sign_in_page_reads_whole(tab: Page, demo_server: DemoServer) -> None:
    for width in (WIDE, PHONE):
        tab.set_viewport_size({"width": width, "height": 900})
        tab.goto(demo_server.url)
        expect(tab.get_by_text("Demo data")).to_be_visible()
        for account in demo_server.accounts:  # as the database lists them now
            expect(tab.get_by_text(account.sees)).to_be_visible()
        _reads_whole(tab, f"sign-in at {width} px")
        shot(tab, f"phone-sign-in-{width}")


def test_the_named_cut_texts_read_whole_on_a_phone(tab: Page, demo_server: DemoServer) -> None:
    """The texts issue 17 found cut at 390 px, each looked for by name."""
    advisor = demo_server.account(Role.ADVISOR)
    tab.goto(demo_server.url)
    tab.get_by_label("Email").wait_for()
    sign_in(tab, advisor.email, DEMO_PASSWORD)
    expect(tab.get_by_role("heading", name="Your graduates").last).to_be_visible()
    settled(tab)
    # The dashboard's graduate table: on a phone every column of every graduate, in words.
    expect(tab.get_by_test_id("stDataFrame").filter(has_text="Graduate")).to_have_count(0)
    stacked = tab.locator('[class*="st-key-narrow-graduates"]')
    for column in ("Cohort:", "Held:", "Planned:", "Follow-up completion:", "Due items:"):
        expect(stacked.get_by_text(column, exact=False).first).to_be_visible()
    _reads_whole(tab, "dashboard")

    # Import problems, each whole.
    _choose(tab, "Import", PHONE)
    tab.locator('input[type="file"]').set_input_files(
        files=[
            {
                "name": "roster.csv",
                "mimeType": "text/csv",
                "buffer": b"email,first_name,last_name,cohort\n"
                b"not-an-email,Zoe,Ng,A cohort whose name is long enough to wrap twice\n",
            }
        ]
    )
    expect(tab.get_by_text("cannot be imported as it is", exact=False)).to_be_visible()
    expect(tab.get_by_text("row 2, column email", exact=False)).to_be_visible()
    _reads_whole(tab, "import problems")
    shot(tab, "phone-advisor-import-problems-390")


def test_the_admins_cohorts_show_goals_reached_on_a_phone(
    tab: Page, demo_server: DemoServer
) -> None:
    _sign_in_at(tab, demo_server, Role.ADMIN)
    _choose(tab, "Cohorts", PHONE)
    stacked = tab.locator('[class*="st-key-narrow-cohorts"]')
    expect(stacked.get_by_text("Goals reached:", exact=False).first).to_be_visible()
    _reads_whole(tab, "cohorts")


def _sign_in_at(tab: Page, server: DemoServer, role: Role, path: str = "") -> None:
    tab.goto(f"{server.url}/{path}")
    tab.get_by_label("Email").wait_for()
    sign_in(tab, server.account(role).email, DEMO_PASSWORD)
    settled(tab)


def test_the_calendar_copy_button_is_there_and_copies(
    new_tab: Callable[..., Page], demo_server: DemoServer
) -> None:
    tab = new_tab(width=PHONE, height=900, has_touch=True)
    tab.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=demo_server.url)
    graduate = next(
        a for a in demo_server.accounts if a.role is Role.GRADUATE and "owen" in a.email
    )
    tab.goto(f"{demo_server.url}/progress")
    tab.get_by_label("Email").wait_for()
    sign_in(tab, graduate.email, DEMO_PASSWORD)
    expect(tab.get_by_role("heading", name="My calendar")).to_be_visible()
    # Another test may have made Owen's address already: wait for whichever button shows.
    tab.get_by_role("button", name="Make my calendar address").or_(
        tab.get_by_role("button", name="Make a new address")
    ).click()
    code = tab.get_by_test_id("stCode").filter(has_text="/calendar/")
    expect(tab.get_by_text("copy it with the button on its right", exact=False)).to_be_visible()
    # No hover on a phone: the button must show without one.
    tab.mouse.move(1, 1)
    copy = code.get_by_role("button", name="Copy to clipboard")
    expect(copy).to_be_visible()
    _reads_whole(tab, "my calendar")
    shot(tab, "phone-graduate-calendar-address-390")
    copy.tap()
    address = code.inner_text().strip()
    tab.wait_for_function("t => navigator.clipboard.readText().then(c => c === t)", arg=address)


def test_downloads_start_with_the_byte_order_mark(tab: Page, demo_server: DemoServer) -> None:
    _sign_in_at(tab, demo_server, Role.GRADUATE, "progress")
    expect(tab.get_by_role("heading", name="My data")).to_be_visible()
    settled(tab)
    with tab.expect_download(timeout=90_000) as download:
        tab.get_by_role("button", name="My interviews (CSV)").click()
    data = Path(download.value.path()).read_bytes()
    assert data.startswith("\ufeffinterview_id,".encode())
    header = data.decode("utf-8-sig").split("\r\n", 1)[0].split(",")
    assert header[-3:] == ["contact_how_connected", "questions", "private_notes"]  # 7i
    _choose(tab, "Reports", PHONE)
    with tab.expect_download(timeout=90_000) as download:
        tab.get_by_role("button", name="Download cohort report").click()
    assert Path(download.value.path()).read_bytes().startswith("\ufeff".encode())
