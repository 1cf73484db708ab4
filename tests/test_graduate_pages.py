"""The graduate's pages in AppTest: /interviews, /interview?id=…, /progress.

The app runs on the system clock, so the data here is built relative to the real today.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select
from streamlit.testing.v1 import AppTest

from networkit_core.context import Context
from networkit_core.dates import written
from networkit_core.interchange.export import export
from networkit_core.models import (
    AuditEntry,
    ChecklistTick,
    Contact,
    FollowUp,
    FollowUpPermission,
    Graduate,
    Interview,
    InterviewQuestion,
    InterviewStatus,
    Role,
    ThankYouMethod,
)
from networkit_core.read_models.calendar_files import read_feed
from networkit_core.services import interviews
from tests import app_session, factories
from tests.app_session import (
    Opener,
    account,
    click_open,
    set_password,
    sign_in,
    titles,
    unfold,
)

INTERVIEWS = "pages/graduate/interviews/page.py"
INTERVIEW = "pages/graduate/interview/page.py"
PROGRESS = "pages/graduate/progress/page.py"
GRADUATE_PAGES = (INTERVIEWS, INTERVIEW, PROGRESS)


@pytest.fixture
def live(ctx: Context) -> Context:
    """The test database on the system clock, as the app sees it."""
    return Context(ctx.engine, ctx.settings)


def plain(text: str) -> str:
    """Text as a person reads it: the Markdown escapes taken out."""
    return text.replace("\\", "")


def errors(at: AppTest) -> list[str]:
    return [plain(error.value) for error in at.error]


def message_after(at: AppTest, label: str) -> str:
    """The error drawn right after the widget `label` (a message beside its field), or ""."""
    nodes = list(at.main)
    position = next(i for i, node in enumerate(nodes) if getattr(node, "label", None) == label)
    following = nodes[position + 1]
    return plain(following.value) if getattr(following, "type", "") == "error" else ""


def by_label(elements: Any, label: str) -> Any:
    matches = [element for element in elements if element.label == label]
    assert matches, f"no {label!r} among {[e.label for e in elements]}"
    return matches[0]


def click(at: AppTest, label: str, index: int = 0) -> AppTest:
    buttons = [button for button in at.button if button.label == label]
    assert buttons, f"no button {label!r} among {[b.label for b in at.button]}"
    return buttons[index].click().run()


def graduate(live: Context) -> tuple[Any, int]:
    advisor = factories.user(live, Role.ADVISOR)
    me, my_id = factories.graduate(live, factories.cohort(live, "Spring Business", (advisor,)))
    set_password(live, me.id)
    return me, my_id


def public_id(live: Context, row_id: int) -> str:
    with live.unit_of_work() as session:
        return session.get_one(Interview, row_id).public_id


def row(live: Context, row_id: int) -> Interview:
    with live.unit_of_work() as session:
        record = session.get_one(Interview, row_id)
        session.expunge(record)
        return record


def count(live: Context, model: type) -> int:
    with live.unit_of_work() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def open_interview(at: AppTest, pid: str | None) -> AppTest:
    at.query_params.clear()
    if pid is not None:
        at.query_params["id"] = pid
    return at.switch_page(INTERVIEW).run()


def links(at: AppTest) -> list[tuple[str, str, str]]:
    return [(link.proto.page, link.proto.query_string, plain(link.value)) for link in at.page_link]


# --- /interviews --------------------------------------------------------------------------------


def test_my_interviews_lists_due_upcoming_and_past_each_opening_by_its_text_id(
    open_app: Opener, live: Context
) -> None:
    me, my_id = graduate(live)
    _, other_id = factories.graduate(live, factories.cohort(live))
    ahead = factories.interview(
        live,
        my_id,
        days_ago=-6,
        status=InterviewStatus.PLANNED,
        contact_id=factories.contact(live, my_id, "Priya Shah", organization="Acme"),
    )
    held = factories.interview(
        live, my_id, days_ago=20, thank_you_after=1, contact_id=factories.contact(live, my_id)
    )
    factories.interview(
        live, other_id, contact_id=factories.contact(live, other_id, "Someone Else")
    )

    at = sign_in(open_app(), me.email)
    assert not at.exception
    assert titles(at) == [f"Hello, {me.display_name.split()[0]}"]
    assert "Nothing is due" in at.success[0].value
    # The contacts' own pages (`/contact?id=N`, a contact has no text id) are listed apart.
    shown = [link for link in links(at) if link[0] != "contact"]
    assert ("interview", f"id={public_id(live, ahead)}", shown[1][2]) in shown
    assert "Priya Shah (Acme)" in shown[1][2]
    # Then the plan's day for it (the thank-you is due two days after the meeting).
    assert shown[2][1] == f"id={public_id(live, ahead)}"
    assert "Send the thank-you to Priya Shah (Acme)" in shown[2][2]
    assert shown[3][1] == f"id={public_id(live, held)}"
    assert "Completed" in shown[3][2]
    assert not any("Someone Else" in text for _, _, text in shown)
    # No row number in an interview's address.
    assert all(
        query in ("", f"id={public_id(live, ahead)}", f"id={public_id(live, held)}")
        for _, query, _ in shown
    )


def test_an_unprepared_meeting_tomorrow_says_when_it_is_not_overdue(
    open_app: Opener, live: Context
) -> None:
    """Issue 17: an unprepared meeting tomorrow read "Meeting soon unprepared · 1 day
    overdue". The card says when it is, with the core's words and dates."""
    me, my_id = graduate(live)
    factories.interview(
        live,
        my_id,
        days_ago=-1,
        status=InterviewStatus.PLANNED,
        contact_id=factories.contact(live, my_id, "Priya Shah", organization="Acme"),
    )
    at = sign_in(open_app(), me.email)
    assert not at.exception
    shown = [plain(m.value) for m in at.markdown]
    tomorrow = written(live.clock.today() + timedelta(days=1))
    assert "**Meeting soon, not prepared** · tomorrow, checklist 0 of 8" in shown
    assert f"Meeting with Priya Shah (Acme) tomorrow, {tomorrow}: checklist 0 of 8 done" in shown
    assert not [text for text in shown if "overdue" in text]


