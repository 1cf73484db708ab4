"""A contact's page and the printable card in Chromium (issue 21, items 3 and 5), on the shared
demo (this journey only reads): a demo graduate opens a contact from /interviews, sees the history
with them and the request to copy, mail or print, opens the card, and printing it (`page.pdf()`)
gives the card alone. Screenshots: contact-1280, contact-390, card-1280, card-390, card-print
(under artifacts/screenshots/, with NETWORKIT_SCREENSHOTS=1).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from playwright.sync_api import Page, expect
from sqlalchemy import func, select

from networkit_core.demo import DEMO_PASSWORD
from networkit_core.models import Contact, Graduate, Interview, InterviewStatus, Role, User
from tests.browser_support import DemoServer, settled, shot, sign_in
from tests.test_browser_phone import CUT

PHONE, WIDE = 390, 1280
# Print media: the text drawn outside the card (in an element the eye can see), or [] when only
# the card shows.
OUTSIDE_THE_CARD = """() => {
  const card = document.querySelector('.st-key-card');
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const seen = [];
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const text = node.textContent.trim();
    const parent = node.parentElement;
    if (!text || !parent || (card && card.contains(parent))) continue;
    if (parent.closest('style, script, noscript')) continue;
    const box = parent.getBoundingClientRect();
    const style = getComputedStyle(parent);
    if (box.width === 0 || box.height === 0 || style.visibility === 'hidden') continue;
    if (parent.closest('[aria-hidden="true"]')) continue;
    seen.push(text);
  }
  return seen;
}"""


def _contact_with_a_held_interview(server: DemoServer, email: str) -> tuple[int, str, str]:
    """The demo graduate's contact met in a completed interview: (id, name, interview id)."""
    with server.ctx.unit_of_work() as session:
        row = session.execute(
            select(Contact.id, Contact.name, func.min(Interview.public_id))
            .join(Interview, Interview.contact_id == Contact.id)
            .join(Graduate, Graduate.id == Contact.graduate_id)
            .join(User, User.id == Graduate.user_id)
            .where(
                func.lower(User.email) == email.lower(),
                Interview.status == InterviewStatus.COMPLETED,
                Interview.deleted_at.is_(None),
                Contact.deleted_at.is_(None),
            )
            .group_by(Contact.id, Contact.name)
            .order_by(Contact.name)
        ).first()
    assert row is not None, "the demo graduate has a held interview"
    return row[0], row[1], row[2]


def _reads_whole(page: Page, where: str) -> None:
    settled(page)
    assert page.evaluate(CUT) == [], where


def test_a_graduate_opens_a_contact_and_prints_the_card(
    new_tab: Callable[..., Page], demo_server: DemoServer
) -> None:
    me = demo_server.account(Role.GRADUATE)
    contact_id, name, interview_id = _contact_with_a_held_interview(demo_server, me.email)
    tab = new_tab(width=WIDE, height=900)
    tab.goto(demo_server.url)
    tab.get_by_label("Email").wait_for()
    sign_in(tab, me.email, DEMO_PASSWORD)
    expect(tab.get_by_role("heading", name=re.compile("^Hello"))).to_be_visible()
    settled(tab)

    # From my interviews, the contact's own page.
    tab.locator("summary").filter(has_text="My contacts").click()
    tab.get_by_role("link", name=re.compile(f"^{re.escape(name)}")).first.click()
    expect(tab.get_by_role("heading", name=name, level=1)).to_be_visible()
    assert f"/contact?id={contact_id}" in tab.url
    settled(tab)
    expect(tab.get_by_role("heading", name="Interviews")).to_be_visible()
    expect(tab.locator(f'a[href*="interview?id={interview_id}"]')).to_have_count(1)
    expect(tab.get_by_role("heading", name="Who referred whom")).to_be_visible()
    draft = tab.locator("[class*=st-key-draft_outreach_] code")
    expect(draft).to_contain_text(f"Dear {name.split()[0]},")
    mail = tab.get_by_role("link", name=re.compile("Open in my mail program"))
    assert (mail.get_attribute("href") or "").startswith("mailto:")
    shot(tab, f"contact-{WIDE}")
    tab.set_viewport_size({"width": PHONE, "height": 900})
    _reads_whole(tab, f"/contact at {PHONE} px")
    shot(tab, f"contact-{PHONE}")

    # The request as a card: only its words print.
    tab.get_by_role("link", name="Print as a card").click()
    expect(tab.get_by_text("Back to the contact")).to_be_visible()
    assert f"/card?contact={contact_id}" in tab.url
    card = tab.locator(".st-key-card")
    expect(card).to_contain_text(f"Dear {name.split()[0]},")
    expect(card).to_contain_text(me.name)
    _reads_whole(tab, f"/card at {PHONE} px")
    shot(tab, f"card-{PHONE}")
    tab.set_viewport_size({"width": WIDE, "height": 900})
    settled(tab)
    shot(tab, f"card-{WIDE}")
    # The words themselves in a large serif face, not the app's sans-serif.
    words = card.locator("p").first
    assert "Georgia" in words.evaluate("element => getComputedStyle(element).fontFamily")
    assert float(words.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) >= 20

    tab.emulate_media(media="print")
    settled(tab)
    assert tab.evaluate(OUTSIDE_THE_CARD) == []
    expect(tab.locator('[data-testid="stSidebar"]')).to_be_hidden()
    expect(card).to_be_visible()
    shot(tab, "card-print")
    pdf = tab.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == 1  # one sheet: the card alone
    tab.emulate_media(media="screen")

    # The thank-you of the held interview prints the same way.
    tab.goto(f"{demo_server.url}/card?interview={interview_id}")
    expect(tab.get_by_text("Back to the interview")).to_be_visible()
    expect(tab.locator(".st-key-card")).to_contain_text("Thank you for taking the time")
    tab.emulate_media(media="print")
    settled(tab)
    assert tab.evaluate(OUTSIDE_THE_CARD) == []
    assert tab.pdf(format="A4").startswith(b"%PDF")
