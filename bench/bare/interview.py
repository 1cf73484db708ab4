"""The floor of the graduate's /interview (`?id=` one of theirs): the shell (shell.py), then the
interview with its contact in one SELECT, the checklist items with this interview's ticks, its
questions, its follow-ups, the contact's referrals, the graduate's contacts (while "Who, when and
where" is open) and the first questions of the banks they may read (while "Find or write
questions" is open), one SELECT each; drawn as the same elements: heading, details and contact
forms, checklist, questions, notes, self-check, thank-you with its draft, follow-up permission,
follow-ups, outcomes and referrals, calendar and delete, each section drawn only while open as
the app's are."""

from __future__ import annotations

import os
from datetime import date

import streamlit as st
from sqlalchemy import Engine, create_engine, text

from bench.bare.shell import shell


@st.cache_resource
def engine(url: str) -> Engine:
    return create_engine(url)


db = engine(os.environ["DATABASE_URL"])
user = shell(db, "Interview")
today = date.today()
INTERVIEW = """SELECT i.*, g.cohort_id, c.name AS contact_name, c.title, c.organization,
  c.industry, c.email, c.how_connected, r.name AS referred_by
FROM interviews i JOIN graduates g ON g.id = i.graduate_id JOIN contacts c ON c.id = i.contact_id
LEFT JOIN contacts r ON r.id = c.referred_by_id
WHERE i.public_id = :id AND g.user_id = :user"""
CHECKLIST = """SELECT ci.id, ci.kind, ci.label, ci.hint, t.item_id IS NOT NULL AS ticked
FROM checklist_items ci LEFT JOIN checklist_ticks t ON t.item_id = ci.id
  AND t.interview_id = :interview
WHERE ci.is_active = :yes ORDER BY ci.kind, ci.position, ci.id"""
ATTACHED = """SELECT q.id, q.text, q.category, iq.usefulness FROM interview_questions iq
JOIN questions q ON q.id = iq.question_id WHERE iq.interview_id = :interview
ORDER BY iq.added_at, q.id"""
FOLLOW_UPS = """SELECT id, date, kind, note FROM follow_ups
WHERE interview_id = :interview AND deleted_at IS NULL ORDER BY date, id"""
REFERRALS = """SELECT name, organization FROM contacts
WHERE referred_by_id = :contact AND deleted_at IS NULL ORDER BY name, id"""
CONTACTS = """SELECT id, name, organization FROM contacts
WHERE graduate_id = :graduate AND deleted_at IS NULL ORDER BY name, id"""
CHOICES = """SELECT q.id, q.text, q.category, b.name FROM questions q
JOIN question_banks b ON b.id = q.bank_id AND b.deleted_at IS NULL
WHERE q.deleted_at IS NULL AND (b.owner_id = :user OR b.visibility = 'everyone'
  OR (b.visibility = 'cohorts' AND b.id IN
      (SELECT bank_id FROM question_bank_shares WHERE cohort_id = :cohort)))
  AND q.id NOT IN (SELECT question_id FROM interview_questions WHERE interview_id = :interview)
ORDER BY b.name, q.position, q.id LIMIT 20"""
with db.connect() as connection:
    view = connection.execute(text(INTERVIEW), {"id": st.query_params["id"], "user": user.id}).one()
    ids = {"interview": view.id}
    items = connection.execute(text(CHECKLIST), {**ids, "yes": True}).all()
    attached = connection.execute(text(ATTACHED), ids).all()
    follow_ups = connection.execute(text(FOLLOW_UPS), ids).all()
    referrals = connection.execute(text(REFERRALS), {"contact": view.contact_id}).all()
    contacts = (
        connection.execute(text(CONTACTS), {"graduate": view.graduate_id}).all()
        if st.session_state.get("where")
        else []
    )
    choices = (
        connection.execute(text(CHOICES), {**ids, "user": user.id, "cohort": view.cohort_id}).all()
        if st.session_state.get("find")
        else []
    )


