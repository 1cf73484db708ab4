"""The question-bank journey in Debian's Chromium, on the demo database: an advisor makes a bank
and shares it with a cohort; a graduate of that cohort finds a question by its tag and takes
it to an interview; the interview is held and the question rated useful; the advisor sees the
ranking change. Screenshots at 1280 px and 390 px (`make screenshots`) land in
artifacts/screenshots/."""

from __future__ import annotations

from datetime import date

from playwright.sync_api import Locator, Page, expect
from sqlalchemy import select

from networkit_core.actor import Actor
from networkit_core.demo import DEMO_PASSWORD
from networkit_core.models import Graduate, Role, User
from networkit_core.services import questions
from networkit_core.services.contacts import NewContact
from networkit_core.services.interviews import complete_interview, log_interview
from tests.browser_support import TAKE_SCREENSHOTS, DemoServer, settled, shot, sign_in

BANK = "Journey: questions for business graduates"
QUESTION = "Which project taught you the most in your first year?"
CATEGORY = "Journey category"
TAG = "first-year-lessons"
CONTACT = "Journey Contact"
NARROW, WIDE = 390, 1280
# Generous: eight people share two cores while these run.
SLOW_MS = 60_000


def seen(locator: Locator) -> None:
    expect(locator).to_be_visible(timeout=SLOW_MS)


def _actor(server: DemoServer, email: str) -> Actor:
    with server.ctx.unit_of_work() as session:
        return Actor.of(session.scalars(select(User).where(User.email == email)).one())


def _cohort_name(server: DemoServer, graduate: Actor) -> str:
    from networkit_core.models import Cohort

    with server.ctx.unit_of_work() as session:
        return session.scalars(
            select(Cohort.name)
            .join(Graduate, Graduate.cohort_id == Cohort.id)
            .where(Graduate.user_id == graduate.id)
        ).one()


def _choose(page: Page, key: str, text: str) -> None:
    """Pick `text` in the selectbox or multiselect whose key is `key`, until the box shows it.

    An option clicked while its list is still opening can be dropped: try again then."""
    box = page.locator(f".st-key-{key}")
    for _ in range(3):
        field = box.locator("input").first
        field.click()
        field.fill("")  # what an earlier try typed
        page.keyboard.type(text)
        option = page.get_by_role("option", name=text).first
        expect(option).to_be_visible(timeout=SLOW_MS)
        option.click()
        # A multiselect keeps its list open: moving on closes it (Escape would clear it).
        page.keyboard.press("Tab")
        page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for()
        if _shows(box, text):
            return
    raise AssertionError(f"{text!r} could not be chosen in {key}")


def _shows(box: Locator, text: str) -> bool:
    """Whether a multiselect has `text` among its chosen tags, or a selectbox holds it (a
    multiselect's input holds only what was typed, chosen or not)."""
    multiselect = box.get_by_test_id("stMultiSelect").count() > 0
    for _ in range(10):
        if multiselect:
            if box.locator(f'[data-tag][aria-label="{text}"]').count():
                return True
        elif text in box.locator("input").first.input_value():
            return True
        box.page.wait_for_timeout(500)
    return False


def _open_expander(page: Page, label: str, inside: Locator) -> None:
    """Open the expander `label` once the run that drew it has ended, until `inside` shows.

    A click while the script still runs can land on an expander that the rest of the run
    redraws closed: wait for the run to end, and click again only while it is still closed."""
    expander = page.get_by_test_id("stExpander").filter(has=page.get_by_text(label, exact=True))
    closed = expander.get_by_test_id("stExpanderDetails")
    for _ in range(3):
        page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for()
        if closed.get_attribute("inert") is not None:
            page.get_by_text(label, exact=True).click()
        try:
            expect(inside).to_be_visible(timeout=10_000)
            return
        except AssertionError:
            continue
    seen(inside)


def _both_widths(page: Page, name: str) -> None:
    """One screenshot at 1280 px, one at 390 px (a phone), back to 1280 px."""
    if not TAKE_SCREENSHOTS:
        settled(page)
        return
    page.set_viewport_size({"width": WIDE, "height": 1000})
    shot(page, f"{name}-1280")
    page.set_viewport_size({"width": NARROW, "height": 900})
    shot(page, f"{name}-390")
    page.set_viewport_size({"width": WIDE, "height": 1000})
    page.wait_for_timeout(300)  # a picture only: the page redraws at its width


