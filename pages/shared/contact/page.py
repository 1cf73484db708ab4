"""One contact (`/contact?id=N`): what is next with them, every interview (thank-you, follow-ups,
outcomes), who referred whom around them, and, for the graduate, a request for an informational
interview to copy, mail or print. An advisor reads their graduates' contacts, never the private
notes (the core leaves them out)."""

from __future__ import annotations

import streamlit as st

from networkit_core.errors import AccessDenied
from networkit_core.models import Connection, Role
from networkit_core.read_models.contact_page import ContactLink, ContactPage, contact_page
from networkit_core.read_models.outreach import SUBJECT
from pages.shared.contact import history
from pages.ui.drafts import draft_actions
from pages.ui.params import int_param, param
from pages.ui.session import call, context, require, stop_with
from pages.ui.text import escape

CONTACT_PAGE = "pages/shared/contact/page.py"
# How the graduate came to know them, in a few words ("other" says nothing worth a word).
MET = {
    Connection.EVENT: "met at an event",
    Connection.REFERRAL: "referred",
    Connection.ALUMNI: "through the alumni network",
    Connection.COLD_OUTREACH: "reached out cold",
    Connection.SOCIAL_MEDIA: "met online",
}

actor = require(Role.GRADUATE, Role.ADVISOR)
contact_id = int_param("id")
if not param("id"):
    stop_with("Open a contact from your interviews: this address names no contact.")
if contact_id is None:
    stop_with(str(AccessDenied("contact")))  # as an unknown id: nothing to tell apart
page: ContactPage = call(contact_page, context(), actor, contact_id)
person = page.contact

if page.mine:
    st.page_link(
        "pages/graduate/interviews/page.py", label="My interviews", icon=":material/arrow_back:"
    )
else:
    st.page_link(
        "pages/advisor/graduate/page.py",
        label=escape(page.graduate_name),
        icon=":material/arrow_back:",
        query_params={"email": page.graduate_email},
    )
st.title(escape(person.name))
about = [part for part in (person.title, person.organization, person.industry) if part]
if person.how_connected in MET:
    about.append(MET[person.how_connected])
if person.email:
    about.append(person.email)
st.caption(escape(" · ".join(about)))
if not page.mine:
    st.caption(f"A contact of {escape(page.graduate_name)}. Private notes are never shown here.")

st.subheader(":material/notifications: Next")
if page.next_due:
    st.info(escape(page.next_due), icon=":material/schedule:")
    for plan_day in page.plan_ahead[1 if not page.due else 0 :]:
        st.caption(escape(plan_day.line(page.today)))
else:
    st.success("Nothing is due with them.", icon=":material/check:")


def contact_link(link: ContactLink, words: str) -> None:
    at = f" ({link.organization})" if link.organization else ""
    st.page_link(
        CONTACT_PAGE,
        label=escape(f"{words} {link.name}{at}"),
        icon=":material/person:",
        query_params={"id": str(link.id)},
    )


st.subheader(":material/account_tree: Who referred whom")
# In the reader's words: "me" for the graduate, their first name for the advisor.
whom = "me" if page.mine else (page.graduate_name.split(" ", 1)[0] or page.graduate_name)
if page.referred_by:
    contact_link(page.referred_by, f"Referred to {whom} by")
for link in page.referred:
    contact_link(link, f"{person.name} referred {whom} to")
if not page.referred_by and not page.referred:
    st.caption("No referral yet, to or from them.")

st.subheader(":material/handshake: Interviews")
if not page.interviews:
    st.caption("No interview with them yet.")
for item in page.interviews:
    history.interview_card(item, link=page.mine)

if page.mine:
    st.subheader(":material/mail: Ask for an informational interview")
    draft_actions(
        page.outreach_draft,
        subject=SUBJECT,
        to=person.email,
        card={"contact": str(person.id)},
        key=f"outreach_{person.id}",
    )
