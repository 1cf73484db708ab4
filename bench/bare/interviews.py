"""The floor of the graduate's /interviews: the shell (shell.py), then the graduate's interviews
with their contact and follow-up count in one SELECT, their contacts and cohort in another, the
due items of bench/floors.py (one UNION ALL); drawn as the same elements: each due card with its
form or buttons, coming up (meetings and the plan's days), past with its filters, the contacts'
links and the contacts upload."""

from __future__ import annotations

import os
from datetime import date, timedelta

import streamlit as st
from sqlalchemy import Engine, create_engine, text

from bench import floors
from bench.bare.shell import shell
from networkit_core.settings import Settings


@st.cache_resource
def engine(url: str) -> Engine:
    return create_engine(url)


db = engine(os.environ["DATABASE_URL"])
user = shell(db, "My interviews")
settings = Settings.parsed_once()
today = date.today()
INTERVIEWS = """SELECT i.id, i.public_id, i.meeting_date, i.meeting_time, i.location_type,
  i.status, i.thank_you_sent_on, i.follow_up_permission, c.name, c.organization,
  COALESCE(f.n, 0) AS follow_ups, f.last
FROM interviews i JOIN graduates g ON g.id = i.graduate_id JOIN contacts c ON c.id = i.contact_id
LEFT JOIN (SELECT f.interview_id, COUNT(*) AS n, MAX(f.date) AS last FROM follow_ups f
  JOIN interviews fi ON fi.id = f.interview_id JOIN graduates fg ON fg.id = fi.graduate_id
  WHERE fg.user_id = :user AND f.deleted_at IS NULL GROUP BY f.interview_id) f
  ON f.interview_id = i.id
WHERE g.user_id = :user AND i.deleted_at IS NULL ORDER BY i.meeting_date DESC, i.id DESC"""
MINE = """SELECT g.id, co.name AS cohort, c.id AS contact_id, c.name, c.organization
FROM graduates g JOIN cohorts co ON co.id = g.cohort_id
LEFT JOIN contacts c ON c.graduate_id = g.id AND c.deleted_at IS NULL
WHERE g.user_id = :user ORDER BY c.name, c.id"""
with db.connect() as connection:
    rows = connection.execute(text(INTERVIEWS), {"user": user.id}).all()
    mine = connection.execute(text(MINE), {"user": user.id}).all()
graduate = mine[0].id
contacts = [m for m in mine if m.contact_id is not None]
scope = floors.Scope("one graduate", "{g}.id = :graduate", {"graduate": graduate})
due = sorted(floors.due_list(db, scope, settings, today), key=lambda r: (str(r[5]), r[3]))
by_id = {r.public_id: r for r in rows}


def day(value: object) -> date:
    return date.fromisoformat(value) if isinstance(value, str) else value  # type: ignore[return-value]


def written(value: date) -> str:
    return f"{value:%a} {value.day} {value:%b %Y}"


def words(value: str) -> str:
    return value.replace("_", " ").capitalize()


def line(r: object, *, status: bool = True) -> str:
    when = day(r.meeting_date)  # type: ignore[attr-defined]
    who = f"{r.name} ({r.organization})" if r.organization else r.name  # type: ignore[attr-defined]
    parts = [written(when), who, words(r.location_type)]  # type: ignore[attr-defined]
    if r.meeting_time:  # type: ignore[attr-defined]
        parts.insert(1, str(r.meeting_time)[:5])  # type: ignore[attr-defined]
    return " · ".join([*parts, words(r.status)] if status else parts)  # type: ignore[attr-defined]


def link(public_id: str, label: str) -> None:
    st.page_link(f"http://localhost/interview?id={public_id}", label=label, width="stretch")


MESSAGES = {
    "thank_you_overdue": "Thank-you to {who} not recorded; meeting was {meeting}",
    "follow_up_due": "Follow-up with {who} due; last follow-up was {meeting}",
    "outcome_missing": "Meeting with {who} on {meeting} is still planned: record whether it was "
    "held, cancelled or missed",
    "meeting_soon_unprepared": "Meeting with {who} on {meeting}: checklist not done",
}

