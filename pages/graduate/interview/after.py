"""The interview page after the meeting: what happened (held, cancelled, missed), the brain-dump and
private notes, the conduct self-check, the thank-you (a draft to copy, mail or print as a card),
permission to follow up, follow-ups, and what the meeting led to."""

from __future__ import annotations

from datetime import date

import streamlit as st

from networkit_core import bounds
from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.models import FollowUpPermission, InterviewStatus
from networkit_core.read_models.interview_page import InterviewPage
from networkit_core.read_models.outreach import THANK_YOU_SUBJECT
from networkit_core.read_models.thank_you import ADVICE
from networkit_core.services import contacts
from networkit_core.services.contacts import NewContact
from networkit_core.services.interviews import InterviewDetail, InterviewView, follow_ups
from pages.graduate.after_forms import (
    METHOD_WORDS,
    follow_up_form,
    outcome_buttons,
    thank_you_form,
)
from pages.graduate.interview.details import save_changes
from pages.graduate.interview.prepare import current, steps, tick_boxes
from pages.ui.calls import act, button, field_error, flash, form_error, value
from pages.ui.drafts import draft_actions
from pages.ui.fragments import INTERVIEW, fresh, seen
from pages.ui.layout import folded
from pages.ui.saved import show_saved
from pages.ui.text import day, escape, label

PERMISSION_WORDS = {
    FollowUpPermission.NOT_ASKED: "Not asked yet",
    FollowUpPermission.GRANTED: "Yes, they welcome it",
    FollowUpPermission.DECLINED: "No",
}
OUTCOME_FIELDS = {
    "trends": ("Industry trends I learned", "outcome_trends"),
    "hiring": ("Organizations that may be hiring", "outcome_hiring"),
    "marketability": ("Ways to improve my marketability", "outcome_marketability"),
    "job_leads": ("Job leads", "outcome_job_leads"),
}


def next_step(ctx: Context, actor: Actor, detail: InterviewDetail, today: date) -> None:
    """A planned meeting whose day has come asks what happened, first thing on the page."""
    view = detail.interview
    if view.status is not InterviewStatus.PLANNED or view.meeting_date > today:
        return
    with st.container(border=True):
        when = "today" if view.meeting_date == today else f"on {day(view.meeting_date)}"
        st.markdown(f"**The meeting was {escape(when)}. What happened?**")
        outcome_buttons(
            ctx,
            actor,
            view.id,
            f"outcome_{view.public_id}",
            version=view.version,
            meeting_passed=view.meeting_date < today,
        )


def after_the_meeting(ctx: Context, actor: Actor, page: InterviewPage) -> None:
    assert page.detail is not None
    detail = page.detail
    view = detail.interview
    st.subheader(":material/edit_note: After the meeting")
    _notes_form(ctx, actor, view)
    if view.status is InterviewStatus.PLANNED:
        st.info(
            "Once the meeting has taken place, record it as held: the self-check, the "
            "thank-you, follow-ups and outcomes open up here.",
            icon=":material/info:",
        )
        return
    if view.status is not InterviewStatus.COMPLETED:
        st.info(f"This meeting was {label(view.status).lower()}: nothing to follow up.")
        return
    _self_check(ctx, actor, detail)
    _thank_you(ctx, actor, page)
    _permission(ctx, actor, view)
    _follow_ups(ctx, actor, detail, page.today)
    _outcomes(ctx, actor, detail)


@st.fragment
def _self_check(ctx: Context, actor: Actor, detail: InterviewDetail) -> None:
    """A tick reruns the self-check alone."""
    flash()
    title, key = "How did I do? (self-check)", f"self_check_{detail.interview.public_id}"
    with folded(title, key=key, icon=":material/self_improvement:") as shown:
        if shown:
            tick_boxes(ctx, actor, detail, current(detail).conduct)


def _save_notes(ctx: Context, actor: Actor, view: InterviewView, key: str) -> None:
    changes = {
        field: value(f"{key}_{field}") or ""
        for field in ("notes", "private_notes")
        if (value(f"{key}_{field}") or "") != (getattr(view, field) or "")
    }
    save_changes(ctx, actor, view, key, changes, "Notes saved.")


def _notes_form(ctx: Context, actor: Actor, view: InterviewView) -> None:
    key = f"notes_{view.public_id}_{view.version}"
    with st.form(key, border=True):
        st.text_area(
            "Brain-dump notes",
            value=view.notes,
            key=f"{key}_notes",
            height=160,
            max_chars=bounds.NOTES.max_chars,
            help="Right after you part ways, write down everything you can recall. "
            "Your advisor can read these.",
        )
        st.text_area(
            "Private notes (never shown to advisors)",
            value=view.private_notes or "",
            key=f"{key}_private_notes",
            height=100,
            max_chars=bounds.NOTES.max_chars,
        )
        field_error(key, "notes", "private_notes")
        form_error(key, ("notes", "private_notes"), conflict=False)
        st.form_submit_button(
            "Save notes",
            icon=":material/save:",
            on_click=_save_notes,
            args=(ctx, actor, view, key),
            width="stretch",
        )