def test_coming_up_shows_the_plans_days_after_a_meeting_is_held(
    open_app: Opener, live: Context
) -> None:
    """Issue 17: held today, no thank-you yet, follow-ups welcome: "Coming up" said "Nothing
    planned yet" while the plan's .ics held the thank-you-by and follow-up-by days."""
    me, my_id = graduate(live)
    held = factories.interview(
        live,
        my_id,
        days_ago=0,
        permission=FollowUpPermission.GRANTED,
        contact_id=factories.contact(live, my_id, "Priya Shah", organization="Acme"),
    )
    today = live.clock.today()
    thank_you_by = written(today + timedelta(days=live.settings.thank_you_window_days))
    follow_up_by = written(today + timedelta(days=live.settings.follow_up_cadence_days))
    at = sign_in(open_app(), me.email)
    assert not at.exception
    assert not [info for info in at.info if "Nothing planned yet" in info.value]
    plan = [text for _, query, text in links(at) if query == f"id={public_id(live, held)}"]
    assert plan[:2] == [
        f"By {thank_you_by} (in 2 days) · Send the thank-you to Priya Shah (Acme)",
        f"By {follow_up_by} (in 30 days) · Follow up with Priya Shah (Acme)",
    ]


def test_past_interviews_filter_by_status_and_contact_in_the_address(
    open_app: Opener, live: Context
) -> None:
    me, my_id = graduate(live)
    ana = factories.contact(live, my_id, "Ana Ortiz")
    factories.interview(live, my_id, days_ago=30, thank_you_after=1, contact_id=ana)
    factories.interview(live, my_id, days_ago=40, status=InterviewStatus.CANCELLED, contact_id=ana)
    factories.interview(
        live, my_id, days_ago=50, thank_you_after=1, contact_id=factories.contact(live, my_id)
    )
    at = sign_in(open_app(), me.email)
    assert len([link for link in links(at) if link[0] == "interview" and link[1]]) == 3

    at.selectbox(key="filter_status").select("completed").run()
    assert at.query_params["status"] == "completed"
    assert len([link for link in links(at) if link[0] == "interview" and link[1]]) == 2
    at.selectbox(key="filter_contact").select("Ana Ortiz").run()
    assert at.query_params["contact"] == "Ana Ortiz"
    past = [text for page, query, text in links(at) if page == "interview" and query]
    assert len(past) == 1 and "Ana Ortiz" in past[0] and "Completed" in past[0]

    # A bookmarked address opens with the same filters.
    at = sign_in(open_app(), me.email)
    at.query_params.update({"status": "cancelled", "contact": "Ana Ortiz"})
    at.switch_page(INTERVIEWS).run()
    past = [text for page, query, text in links(at) if page == "interview" and query]
    assert len(past) == 1 and "Cancelled" in past[0]


