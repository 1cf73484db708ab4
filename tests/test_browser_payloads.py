"""Issue 12, item 1: user text stays text on every page, in a real headless Chromium.

Every text a user can store (people's names, cohort names and descriptions, contacts' names,
titles, organizations and industries, interview notes, places and outcomes, follow-up notes,
coaching comments, question banks, question texts, categories and tags) holds Markdown and
HTML payloads: a bold, a link and an image to 127.0.0.1:9 (nothing listens there), an
<img onerror>, `$x$` maths and a `:material/...:` icon shortcode. Each role signs in on every
page of pages/ui/routes.py (other roles' pages too, which refuse) with every parameter a page may
read pointing at those records; the sign-in page lists the accounts (demo mode). On none of them
may the DOM hold a link or an image to the payloads' addresses, a rendered formula or the
shortcode's icon, nor may an alert fire or a request leave for 127.0.0.1:9.

Saves whose toast quotes user text (a contact's name, a cohort's name) are walked too: the toast
shows the payload as text, no image, no formula, no bold (issue 17, item 12).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import parse_qs, urlencode

import pytest
from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from sqlalchemy import update

from networkit_core import startup
from networkit_core.context import Context
from networkit_core.demo.names import ACCOUNT_DOMAIN
from networkit_core.models import (
    DEMO_MODE,
    Cohort,
    DestinationStatus,
    FollowUp,
    FollowUpPermission,
    InstanceSetting,
    Interview,
    InterviewStatus,
    Question,
    QuestionBank,
    Role,
    User,
)
from networkit_core.passwords import hash_password
from networkit_core.services.destinations import DestinationInput, record_destination
from networkit_core.settings import Settings
from pages.ui.routes import PAGES
from tests import factories
from tests.browser_support import (
    WAIT_MS,
    browser_or_skip,
    settled,
    shot,
    sign_in,
    streamlit_server,
    wait_for_session_cookie,
)

BOLD = "**b**"
LINK = "[l](http://127.0.0.1:9/x)"
IMAGE = "![i](http://127.0.0.1:9/p.png)"
HTML = "<img src=x onerror=alert(1)>"
MATHS = "$x$"
ICON = ":material/bug_report:"
PAYLOAD = f"{BOLD} {LINK} {IMAGE} {HTML} {MATHS} {ICON}"  # 117 characters
# Names (at most 80 characters) hold it in two halves: "first last" holds it all.
FIRST_HALF = f"{BOLD} {LINK} {MATHS} {ICON}"
SECOND_HALF = f"{IMAGE} {HTML}"
TARGET = "127.0.0.1:9"
# The contact of issue 17, item 12: its name once became an image, KaTeX and bold in a toast.
TOAST_NAME = "![i](http://127.0.0.1:9/x.png) $\\KaTeX$ **bold**"
# What a toast must not hold: the elements its Markdown would have made of user text.
TOAST_MARKUP = """() => Array.from(document.querySelectorAll('[data-testid=stToast]')).flatMap(
  (toast) => Array.from(toast.querySelectorAll('img, .katex, strong')).map(
    (el) => el.tagName.toLowerCase() + (el.className ? '.' + el.className : '')))"""

# What the DOM must not hold, as one script: the offending elements, described.
LEAKS = """() => {
  const found = [];
  for (const a of document.querySelectorAll('a[href]')) {
    if (a.href.includes('127.0.0.1:9/')) found.push('link to ' + a.href);
  }
  for (const img of document.querySelectorAll('img')) {
    const src = img.getAttribute('src') || '';
    if (src === 'x' || src.includes('127.0.0.1:9')) {
      const where = img.closest('[data-testid^=st]');  // which element let it through
      const place = where ? ' in ' + where.getAttribute('data-testid') : '';
      const text = where ? ': ' + where.parentElement.textContent.slice(0, 80) : '';
      found.push('image ' + src + place + text);
    }
  }
  for (const el of document.querySelectorAll('[onerror]')) found.push('onerror on ' + el.tagName);
  if (document.querySelector('.katex')) found.push('a rendered formula (.katex)');
  for (const el of document.querySelectorAll('body *')) {
    if (el.children.length === 0 && el.textContent.trim() === 'bug_report') {
      found.push('the :material/bug_report: icon');
    }
  }
  return found;
}"""


@dataclass(frozen=True)
class PayloadSite:
    url: str
    emails: dict[Role, str]
    query: str  # every parameter a page may read, pointing at payload records
    pages: list[tuple[str, frozenset[Role]]]  # the app's pages: each page's address and roles


def app_pages() -> list[tuple[str, frozenset[Role]]]:
    """The app's pages (pages/ui/routes.py): each page's address and roles."""
    return [(spec.url_path, frozenset(spec.roles)) for spec in PAGES]


def _seed(ctx: Context) -> tuple[dict[Role, str], dict[str, str]]:
    """Accounts, a cohort, contacts, interviews, a follow-up, a comment, a goal and a shared
    bank, every text of them a payload. Returns the sign-in emails and the query parameters."""
    admin = factories.user(ctx, Role.ADMIN, f"admin@{ACCOUNT_DOMAIN}")
    advisor = factories.user(ctx, Role.ADVISOR, f"advisor@{ACCOUNT_DOMAIN}")
    cohort_id = factories.cohort(ctx, PAYLOAD, (advisor,))
    graduate, graduate_id = factories.graduate(ctx, cohort_id, f"graduate@{ACCOUNT_DOMAIN}")
    other, other_id = factories.graduate(ctx, cohort_id, f"other@{ACCOUNT_DOMAIN}")
    referrer = factories.contact(
        ctx, graduate_id, FIRST_HALF, title=SECOND_HALF, organization=PAYLOAD, industry=PAYLOAD
    )
    contact = factories.contact(
        ctx, graduate_id, SECOND_HALF, title=FIRST_HALF, organization=PAYLOAD,
        referred_by_id=referrer,
    )  # fmt: skip
    held = factories.interview(
        ctx,
        graduate_id,
        days_ago=12,
        contact_id=contact,
        notes=PAYLOAD,
        thank_you_after=1,
        permission=FollowUpPermission.GRANTED,
        follow_ups_after=(1,),
        prep_ticked=3,
    )
    factories.interview(
        ctx, graduate_id, days_ago=-1, status=InterviewStatus.PLANNED, contact_id=referrer
    )
    factories.interview(ctx, graduate_id, days_ago=9, contact_id=referrer)  # thank-you overdue
    factories.interview(ctx, other_id, days_ago=30, notes=PAYLOAD)
    toasted = factories.contact(ctx, graduate_id, TOAST_NAME)
    toast_interview = factories.interview(ctx, graduate_id, days_ago=20, contact_id=toasted)
    factories.comment(ctx, graduate_id, advisor.id, PAYLOAD)
    factories.goal(ctx, cohort_id)
    bank_id, question_ids = factories.bank(
        ctx, advisor.id, name=PAYLOAD, visibility="everyone", questions=(PAYLOAD, FIRST_HALF)
    )
    factories.use_question(ctx, held, question_ids[0], usefulness=3)
    with ctx.unit_of_work() as session:
        people = [admin.id, advisor.id, graduate.id, other.id]
        session.execute(
            update(User)
            .where(User.id.in_(people))
            .values(
                first_name=FIRST_HALF,
                last_name=SECOND_HALF,
                password_hash=hash_password(factories.PASSWORD),
            )
        )
        session.execute(update(Cohort).where(Cohort.id == cohort_id).values(description=PAYLOAD))
        session.execute(
            update(Interview)
            .where(Interview.id == held)
            .values(
                public_id="HX-PAYLOAD",
                location_detail=PAYLOAD,
                private_notes=PAYLOAD,
                outcome_trends=PAYLOAD,
                outcome_hiring=PAYLOAD,
                outcome_marketability=PAYLOAD,
                outcome_job_leads=PAYLOAD,
            )
        )
        session.execute(update(FollowUp).where(FollowUp.interview_id == held).values(note=PAYLOAD))
        session.execute(
            update(Interview).where(Interview.id == toast_interview).values(public_id="HX-TOAST")
        )
        session.execute(
            update(QuestionBank).where(QuestionBank.id == bank_id).values(description=PAYLOAD)
        )
        session.execute(
            update(Question)
            .where(Question.id.in_(question_ids))
            .values(category=PAYLOAD, tags=f"{BOLD};{MATHS};{ICON}")
        )
        # Demo mode: the public sign-in page lists the (payload-named) accounts.
        session.add(InstanceSetting(key=DEMO_MODE, value="true"))
    # Where the graduate landed, found through the payload interview (issue 19): shown on
    # their /progress and on their advisor's /graduate.
    record_destination(
        ctx,
        graduate,
        DestinationInput(
            DestinationStatus.EMPLOYED_FULL_TIME,
            PAYLOAD,
            PAYLOAD,
            found_through_interview_id="HX-PAYLOAD",
        ),
    )
    emails = {Role.ADMIN: admin.email, Role.ADVISOR: advisor.email, Role.GRADUATE: graduate.email}
    query = {
        "id": "HX-PAYLOAD",
        "email": graduate.email,
        "graduate": graduate.email,
        "cohort": PAYLOAD,
        "bank": str(bank_id),
        "contact": str(contact),
    }
    return emails, query


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PayloadSite]:
    browser_or_skip()
    workdir = tmp_path_factory.mktemp("payloads")
    database_url = f"sqlite:///{workdir / 'payloads.db'}"
    ctx = Context.from_settings(Settings(database_url=database_url))
    try:
        startup.prepare(ctx)
        emails, query = _seed(ctx)
        with streamlit_server(database_url, workdir / "streamlit.log") as url:
            yield PayloadSite(url, emails, urlencode(query), app_pages())
    finally:
        ctx.engine.dispose()


@dataclass
class Watch:
    """What a tab did that it must not: alerts shown, requests sent to the payload's host."""

    alerts: list[str]
    requests: list[str]


