"""The graduate's app in Debian's Chromium, against `streamlit run app.py`:

- a fresh server, before anyone signs in: every page address shows the sign-in form, no data;
- the journey at 1280 px and at 390 px: sign in, log an interview with a new contact, tick the
  checklist, attach a question, record it as held with notes, a thank-you, permission and a
  follow-up, rate the question; the due list changes as each step is done; the meeting's .ics
  downloads and parses. `make screenshots` pictures every graduate page at both widths.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar
from playwright.sync_api import Locator, Page, expect
from sqlalchemy import select

from networkit_core.figures.due import due_today
from networkit_core.figures.scope import FigureScope
from networkit_core.models import Interview, InterviewQuestion, InterviewStatus
from pages.ui.routes import PAGES
from tests import factories
from tests.app_session import set_password
from tests.browser_support import BlankServer, serving, shot

WIDTHS = {"desktop": 1280, "phone": 390}


def page_addresses() -> list[str]:
    """Every url path of the app's pages (pages/ui/routes.py)."""
    return [spec.url_path for spec in PAGES]


def _tab(new_tab: Callable[..., Page], width: int) -> Page:
    return new_tab(width=width, height=900, accept_downloads=True)


def _settled(page: Page) -> None:
    page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for()
    expect(page.locator('[data-testid="stSkeleton"]')).to_have_count(0)


def test_before_signing_in_every_address_shows_the_sign_in_form_and_no_data(
    new_tab: Callable[..., Page], blank_server: BlankServer
) -> None:
    server = blank_server
    me, my_id = factories.graduate(server.ctx, factories.cohort(server.ctx, "Hidden Cohort"))
    met = factories.interview(
        server.ctx, my_id, contact_id=factories.contact(server.ctx, my_id, "Secret Contact")
    )
    with server.ctx.unit_of_work() as session:
        public_id = session.get_one(Interview, met).public_id
    addresses = page_addresses()
    assert {"interviews", "interview", "progress"} <= set(addresses)
    tab = _tab(new_tab, 1280)
    for address in addresses:
        tab.goto(f"{server.url}/{address}?id={public_id}")
        _close_page_not_found(tab)
        expect(tab.get_by_role("heading", name="Sign in")).to_be_visible()
        expect(tab.get_by_label("Email")).to_be_visible()
        _settled(tab)
        body = tab.locator("body").inner_text()
        for secret in ("Secret Contact", "Hidden Cohort", public_id, me.display_name):
            assert secret not in body, (address, secret)
        expect(tab.get_by_role("button", name="Sign out")).to_have_count(0)


def _close_page_not_found(tab: Page) -> None:
    """On a server no session has used yet, Streamlit first runs the app as a v1 multipage app
    (a `pages/` folder sits beside app.py: `PagesManager.uses_pages_directory`), which knows no
    page but app.py and so pops up "Page not found" over the sign-in form before app.py's
    navigation takes over. `test_a_fresh_server_opens_every_address_without_page_not_found`
    records that; here the dialog is closed to check what is underneath."""
    _settled(tab)
    dialog = tab.get_by_role("dialog", name="Page not found")
    if dialog.count():
        dialog.get_by_role("button", name="Close").click()


def test_a_fresh_server_opens_every_address_without_page_not_found(
    new_tab: Callable[..., Page], tmp_path: Path
) -> None:
    with serving(tmp_path) as fresh:  # a server of its own: no session may have used it
        tab = _tab(new_tab, 1280)
        for address in page_addresses():
            tab.goto(f"{fresh.url}/{address}")
            expect(tab.get_by_role("heading", name="Sign in")).to_be_visible()
            _settled(tab)
            expect(tab.get_by_role("dialog", name="Page not found")).to_have_count(0)
        tab.context.close()


def _reasons(server: BlankServer, actor: object) -> set[str]:
    return {str(item.reason) for item in due_today(server.ctx, actor, FigureScope.everything())}  # type: ignore[arg-type]


def _main(page: Page) -> Locator:
    return page.get_by_test_id("stMain")


def _toasts_gone(page: Page) -> None:
    """A phone's toast lies over the page's links, and it stays while the pointer rests on it
    (Streamlit pauses its timer on hover): move the pointer off it and let it go."""
    page.mouse.move(0, 0)
    expect(page.get_by_test_id("stToast")).to_have_count(0)