def words(value: str) -> str:
    return value.replace("_", " ").capitalize()


def written(value: object) -> str:
    day = date.fromisoformat(value) if isinstance(value, str) else value
    return f"{day:%a} {day.day} {day:%b %Y}"  # type: ignore[union-attr]


def boxes(kind: str) -> None:
    for item in items:
        if item.kind == kind:
            st.checkbox(item.label, value=bool(item.ticked), key=f"tick_{item.id}")
            st.caption(item.hint)


def details() -> None:
    with st.form("details", border=False):
        st.selectbox("Contact", [c.name for c in contacts])
        st.date_input("Date", value=date.fromisoformat(str(view.meeting_date)))
        st.text_input("Time (optional)", value=str(view.meeting_time or "")[:5])
        st.selectbox("Place", ["coffee_shop", "office", "video", "phone", "other"])
        st.text_input("Place detail", value=view.location_detail)
        st.form_submit_button("Save details")
    st.markdown(f"**About {view.contact_name}**")
    if view.referred_by:
        st.caption(f"Referred by {view.referred_by}")
    with st.form("contact", border=False):
        for field in ("contact_name", "title", "organization", "industry", "email"):
            st.text_input(words(field), value=getattr(view, field) or "")
        st.selectbox("How you were connected", [view.how_connected])
        st.form_submit_button("Save contact")


held = view.status == "completed"
st.page_link("http://localhost/interviews", label="My interviews")
st.title(f"Interview with {view.contact_name}")
st.caption(f"{written(view.meeting_date)} · {words(view.location_type)} · **{words(view.status)}**")
st.page_link(f"http://localhost/contact?id={view.contact_id}", label="Everything with them")
if view.status == "planned" and str(view.meeting_date) <= str(today):
    with st.container(border=True):
        st.markdown("**The meeting has come. What happened?**")
        for outcome in ("held", "cancelled", "missed"):
            st.button(f"It was {outcome}", key=f"outcome_{outcome}")
# The sections the page draws only once opened (pages/ui/layout.folded) are drawn the same way.
with (where := st.expander("Who, when and where", key="where", on_change="rerun")):
    if where.open:
        details()
prep = [item for item in items if item.kind == "prep"]
done = sum(1 for item in prep if item.ticked)
planned = view.status == "planned"
count = f"{done} of {len(prep)} done"
title = (
    "Preparation checklist"
    if st.session_state.get("prep", planned)
    else f"Preparation checklist · {count}"
)
with (checklist := st.expander(title, expanded=planned, key="prep", on_change="rerun")):
    if checklist.open:
        st.progress(done / len(prep) if prep else 0.0, text=count)
        boxes("prep")
title = f"Questions to ask · {len(attached)} chosen"
# Open once the thank-you is sent (the app opens one of the three at a time).
rate = held and view.thank_you_sent_on is not None
with (chosen := st.expander(title, expanded=rate, key="chosen", on_change="rerun")):
    if chosen.open:
        if not attached:
            st.caption("No question chosen yet: open “Find or write questions” below.")
        for question in attached:
            with st.container(border=True):
                st.markdown(question.text)
                if question.category:
                    st.caption(question.category)
                st.selectbox("How useful was it?", [None, 1, 2, 3, 4, 5], key=f"rate_{question.id}")
                st.button("Remove from this interview", key=f"detach_{question.id}")
with (find := st.expander("Find or write questions", key="find", on_change="rerun")):
    if find.open:
        st.text_input("Search the question banks", key="search")
        if len(choices) > 5:
            st.caption("A few to start with; search to see more.")
        for choice in choices[:5]:
            with st.container(border=True):
                st.markdown(choice.text)
                st.caption(" · ".join(part for part in (choice.category, choice.name) if part))
                st.button("Add to this interview", key=f"attach_{choice.id}")
        st.markdown("**Write a question of your own**")
        with st.form("own_question", border=False):
            st.text_area("Question")
            st.text_input("Category (optional)")
            st.form_submit_button("Add my question")
        st.caption("It is kept in your private bank “My questions”.")
        st.page_link("http://localhost/questions", label="Suggest it to a shared bank")