@pytest.fixture
def tab(new_tab: Callable[..., Page]) -> tuple[Page, Watch]:
    page = new_tab(width=1280, height=1400)
    # Generous: a page's first run on a machine shared by many.
    page.context.set_default_timeout(2 * WAIT_MS)
    watch = Watch([], [])
    page.on("dialog", lambda dialog: (watch.alerts.append(dialog.message), dialog.dismiss()))
    page.on("request", lambda r: watch.requests.append(r.url) if TARGET in r.url else None)
    return page, watch


def _open_signed_in(page: Page, url: str, email: str) -> None:
    """Open `url` signed in as `email`: the browser keeps its session across pages (a cookie),
    so the form shows only on the first page. On this shared two-core machine a fresh
    session's form has been seen to stay disabled (still connecting): one reload, then fail."""
    for attempt in (1, 2):
        try:
            page.goto(url)
            signed_in = page.get_by_role("button", name="Sign out")
            signed_in.or_(page.get_by_role("heading", name="Sign in")).first.wait_for()
            if not signed_in.is_visible():
                sign_in(page, email, factories.PASSWORD)
                signed_in.wait_for()
                wait_for_session_cookie(page)  # the next page is a new page load
            return
        except PlaywrightTimeout:
            if attempt == 2:
                raise


