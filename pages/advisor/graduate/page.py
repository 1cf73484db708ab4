"""One graduate, as their advisor sees them (`/graduate?email=E`): their figures beside the
cohort's, what is due, where they landed (recorded or corrected here), one timeline (newest
first), referral chains, coaching comments.
Private notes never reach this page: the core leaves them out for anyone but the graduate.

A comment added, edited or deleted reruns the comments and the timeline alone (a fragment, which
reads them again through the core); a nudge recorded reruns the page (its form is above)."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from networkit_core import bounds
from networkit_core.models import Role
from networkit_core.read_models.graduate_file import (
    Coaching,
    GraduateFile,
    coaching_file,
    graduate_file,
)
from networkit_core.services import coaching
from pages.advisor.nudges import SUBJECT, mailto, nudge_text
from pages.ui.cache import wrote
from pages.ui.calls import act, flash, form_error, show_conflict, take_conflict, value
from pages.ui.destination_form import destination_section
from pages.ui.figures import rate_metrics
from pages.ui.fragments import forget, reread, rerun_on_conflict, stale
from pages.ui.layout import DAYS, table
from pages.ui.links import linked
from pages.ui.session import call, context, require, stop_with
from pages.ui.text import day, escape, label

KINDS = {
    "interview": ":material/handshake:",
    "thank_you": ":material/mail:",
    "follow_up": ":material/forward_to_inbox:",
    "comment": ":material/chat:",
    "nudge": ":material/notifications_active:",
}
COACHING = "coaching"  # the fragment of the comments and the timeline
COMMENT_FORM = "comment_"  # the forms of the comments drawn, by id

actor = require(Role.ADVISOR)
forget()  # this full run reads the file afresh: nothing the comments kept is newer
email = st.query_params.get("email", "")
if not email:
    stop_with("Open a graduate from the dashboard: this address names no graduate.")
# Never cached: one graduate is cheap, and the advisor should see the graduate's latest writes.
person: GraduateFile = call(graduate_file, context(), actor, email)


def _write(
    form: str, success: str, service: Callable[..., object], *args: object, **kwargs: object
) -> bool:
    """One write through the core; on success this advisor's cached figures are stale."""
    saved = act(form, success, service, context(), actor, *args, **kwargs)
    if saved:
        wrote(actor)
    return saved


def _commented(
    form: str, success: str, service: Callable[..., object], *args: object, **kwargs: object
) -> bool:
    """A comment written: the comments and the timeline read again; a conflict is shown by the
    page, above them."""
    saved = _write(form, success, service, *args, **kwargs)
    if saved:
        stale(COACHING)
    rerun_on_conflict(form)
    return saved


def _add_comment() -> None:
    if _commented(
        "add_comment",
        "Comment added.",
        coaching.add_comment,
        person.graduate_id,
        value("new_comment") or "",
    ):
        st.session_state["new_comment"] = ""


def _edit_comment(comment_id: int, version: int) -> None:
    _commented(
        f"{COMMENT_FORM}{comment_id}",
        "Comment saved.",
        coaching.edit_comment,
        comment_id,
        value(f"edit_comment_{comment_id}") or "",
        expected_version=version,
    )


def _record_nudge() -> None:
    if _write(
        "record_nudge",
        "Nudge recorded.",
        coaching.record_nudge,
        person.graduate_id,
        value("nudge_note") or "",
    ):
        st.session_state["nudge_note"] = ""


st.page_link(
    linked("pages/advisor/dashboard/page.py"), label="Dashboard", icon=":material/arrow_back:"
)
st.title(escape(person.name))
st.caption(f"{escape(person.cohort)} · {escape(person.email)}")

st.subheader(":material/notifications: Due now")
if person.due:
    for item in person.due:
        st.markdown(f"- **{escape(item.headline)}** — {escape(item.message)}")
else:
    st.success("Nothing is due for this graduate.", icon=":material/check_circle:")

