"""The interview page's who, when and where: a new interview, the heading, the details form, a save
against a newer version (both versions side by side), calendar file, delete and restore."""

from __future__ import annotations

from datetime import date, time

import streamlit as st

from networkit_core import bounds
from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.errors import InvalidInput
from networkit_core.models import Connection, LocationType
from networkit_core.read_models.calendar_files import meeting_ics, place
from networkit_core.read_models.interview_page import InterviewPage
from networkit_core.services import contacts, interviews
from networkit_core.services.contacts import ContactView, NewContact
from networkit_core.services.interviews import InterviewDetail, InterviewView
from pages.ui.calls import (
    act,
    button,
    fail,
    field_error,
    form_error,
    save,
    show_conflict,
    shown,
    take_conflict,
    value,
)
from pages.ui.fragments import INTERVIEW, seen
from pages.ui.layout import folded
from pages.ui.links import linked
from pages.ui.text import DATE_INPUT_FORMAT, day, escape, label

NEW = "new_interview"
NEW_FIELDS = ("meeting_date", "meeting_time", "location_type", "location_detail", "contact")
CONTACT_WORDS = {
    "name": ("Name", bounds.CONTACT_NAME),
    "title": ("Job title", bounds.JOB_TITLE),
    "organization": ("Organization", bounds.ORGANIZATION),
    "industry": ("Industry", bounds.INDUSTRY),
    "email": ("E-mail", bounds.EMAIL),
}
CONTACT_FIELDS = (*CONTACT_WORDS, "how_connected")
DELETED = "Interview deleted. You can restore it from this page."
SOMEONE_NEW = "Someone new"
ONE_OF_MINE = "One of my contacts"
FIELD_WORDS = {
    "meeting_date": "Date",
    "meeting_time": "Time",
    "location_type": "Place",
    "location_detail": "Place detail",
    "contact_id": "Contact",
    "notes": "Brain-dump notes",
    "private_notes": "Private notes",
    "status": "What happened",
    "deleted": "Deleted",
    "thank_you_sent_on": "Thank-you sent on",
    "thank_you_method": "Thank-you sent as",
    "follow_up_permission": "Follow-up welcome",
    "outcome_trends": "Industry trends I learned",
    "outcome_hiring": "Organizations that may be hiring",
    "outcome_marketability": "Ways to improve my marketability",
    "outcome_job_leads": "Job leads",
    "title": "Job title",
    "email": "E-mail",
    "how_connected": "How you were connected",
    "usefulness": "Rating",
}


def _contact_words(contact: ContactView) -> str:
    return f"{contact.name} ({contact.organization})" if contact.organization else contact.name


def _time_text(value: object) -> str:
    return f"{value:%H:%M}" if isinstance(value, time) else ""


def _a_date(key: str, words: str) -> date:
    value = st.session_state.get(key)
    if not isinstance(value, date):
        raise InvalidInput(f"Enter the {words} as a date.", "meeting_date")
    return value


# --- a new interview ----------------------------------------------------------------------------


def _log_new(ctx: Context, actor: Actor) -> None:
    state = st.session_state

    def write() -> None:
        new_contact = None
        contact_id = None
        if state.get(f"{NEW}_who", SOMEONE_NEW) == ONE_OF_MINE:
            contact_id = state.get(f"{NEW}_contact")
        else:
            typed = {field: state.get(f"{NEW}_{field}", "") for field in CONTACT_WORDS}
            new_contact = NewContact(
                **typed | {"email": typed["email"] or None},
                how_connected=state.get(f"{NEW}_how_connected", Connection.OTHER),
                referred_by_id=state.get(f"{NEW}_referred_by"),
            )
        view = interviews.log_interview(
            ctx,
            actor,
            meeting_date=_a_date(f"{NEW}_date", "meeting date"),
            meeting_time=state.get(f"{NEW}_time", ""),
            location_type=state.get(f"{NEW}_place", LocationType.COFFEE_SHOP),
            location_detail=state.get(f"{NEW}_detail", ""),
            contact_id=contact_id,
            new_contact=new_contact,
        )
        st.query_params["id"] = view.public_id
        for key in [key for key in state if str(key).startswith(f"{NEW}_")]:
            del state[key]

    save(NEW, write, done="Interview saved. Now get ready: tick the checklist as you prepare.")


