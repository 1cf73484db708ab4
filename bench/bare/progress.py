"""The floor of the graduate's /progress: the shell (shell.py), then the graduate and cohort, their
all-time figures (bench/floors.all_time), the week by week counts, the centre's evidence (every
graduate's counts per habit and outcome in one grouped SELECT; the interval and the sentence
are the core's arithmetic, as the dashboard's floor takes its periods), the cohort's goals, the
destinations, the referrals and the calendar address (one SELECT each); drawn as the same
elements: seven metrics, the evidence, one chart, the goals, the destination form, the
referral tree with its links, the calendar and the downloads."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st
from sqlalchemy import Engine, create_engine, text

from bench.bare.shell import shell
from bench.floors import all_time
from networkit_core.figures.evidence import (
    ClusterCounts,
    Habit,
    Outcome,
    evidence_row,
    graduate_sentence,
    importance,
)
from networkit_core.settings import Settings


@st.cache_resource
def engine(url: str) -> Engine:
    return create_engine(url)


db = engine(os.environ["DATABASE_URL"])
user = shell(db, "My progress")
settings = Settings.parsed_once()
today = date.today()
sqlite = db.dialect.name == "sqlite"
window = settings.thank_you_window_days
days = (
    "CAST(julianday(i.thank_you_sent_on) - julianday(i.meeting_date) AS INTEGER)"
    if sqlite
    else "(i.thank_you_sent_on - i.meeting_date)"
)
week = (
    "date(i.meeting_date, '-' || ((CAST(strftime('%w', i.meeting_date) AS INTEGER) + 6) % 7) "
    "|| ' days')"
    if sqlite
    else "CAST(date_trunc('week', i.meeting_date) AS DATE)"
)
item = "+t.item_id" if sqlite else "t.item_id + 0"
PREP = "SELECT id FROM checklist_items WHERE kind = 'prep' AND is_active = :yes"
thanked = "i.thank_you_sent_on IS NOT NULL AND i.thank_you_sent_on <= :today"
HABITS = {
    Habit.PREPARED: "CASE WHEN a.n > 0 AND COALESCE(t.n, 0) * 4 >= a.n * 3 THEN 1 ELSE 0 END",
    Habit.THANKED_ON_TIME: f"CASE WHEN {thanked} AND {days} <= :window THEN 1 ELSE 0 END",
    Habit.THANKED_WITH_CARD: f"CASE WHEN NOT ({thanked}) THEN NULL "
    "WHEN i.thank_you_method = 'card' THEN 1 ELSE 0 END",
    Habit.ASKED_TO_FOLLOW_UP: "CASE WHEN i.follow_up_permission IN ('granted', 'declined') "
    "THEN 1 ELSE 0 END",
    Habit.FOLLOWED_UP: "CASE WHEN i.follow_up_permission <> 'granted' THEN NULL "
    "WHEN fo.interview_id IS NOT NULL THEN 1 ELSE 0 END",
    Habit.NOTES_WRITTEN: "CASE WHEN trim(i.notes) <> '' THEN 1 ELSE 0 END",
}
OUTCOMES = {
    Outcome.REFERRAL: "CASE WHEN r.referred_by_id IS NOT NULL THEN 1 ELSE 0 END",
    Outcome.JOB_LEAD: "CASE WHEN trim(i.outcome_job_leads) <> '' THEN 1 ELSE 0 END",
    Outcome.DESTINATION: "CASE WHEN th.interview_id IS NOT NULL THEN 1 ELSE 0 END",
}
sums = ", ".join(
    f"SUM({h}), SUM(1 - {h}), "
    + ", ".join(f"SUM({h} * {o}), SUM((1 - {h}) * {o})" for o in Outcome)
    for h in Habit
)
EVIDENCE = f"""WITH live AS (SELECT * FROM interviews i
  WHERE i.deleted_at IS NULL AND i.status = 'completed'),
t AS (SELECT t.interview_id, COUNT(*) AS n FROM checklist_ticks t JOIN live i
  ON i.id = t.interview_id WHERE {item} IN ({PREP}) GROUP BY t.interview_id),
fo AS (SELECT DISTINCT f.interview_id FROM follow_ups f JOIN live i ON i.id = f.interview_id
  WHERE f.deleted_at IS NULL AND f.date <= :today),
r AS (SELECT DISTINCT graduate_id, referred_by_id FROM contacts
  WHERE deleted_at IS NULL AND referred_by_id IS NOT NULL),