def test_due_thank_you_is_marked_sent_in_one_click_and_leaves_the_list(
    open_app: Opener, live: Context
) -> None:
    me, my_id = graduate(live)
    met = factories.interview(
        live, my_id, days_ago=5, contact_id=factories.contact(live, my_id, "Ana Ortiz")
    )
    at = sign_in(open_app(), me.email)
    assert any("Thank-you to Ana Ortiz" in plain(block.value) for block in at.markdown)
    key = f"due_thank_you_overdue_{public_id(live, met)}"
    at.radio(key=f"{key}_how").set_value(ThankYouMethod.EMAIL)
    at = click(at, "Mark thank-you sent")
    assert not at.exception and not at.error
    saved = row(live, met)
    assert saved.thank_you_sent_on == live.clock.today()
    assert saved.thank_you_method is ThankYouMethod.EMAIL
    assert not any("Thank-you to Ana Ortiz" in plain(block.value) for block in at.markdown)
    assert "Nothing is due" in at.success[0].value


def test_a_thank_you_dated_before_the_meeting_is_refused_beside_the_date(
    open_app: Opener, live: Context
) -> None:
    me, my_id = graduate(live)
    met = factories.interview(live, my_id, days_ago=5)
    at = sign_in(open_app(), me.email)
    key = f"due_thank_you_overdue_{public_id(live, met)}"
    at.date_input(key=f"{key}_on").set_value(live.clock.today() - timedelta(days=9))
    at = click(at, "Mark thank-you sent")
    assert not at.exception
    (message,) = errors(at)
    assert "before the meeting" in message
    assert message_after(at, "Sent on") == message
    assert row(live, met).thank_you_sent_on is None


def test_due_follow_up_is_logged_in_one_click(open_app: Opener, live: Context) -> None:
    me, my_id = graduate(live)
    met = factories.interview(
        live, my_id, days_ago=35, thank_you_after=1, permission=FollowUpPermission.GRANTED
    )
    at = sign_in(open_app(), me.email)
    key = f"due_follow_up_due_{public_id(live, met)}"
    at.text_input(key=f"{key}_note").input("Sent the article on hiring trends")
    at = click(at, "Log follow-up")
    assert not at.exception and not at.error
    with live.unit_of_work() as session:
        (logged,) = session.scalars(select(FollowUp).where(FollowUp.interview_id == met))
        assert logged.date == live.clock.today()
        assert logged.note == "Sent the article on hiring trends"
    assert "Nothing is due" in at.success[0].value


# --- /interview: a new one ------------------------------------------------------------------------


