"""The contact page (`/contact?id=N`) and the printable card (`/card`) in AppTest: the graduate's
view, the advisor's (no private notes), refusals by address, the draft's copy, mail and print
controls, and user text shown as text.

The app runs on the system clock, so the data here is built relative to the real today.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from streamlit.testing.v1 import AppTest

from networkit_core.context import Context
from networkit_core.errors import AccessDenied
from networkit_core.models import Interview, Role
from networkit_core.read_models.outreach import SUBJECT, THANK_YOU_SUBJECT
from pages.ui.text import escape
from tests import factories
from tests.app_session import Opener, set_password, sign_in, unfold
from tests.test_contact_page import Network, network

CONTACT = "pages/shared/contact/page.py"
CARD = "pages/graduate/card/page.py"
INTERVIEW = "pages/graduate/interview/page.py"
REFUSED = str(AccessDenied("contact"))


@pytest.fixture
def live(ctx: Context) -> Context:
    """The test database on the system clock, as the app sees it."""
    return Context(ctx.engine, ctx.settings)


@pytest.fixture
def net(live: Context) -> Network:
    built = network(live)
    set_password(live, built.me.id)
    set_password(live, built.coach.id)
    return built


def open_page(at: AppTest, page: str, **params: str) -> AppTest:
    at.query_params.clear()
    for name, value in params.items():
        at.query_params[name] = value
    return at.switch_page(page).run()


def plain(text: str) -> str:
    return text.replace("\\", "")


def links(at: AppTest) -> list[tuple[str, str, str]]:
    return [(link.proto.page, link.proto.query_string, plain(link.value)) for link in at.page_link]


def link_buttons(at: AppTest) -> list[tuple[str, str]]:
    return [(button.proto.label, button.proto.url) for button in at.get("link_button")]


def everything(at: AppTest) -> str:
    """All the text the run drew, to look for what must not be there."""
    texts = [str(getattr(node, "value", "")) for node in at.main]
    texts += [str(getattr(node, "label", "")) for node in at.main]
    texts += [str(link.value) for link in at.page_link]
    texts += [str(getattr(node, "proto", "")) for node in at.get("expandable")]
    return "\n".join(texts)


def mail_parts(url: str) -> tuple[str, dict[str, list[str]]]:
    parts = urlsplit(url)
    assert parts.scheme == "mailto"
    return parts.path, parse_qs(parts.query)


def public_id(live: Context, row_id: int) -> str:
    with live.unit_of_work() as session:
        return session.get_one(Interview, row_id).public_id


def test_the_graduate_sees_the_history_referrals_and_what_is_next(
    open_app: Opener, live: Context, net: Network
) -> None:
    at = open_page(sign_in(open_app(), net.me.email), CONTACT, id=str(net.dana))
    assert not at.exception and not at.error
    assert [title.value for title in at.title] == ["Dana Reyes"]
    assert "Follow-up due" in plain(at.info[0].value)
    found = links(at)
    # Every interview with Dana opens by its text id, newest first.
    assert [(page, query) for page, query, _ in found if page == "interview"] == [
        ("interview", f"id={public_id(live, row_id)}") for row_id in (net.planned, net.held)
    ]
    # The referrals around Dana open their contacts' pages.
    assert ("contact", f"id={net.referrer}", "Referred to me by Rosa Ortiz (Acme)") in found
    assert ("contact", f"id={net.sam}", "Dana Reyes referred me to Sam Park") in found
    text = everything(at)
    assert "Thank-you sent" in text and "Follow-ups (1)" in text
    assert "I was nervous." in text  # the graduate's own private notes
    # The request for an informational interview: copy (a code block), mail, print.
    (draft,) = [block.value for block in at.code]
    assert draft.startswith("Dear Dana,") and "Rosa Ortiz suggested" in draft
    ((words, url),) = link_buttons(at)
    assert words == "Open in my mail program"
    to, query = mail_parts(url)
    assert to == "dana@globex.example"
    assert query == {"subject": [SUBJECT], "body": [draft]}
    assert ("card", f"contact={net.dana}", "Print as a card") in found


def test_the_advisor_reads_the_contact_without_private_notes_or_the_draft(
    open_app: Opener, net: Network
) -> None:
    at = open_page(sign_in(open_app(), net.coach.email), CONTACT, id=str(net.dana))
    assert not at.exception and not at.error
    assert [title.value for title in at.title] == ["Dana Reyes"]
    text = everything(at)
    assert "Spring is when they hire." in text  # the notes an advisor may read
    assert "I was nervous." not in text
    assert not at.code and not link_buttons(at)  # the request is the graduate's to send
    found = links(at)
    email = net.me.email.replace("@", "%40")
    assert found[0] == ("graduate", f"email={email}", net.me.display_name)
    name = net.me.display_name.split()[0]
    assert ("contact", f"id={net.referrer}", f"Referred to {name} by Rosa Ortiz (Acme)") in found
    assert ("contact", f"id={net.sam}", f"Dana Reyes referred {name} to Sam Park") in found
    assert not any(page == "interview" for page, _, _ in found)  # the graduate's own page


def refused(at: AppTest) -> str:
    assert not at.exception
    assert not at.title and not at.code and not at.page_link
    assert len(at.error) == 1
    return plain(at.error[0].value)


def test_refusals_by_address_show_one_message_and_no_data(
    open_app: Opener, live: Context, net: Network
) -> None:
    other, other_graduate = factories.graduate(live, factories.cohort(live))
    set_password(live, other.id)
    theirs = factories.contact(live, other_graduate, "Zed Other")
    at = sign_in(open_app(), net.me.email)
    assert refused(open_page(at, CONTACT, id=str(theirs))) == REFUSED
    assert refused(open_page(at, CONTACT, id="10000000")) == REFUSED
    assert refused(open_page(at, CONTACT, id="abc")) == REFUSED
    assert "names no contact" in refused(open_page(at, CONTACT))
    assert refused(open_page(at, CARD, contact=str(theirs))) == REFUSED
    # An advisor who does not coach the graduate gets the same.
    stranger = factories.user(live, Role.ADVISOR, password=factories.PASSWORD)
    factories.cohort(live, "Autumn", (stranger,))
    at = sign_in(open_app(), stranger.email)
    assert refused(open_page(at, CONTACT, id=str(net.dana))) == REFUSED


@pytest.mark.parametrize("name", ["![x](http://e.x/y.png)", "<b>x</b>"])
def test_a_contacts_name_shows_as_text(open_app: Opener, live: Context, name: str) -> None:
    coach = factories.user(live, Role.ADVISOR)
    me, graduate_id = factories.graduate(live, factories.cohort(live, advisors=(coach,)))
    set_password(live, me.id)
    odd = factories.contact(live, graduate_id, name, organization=name, title=name)
    referred = factories.contact(live, graduate_id, "Ana Lopez", referred_by_id=odd)
    factories.interview(live, graduate_id, contact_id=odd, days_ago=3, notes=name)
    at = sign_in(open_app(), me.email)
    at = open_page(at, CONTACT, id=str(odd))
    assert not at.exception
    assert at.title[0].value == escape(name)
    for node in [*at.main, *at.page_link]:
        value = str(getattr(node, "value", ""))
        if getattr(node, "type", "") == "code":
            continue  # a code block draws no Markdown: the draft is plain text
        assert "![x](" not in value and "<b>" not in value, value
    # The referred contact's page links back to it by a label that is text too.
    at = open_page(at, CONTACT, id=str(referred))
    assert any(link.value == escape(f"Referred to me by {name} ({name})") for link in at.page_link)
    # The card is text as well.
    at = open_page(at, CARD, contact=str(odd))
    assert not at.exception and not at.error
    assert all("![x](" not in str(n.value) and "<b>" not in str(n.value) for n in at.markdown)


def test_the_card_shows_only_the_words_and_a_link_back(
    open_app: Opener, live: Context, net: Network
) -> None:
    pid = public_id(live, net.held)
    at = open_page(sign_in(open_app(), net.me.email), CARD, interview=pid)
    assert not at.exception and not at.error
    words = [plain(node.value) for node in at.markdown]
    assert "Dear Dana," in words
    assert any(text.startswith("Thank you for taking the time") for text in words)
    assert words[-1].endswith(net.me.display_name)
    assert links(at) == [("interview", f"id={pid}", "Back to the interview")]
    html = [str(node.proto) for node in at.get("html")]
    assert any("@media print" in block for block in html)
    assert "names neither" in refused(open_page(at, CARD))


def test_the_interview_page_offers_the_thank_you_to_copy_mail_or_print(
    open_app: Opener, live: Context, net: Network
) -> None:
    pid = public_id(live, net.held)
    at = open_page(sign_in(open_app(), net.me.email), INTERVIEW, id=pid)
    assert not at.exception and not at.error
    # Sent already: the thank-you is folded to its title, the draft drawn once it is opened.
    assert not at.code
    at = unfold(at, "Thank-you")
    (draft,) = [block.value for block in at.code if block.value.startswith("Dear ")]
    assert draft.startswith("Dear Dana,")
    ((_, url),) = [b for b in link_buttons(at) if b[1].startswith("mailto:")]
    to, query = mail_parts(url)
    assert to == "dana@globex.example"
    assert query == {"subject": [THANK_YOU_SUBJECT], "body": [draft]}
    found = links(at)
    assert ("card", f"interview={pid}", "Print as a card") in found
    assert ("contact", f"id={net.dana}", "Everything with Dana Reyes") in found


def test_contacts_are_linked_from_interviews_progress_and_the_graduates_file(
    open_app: Opener, net: Network
) -> None:
    at = sign_in(open_app(), net.me.email)  # /interviews
    contacts = [(query, text) for page, query, text in links(at) if page == "contact"]
    assert contacts == [
        (f"id={net.dana}", "Dana Reyes (Globex)"),
        (f"id={net.referrer}", "Rosa Ortiz (Acme)"),
        (f"id={net.sam}", "Sam Park"),
    ]
    at = open_page(at, "pages/graduate/progress/page.py")
    assert not at.exception
    assert {q for page, q, _ in links(at) if page == "contact"} == {
        f"id={net.dana}",
        f"id={net.referrer}",
        f"id={net.sam}",
    }
    at = sign_in(open_app(), net.coach.email)
    at = open_page(at, "pages/advisor/graduate/page.py", email=net.me.email)
    assert not at.exception
    assert [(q, t) for page, q, t in links(at) if page == "contact"] == [
        (f"id={net.dana}", "Dana Reyes"),
        (f"id={net.referrer}", "Rosa Ortiz"),
        (f"id={net.sam}", "Sam Park"),
    ]
