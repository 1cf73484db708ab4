"""Setting up a term in a real headless Chromium (issue 11): the admin creates a cohort, assigns
an advisor, imports a roster whose e-mail column is headed "Student E-mail Addr" (mapped by
hand), reviews the dry run and applies it; the advisor signs in and finds the cohort with its
graduates; the admin gives a new graduate a temporary password, and the graduate must choose
their own at the first sign-in. Screenshots at 1280 px and 390 px (`make screenshots`) land in
artifacts/screenshots/. The demo is this journey's own: it changes what other journeys read
(the advisor's cohorts, the accounts the sign-in page lists)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, expect
from sqlalchemy import select

from networkit_core.demo import DEMO_PASSWORD
from networkit_core.models import Cohort, CohortAdvisor, Graduate, Role, User
from networkit_core.services.accounts import SIGN_IN_FAILED
from tests.browser_support import DemoServer, shot, sign_in

COHORT = "Spring 2027 Engineering"
NEW_GRADUATE = "noor.haddad@example.edu"
OWN_PASSWORD = "tulips by the old stone bridge"
ROSTER = (
    "Student E-mail Addr,first_name,last_name,major_names,graduation_date\n"
    "noor.haddad@example.edu,Noor,Haddad,Mechanical Engineering,2027-05-20\n"
    "leo.martin@example.edu,Leo,Martin,Civil Engineering,2027-05-20\n"
)
WIDE, NARROW = 1280, 390


def _session(new_tab: Callable[..., Page], server: DemoServer, width: int) -> Page:
    tab = new_tab(server.url, width=width, height=1500)
    tab.get_by_role("heading", name="Sign in").wait_for()
    return tab


def _choose(page: Page, label: str, option: str) -> None:
    """Pick `option` in the Streamlit select labelled `label`."""
    page.get_by_role("combobox", name=label).click()
    page.get_by_role("option", name=option, exact=True).click()


def _open_signed_in(page: Page, server: DemoServer, address: str, email: str) -> None:
    """Open `address` in a new session: the sign-in form shows, then the page asked for (or
    the page at once, when this browser is still signed in: a reload keeps the session)."""
    page.goto(f"{server.url}/{address}")
    form = page.get_by_role("heading", name="Sign in")
    form.or_(page.get_by_role("button", name="Sign out")).first.wait_for()
    if form.count():
        sign_in(page, email, DEMO_PASSWORD)


def test_admin_sets_up_a_cohort_and_its_advisor_finds_it(
    new_tab: Callable[..., Page], own_demo_server: DemoServer, tmp_path: Path
) -> None:
    demo_server = own_demo_server
    admin = demo_server.account(Role.ADMIN)
    advisor = demo_server.account(Role.ADVISOR)
    page = _session(new_tab, demo_server, WIDE)
    narrow = _session(new_tab, demo_server, NARROW)
    sign_in(page, admin.email, DEMO_PASSWORD)
    expect(page.get_by_role("heading", name="Overview")).to_be_visible()

    # 1. A new cohort.
    page.get_by_role("link", name="Cohorts").click()
    expect(page.get_by_role("heading", name="Cohorts")).to_be_visible()
    page.get_by_label("Name").first.fill(COHORT)
    page.get_by_role("button", name="Create cohort").click()
    expect(page.get_by_text(f"Cohort {COHORT} created.")).to_be_visible()

    # 2. Its advisor, chosen on the cohort's own address.
    _choose(page, "Manage a cohort", COHORT)
    expect(page).to_have_url(f"{demo_server.url}/cohorts?cohort=Spring+2027+Engineering")
    page.get_by_role("tab", name="Advisors").click()
    _choose(page, "Advisor to assign", f"{advisor.name} ({advisor.email})")
    page.get_by_role("button", name="Assign", exact=True).click()
    expect(page.get_by_text("Advisor assigned.")).to_be_visible()
    page.get_by_role("tab", name="Advisors").click()
    shot(page, "admin-cohorts-1280")

    # 3. The roster from another system, mapped by hand and checked before it is applied.
    roster = tmp_path / "students.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    page.get_by_role("link", name="Import").click()
    expect(page.get_by_role("heading", name="Import")).to_be_visible()
    _choose(page, "Cohort for the whole file", COHORT)
    page.locator('input[type="file"]').set_input_files(str(roster))
    expect(page.get_by_role("heading", name="Map the columns")).to_be_visible()
    expect(page.get_by_text("The file cannot be imported as it is")).to_be_visible()
    expect(page.get_by_text("required column missing: email")).to_have_count(1)  # in the grid
    _choose(page, "Student E-mail Addr", "email")
    page.get_by_role("button", name="Check again with this mapping").click()
    new = page.locator('[data-testid="stMetric"]').filter(has_text="New")
    expect(new).to_contain_text("2")
    expect(page.get_by_role("button", name="Apply")).to_be_enabled()
    page.get_by_role("heading", name="Dry run").scroll_into_view_if_needed()
    shot(page, "admin-import-dry-run-1280")
    page.get_by_role("button", name="Apply").click()
    expect(page.get_by_text("Imported roster: 2 new, 0 updated, 0 unchanged")).to_be_visible()
    shot(page, "admin-import-applied-1280")

    with demo_server.ctx.unit_of_work() as session:
        cohort = session.scalars(select(Cohort).where(Cohort.name == COHORT)).one()
        emails = set(
            session.scalars(
                select(User.email)
                .join(Graduate, Graduate.user_id == User.id)
                .where(Graduate.cohort_id == cohort.id)
            )
        )
        coaches = set(
            session.scalars(
                select(User.email)
                .join(CohortAdvisor, CohortAdvisor.advisor_id == User.id)
                .where(CohortAdvisor.cohort_id == cohort.id)
            )
        )
    assert emails == {"noor.haddad@example.edu", "leo.martin@example.edu"}
    assert coaches == {advisor.email}

    # 4. The same pages on a phone, opened from their addresses.
    _open_signed_in(narrow, demo_server, "cohorts?cohort=Spring+2027+Engineering", admin.email)
    expect(narrow.get_by_role("heading", name=COHORT)).to_be_visible()
    shot(narrow, "admin-cohorts-390")
    _open_signed_in(narrow, demo_server, "import?kind=roster", admin.email)
    expect(narrow.get_by_role("heading", name="Import")).to_be_visible()
    # The same file again: the mapping is remembered, and every row is now unchanged.
    _choose(narrow, "Cohort for the whole file", COHORT)
    narrow.locator('input[type="file"]').set_input_files(str(roster))
    unchanged = narrow.locator('[data-testid="stMetric"]').filter(has_text="Unchanged")
    expect(unchanged).to_contain_text("2")
    narrow.get_by_role("heading", name="Dry run").scroll_into_view_if_needed()
    shot(narrow, "admin-import-390")

    # 5. The advisor signs in and finds the cohort with its graduates.
    tab = _session(new_tab, demo_server, WIDE)
    _open_signed_in(tab, demo_server, "dashboard?cohort=Spring+2027+Engineering", advisor.email)
    expect(tab.get_by_role("heading", name="Dashboard")).to_be_visible()
    # "Your graduates" is a canvas grid: its rows are read from the grid's own cells.
    graduates = tab.locator("h3#group-your-graduates")
    expect(graduates).to_be_visible()
    cells = tab.locator('td[role="gridcell"]')
    for name in ("Noor Haddad", "Leo Martin"):
        row = cells.filter(has_text=name).locator("xpath=ancestor::tr[1]")
        expect(row).to_have_count(1)
        expect(row.locator('td[aria-colindex="2"]')).to_have_text(COHORT)
    tab.locator('[data-testid="stDataFrame"]').last.scroll_into_view_if_needed()
    shot(tab, "advisor-new-cohort-1280")
    tab.context.close()

    # 6. The admin gives a new graduate a temporary password (made for them, shown once) ...
    _open_signed_in(page, demo_server, f"users?email={NEW_GRADUATE}", admin.email)
    expect(page.get_by_role("heading", name="Users")).to_be_visible()
    page.get_by_role("button", name="Set a temporary password").click()
    expect(page.get_by_text(f"Temporary password for {NEW_GRADUATE}")).to_be_visible()
    temporary = page.get_by_test_id("stCode").inner_text().strip()
    assert len(temporary) == 19 and temporary.count("-") == 3, temporary
    shot(page, "admin-temporary-password-1280")

    # ... the graduate signs in with it and must choose their own before any page opens ...
    tab = _session(new_tab, demo_server, NARROW)
    sign_in(tab, NEW_GRADUATE, temporary)
    expect(tab.get_by_role("heading", name="Choose your own password")).to_be_visible()
    expect(tab.get_by_role("link", name="My interviews")).to_have_count(0)
    shot(tab, "graduate-first-password-390")
    tab.get_by_label("Temporary password").fill(temporary)
    tab.get_by_label("New password", exact=True).fill(OWN_PASSWORD)
    tab.get_by_label("New password again").fill(OWN_PASSWORD)
    tab.get_by_role("button", name="Change password").click()
    expect(tab.get_by_role("heading", name="Hello, Noor")).to_be_visible()
    shot(tab, "graduate-first-page-390")
    tab.context.close()

    # ... after which her own password opens the account and the temporary one no longer
    # does (in this order: a refused try makes the next one for the e-mail wait a second).
    tab = _session(new_tab, demo_server, WIDE)
    sign_in(tab, NEW_GRADUATE, OWN_PASSWORD)
    expect(tab.get_by_role("heading", name="Hello, Noor")).to_be_visible()
    tab.context.close()
    tab = _session(new_tab, demo_server, WIDE)
    sign_in(tab, NEW_GRADUATE, temporary)
    expect(tab.get_by_text(SIGN_IN_FAILED)).to_be_visible()
    tab.context.close()
    with demo_server.ctx.unit_of_work() as session:
        noor = session.scalars(select(User).where(User.email == NEW_GRADUATE)).one()
        assert not noor.must_change_password