def test_logging_an_interview_with_a_new_contact_referred_by_one_of_mine(
    open_app: Opener, live: Context
) -> None:
    me, my_id = graduate(live)
    referrer = factories.contact(live, my_id, "Ana Ortiz")
    at = open_interview(sign_in(open_app(), me.email), None)
    assert titles(at) == ["New interview"]
    at.radio(key="new_interview_who").set_value("Someone new").run()
    at.text_input(key="new_interview_name").input("Priya Shah")
    at.text_input(key="new_interview_title").input("Product lead")
    at.text_input(key="new_interview_organization").input("Acme")
    at.text_input(key="new_interview_industry").input("Software")
    at.text_input(key="new_interview_email").input("Priya@Acme.example")
    at.selectbox(key="new_interview_how_connected").select("alumni")
    at.selectbox(key="new_interview_referred_by").set_value(referrer)
    meeting_day = live.clock.today() + timedelta(days=3)
    at.date_input(key="new_interview_date").set_value(meeting_day)
    at.text_input(key="new_interview_time").input("14:30")
    at.selectbox(key="new_interview_place").select("office")
    at.text_input(key="new_interview_detail").input("1 Main St, 3rd floor")
    at = click(at, "Save interview")
    assert not at.exception and not at.error

    with live.unit_of_work() as session:
        (saved,) = session.scalars(select(Interview))
        assert (saved.meeting_date, f"{saved.meeting_time:%H:%M}") == (meeting_day, "14:30")
        assert saved.location_detail == "1 Main St, 3rd floor"
        contact = saved.contact
        assert (contact.name, contact.title, contact.organization, contact.industry) == (
            "Priya Shah",
            "Product lead",
            "Acme",
            "Software",
        )
        assert contact.email == "priya@acme.example"
        assert contact.referred_by_id == referrer
        pid = saved.public_id
    # The address now names the new interview by its text id, and its page shows.
    assert at.query_params["id"] == pid
    assert titles(at) == ["Interview with Priya Shah"]
    assert pid in plain(at.caption[0].value)


@pytest.mark.parametrize(
    ("name", "day", "time", "field", "field_message"),
    [
        ("", "ok", "", "Contact's name", "name is required"),
        ("  ", "ok", "", "Contact's name", "name is required"),
        ("Priya Shah", None, "", "Date", "Enter the meeting date as a date"),
        ("Priya Shah", "ok", "half past two", "Time (optional)", "time of day (HH:MM)"),
        ("Priya Shah", "ok", "25:99", "Time (optional)", "time of day (HH:MM)"),
    ],
)
def test_bad_input_on_a_new_interview_is_named_beside_its_field_and_writes_nothing(
    open_app: Opener,
    live: Context,
    name: str,
    day: str | None,
    time: str,
    field: str,
    field_message: str,
) -> None:
    me, _ = graduate(live)
    at = open_interview(sign_in(open_app(), me.email), None)
    at.text_input(key="new_interview_name").input(name)
    if day is not None:
        at.date_input(key="new_interview_date").set_value(live.clock.today())
    at.text_input(key="new_interview_time").input(time)
    at = click(at, "Save interview")
    assert not at.exception
    (message,) = errors(at)
    # The message is Markdown-escaped (a word joiner keeps "HH:MM" from reading as a shortcode).
    assert field_message in message.replace("\u2060", "")
    assert message_after(at, field) == message
    assert count(live, Interview) == 0
    assert count(live, Contact) == 0
    assert titles(at) == ["New interview"]
    assert at.text_input(key="new_interview_name").value == name  # nothing typed is lost


# --- /interview: one interview from preparation to the last follow-up ---------------------------