def new_interview(ctx: Context, actor: Actor, page: InterviewPage) -> None:
    st.title("New interview")
    st.caption("Who you are meeting, when and where. You can change any of it later.")
    choices = [ONE_OF_MINE, SOMEONE_NEW] if page.contacts else [SOMEONE_NEW]
    who = st.radio("Who are you meeting?", choices, horizontal=True, key=f"{NEW}_who")
    with st.form(NEW, border=True):
        if who == ONE_OF_MINE:
            _contact_choice(NEW, {contact.id: contact for contact in page.contacts}, None)
        else:
            _contact_fields(NEW, None)
            referrers = {contact.id: contact for contact in page.contacts}
            st.selectbox(
                "Who referred you (optional)",
                [None, *referrers],
                format_func=lambda cid: "Nobody" if cid is None else _contact_words(referrers[cid]),
                key=f"{NEW}_referred_by",
            )
        _when_and_where(NEW, None)
        form_error(
            NEW, (*NEW_FIELDS, "contact_id", *CONTACT_FIELDS, "referred_by_id"), conflict=False
        )
        st.form_submit_button(
            "Save interview",
            type="primary",
            icon=":material/save:",
            on_click=_log_new,
            args=(ctx, actor),
            width="stretch",
        )


def _contact_choice(key: str, options: dict[int, ContactView], current: int | None) -> None:
    ids = list(options)
    st.selectbox(
        "Contact",
        ids,
        index=ids.index(current) if current is not None else 0,
        format_func=lambda cid: _contact_words(options[cid]),
        key=f"{key}_contact",
    )
    field_error(key, "contact_id", "contact")


def _when_and_where(key: str, view: InterviewView | None) -> None:
    """Date, time and place: empty for a new interview, else `view`'s."""
    st.date_input(
        "Date",
        value=view.meeting_date if view else None,
        key=f"{key}_date",
        format=DATE_INPUT_FORMAT,
    )
    field_error(key, "meeting_date")
    st.text_input(
        "Time (optional)",
        value=_time_text(view.meeting_time) if view else "",
        placeholder="14:30",
        key=f"{key}_time",
    )
    field_error(key, "meeting_time")
    places = list(LocationType)
    st.selectbox(
        "Place",
        places,
        index=places.index(view.location_type) if view else 0,
        format_func=label,
        key=f"{key}_place",
    )
    st.text_input(
        "Place detail" if view else "Place detail (optional)",
        value=view.location_detail if view else "",
        placeholder=None if view else "Café name and address, video link or phone number",
        key=f"{key}_detail",
        max_chars=bounds.PLACE_DETAIL.max_chars,
    )
    field_error(key, "location_detail")


def _contact_fields(key: str, contact: ContactView | None) -> None:
    """A contact's fields: empty (all but the name optional) for a new one, else `contact`'s."""
    for field, (words, bound) in CONTACT_WORDS.items():
        if contact is None:
            words = "Contact's name" if field == "name" else f"{words} (optional)"
        st.text_input(
            words,
            value=(getattr(contact, field) or "") if contact else "",
            key=f"{key}_{field}",
            max_chars=bound.max_chars,
        )
        field_error(key, field)
    connections = list(Connection)
    st.selectbox(
        "How you were connected",
        connections,
        index=connections.index(contact.how_connected if contact else Connection.OTHER),
        format_func=label,
        key=f"{key}_how_connected",
    )


# --- heading, deleted, restore ------------------------------------------------------------------


def heading(ctx: Context, actor: Actor, detail: InterviewDetail) -> None:
    view = detail.interview
    st.title(f"Interview with {escape(detail.contact.name)}")
    when = day(view.meeting_date)
    if view.meeting_time is not None:
        when = f"{when} · {view.meeting_time:%H:%M}"
    st.caption(
        f"{escape(when)} · {escape(place(view))} · **{label(view.status)}** · "
        f"{escape(view.public_id)}"
    )
    if not view.deleted:
        st.page_link(
            linked("pages/shared/contact/page.py"),
            label=f"Everything with {escape(detail.contact.name)}",
            icon=":material/person:",
            query_params={"id": str(detail.contact.id)},
        )
    if view.deleted:
        st.warning("This interview is deleted: it is left out of your lists and figures.")
        restore = (interviews.restore_interview, ctx, actor, view.id)
        icon = ":material/restore_from_trash:"
        button("Restore it", "restore", "Interview restored.", *restore, icon=icon, primary=True)


# --- details, with a conflict shown whole -------------------------------------------------------


def _changes(view: InterviewView, key: str) -> dict[str, object]:
    state = st.session_state
    wanted: dict[str, object] = {
        "contact_id": state.get(f"{key}_contact"),
        "meeting_date": _a_date(f"{key}_date", "meeting date"),
        "meeting_time": state.get(f"{key}_time", "").strip() or None,
        "location_type": state.get(f"{key}_place"),
        "location_detail": state.get(f"{key}_detail", ""),
    }
    current: dict[str, object] = {
        "contact_id": view.contact_id,
        "meeting_date": view.meeting_date,
        "meeting_time": _time_text(view.meeting_time) or None,
        "location_type": view.location_type,
        "location_detail": view.location_detail,
    }
    return {field: value for field, value in wanted.items() if value != current[field]}


