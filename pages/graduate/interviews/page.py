"""My interviews (`/interviews`): what is due first, each with its one-click action.

A thank-you marked sent or a follow-up logged on a due card reruns "Due now" and "Coming up"
alone (a fragment, which reads them again through the core): the plan's days move with them.
What happened at a meeting (held, cancelled, missed) reruns the page: the past list shows it."""

from __future__ import annotations

from datetime import date

import streamlit as st

from networkit_core.models import InterviewStatus, Role
from networkit_core.read_models.calendar_files import plan_ics
from networkit_core.read_models.my_interviews import DueAction, MyInterviews, my_interviews
from pages.graduate.after_forms import follow_up_form, outcome_buttons, thank_you_form
from pages.graduate.interviews.contacts_in import contacts_in
from pages.graduate.interviews.links import interview_link, new_interview_link
from pages.ui.calls import flash, show_conflict, take_conflict
from pages.ui.fragments import forget, reread
from pages.ui.links import linked
from pages.ui.params import to_address
from pages.ui.session import call, context, require
from pages.ui.text import escape, first_name, label

actor = require(Role.GRADUATE)
forget()  # this full run reads everything afresh: nothing the due cards kept is newer
ctx = context()
status_asked = st.query_params.get("status") or None
contact_asked = st.query_params.get("contact") or None
mine = call(my_interviews, ctx, actor, status=status_asked, contact=contact_asked)
if (conflict := take_conflict()) is not None:  # a one-click save from a stale page
    show_conflict(conflict)

st.title(f"Hello, {escape(first_name(actor))}")
st.caption(f"{escape(mine.cohort_name)} · my informational interviews")
new_interview_link()


# --- due first, then coming up ------------------------------------------------------------------

DUE = "due"  # the fragment of the due cards and what is coming up


def due_card(action: DueAction, today: date) -> None:
    item, view = action.item, action.interview
    reason = str(item.reason)
    with st.container(border=True):
        st.markdown(f"**{escape(item.name)}** · {escape(item.when)}")
        st.markdown(escape(item.message))
        if view is None:
            new_interview_link("Plan an interview")
            return
        key = f"due_{reason}_{view.public_id}"
        if reason == "thank_you_overdue":
            version = view.version
            thank_you_form(ctx, actor, view.id, key, sent_on=today, version=version, redraws=DUE)
        elif reason == "follow_up_due":
            follow_up_form(ctx, actor, view.id, key, today=today, redraws=DUE)
        elif reason == "outcome_missing":
            st.caption("What happened?")
            outcome_buttons(ctx, actor, view.id, key, version=view.version)
        elif reason == "meeting_soon_unprepared":
            interview_link(view, text="Open the checklist", with_status=False)
            return
        interview_link(view, text="Open the interview", with_status=False)


@st.fragment
def due_and_coming_up(read: MyInterviews) -> None:
    """The due cards, then the meetings and plan days ahead (and the plan's calendar file)."""
    flash()
    asked = {"status": status_asked, "contact": contact_asked}
    shown = reread(DUE, read, lambda: call(my_interviews, ctx, actor, **asked))
    st.subheader(":material/notifications: Due now")
    if shown.due:
        for action in shown.due:
            due_card(action, shown.today)
    else:
        st.success(
            "Nothing is due: thank-yous and follow-ups are up to date.", icon=":material/check:"
        )

    st.subheader(":material/event_upcoming: Coming up")
    for view in shown.upcoming:
        interview_link(view, with_status=False)
    # The plan's days not yet due: the same dates as the plan's .ics and the calendar feed.
    for plan_day in shown.plan_ahead:
        interview_link(plan_day.interview, text=escape(plan_day.line(shown.today)))
    if not shown.upcoming and not shown.plan_ahead:
        st.info(
            "Nothing planned yet. Who could you ask for twenty minutes of advice this week?",
            icon=":material/lightbulb:",
        )
    if shown.plan:
        st.download_button(
            "Add my plan to my calendar (.ics)",
            data=lambda: plan_ics(
                [(p.on, p.what, p.interview) for p in shown.plan], now=ctx.clock.now()
            ),
            file_name="my-networking-plan.ics",
            mime="text/calendar",
            icon=":material/calendar_month:",
            on_click="ignore",
            help="Thank-you-by and follow-up-by days as all-day events.",
        )


due_and_coming_up(mine)


# --- past ---------------------------------------------------------------------------------------

st.subheader(":material/history: Past")

ALL = ""
status_choices = [ALL, *(status.value for status in InterviewStatus)]
contact_choices = [ALL, *sorted({contact.name for contact in mine.contacts})]
if contact_asked and contact_asked not in contact_choices:
    contact_choices.append(contact_asked)
status_column, contact_column = st.columns(2)
status_column.selectbox(
    "Status",
    status_choices,
    index=status_choices.index(status_asked) if status_asked in status_choices else 0,
    format_func=lambda value: label(value) if value else "Any status",
    key="filter_status",
    on_change=to_address,
    args=("status", "filter_status"),
)
contact_column.selectbox(
    "Contact",
    contact_choices,
    index=contact_choices.index(contact_asked) if contact_asked else 0,
    format_func=lambda value: value or "Anyone",
    key="filter_contact",
    on_change=to_address,
    args=("contact", "filter_contact"),
)
if mine.past:
    for view in mine.past:
        interview_link(view)
elif status_asked or contact_asked:
    st.caption("No past interview matches these filters.")
else:
    st.caption("No interviews held yet.")

if mine.contacts:
    # Each contact's page: every interview, the referrals around them, what is next.
    with st.expander(f"My contacts · {len(mine.contacts)}", icon=":material/contacts:"):
        for person in mine.contacts:
            at = f" ({person.organization})" if person.organization else ""
            st.page_link(
                linked("pages/shared/contact/page.py"),
                label=escape(f"{person.name}{at}"),
                icon=":material/person:",
                query_params={"id": str(person.id)},
            )

contacts_in(ctx, actor)