def _due_cards(page: Page) -> str:
    """The due section of /interviews, as text (reached through the page's own link)."""
    _toasts_gone(page)
    _main(page).get_by_role("link", name="My interviews").click()
    expect(page.get_by_role("heading", name="Due now")).to_be_visible()
    _settled(page)
    text = page.locator('[data-testid="stMain"]').inner_text()
    return text.split("Coming up")[0]


def _back_to(page: Page, contact: str) -> None:
    _main(page).get_by_role("link", name=contact).first.click()
    expect(page.get_by_role("heading", name=f"Interview with {contact}")).to_be_visible()
    _settled(page)


def _type_date(page: Page, label: str, day: date) -> None:
    """Type a date into Streamlit's date field (segments year, month, day: YYYY-MM-DD)."""
    field = page.get_by_role("group", name=label, exact=True)
    field.get_by_role("spinbutton").first.click()
    page.keyboard.type(f"{day:%Y%m%d}")
    page.keyboard.press("Tab")


def _open(page: Page, title: str) -> None:
    """Open an expander by its title (the summary's text starts with it), once the last run
    has ended: until then the page may hold the run's stale elements beside its new ones."""
    _settled(page)
    summary = page.locator("summary").filter(has_text=title).first
    summary.scroll_into_view_if_needed()
    if summary.locator("xpath=..").get_attribute("open") is None:
        summary.click()