def _leaks(page: Page, watch: Watch) -> list[str]:
    settled(page)
    return [
        *page.evaluate(LEAKS),
        *(f"alert({text})" for text in watch.alerts),
        *(f"request to {url}" for url in watch.requests),
    ]


def test_the_sign_in_page_lists_payload_names_as_text(
    site: PayloadSite, tab: tuple[Page, Watch]
) -> None:
    page, watch = tab
    page.goto(site.url)
    page.get_by_role("heading", name="Sign in").wait_for()
    assert _leaks(page, watch) == []


@pytest.mark.parametrize("role", list(Role), ids=lambda role: role.value)
def test_every_page_shows_user_text_as_text(
    site: PayloadSite, tab: tuple[Page, Watch], role: Role
) -> None:
    page, watch = tab
    found: dict[str, list[str]] = {}
    for url_path, roles in site.pages:
        _open_signed_in(page, f"{site.url}/{url_path}?{site.query}", site.emails[role])
        leaks = _leaks(page, watch)
        if leaks:
            found[url_path] = leaks
        if role in roles:
            shot(page, f"payloads-{role.value}-{url_path}")
        watch.alerts.clear()
        watch.requests.clear()
    assert found == {}


@pytest.mark.parametrize("role", [Role.GRADUATE, Role.ADVISOR], ids=lambda role: role.value)
def test_a_contacts_page_shows_user_text_as_text(
    site: PayloadSite, tab: tuple[Page, Watch], role: Role
) -> None:
    """`/contact?id=N` takes a number, which the shared query (`id=HX-PAYLOAD`) is not: the
    payload contact's page, its interviews, referrals and (for the graduate) the request."""
    page, watch = tab
    contact = parse_qs(site.query)["contact"][0]
    _open_signed_in(page, f"{site.url}/contact?id={contact}", site.emails[role])
    page.get_by_role("heading", name="Who referred whom").wait_for()
    assert _leaks(page, watch) == []
    shot(page, f"payloads-{role.value}-contact-page")