if person.due:
    with st.container(border=True):
        st.markdown("**:material/notifications_active: Nudge**")
        st.link_button(
            "Write an e-mail",
            mailto(person.email, SUBJECT, nudge_text(person.name, person.due, actor)),
            icon=":material/send:",
        )
        with st.form("record_nudge", border=False):
            form_error("record_nudge")
            st.text_input(
                "How you reminded them",
                key="nudge_note",
                placeholder="Reminded by e-mail about the thank-you card",
                max_chars=bounds.COMMENT.max_chars,
            )
            st.form_submit_button(
                "Record the nudge", icon=":material/task_alt:", on_click=_record_nudge
            )

st.subheader(":material/monitoring: Figures, beside the cohort's")
st.caption(
    f"All time: {person.figures.completed} interviews held and {person.figures.planned} planned; "
    f"the changes compare with the whole cohort ({escape(person.cohort)})."
)
rate_metrics(
    person.figures, person.cohort_figures, versus="vs the cohort", settings=context().settings
)

st.subheader(":material/work: Where they landed")
destination_section(
    context(),
    actor,
    person.destination,
    key="destination",
    own=False,
)

st.subheader(":material/chat: Coaching comments")
if (conflict := take_conflict()) is not None and conflict.form.startswith(COMMENT_FORM):
    show_conflict(conflict)  # outside the fragment: its buttons rerun the page


@st.fragment
def coaching_section(page: Coaching) -> None:
    """The comments (add, edit, delete) and the timeline, which lists them."""
    flash()
    shown = reread(
        COACHING, page, lambda: call(coaching_file, context(), actor, person.graduate_id)
    )
    with st.form("add_comment", clear_on_submit=False, border=True):
        form_error("add_comment")
        st.text_area(
            "A comment for this graduate's file",
            key="new_comment",
            max_chars=bounds.COMMENT.max_chars,
        )
        st.form_submit_button("Add comment", icon=":material/add_comment:", on_click=_add_comment)
    if not shown.comments:
        st.caption("No comment yet.")
    for comment in shown.comments:
        with st.container(border=True):
            kind = str(comment.kind.value)
            st.markdown(
                f"{KINDS.get(kind, KINDS['comment'])} **{escape(comment.author_name)}** · "
                f"{day(comment.created_at)}" + (" · nudge" if kind == "nudge" else "")
            )
            st.text(comment.body)
            form_error(f"{COMMENT_FORM}{comment.id}", conflict=False)
            if comment.author_id == actor.id:
                with st.expander("Edit or delete", icon=":material/edit:"):
                    with st.form(f"edit_{comment.id}", border=False):
                        st.text_area(
                            "Comment",
                            value=comment.body,
                            key=f"edit_comment_{comment.id}",
                            max_chars=bounds.COMMENT.max_chars,
                        )
                        st.form_submit_button(
                            "Save",
                            on_click=_edit_comment,
                            args=(comment.id, comment.version),
                            icon=":material/save:",
                        )
                    st.button(
                        "Delete this comment",
                        key=f"delete_{comment.id}",
                        on_click=_commented,
                        args=(
                            f"{COMMENT_FORM}{comment.id}",
                            "Comment deleted.",
                            coaching.delete_comment,
                        ),
                        kwargs={"comment_id": comment.id, "expected_version": comment.version},
                        icon=":material/delete:",
                    )

    st.subheader(":material/timeline: Timeline")
    if shown.timeline:
        table(
            [
                {
                    "Date": entry.on,
                    "What": label(entry.kind),
                    "Title": entry.title,
                    "Detail": entry.detail,
                }
                for entry in shown.timeline
            ],
            key="timeline",
            hide_index=True,
            column_config={
                "Date": DAYS,
                "Detail": st.column_config.TextColumn(width="large"),
            },
        )
    else:
        st.caption("Nothing logged yet.")


coaching_section(person.coaching)

st.subheader(":material/account_tree: Referral chains")
if person.chains:
    for chain in person.chains:
        st.markdown("- " + " → ".join(escape(name) for name in chain))
else:
    st.caption("No contact has referred this graduate to another one yet.")
if person.contacts:
    # Each contact's page: their interviews with the graduate, never the private notes.
    with st.expander(f"Contacts · {len(person.contacts)}", icon=":material/contacts:"):
        for contact_id, name in person.contacts:
            st.page_link(
                linked("pages/shared/contact/page.py"),
                label=escape(name),
                icon=":material/person:",
                query_params={"id": str(contact_id)},
            )