th AS (SELECT DISTINCT found_through_interview_id AS interview_id FROM (
  SELECT found_through_interview_id, row_number() OVER (PARTITION BY graduate_id
    ORDER BY recorded_on DESC, id DESC) AS rank FROM destinations WHERE recorded_on <= :today
  ) d WHERE rank = 1 AND found_through_interview_id IS NOT NULL),
flags AS (SELECT i.graduate_id,
  {", ".join(f"{sql} AS {habit.value}" for habit, sql in HABITS.items())},
  {", ".join(f"{sql} AS {outcome.value}" for outcome, sql in OUTCOMES.items())}
  FROM live i CROSS JOIN (SELECT COUNT(*) AS n FROM ({PREP}) p) a
  LEFT JOIN t ON t.interview_id = i.id LEFT JOIN fo ON fo.interview_id = i.id
  LEFT JOIN r ON r.graduate_id = i.graduate_id AND r.referred_by_id = i.contact_id
  LEFT JOIN th ON th.interview_id = i.id)
SELECT {sums} FROM flags GROUP BY graduate_id"""
monday = today - timedelta(days=today.weekday())
with db.connect() as connection:
    me = connection.execute(
        text(
            "SELECT g.id, g.cohort_id, c.name FROM graduates g JOIN cohorts c "
            "ON c.id = g.cohort_id WHERE g.user_id = :user"
        ),
        {"user": user.id},
    ).one()
    ids = {"graduate": me.id, "today": today, "window": window, "yes": True}
    figures = connection.execute(text(all_time(sqlite, settings, "g.id = :graduate")), ids).one()
    weeks = connection.execute(
        text(
            f"SELECT {week} AS week, SUM(CASE WHEN i.status = 'planned' THEN 1 ELSE 0 END), "
            "SUM(CASE WHEN i.status = 'completed' THEN 1 ELSE 0 END), "
            f"SUM(CASE WHEN i.status = 'completed' AND {thanked} THEN 1 ELSE 0 END) "
            "FROM interviews i WHERE i.graduate_id = :graduate AND i.deleted_at IS NULL "
            "AND i.meeting_date BETWEEN :start AND :end GROUP BY 1 ORDER BY 1"
        ),
        {**ids, "start": monday - timedelta(weeks=26), "end": monday + timedelta(weeks=4, days=6)},
    ).all()
    goals = connection.execute(
        text("SELECT * FROM cohort_goals WHERE cohort_id = :cohort"), {"cohort": me.cohort_id}
    ).all()
    history = connection.execute(
        text(
            "SELECT recorded_on, status, organization FROM destinations "
            "WHERE graduate_id = :graduate ORDER BY recorded_on DESC, id DESC"
        ),
        ids,
    ).all()
    choices = connection.execute(
        text(
            "SELECT i.public_id, i.meeting_date, c.name FROM interviews i JOIN contacts c "
            "ON c.id = i.contact_id WHERE i.graduate_id = :graduate AND i.deleted_at IS NULL "
            "AND i.status = 'completed' ORDER BY i.meeting_date DESC, i.id DESC"
        ),
        ids,
    ).all()
    links = connection.execute(
        text(
            "SELECT r.id, r.name, c.id, c.name FROM contacts c JOIN contacts r "
            "ON r.id = c.referred_by_id WHERE c.graduate_id = :graduate "
            "AND c.deleted_at IS NULL AND r.deleted_at IS NULL ORDER BY r.name, c.name, c.id"
        ),
        ids,
    ).all()
    feed = connection.execute(
        text("SELECT created_at, last_read_at FROM calendar_feeds WHERE user_id = :user"),
        {"user": user.id},
    ).one_or_none()


@st.cache_data(ttl=300, show_spinner=False)
def centre_evidence(today: date) -> list[str]:
    """The centre's sentences, the same for every graduate: cached as the app caches them (a
    cold run empties the cache, so it counts them again)."""
    with db.connect() as connection:
        clusters = connection.execute(text(EVIDENCE), {**ids, "today": today}).all()
    return list(_sentences(clusters))


def _sentences(clusters: list[Any]) -> Iterator[str]:
    for h, habit in enumerate(Habit):
        rows = []
        for o, outcome in enumerate(Outcome):
            at = h * (2 + 2 * len(Outcome))
            counted = [
                ClusterCounts(
                    int(c[at] or 0),
                    int(c[at + 2 + 2 * o] or 0),
                    int(c[at + 1] or 0),
                    int(c[at + 3 + 2 * o] or 0),
                )
                for c in clusters
            ]
            rows.append(evidence_row(habit, outcome, counted, window))
        usable = [row for row in rows if not row.too_few and not row.small_group]
        if usable:
            best = sorted(usable, key=importance)[0]
            yield graduate_sentence(best, window)


evidence = centre_evidence(today)


def rate(top: float | None, bottom: float | None) -> str:
    return "—" if not bottom else f"{(top or 0) / bottom * 100:.1f} %"


st.title("My progress")
st.caption(f"{me.name} · all my interviews so far")
st.metric("Interviews held", figures.completed, border=True)
for start in (0, 3):
    for column, (label, value) in zip(
        st.columns(3),
        [
            ("Follow-up completion", rate(figures.followed, figures.fell_due + figures.early)),
            ("Thank-you", rate(figures.thanked, figures.completed)),
            ("On-time thank-you", rate(figures.on_time, figures.completed)),
            ("Follow-up asked", rate(figures.asked, figures.completed)),
            ("Notes written", rate(figures.noted, figures.completed)),
            ("Preparation", rate(figures.ticks, figures.items * figures.counted)),
        ][start : start + 3],
        strict=True,
    ):
        column.metric(label, value, border=True)
st.caption("“—” means there is nothing to count yet.")
if evidence:
    with st.container(border=True):
        st.markdown("**What these habits went with at the centre**")
        st.markdown("\n".join(f"- {line}" for line in evidence))
        st.caption("From every graduate's records, no one named.")
st.subheader("Week by week")
frame = pd.DataFrame(
    [
        {"Week of": w[0], "What": what, "Count": w[index]}
        for w in weeks
        for index, what in ((1, "Planned"), (2, "Held"), (3, "Thank-yous sent"))
    ],
    columns=["Week of", "What", "Count"],
)
if weeks:
    chart = alt.Chart(frame).mark_bar().encode(x="Week of:T", xOffset="What:N", y="Count:Q")
    st.altair_chart(chart.encode(color="What:N"))
else:
    st.info("Your weekly chart starts with your first interview.")
st.subheader("My cohort's goals")
if not goals:
    st.caption("Your advisor has not set goals for your cohort yet.")
for goal in goals:
    st.markdown(f"**{goal.metric}**: target {goal.target}")
    st.caption("Counts my interviews.")
    st.progress(0.5)
st.subheader("Where I landed")
if history:
    st.markdown(f"**{history[0].status}** · {history[0].organization}")
else:
    st.caption("Nothing recorded yet.")
with st.form("my_destination_form", border=True):
    st.markdown("**Record where I landed**")
    st.selectbox("Status", ["employed", "further_study", "seeking", "other"], index=None)
    left, right = st.columns(2)
    left.text_input("Organisation")
    right.text_input("Job title (or programme)")
    st.date_input("Start date", value=None)
    st.selectbox("Found through one of my interviews", ["", *(c.public_id for c in choices)])
    st.form_submit_button("Save destination")
st.subheader("How doors opened")
if links:
    st.caption("Who led me to whom.")
    names = {link[0]: link[1] for link in links} | {link[2]: link[3] for link in links}
    below: dict[int, list[int]] = {}
    for link in links:
        below.setdefault(link[0], []).append(link[2])
    referred = {link[2] for link in links}
    lines: list[str] = []
    shown: set[int] = set()
    stack = [(contact, 0) for contact in reversed([c for c in names if c not in referred])]
    while stack:
        contact, depth = stack.pop()
        if contact in shown:
            continue
        shown.add(contact)
        lines.append(f"{'    ' * depth}- {'→ ' if depth else ''}{names[contact]}")
        stack += [(other, depth + 1) for other in reversed(below.get(contact, []))]
    st.markdown("\n".join(lines))
    with st.expander("Open a contact's page"):
        for contact, name in sorted(names.items(), key=lambda item: (item[1], item[0])):
            st.page_link(f"http://localhost/contact?id={contact}", label=name)
else:
    st.caption("No referrals yet.")
st.subheader("My calendar")
st.caption("Your meetings and your thank-you-by and follow-up-by days, in your calendar.")
if feed is None:
    st.button("Make my calendar address")
else:
    st.caption(f"Calendar address made {feed.created_at}.")
    new, stop = st.columns(2)
    new.button("Make a new address")
    stop.button("Stop my calendar address")
st.download_button("Download my calendar (.ics)", data=lambda: b"", on_click="ignore")
st.subheader("My data")
st.caption("Everything I entered, as CSV files for a spreadsheet.")
for column, kind in zip(st.columns(2), ("interviews", "follow-ups"), strict=True):
    column.download_button(f"My {kind} (CSV)", data=lambda: b"", on_click="ignore")