def test_an_interview_from_checklist_to_rated_question(open_app: Opener, live: Context) -> None:
    me, my_id = graduate(live)
    met = factories.interview(
        live,
        my_id,
        days_ago=3,
        status=InterviewStatus.PLANNED,
        contact_id=factories.contact(live, my_id, "Ana Ortiz", organization="Globex"),
    )
    pid = public_id(live, met)
    at = open_interview(sign_in(open_app(), me.email), pid)
    assert titles(at) == ["Interview with Ana Ortiz"]
    # The preparation checklist, with the seed's advice beside each item.
    box = by_label(at.checkbox, "Researched the company")
    assert any("Learn what the organization does" in plain(c.value) for c in at.caption)
    box.check().run()
    assert count(live, ChecklistTick) == 1

    # Search a bank and attach a question (the banks are read once that section is opened).
    at = unfold(unfold(at, "Find or write questions"), "Questions to ask")
    at.text_input(key=f"question_search_{pid}").input("enjoy").run()
    at = click(at, "Add to this interview")
    assert not at.error
    assert count(live, InterviewQuestion) == 1
    # A rating waits for the meeting.
    (rating,) = [s for s in at.selectbox if s.label == "How useful was it?"]
    assert rating.disabled

    # The meeting has passed: record it as held.
    at = click(at, "It took place")
    assert row(live, met).status is InterviewStatus.COMPLETED
    by_label(at.text_area, "Brain-dump notes").input("Hiring picks up in spring.")
    by_label(at.text_area, "Private notes (never shown to advisors)").input("Felt nervous.")
    at = click(at, "Save notes")
    saved = row(live, met)
    assert (saved.notes, saved.private_notes) == ("Hiring picks up in spring.", "Felt nervous.")

    # The thank-you draft uses the contact, the meeting and the notes.
    # Shown as a code block (its own copy button), with a mail link and a card to print.
    (draft,) = [block.value for block in at.code if block.value.startswith("Dear ")]
    assert draft.startswith("Dear Ana,") and "Globex" in draft and "Hiring picks up" in draft
    assert draft.rstrip().endswith(me.display_name)

    # A thank-you before the meeting is refused beside the date and writes nothing.
    by_label(at.date_input, "Sent on").set_value(live.clock.today() - timedelta(days=7))
    at = click(at, "Mark thank-you sent")
    assert "before the meeting" in message_after(at, "Sent on")
    assert row(live, met).thank_you_sent_on is None
    by_label(at.date_input, "Sent on").set_value(live.clock.today() - timedelta(days=2))
    at = click(at, "Mark thank-you sent")
    assert not at.error
    assert row(live, met).thank_you_sent_on == live.clock.today() - timedelta(days=2)

    by_label(at.radio, "Did they welcome a follow-up later on?").set_value(
        FollowUpPermission.GRANTED
    ).run()
    assert row(live, met).follow_up_permission is FollowUpPermission.GRANTED
    at = click(at, "Log follow-up")
    assert not at.error
    with live.unit_of_work() as session:
        assert session.scalar(select(func.count()).select_from(FollowUp)) == 1
    at = click(at, "Remove")
    with live.unit_of_work() as session:
        assert session.scalars(select(FollowUp)).one().deleted_at is not None

    at = unfold(at, "How did I do? (self-check)")
    by_label(at.checkbox, "Arrived 5-10 minutes early").check().run()
    assert count(live, ChecklistTick) == 2
    at = unfold(at, "What it led to")
    by_label(at.text_area, "Organizations that may be hiring").input("Globex, Initech")
    at = click(at, "Save outcomes")
    assert row(live, met).outcome_hiring == "Globex, Initech"
    at.text_input(key=f"referral_{pid}_name").input("Ben Okafor")
    at = click(at, "Add referral")
    with live.unit_of_work() as session:
        ben = session.scalars(select(Contact).where(Contact.name == "Ben Okafor")).one()
        assert ben.referred_by.name == "Ana Ortiz"

    (rating,) = [s for s in at.selectbox if s.label == "How useful was it?"]
    rating.set_value(5).run()
    with live.unit_of_work() as session:
        assert session.scalars(select(InterviewQuestion)).one().usefulness == 5
    assert not at.exception