def test_the_payload_is_shown_literally(site: PayloadSite, tab: tuple[Page, Watch]) -> None:
    """The harness sees the payload: the graduate's home greets them by their stored name."""
    page, _watch = tab
    page.goto(site.url)
    sign_in(page, site.emails[Role.GRADUATE], factories.PASSWORD)
    page.get_by_role("button", name="Sign out").wait_for()
    settled(page)
    text = page.inner_text("body")
    assert f"Hello, {BOLD}" in text
    assert "[l](http:" in text and MATHS in text


def _toast(page: Page, watch: Watch, text: str, words: str) -> list[str]:
    """What the toast ending in our `words` and the page let through; the toast must say
    `text` as text (the word joiner `escape` puts after "http:" aside), or the check would
    prove nothing."""
    toast = page.get_by_test_id("stToast").filter(has_text=words).first
    toast.wait_for()
    leaks = [*page.evaluate(TOAST_MARKUP), *_leaks(page, watch)]
    if text not in toast.inner_text().replace("\u2060", ""):
        leaks.append(f"the toast does not say {text!r} but {toast.inner_text()!r}")
    return leaks


def test_a_toast_shows_a_contacts_name_as_text(site: PayloadSite, tab: tuple[Page, Watch]) -> None:
    page, watch = tab
    _open_signed_in(page, f"{site.url}/interview?id=HX-TOAST", site.emails[Role.GRADUATE])
    page.get_by_text("Who, when and where").click()
    page.get_by_role("button", name="Save contact").click()
    assert _toast(page, watch, f"{TOAST_NAME}'s details saved.", "details saved.") == []


def test_a_toast_shows_a_cohorts_name_as_text(site: PayloadSite, tab: tuple[Page, Watch]) -> None:
    page, watch = tab
    _open_signed_in(page, f"{site.url}/cohorts", site.emails[Role.ADMIN])
    name = f"{TOAST_NAME} cohort"
    page.get_by_label("Name").first.fill(name)
    page.get_by_role("button", name="Create cohort").click()
    assert _toast(page, watch, f"Cohort {name} created.", "cohort created.") == []