def _sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()
    seen(page.get_by_role("heading", name="Sign in"))


def _open_tab(page: Page, label: str) -> None:
    page.get_by_role("tab", name=label).click()
    page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for()


def test_advisor_shares_a_bank_graduate_attaches_and_rates_ranking_changes(
    page: Page, demo_server: DemoServer
) -> None:
    advisor_account = demo_server.account(Role.ADVISOR)
    advisor = _actor(demo_server, advisor_account.email)
    graduate = next(
        _actor(demo_server, a.email)
        for a in demo_server.accounts
        if a.role is Role.GRADUATE and a.email.startswith("nora")
    )
    cohort = _cohort_name(demo_server, graduate)
    # The graduate's meeting today: upcoming (planned) now, held by the end of the journey.
    meeting = log_interview(
        demo_server.ctx,
        graduate,
        meeting_date=date.today(),
        new_contact=NewContact(name=CONTACT, organization="Journey Ltd"),
    )

    # 1. The advisor makes a bank, adds a question and shares the bank with the cohort.
    page.goto(f"{demo_server.url}/questions?tab=Manage+banks")
    page.get_by_label("Email").wait_for()
    sign_in(page, advisor.email, DEMO_PASSWORD)
    seen(page.get_by_role("heading", name="Question banks"))
    page.locator(".st-key-bank_new_name input").fill(BANK)
    page.get_by_role("button", name="Create bank").click()
    seen(page.get_by_text("Bank created"))
    bank = next(b for b in questions.list_banks(demo_server.ctx, advisor) if b.name == BANK)
    _choose(page, "manage_bank", BANK)
    seen(page.get_by_role("heading", name=BANK))
    page.locator(f".st-key-question_add_{bank.id}_text textarea").fill(QUESTION)
    page.locator(f".st-key-question_add_{bank.id}_category input").fill(CATEGORY)
    page.locator(f".st-key-question_add_{bank.id}_tags input").fill(TAG)
    page.get_by_role("button", name="Add question").click()
    seen(page.get_by_text("Question added"))
    _open_expander(page, "Share", page.get_by_text("Chosen cohorts", exact=True))
    page.get_by_text("Chosen cohorts", exact=True).click()
    _choose(page, f"bank_share_{bank.id}_cohorts", cohort)
    page.get_by_role("button", name="Save sharing").click()
    seen(page.get_by_text("Sharing saved"))
    seen(page.get_by_text(f"shared with {cohort}"))
    _both_widths(page, "q01-advisor-bank-shared")
    # Nothing was taken to an interview from this category yet.
    _open_tab(page, "What works")
    _choose(page, "rank_category", CATEGORY)
    seen(page.get_by_text("No question was taken to an interview here yet"))
    _both_widths(page, "q02-advisor-ranking-before")
    _sign_out(page)

    # 2. The graduate finds the question by its tag and takes it to today's interview.
    sign_in(page, graduate.email, DEMO_PASSWORD)
    _open_tab(page, "Find questions")
    _choose(page, "find_tag", TAG)
    seen(page.get_by_text("1 question found"))
    _choose(page, "attach_interview", CONTACT)
    page.get_by_role("button", name="Add to the interview").click()
    seen(page.get_by_text(f"Added to your interview with {CONTACT}"))
    seen(page.get_by_text("1 question ready"))
    _both_widths(page, "q03-graduate-found-by-tag-and-attached")
    _sign_out(page)

    # 3. After the meeting: held, and the question rated useful (through the core: the
    # interview page that rates attached questions is not on main yet).
    complete_interview(demo_server.ctx, graduate, meeting.id)
    (question,) = questions.bank_detail(demo_server.ctx, advisor, bank.id).questions
    questions.rate_question(demo_server.ctx, graduate, meeting.id, question.id, 5)

    # 4. The advisor sees the question at the top of what works in that category.
    sign_in(page, advisor.email, DEMO_PASSWORD)
    _open_tab(page, "What works")
    _choose(page, "rank_category", CATEGORY)
    seen(page.get_by_text(f"Works best: {QUESTION}"))
    seen(page.get_by_text("useful in 1 of 1 ratings"))
    _both_widths(page, "q04-advisor-ranking-after")