def test_a_held_interview_opens_what_comes_next_and_folds_the_rest(
    open_app: Opener, live: Context
) -> None:
    """Every element on the page slows the browser's redraw after each tick: after the meeting
    the page opens the thank-you to send, then the questions to rate; the rest is drawn once
    opened, and stays as the graduate leaves it."""
    me, my_id = graduate(live)
    met = factories.interview(live, my_id, days_ago=2)
    _, (question,) = factories.bank(live, None, name="Shared", visibility="everyone")
    factories.use_question(live, met, question)
    pid = public_id(live, met)
    at = open_interview(sign_in(open_app(), me.email), pid)
    assert not at.exception
    shown = {box.label.split(" · ")[0] for box in at.expander}
    assert {"Preparation checklist", "Questions to ask", "Find or write questions"} <= shown
    assert {"Follow-ups", "Change password"} <= shown
    assert not at.checkbox and not at.selectbox and not at.text_input
    assert not [b for b in at.button if b.label == "Log follow-up"]
    assert [b.label for b in at.button if b.label == "Mark thank-you sent"]

    # Closed, the checklist's title counts what is done; opened, its bar does, and it stays
    # open after a tick.
    assert "Preparation checklist · 0 of 8 done" in [box.label for box in at.expander]
    at = unfold(at, "Preparation checklist")
    by_label(at.checkbox, "Researched the company").check().run()
    assert count(live, ChecklistTick) == 1
    assert [bar.proto.text for bar in at.get("progress")] == ["1 of 8 done"]
    assert by_label(at.checkbox, "Researched the company").value

    # Marked sent, the thank-you folds to its title, which says when and how; the questions
    # open, to rate.
    by_label(at.date_input, "Sent on").set_value(live.clock.today())
    at = click(at, "Mark thank-you sent")
    assert not at.error
    today = written(live.clock.today())
    assert f"Thank-you · sent {today} · Handwritten card" in [box.label for box in at.expander]
    assert not [b for b in at.button if b.label == "Mark thank-you sent"]
    assert not [code for code in at.code if code.value.startswith("Dear ")]
    assert [s.label for s in at.selectbox] == ["How useful was it?"]
    at = unfold(at, "Thank-you")  # to change it: the form again, with the draft
    assert [b.label for b in at.button if b.label == "Mark thank-you sent"]

    # Once they welcome a follow-up, the follow-ups open.
    by_label(at.radio, "Did they welcome a follow-up later on?").set_value(
        FollowUpPermission.GRANTED
    ).run()
    assert [b.label for b in at.button if b.label == "Log follow-up"]
    assert not at.exception


def test_the_checklist_the_questions_and_the_thank_you_open_one_at_a_time(
    open_app: Opener, live: Context
) -> None:
    """A graduate works on one of them at a time: opening one (a click, its callback run)
    closes the others, drawn no more."""
    me, my_id = graduate(live)
    met = factories.interview(live, my_id, days_ago=2)
    _, (question,) = factories.bank(live, None, name="Shared", visibility="everyone")
    factories.use_question(live, met, question)
    at = open_interview(sign_in(open_app(), me.email), public_id(live, met))
    assert [b.label for b in at.button if b.label == "Mark thank-you sent"]  # open: not sent

    at = click_open(at, "Preparation checklist")
    assert not at.exception
    assert by_label(at.checkbox, "Researched the company")
    assert not [b for b in at.button if b.label == "Mark thank-you sent"]
    assert not at.selectbox

    at = click_open(at, "Questions to ask")
    assert [s.label for s in at.selectbox] == ["How useful was it?"]
    assert not at.checkbox and not [b for b in at.button if b.label == "Mark thank-you sent"]

    at = click_open(at, "Thank-you")
    assert [b.label for b in at.button if b.label == "Mark thank-you sent"]
    assert not at.checkbox and not at.selectbox
    # Other sections are not of the three: opening one leaves the thank-you open.
    at = click_open(at, "Find or write questions")
    assert at.text_input and [b.label for b in at.button if b.label == "Mark thank-you sent"]
    assert not at.exception


def test_a_referral_is_listed_with_the_organization_typed(open_app: Opener, live: Context) -> None:
    """Issue 17, 7c: the referrals list of the interview page showed the name only."""
    me, my_id = graduate(live)
    met = factories.interview(
        live, my_id, days_ago=3, contact_id=factories.contact(live, my_id, "Ana Ortiz")
    )
    pid = public_id(live, met)
    at = unfold(open_interview(sign_in(open_app(), me.email), pid), "What it led to")
    at.text_input(key=f"referral_{pid}_name").input("Ben *Okafor*")
    at.text_input(key=f"referral_{pid}_organization").input("Initech [EU]")
    at = click(at, "Add referral")
    assert not at.exception and not at.error
    listed = [plain(m.value) for m in at.markdown if m.value.startswith("- ")]
    assert listed == ["- Ben *Okafor* (Initech [EU])"]