@st.fragment
def _thank_you(ctx: Context, actor: Actor, page: InterviewPage) -> None:
    """Marking it sent reruns the thank-you alone."""
    assert page.detail is not None
    flash()
    kept = f"thank_you_{page.detail.interview.public_id}"
    view = fresh(kept, page.detail.interview)
    key = f"thank_you_{view.public_id}_{view.version}"
    sent = view.thank_you_sent_on
    how = f" · {METHOD_WORDS[view.thank_you_method]}" if view.thank_you_method else ""
    title = f"Thank-you · sent {day(sent)}{how}" if sent else "Thank-you · not sent yet"
    # Open until the thank-you is sent, folded to its title (when and how) once marked sent.
    one_of = steps(view.public_id)
    section = one_of[2]
    with folded(
        title, key=section, icon=":material/mail:", expanded=sent is None, one_of=one_of
    ) as shown:
        if not shown:
            return
        st.info(ADVICE, icon=":material/lightbulb:")
        st.markdown("**A draft to start from**")
        draft_actions(
            page.thank_you_draft,
            subject=THANK_YOU_SUBJECT,
            to=page.detail.contact.email,
            card={"interview": view.public_id},
            key=f"thank_you_{view.public_id}",
        )
        thank_you_form(
            ctx,
            actor,
            view.id,
            key,
            sent_on=sent or page.today,
            version=view.version,
            method=view.thank_you_method,
            primary=sent is None,
            kept=kept,
            closes=section,
        )


def _permission_changed(ctx: Context, actor: Actor, view: InterviewView, key: str) -> None:
    answer = value(key)
    act(
        key,
        "Saved.",
        follow_ups.set_follow_up_permission,
        ctx,
        actor,
        view.id,
        answer,
        expected_version=seen(INTERVIEW, view),
    )


def _permission(ctx: Context, actor: Actor, view: InterviewView) -> None:
    key = f"permission_{view.public_id}_{view.version}"
    show_saved(key, view.follow_up_permission)
    st.radio(
        "Did they welcome a follow-up later on?",
        list(PERMISSION_WORDS),
        format_func=PERMISSION_WORDS.get,
        horizontal=True,
        key=key,
        on_change=_permission_changed,
        args=(ctx, actor, view, key),
    )
    form_error(key, conflict=False)


def _follow_ups(ctx: Context, actor: Actor, detail: InterviewDetail, today: date) -> None:
    view = detail.interview
    # Open once they welcome a follow-up; else drawn only if opened.
    with folded(
        f"Follow-ups · {len(detail.follow_ups)} logged",
        key=f"follow_ups_{view.public_id}",
        icon=":material/forward_to_inbox:",
        expanded=view.follow_up_permission is FollowUpPermission.GRANTED,
    ) as shown:
        if not shown:
            return
        for number, follow_up in enumerate(detail.follow_ups, start=1):
            with st.container(border=True):
                line = f"{day(follow_up.date)} · {label(follow_up.kind)}"
                st.markdown(escape(line))
                if follow_up.note:
                    st.caption(escape(follow_up.note))
                key = f"remove_follow_up_{view.public_id}_{number}"
                remove = (follow_ups.remove_follow_up, ctx, actor, follow_up.id)
                button("Remove", key, "Follow-up removed.", *remove, icon=":material/delete:")
        follow_up_form(ctx, actor, view.id, f"follow_up_{view.public_id}", today=today)


def _save_outcomes(ctx: Context, actor: Actor, view: InterviewView, key: str) -> None:
    values = {name: value(f"{key}_{name}") or "" for name in OUTCOME_FIELDS}
    act(
        key,
        "Outcomes saved.",
        follow_ups.record_outcomes,
        ctx,
        actor,
        view.id,
        **values,
        expected_version=seen(INTERVIEW, view),
    )


def _referred(ctx: Context, actor: Actor, view: InterviewView, key: str) -> None:
    state = st.session_state
    met = NewContact(
        name=value(f"{key}_name") or "", organization=value(f"{key}_organization") or ""
    )
    done = "Referral recorded: a new contact in your network."
    if act(key, done, contacts.record_referral, ctx, actor, view.id, new_contact=met):
        state[f"{key}_name"] = ""
        state[f"{key}_organization"] = ""


def _outcomes(ctx: Context, actor: Actor, detail: InterviewDetail) -> None:
    view = detail.interview
    key = f"outcomes_{view.public_id}_{view.version}"
    where = f"led_to_{view.public_id}"
    with folded("What it led to", key=where, icon=":material/trending_up:") as shown:
        if not shown:
            return
        with st.form(key, border=False):
            for name, (words, field) in OUTCOME_FIELDS.items():
                st.text_area(
                    words,
                    value=getattr(view, field),
                    key=f"{key}_{name}",
                    height=80,
                    max_chars=bounds.NOTES.max_chars,
                )
            form_error(key, conflict=False)
            st.form_submit_button(
                "Save outcomes",
                icon=":material/save:",
                on_click=_save_outcomes,
                args=(ctx, actor, view, key),
            )
        st.markdown("**Referrals to new contacts**")
        for referred in detail.referrals:
            at = f" ({referred.organization})" if referred.organization else ""
            st.markdown(f"- {escape(referred.name + at)}")
        ref_key = f"referral_{view.public_id}"
        with st.form(ref_key, border=False):
            st.text_input(
                f"{escape(detail.contact.name)} referred me to…",
                key=f"{ref_key}_name",
                max_chars=bounds.CONTACT_NAME.max_chars,
            )
            field_error(ref_key, "name", "contact")
            st.text_input(
                "Their organization (optional)",
                key=f"{ref_key}_organization",
                max_chars=bounds.ORGANIZATION.max_chars,
            )
            form_error(ref_key, ("name", "contact"), conflict=False)
            st.form_submit_button(
                "Add referral",
                icon=":material/person_add:",
                on_click=_referred,
                args=(ctx, actor, view, ref_key),
            )
