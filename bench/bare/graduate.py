"""The floor of the advisor's one-graduate page (`?email=` one of theirs): the shell (shell.py),
then the graduate in the advisor's cohorts, their all-time figures beside their cohort's (one
UNION ALL of two grouped SELECTs), the due items of bench/floors.py (one UNION ALL), their
timeline (one UNION ALL of interviews, thank-yous, follow-ups and comments), the comments, the
contacts and the destinations recorded; drawn as the same elements: due list and nudge, six
metrics, the destination form, comments, the timeline's table and phone rows, referral chains
and the contacts' links."""

from __future__ import annotations

import os
from datetime import date

import streamlit as st
from sqlalchemy import Engine, create_engine, text

from bench import floors
from bench.bare.shell import shell
from bench.floors import all_time
from networkit_core.settings import Settings


@st.cache_resource
def engine(url: str) -> Engine:
    return create_engine(url)


db = engine(os.environ["DATABASE_URL"])
user = shell(db, "Graduate")
settings = Settings.parsed_once()
today = date.today()
sqlite = db.dialect.name == "sqlite"
created = "date(x.created_at)" if sqlite else "CAST(timezone('UTC', x.created_at) AS DATE)"
GRADUATE = """SELECT g.id, g.cohort_id, u.first_name, u.last_name, u.email, c.name AS cohort
FROM graduates g JOIN users u ON u.id = g.user_id JOIN cohorts c ON c.id = g.cohort_id
WHERE lower(u.email) = :email
  AND g.cohort_id IN (SELECT cohort_id FROM cohort_advisors WHERE advisor_id = :advisor)"""
TIMELINE = f"""SELECT i.meeting_date AS day, 'interview' AS kind,
  'Interview with ' || c.name || ' (' || c.organization || '): ' || i.status AS title,
  i.notes AS detail
FROM interviews i JOIN contacts c ON c.id = i.contact_id
WHERE i.graduate_id = :graduate AND i.deleted_at IS NULL
UNION ALL
SELECT i.thank_you_sent_on, 'thank_you', 'Thank-you to ' || c.name,
  COALESCE(i.thank_you_method, '')
FROM interviews i JOIN contacts c ON c.id = i.contact_id
WHERE i.graduate_id = :graduate AND i.deleted_at IS NULL AND i.thank_you_sent_on IS NOT NULL
UNION ALL
SELECT f.date, 'follow_up', 'Follow-up with ' || c.name || ': ' || f.kind, f.note
FROM follow_ups f JOIN interviews i ON i.id = f.interview_id JOIN contacts c ON c.id = i.contact_id
WHERE i.graduate_id = :graduate AND i.deleted_at IS NULL AND f.deleted_at IS NULL
UNION ALL
SELECT {created}, x.kind, 'Comment from ' || u.first_name || ' ' || u.last_name, x.body
FROM coaching_comments x JOIN users u ON u.id = x.author_id
WHERE x.graduate_id = :graduate AND x.deleted_at IS NULL
ORDER BY 1 DESC"""
COMMENTS = """SELECT x.id, x.kind, x.body, x.created_at, x.author_id, x.version,
  u.first_name || ' ' || u.last_name AS author
FROM coaching_comments x JOIN users u ON u.id = x.author_id
WHERE x.graduate_id = :graduate AND x.deleted_at IS NULL ORDER BY x.created_at DESC, x.id DESC"""
CONTACTS = """SELECT id, name, referred_by_id FROM contacts
WHERE graduate_id = :graduate AND deleted_at IS NULL ORDER BY name, id"""
DESTINATIONS = """SELECT d.recorded_on, d.status, d.organization, d.job_title, d.start_date
FROM destinations d WHERE d.graduate_id = :graduate ORDER BY d.recorded_on DESC, d.id DESC"""
CHOICES = """SELECT i.public_id, i.meeting_date, c.name, c.organization FROM interviews i
JOIN contacts c ON c.id = i.contact_id
WHERE i.graduate_id = :graduate AND i.deleted_at IS NULL AND i.status = 'completed'
ORDER BY i.meeting_date DESC, i.id DESC"""
with db.connect() as connection:
    who = connection.execute(
        text(GRADUATE), {"email": st.query_params["email"].lower(), "advisor": user.id}
    ).one()
    ids = {"graduate": who.id}
    mine, cohort = connection.execute(
        text(
            f"{all_time(sqlite, settings, 'g.id = :graduate')} UNION ALL "
            f"{all_time(sqlite, settings, 'g.cohort_id = :cohort')}"
        ),
        {
            **ids,
            "cohort": who.cohort_id,
            "window": settings.thank_you_window_days,
            "today": today,
            "yes": True,
        },
    ).all()
    timeline = connection.execute(text(TIMELINE), ids).all()
    comments = connection.execute(text(COMMENTS), ids).all()
    contacts = connection.execute(text(CONTACTS), ids).all()
    history = connection.execute(text(DESTINATIONS), ids).all()
    choices = connection.execute(text(CHOICES), ids).all()
scope = floors.Scope("one graduate", "{g}.id = :graduate", ids)
due = sorted(floors.due_list(db, scope, settings, today), key=lambda r: (str(r[5]), r[3]))


def rate(top: float | None, bottom: float | None) -> float | None:
    return None if not bottom else (top or 0) / bottom * 100