def save_changes(
    ctx: Context, actor: Actor, view: InterviewView, key: str, changes: dict[str, object], done: str
) -> None:
    """Edit `view` over the version shown; no change writes nothing."""
    if not changes:
        save(key, lambda: None, done=done)
        return
    act(
        key,
        done,
        interviews.edit_interview,
        ctx,
        actor,
        view.id,
        changes=changes,
        expected_version=seen(INTERVIEW, view),
    )


def _save_details(ctx: Context, actor: Actor, view: InterviewView, key: str) -> None:
    try:
        changes = _changes(view, key)
    except InvalidInput as error:
        fail(key, str(error), error.field)
        return
    save_changes(ctx, actor, view, key, changes, "Details saved.")


def where_key(public_id: str) -> str:
    """The key of "Who, when and where": the page reads the graduate's contacts only while it is
    open."""
    return f"who_when_where_{public_id}"


def details_form(ctx: Context, actor: Actor, page: InterviewPage) -> None:
    assert page.detail is not None
    view, contact = page.detail.interview, page.detail.contact
    # The version is part of the keys: after any save the form shows the saved values.
    key = f"details_{view.public_id}_{view.version}"
    options = {c.id: c for c in page.contacts}
    options.setdefault(contact.id, contact)
    where = where_key(view.public_id)
    with folded("Who, when and where", key=where, icon=":material/edit_calendar:") as shown:
        if not shown:
            return
        with st.form(key, border=False):
            _contact_choice(key, options, contact.id)
            _when_and_where(key, view)
            form_error(key, (*NEW_FIELDS, "contact_id"), conflict=False)
            st.form_submit_button(
                "Save details",
                icon=":material/save:",
                on_click=_save_details,
                args=(ctx, actor, view, key),
                width="stretch",
            )
        contact_key = f"contact_{contact.id}"
        st.markdown(f"**About {escape(contact.name)}**")
        if contact.referred_by_name:
            st.caption(f"Referred by {escape(contact.referred_by_name)}")
        with st.form(contact_key, border=False):
            _contact_fields(contact_key, contact)
            form_error(contact_key, CONTACT_FIELDS, conflict=False)
            st.form_submit_button(
                "Save contact", on_click=_save_contact, args=(ctx, actor, contact, contact_key)
            )


def _save_contact(ctx: Context, actor: Actor, contact: ContactView, key: str) -> None:
    changes = {field: value(f"{key}_{field}") for field in CONTACT_FIELDS}
    act(
        key,
        f"{contact.name}'s details saved.",
        contacts.edit_contact,
        ctx,
        actor,
        contact.id,
        changes,
        expected_version=contact.version,
    )


def _value_words(field: str, value: object, page: InterviewPage) -> str:
    if field == "contact_id" and value is not None:
        names = {c.id: c.name for c in page.contacts}
        return names.get(value, "another contact")  # type: ignore[call-overload]
    return shown(field, value)


def conflict_panel(page: InterviewPage) -> None:
    """A save over a newer version of this interview (or its contact) wrote nothing: show mine and
    theirs, lose neither."""
    assert page.detail is not None
    conflict = take_conflict()
    if conflict is None:
        return
    theirs = conflict.error.theirs
    if isinstance(theirs, InterviewView) and theirs.public_id != page.detail.interview.public_id:
        return  # met on another interview, shown there
    if isinstance(theirs, ContactView) and theirs.id != page.detail.contact.id:
        return
    show_conflict(
        conflict,
        words=FIELD_WORDS,
        show=lambda field, value: _value_words(field, value, page),
    )


# --- calendar, delete ---------------------------------------------------------------------------


def calendar_and_delete(ctx: Context, actor: Actor, detail: InterviewDetail) -> None:
    view = detail.interview
    st.subheader(":material/calendar_month: Calendar")
    st.download_button(
        "Add the meeting to my calendar (.ics)",
        data=lambda: meeting_ics(view, detail.contact, now=ctx.clock.now()),
        file_name=f"interview-{view.public_id}.ics",
        mime="text/calendar",
        icon=":material/event_available:",
        on_click="ignore",
        help="With its place, and a reminder 10 minutes before: arrive 5-10 minutes early.",
    )
    with folded("Delete this interview", key="delete_section", icon=":material/delete:") as shown:
        if not shown:
            return
        st.caption("It leaves your lists and figures; you can restore it from this page.")
        st.button(
            "Delete interview",
            key="delete",
            icon=":material/delete:",
            on_click=_delete,
            args=(ctx, actor, view),
        )
        form_error("delete", conflict=False)


def _delete(ctx: Context, actor: Actor, view: InterviewView) -> None:
    delete = interviews.delete_interview
    act("delete", DELETED, delete, ctx, actor, view.id, expected_version=seen(INTERVIEW, view))