@pytest.mark.parametrize("device", list(WIDTHS))
def test_the_graduate_journey(
    new_tab: Callable[..., Page], blank_server: BlankServer, device: str
) -> None:
    server = blank_server
    ctx = server.ctx
    me, _ = factories.graduate(ctx, factories.cohort(ctx, f"Journey {device}"))
    set_password(ctx, me.id)
    contact = f"Priya Shah {device}"
    met_on = ctx.clock.today() - timedelta(days=40)
    page = _tab(new_tab, WIDTHS[device])
    page.goto(server.url)
    page.get_by_label("Email").fill(me.email)
    page.get_by_label("Password", exact=True).fill(factories.PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name=f"Hello, {me.display_name.split()[0]}")).to_be_visible()
    expect(page.get_by_text("Nothing is due")).to_be_visible()
    assert _reasons(server, me) == set()
    shot(page, f"graduate-interviews-empty-{device}")

    # Log an interview with a new contact, met 40 days ago and still marked planned.
    page.get_by_role("link", name="Log a new interview").click()
    expect(page.get_by_role("heading", name="New interview")).to_be_visible()
    page.get_by_label("Contact's name").fill(contact)
    page.get_by_label("Organization (optional)").fill("Acme")
    _type_date(page, "Date", met_on)
    page.get_by_label("Time (optional)").fill("10:00")
    page.get_by_label("Place detail (optional)").fill("Blue Bottle, 5th Ave")
    shot(page, f"graduate-interview-new-{device}")
    page.get_by_role("button", name="Save interview").click()
    expect(page.get_by_role("heading", name=f"Interview with {contact}")).to_be_visible()
    assert "id=NW-" in page.url
    with ctx.unit_of_work() as session:
        record = session.scalars(select(Interview).where(Interview.graduate_id != 0)).all()
        saved = next(r for r in record if r.contact.name == contact)
        assert saved.meeting_date == met_on
        row_id = saved.id
    # A planned meeting whose day has passed asks what happened.
    assert _reasons(server, me) == {"outcome_missing"}
    assert "What happened?" in _due_cards(page)
    _back_to(page, contact)

    # Tick the checklist.
    _open(page, "Preparation checklist")
    for item in (
        "Researched the company",
        "Researched the industry",
        "List of questions ready",
    ):
        page.get_by_text(item, exact=True).click()
        expect(page.get_by_text("Checklist saved.").first).to_be_visible()
    expect(page.get_by_text("3 of 8 done")).to_have_count(1)  # on the open checklist's bar

    # Attach a question found by a search.
    _open(page, "Find or write questions")
    search = page.get_by_label("Search the question banks")
    search.fill("enjoy")
    search.press("Enter")
    expect(page.get_by_text("A few to start with; search to see more.")).to_have_count(0)
    page.get_by_role("button", name="Add to this interview").first.click()
    expect(page.locator("summary").filter(has_text="1 chosen")).to_have_count(1)

    # It took place: the outcome is recorded, and the thank-you falls due.
    page.get_by_role("button", name="It took place").click()
    expect(page.get_by_text("Recorded as held.")).to_be_visible()
    assert "thank_you_overdue" in _reasons(server, me)
    assert "outcome_missing" not in _reasons(server, me)
    assert "Thank-you to" in _due_cards(page)
    _back_to(page, contact)

    page.get_by_role("textbox", name="Brain-dump notes").fill(
        "Hiring picks up in spring. Ask about the design team."
    )
    page.get_by_role("textbox", name="Private notes (never shown to advisors)").fill(
        "Felt nervous at first."
    )
    page.get_by_role("button", name="Save notes").click()
    expect(page.get_by_text("Notes saved.")).to_be_visible()
    with ctx.unit_of_work() as session:
        assert session.get_one(Interview, row_id).notes.startswith("Hiring picks up")

    # The thank-you, dated the day after the meeting.
    _open(page, "Thank-you")
    draft = page.locator("[class*=st-key-draft_thank_you_] code")
    assert draft.inner_text().startswith("Dear Priya,")
    _type_date(page, "Sent on", met_on + timedelta(days=1))
    page.get_by_text("Handwritten card", exact=True).click()
    page.get_by_role("button", name="Mark thank-you sent").click()
    expect(page.locator("summary").filter(has_text="Thank-you · sent")).to_have_count(1)
    assert "thank_you_overdue" not in _reasons(server, me)
    assert "Thank-you to" not in _due_cards(page)
    _back_to(page, contact)

    # Permission to follow up: 40 days since the meeting, so a follow-up is due at once.
    page.get_by_text("Yes, they welcome it", exact=True).click()
    expect(page.get_by_text("Saved.", exact=True)).to_be_visible()
    assert "follow_up_due" in _reasons(server, me)
    assert "Follow-up with" in _due_cards(page)
    _back_to(page, contact)
    _open(page, "Follow-ups")
    page.get_by_label("Note (optional)").fill("Sent an article on design hiring")
    page.get_by_role("button", name="Log follow-up").click()
    expect(page.locator("summary").filter(has_text="1 logged")).to_have_count(1)
    assert _reasons(server, me) == set()
    cards = _due_cards(page)
    expect(page.get_by_text("Nothing is due")).to_be_visible()
    assert "Follow-up with" not in cards
    shot(page, f"graduate-interviews-{device}")
    _back_to(page, contact)

    # Rate the question.
    _open(page, "Questions to ask")
    page.get_by_label("How useful was it?").first.click()
    page.get_by_role("option", name="4 · useful", exact=True).click()
    expect(page.get_by_text("Rating saved.")).to_be_visible()
    with ctx.unit_of_work() as session:
        rated = session.scalars(
            select(InterviewQuestion).where(InterviewQuestion.interview_id == row_id)
        ).one()
        assert rated.usefulness == 4
    with ctx.unit_of_work() as session:
        assert session.get_one(Interview, row_id).status is InterviewStatus.COMPLETED

    # The meeting as a calendar file.
    # A click while a run still draws the page can land on a button that run replaces
    # (its file then never comes): click once the page has settled.
    _settled(page)
    with page.expect_download(timeout=90_000) as download:  # a loaded CI machine is slow
        page.get_by_role("button", name="Add the meeting to my calendar (.ics)").click()
    calendar = Calendar.from_ical(Path(download.value.path()).read_bytes())
    (event,) = calendar.walk("VEVENT")
    assert "Blue Bottle, 5th Ave" in str(event["location"])
    assert event.walk("VALARM")
    shot(page, f"graduate-interview-{device}")

    _toasts_gone(page)
    _main(page).get_by_role("link", name="My interviews").click()
    expect(page.get_by_role("heading", name="Due now")).to_be_visible()
    if device == "phone":
        page.get_by_test_id("stExpandSidebarButton").click()
    page.get_by_role("link", name="My progress").click()
    expect(page.get_by_role("heading", name="My progress")).to_be_visible()
    if device == "phone":  # the menu closes after the choice on its own (issue 17, 8)
        expect(page.get_by_test_id("stSidebar")).to_have_attribute("data-collapsed", "true")
    expect(page.get_by_text("100.0 %").first).to_be_visible()
    _settled(page)
    with page.expect_download(timeout=90_000) as download:  # a loaded CI machine is slow
        page.get_by_role("button", name="My interviews (CSV)").click()
    exported = Path(download.value.path()).read_text(encoding="utf-8")
    # A byte-order mark first, so that Excel reads it as UTF-8 (issue 17, 7g).
    assert exported.startswith("\ufeffinterview_id,") and contact in exported
    shot(page, f"graduate-progress-{device}")