def share(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f} %"


def change(value: float | None, other: float | None) -> str | None:
    return None if value is None or other is None else f"{value - other:+.1f} pts"


def prep(row: object) -> float | None:
    """Ticked over active items times the interviews counted, as the core divides."""
    return (row.items * row.counted) or None  # type: ignore[attr-defined]


name = f"{who.first_name} {who.last_name}"
st.page_link("http://localhost/dashboard", label="Dashboard")
st.title(name)
st.caption(f"{who.cohort} · {who.email}")
st.subheader("Due now")
for item in due:
    st.markdown(f"- **{item[3].replace('_', ' ').capitalize()}** — {item[6] or ''} {item[5]}")
if not due:
    st.success("Nothing is due for this graduate.")
else:
    with st.container(border=True):
        st.markdown("**Nudge**")
        body = "\n".join(f"- {item[3]} {item[6] or ''}" for item in due)
        st.link_button("Write an e-mail", f"mailto:{who.email}?body={body}")
        with st.form("record_nudge", border=False):
            st.text_input("How you reminded them", key="nudge_note")
            st.form_submit_button("Record the nudge")
st.subheader("Figures, beside the cohort's")
st.caption(f"All time: {mine.completed} interviews held and {mine.planned} planned.")
for start in (0, 3):
    for column, (label, top, bottom) in zip(
        st.columns(3),
        [
            ("Follow-up completion", "followed", "fell_due"),
            ("Thank-you", "thanked", "completed"),
            ("On-time thank-you", "on_time", "completed"),
            ("Follow-up asked", "asked", "completed"),
            ("Notes written", "noted", "completed"),
            ("Preparation", "planned", "completed"),
        ][start : start + 3],
        strict=True,
    ):
        if label == "Preparation":
            value, was = rate(mine.ticks, prep(mine)), rate(cohort.ticks, prep(cohort))
        elif bottom == "fell_due":  # followed up before it fell due: counted due all the same
            value = rate(mine.followed, mine.fell_due + mine.early)
            was = rate(cohort.followed, cohort.fell_due + cohort.early)
        else:
            value = rate(getattr(mine, top), getattr(mine, bottom))
            was = rate(getattr(cohort, top), getattr(cohort, bottom))
        column.metric(label, share(value), delta=change(value, was), border=True)
st.subheader("Where they landed")
if history:
    st.markdown(f"**{history[0].status}** · {history[0].organization}")
else:
    st.caption("No destination recorded for this graduate yet.")
with st.form("destination_form", border=True):
    st.markdown("**Record where they landed**")
    st.selectbox("Status", ["employed", "further_study", "seeking", "other"], index=None)
    left, right = st.columns(2)
    left.text_input("Organisation")
    right.text_input("Job title (or programme)")
    st.date_input("Start date", value=None)
    st.selectbox("Found through one of their interviews", ["", *(c.public_id for c in choices)])
    st.form_submit_button("Save destination")
if history:
    with st.expander(f"History ({len(history)} recorded, the newest counts)"):
        st.dataframe([dict(row._mapping) for row in history], hide_index=True)
st.subheader("Coaching comments")
with st.form("add_comment", border=True):
    st.text_area("A comment for this graduate's file", key="new_comment")
    st.form_submit_button("Add comment")
if not comments:
    st.caption("No comment yet.")
for comment in comments:
    with st.container(border=True):
        st.markdown(f"**{comment.author}** · {comment.created_at}")
        st.text(comment.body)
        if comment.author_id == user.id:
            with st.expander("Edit or delete"):
                with st.form(f"edit_{comment.id}", border=False):
                    st.text_area("Comment", value=comment.body)
                    st.form_submit_button("Save")
                st.button("Delete this comment", key=f"delete_{comment.id}")
st.subheader("Timeline")
rows = [
    {
        "Date": r.day,
        "What": r.kind.replace("_", " ").capitalize(),
        "Title": r.title,
        "Detail": r.detail,
    }
    for r in timeline
]
with st.container(key="wide-timeline"):
    st.dataframe(rows, hide_index=True)
with st.container(key="narrow-timeline"):
    st.markdown(
        "\n\n".join(
            f"**{row['Date']}**  \n" + " · ".join(f"{k}: {v}" for k, v in row.items() if v)
            for row in rows
        )
    )
st.subheader("Referral chains")
names = {c.id: c.name for c in contacts}
below: dict[int, list[int]] = {}
for c in contacts:
    if c.referred_by_id in names:
        below.setdefault(c.referred_by_id, []).append(c.id)
chains = []
stack = [(c.id, [c.name]) for c in contacts if c.referred_by_id not in names and c.id in below]
while stack:
    at, path = stack.pop()
    if at not in below:
        chains.append(path)
    stack += [(child, [*path, names[child]]) for child in below.get(at, [])]
for chain in sorted(chains, key=lambda chain: (-len(chain), chain)):
    st.markdown("- " + " → ".join(chain))
if not chains:
    st.caption("No contact has referred this graduate to another one yet.")
if contacts:
    with st.expander(f"Contacts · {len(contacts)}"):
        for c in sorted(contacts, key=lambda c: (c.name, c.id)):
            st.page_link(f"http://localhost/contact?id={c.id}", label=c.name)