def test_detach_and_write_my_own_question(open_app: Opener, live: Context) -> None:
    me, my_id = graduate(live)
    met = factories.interview(live, my_id, days_ago=-2, status=InterviewStatus.PLANNED)
    pid = public_id(live, met)
    at = open_interview(sign_in(open_app(), me.email), pid)
    at = unfold(unfold(at, "Find or write questions"), "Questions to ask")
    at.text_area(key=f"own_question_{pid}_text").input("What surprised you in your first year?")
    at = click(at, "Add my question")
    assert not at.error
    assert "What surprised you in your first year?" in [plain(m.value) for m in at.markdown]
    # Worth sharing? The interview links to suggesting it to a shared bank.
    suggest = [link for link in links(at) if "Suggest it to a shared bank" in link[2]]
    assert [(page, query) for page, query, _ in suggest] == [
        ("questions", "tab=Suggest+a+question")
    ]
    at = click(at, "Remove from this interview")
    assert count(live, InterviewQuestion) == 0
    # An empty question is refused beside it.
    at = click(at, "Add my question")
    assert any("question is required" in message for message in errors(at))


def test_a_save_over_a_newer_version_shows_both_and_loses_neither(
    open_app: Opener, live: Context
) -> None:
    me, my_id = graduate(live)
    met = factories.interview(live, my_id, days_ago=-4, status=InterviewStatus.PLANNED)
    pid = public_id(live, met)
    at = unfold(open_interview(sign_in(open_app(), me.email), pid), "Who, when and where")
    # Meanwhile, another tab moves the place detail.
    graduate_actor = me
    interviews.edit_interview(
        live,
        graduate_actor,
        met,
        expected_version=row(live, met).version,
        changes={"location_detail": "Their café"},
    )
    by_label(at.text_input, "Place detail").input("My café")
    at = click(at, "Save details")
    assert not at.exception
    assert any("changed by someone else" in message for message in errors(at))
    # Both whole, as text, one beside the other (stacked on a phone: issue 17, item 10).
    assert app_session.conflict_versions(at) == {"Place detail": ("My café", "Their café")}
    assert row(live, met).location_detail == "Their café"
    at = click(at, "Save my version over it")
    assert row(live, met).location_detail == "My café"
    assert app_session.conflict_versions(at) == {}


def test_delete_and_restore(open_app: Opener, live: Context) -> None:
    me, my_id = graduate(live)
    met = factories.interview(live, my_id, days_ago=-4, status=InterviewStatus.PLANNED)
    pid = public_id(live, met)
    at = open_interview(sign_in(open_app(), me.email), pid)
    at = click(unfold(at, "Delete this interview"), "Delete interview")
    assert row(live, met).deleted_at is not None
    assert "deleted" in at.warning[0].value
    at = click(at, "Restore it")
    assert row(live, met).deleted_at is None
    at.switch_page(INTERVIEWS).run()
    assert any(query == f"id={pid}" for _, query, _ in links(at))


# --- /progress ------------------------------------------------------------------------------------


def test_progress_shows_my_rates_goal_referrals_and_downloads(
    open_app: Opener, live: Context
) -> None:
    me, my_id = graduate(live)
    with live.unit_of_work() as session:
        cohort_id = session.get_one(Graduate, my_id).cohort_id
    factories.goal(live, cohort_id, "thank_you_rate", 0.8)
    ana = factories.contact(live, my_id, "Ana Ortiz")
    factories.contact(live, my_id, "Ben Okafor", referred_by_id=ana)
    factories.interview(live, my_id, days_ago=10, thank_you_after=1, contact_id=ana)
    factories.interview(live, my_id, days_ago=12)
    at = sign_in(open_app(), me.email)
    at.switch_page(PROGRESS).run()
    assert not at.exception
    assert titles(at) == ["My progress"]
    metrics = {metric.label: metric.value for metric in at.metric}
    assert metrics["Interviews held"] == "2"
    # The figures' names are the dashboard's (one name per figure), and so is the goal's.
    assert metrics["Thank-you"] == "50.0 %"
    assert metrics["Follow-up completion"] == "—"  # nobody granted one: undefined, not 0 %
    assert any("Thank-you**: target 80.0 %" in m.value for m in at.markdown)
    assert "- Ana Ortiz\n    - → Ben Okafor" in [block.value for block in at.markdown]
    assert at.get("arrow_vega_lite_chart") or at.get("vega_lite_chart")
    downloads = [d.proto.label for d in at.get("download_button")]
    assert downloads == [
        "Download my calendar (.ics)",
        "My interviews (CSV)",
        "My follow-ups (CSV)",
    ]