st.subheader("After the meeting")
with st.form("notes"):
    st.text_area("Brain-dump notes", value=view.notes)
    st.text_area("Private notes (never shown to advisors)", value=view.private_notes)
    st.form_submit_button("Save notes")
if view.status == "planned":
    st.info("Once the meeting has taken place, record it as held.")
elif not held:
    st.info(f"This meeting was {words(view.status).lower()}: nothing to follow up.")
else:
    with (check := st.expander("How did I do? (self-check)", key="check", on_change="rerun")):
        if check.open:
            boxes("conduct")
    sent = view.thank_you_sent_on
    how = f" · {words(view.thank_you_method)}" if view.thank_you_method else ""
    title = f"Thank-you · sent {sent}{how}" if sent else "Thank-you · not sent yet"
    with (thanks := st.expander(title, expanded=not sent, key="thanks", on_change="rerun")):
        if thanks.open:
            st.info("Send it within a day or two.")
            st.markdown("**A draft to start from**")
            draft = (
                f"Dear {view.contact_name.split()[0]},\n\nThank you for meeting with me on "
                f"{written(view.meeting_date)}.\n\nWith thanks,\n"
                f"{user.first_name} {user.last_name}"
            )
            st.code(draft, language=None, wrap_lines=True)
            st.caption("Copy it, or open it in your mail program.")
            mail, card = st.columns(2)
            mail.link_button("Open in my mail program", f"mailto:{view.email or ''}")
            card.page_link(f"http://localhost/card?interview={view.public_id}", label="Print")
            with st.form("thank_you", border=False):
                st.date_input("Sent on", value=today)
                st.radio("How", ["Handwritten card", "E-mail", "Other"], horizontal=True)
                st.form_submit_button("Mark thank-you sent")
    st.radio("Did they welcome a follow-up later on?", ["not_asked", "granted", "declined"])
    granted = view.follow_up_permission == "granted"
    title = f"Follow-ups · {len(follow_ups)} logged"
    with (later := st.expander(title, expanded=granted, key="later", on_change="rerun")):
        if later.open:
            for follow_up in follow_ups:
                with st.container(border=True):
                    st.markdown(f"{written(follow_up.date)} · {words(follow_up.kind)}")
                    if follow_up.note:
                        st.caption(follow_up.note)
                    st.button("Remove", key=f"remove_{follow_up.id}")
            with st.form("follow_up", border=False):
                st.date_input("Date", value=today)
                st.selectbox("What you sent", ["article", "job_search_update", "other"])
                st.text_input("Note (optional)")
                st.form_submit_button("Log follow-up")
    with (led := st.expander("What it led to", key="led", on_change="rerun")):
        if led.open:
            with st.form("outcomes", border=False):
                for field in ("trends", "hiring", "marketability", "job_leads"):
                    st.text_area(words(field), value=getattr(view, f"outcome_{field}"))
                st.form_submit_button("Save outcomes")
            st.markdown("**Referrals to new contacts**")
            for referred in referrals:
                at = f" ({referred.organization})" if referred.organization else ""
                st.markdown(f"- {referred.name}{at}")
            with st.form("referral", border=False):
                st.text_input(f"{view.contact_name} referred me to…")
                st.text_input("Their organization (optional)")
                st.form_submit_button("Add referral")
st.subheader("Calendar")
st.download_button("Add the meeting to my calendar (.ics)", data=lambda: b"", on_click="ignore")
with (gone := st.expander("Delete this interview", key="gone", on_change="rerun")):
    if gone.open:
        st.caption("It leaves your lists and figures; you can restore it from this page.")
        st.button("Delete interview", key="delete")