st.title(f"Hello, {user.first_name}")
st.caption(f"{mine[0].cohort} · my informational interviews")
st.page_link("http://localhost/interview", label="Log a new interview")
st.subheader("Due now")
for item in due:
    reason, r = item[3], by_id.get(item[4])
    fell = day(item[5])
    with st.container(border=True):
        st.markdown(f"**{words(reason)}** · {(today - fell).days} days overdue")
        if r is None:
            st.markdown(f"No interview logged or held since {written(fell)}")
            st.page_link("http://localhost/interview", label="Plan an interview")
            continue
        who = f"{r.name} ({r.organization})" if r.organization else r.name
        st.markdown(MESSAGES[reason].format(who=who, meeting=written(day(r.meeting_date))))
        key = f"due_{reason}_{r.public_id}"
        if reason == "thank_you_overdue":
            with st.form(key, border=False):
                st.date_input("Sent on", value=today, key=f"{key}_on")
                st.radio("How", ["Handwritten card", "E-mail", "Other"], key=f"{key}_how")
                st.form_submit_button("Mark thank-you sent")
        elif reason == "follow_up_due":
            with st.form(key, border=False):
                st.date_input("Date", value=today, key=f"{key}_on")
                st.selectbox("What you sent", ["Email", "Call", "Other"], key=f"{key}_kind")
                st.text_input("Note (optional)", key=f"{key}_note")
                st.form_submit_button("Log follow-up")
        elif reason == "outcome_missing":
            st.caption("What happened?")
            for outcome in ("held", "cancelled", "missed"):
                st.button(f"It was {outcome}", key=f"{key}_{outcome}", width="stretch")
        link(r.public_id, "Open the checklist" if reason.startswith("meeting") else "Open it")

st.subheader("Coming up")
upcoming = [r for r in rows if r.status == "planned" and day(r.meeting_date) >= today]
for r in sorted(upcoming, key=lambda r: (str(r.meeting_date), str(r.meeting_time), r.id)):
    link(r.public_id, line(r, status=False))
# The plan's days not yet due: thank-you by, follow-up by.
window = timedelta(days=settings.thank_you_window_days)
cadence = timedelta(days=settings.follow_up_cadence_days)
due_now = {(item[4], item[3]) for item in due}
plan = []
for r in rows:
    met = day(r.meeting_date)
    if r.status not in ("planned", "completed"):
        continue
    if r.thank_you_sent_on is None:
        plan.append((met + window, "Send the thank-you to", "thank_you_overdue", r))
    ends = met + timedelta(days=settings.follow_up_plan_days)
    touch = max(met, day(r.last)) if r.last else met
    if (
        r.status == "completed"
        and r.follow_up_permission == "granted"
        and r.follow_ups < settings.follow_up_limit
        and touch + cadence <= ends
        and today <= ends
    ):
        plan.append((touch + cadence, "Follow up with", "follow_up_due", r))
for on, what, reason, r in sorted(plan, key=lambda p: (p[0], p[1], p[3].public_id)):
    if on >= today and (r.public_id, reason) not in due_now:
        link(r.public_id, f"By {written(on)} ({(on - today).days} days) · {what} {r.name}")
if not upcoming and not plan:
    st.info("Nothing planned yet.")
if plan:
    st.download_button("Add my plan to my calendar (.ics)", data=lambda: b"", on_click="ignore")

st.subheader("Past")
left, right = st.columns(2)
left.selectbox("Status", ["", "planned", "completed", "cancelled", "no_show"], key="status")
right.selectbox("Contact", ["", *sorted({c.name for c in contacts})], key="contact")
ahead = {r.id for r in upcoming}
for r in rows:
    if r.id not in ahead:
        link(r.public_id, line(r))
if contacts:
    with st.expander(f"My contacts · {len(contacts)}"):
        for c in contacts:
            at = f" ({c.organization})" if c.organization else ""
            st.page_link(f"http://localhost/contact?id={c.contact_id}", label=f"{c.name}{at}")

st.subheader("Bring in my contacts")
with st.expander("From LinkedIn or my phone"):
    st.caption("LinkedIn: Connections.csv; phone: a .vcf file.")
    st.file_uploader("Connections.csv or .vcf file", type=["csv", "vcf"], key="contacts_file")