def test_my_calendar_address_is_shown_once_replaced_and_stopped(
    open_app: Opener, live: Context
) -> None:
    me, my_id = graduate(live)
    factories.interview(live, my_id, days_ago=-2, status=InterviewStatus.PLANNED)
    at = sign_in(open_app(), me.email)
    at.switch_page(PROGRESS).run()
    at = click(at, "Make my calendar address")
    assert not at.exception
    (shown,) = [code.value for code in at.code]
    assert shown.startswith("http://localhost:8501/calendar/") and shown.endswith(".ics")
    first = shown.removeprefix("http://localhost:8501/calendar/").removesuffix(".ics")
    assert any("no calendar has read it yet" in caption.value for caption in at.caption)
    assert read_feed(live, first) is not None

    at = click(at, "Make a new address")
    (again,) = [code.value for code in at.code]
    second = again.removeprefix("http://localhost:8501/calendar/").removesuffix(".ics")
    assert second != first
    assert read_feed(live, first) is None and read_feed(live, second) is not None

    # A later visit shows that the address works, not the address itself (only its hash is kept).
    later = sign_in(open_app(), me.email)
    later.switch_page(PROGRESS).run()
    assert not later.code
    assert any("a calendar last read it" in caption.value for caption in later.caption)

    at = click(at, "Stop my calendar address")
    assert read_feed(live, second) is None
    assert not at.code
    assert [b.label for b in at.button if "calendar address" in b.label] == [
        "Make my calendar address"
    ]


def test_my_data_downloads_are_the_cores_audited_exports(live: Context) -> None:
    me, my_id = graduate(live)
    factories.interview(live, my_id, notes='=HYPERLINK("http://x")')
    data = export(live, me, "interviews").decode()
    assert "'=HYPERLINK" in data
    with live.unit_of_work() as session:
        assert session.scalar(
            select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "export")
        )


# --- refusals -------------------------------------------------------------------------------------


def test_another_graduates_interview_id_reads_as_missing(open_app: Opener, live: Context) -> None:
    me, _ = graduate(live)
    _, other_id = factories.graduate(live, factories.cohort(live))
    theirs = factories.interview(
        live, other_id, contact_id=factories.contact(live, other_id, "Someone Else")
    )
    at = sign_in(open_app(), me.email)
    foreign = open_interview(at, public_id(live, theirs))
    assert errors(foreign) == ["No such interview, or you do not have access to it."]
    missing = open_interview(at, "NW-NOPE")
    assert errors(missing) == errors(foreign)
    for shown in (foreign, missing):
        # The sidebar's own-password form is the shell's; the page itself shows nothing.
        assert not shown.title and not shown.main.text_input and not shown.dataframe
        assert "Someone Else" not in str(shown.main)


@pytest.mark.parametrize("role", [Role.ADVISOR, Role.ADMIN])
def test_other_roles_are_refused_every_graduate_page(
    open_app: Opener, live: Context, role: Role
) -> None:
    _, my_id = graduate(live)
    pid = public_id(live, factories.interview(live, my_id))
    at = sign_in(open_app(), account(live, role))
    for page in GRADUATE_PAGES:
        at.query_params.clear()
        at.query_params["id"] = pid
        at.switch_page(page).run()
        assert not at.exception
        assert errors(at) == ["This page is for graduates. Use the menu to find your own pages."]
        assert not at.title and not at.metric and not at.main.text_input and not at.page_link


def test_signed_out_every_graduate_page_shows_the_sign_in_form(
    open_app: Opener, live: Context
) -> None:
    _, my_id = graduate(live)
    pid = public_id(live, factories.interview(live, my_id))
    at = open_app()
    for page in GRADUATE_PAGES:
        at.query_params["id"] = pid
        at.switch_page(page).run()
        assert [button.label for button in at.button] == ["Sign in"]
        assert not at.metric and not at.page_link and not at.dataframe
