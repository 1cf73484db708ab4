"""The floor of the advisor's dashboard (`?user=` the advisor): the period's and the previous
period's rates from one GROUP BY on a period bucket, the weekly and monthly series, a GROUP BY
per graduate, the due items of bench/floors.py (one UNION ALL) and who was nudged lately; drawn
as the same elements: six metrics, the nudge list's first 25 rows as a wide and a narrow table,
four charts, the graduates' table and its phone rows, each with its link. Inside the app's shell
(shell.py: the sign-in by the tab's token, the menu, the sidebar), as the other floors; no
core."""

from __future__ import annotations

import os
from datetime import date, timedelta

import altair as alt
import pandas as pd
import streamlit as st
from sqlalchemy import Engine, create_engine, text

from bench import floors
from bench.bare.shell import shell
from networkit_core.figures.periods import choose_period, previous_period
from networkit_core.settings import Settings

PAGE = 25


@st.cache_resource
def engine(url: str) -> Engine:
    return create_engine(url)


db = engine(os.environ["DATABASE_URL"])
advisor = shell(db, "Dashboard").id
settings = Settings()
today = date.today()
_, period = choose_period(today, None)
before = previous_period(period, today)
assert period.start and period.end and before and before.start
scope = floors.caseload(advisor)
sqlite = db.dialect.name == "sqlite"
week = (
    "date(i.meeting_date, '-' || ((CAST(strftime('%w', i.meeting_date) AS INTEGER) + 6) % 7) "
    "|| ' days')"
    if sqlite
    else "CAST(date_trunc('week', i.meeting_date) AS DATE)"
)
month = (
    "date(i.meeting_date, 'start of month')"
    if sqlite
    else "CAST(date_trunc('month', i.meeting_date) AS DATE)"
)
days = (
    "CAST(julianday(i.thank_you_sent_on) - julianday(i.meeting_date) AS INTEGER)"
    if sqlite
    else "(i.thank_you_sent_on - i.meeting_date)"
)
item = "+t.item_id" if sqlite else "t.item_id + 0"
FLAGS = f"""
 SUM(CASE WHEN i.status = 'planned' THEN 1 ELSE 0 END) AS planned,
 SUM(CASE WHEN i.status = 'completed' THEN 1 ELSE 0 END) AS completed,
 SUM(CASE WHEN i.status = 'completed' AND i.thank_you_sent_on <= :today THEN 1 ELSE 0 END)
   AS thanked,
 SUM(CASE WHEN i.status = 'completed' AND i.thank_you_sent_on <= :today AND {days} <= :window
   THEN 1 ELSE 0 END) AS on_time,
 SUM(CASE WHEN i.status = 'completed' AND i.follow_up_permission IN ('granted', 'declined')
   THEN 1 ELSE 0 END) AS asked,
 SUM(CASE WHEN i.status = 'completed' AND i.follow_up_permission = 'granted' THEN 1 ELSE 0 END)
   AS granted,
 SUM(CASE WHEN f.interview_id IS NOT NULL THEN 1 ELSE 0 END) AS followed,
 SUM(CASE WHEN i.status = 'completed' AND trim(i.notes) <> '' THEN 1 ELSE 0 END) AS noted,
 AVG(CASE WHEN i.status IN ('planned', 'completed') THEN COALESCE(t.n, 0) END) AS prep"""
JOINS = f"""
FROM interviews i JOIN graduates g ON g.id = i.graduate_id
LEFT JOIN (SELECT t.interview_id, COUNT(*) AS n FROM checklist_ticks t
  JOIN interviews ti ON ti.id = t.interview_id JOIN graduates tg ON tg.id = ti.graduate_id
  WHERE {scope.on("tg")} AND ti.meeting_date BETWEEN :earliest AND :end
    AND {item} IN (SELECT id FROM checklist_items WHERE kind = 'prep' AND is_active = :yes)
  GROUP BY t.interview_id) t ON t.interview_id = i.id
LEFT JOIN (SELECT DISTINCT fu.interview_id FROM follow_ups fu
  JOIN interviews fi ON fi.id = fu.interview_id JOIN graduates fg ON fg.id = fi.graduate_id
  WHERE {scope.on("fg")} AND fi.meeting_date BETWEEN :earliest AND :end
    AND fu.deleted_at IS NULL AND fu.date <= :today AND fi.status = 'completed'
    AND fi.follow_up_permission = 'granted') f ON f.interview_id = i.id
WHERE {scope.on("g")} AND i.deleted_at IS NULL AND i.meeting_date BETWEEN :from AND :end"""
params = {
    **scope.params,
    "today": today,
    "window": settings.thank_you_window_days,
    "yes": True,
    "earliest": before.start,
    "end": period.end,
    "start": period.start,
}
with db.connect() as connection:
    cohorts = connection.execute(
        text(
            "SELECT c.id, c.name FROM cohorts c JOIN cohort_advisors a ON a.cohort_id = c.id "
            "WHERE a.advisor_id = :advisor ORDER BY c.name"
        ),
        {"advisor": advisor},
    ).all()
    views = connection.execute(
        text("SELECT name, query FROM saved_views WHERE advisor_id = :advisor ORDER BY name"),
        {"advisor": advisor},
    ).all()
    bucket = "CASE WHEN i.meeting_date >= :start THEN 'now' ELSE 'before' END"
    periods = {
        row.bucket: row
        for row in connection.execute(
            text(f"SELECT {bucket} AS bucket, {FLAGS} {JOINS} GROUP BY 1"),
            {**params, "from": before.start},
        )
    }
    weeks = connection.execute(
        text(f"SELECT {week} AS week, {FLAGS} {JOINS} GROUP BY 1"),
        {**params, "from": period.start},
    ).all()
    months = connection.execute(
        text(f"SELECT {month} AS month, {FLAGS} {JOINS} GROUP BY 1"),
        {**params, "from": period.start},
    ).all()
    people = connection.execute(
        text(
            "SELECT g.id, u.first_name, u.last_name, u.email, c.name AS cohort, "
            "SUM(CASE WHEN i.status = 'completed' THEN 1 ELSE 0 END) AS held, "
            "SUM(CASE WHEN i.status = 'planned' THEN 1 ELSE 0 END) AS planned, "
            "MAX(i.meeting_date) AS last_on "
            "FROM graduates g JOIN users u ON u.id = g.user_id "
            "JOIN cohorts c ON c.id = g.cohort_id "
            "LEFT JOIN interviews i ON i.graduate_id = g.id AND i.deleted_at IS NULL "
            "AND i.meeting_date BETWEEN :start AND :end "
            f"WHERE {scope.on('g')} GROUP BY g.id, u.first_name, u.last_name, u.email, c.name "
            "ORDER BY u.last_name, u.first_name"
        ),
        params,
    ).all()
    goals = connection.execute(
        text(
            "SELECT * FROM cohort_goals WHERE cohort_id IN "
            "(SELECT cohort_id FROM cohort_advisors WHERE advisor_id = :advisor)"
        ),
        {"advisor": advisor},
    ).all()
due = floors.due_list(db, scope, settings, today)
overdue_by = today - timedelta(days=settings.nudge_overdue_days)
with db.connect() as connection:
    day = "date(created_at)" if sqlite else "CAST(timezone('UTC', created_at) AS DATE)"
    nudged = dict(
        connection.execute(
            text(
                f"SELECT graduate_id, MAX({day}) FROM coaching_comments WHERE kind = 'nudge' "
                "AND deleted_at IS NULL GROUP BY graduate_id"
            )
        ).all()
    )
quiet_from = today - timedelta(days=settings.nudge_quiet_days)
needs: dict[int, list[object]] = {}
due_counts: dict[int, int] = {}
for row in due:
    due_counts[row[0]] = due_counts.get(row[0], 0) + 1
    fell_due = date.fromisoformat(row[5]) if isinstance(row[5], str) else row[5]
    last = nudged.get(row[0])
    last = date.fromisoformat(last) if isinstance(last, str) else last
    if (row[3] == "inactive" or fell_due <= overdue_by) and not (last and last > quiet_from):
        needs.setdefault(row[0], []).append(row)
lines = sorted(needs.values(), key=lambda rows: min(str(r[5]) for r in rows))


def share(top: float, bottom: float) -> str:
    return "—" if not bottom else f"{top / bottom * 100:.1f} %"


st.title("Dashboard")
st.caption(f"Good day — all your cohorts, {period.start} to {period.end}")
columns = st.columns([3, 2, 2, 2])
columns[0].selectbox("Cohort", ["", *(c.name for c in cohorts)], key="cohort")
columns[1].selectbox("Period", ["term", "30", "all", "custom"], key="period")
with (
    st.expander(f"Saved views ({len(views)})" if views else "Save this view"),
    st.form("save_view", border=False),
):
    st.text_input("Name this view", key="view_name")
    st.form_submit_button("Save this view")

st.subheader("Who needs a nudge")
if lines:
    lead = lines[0][0]
    st.markdown(f"**{len(lines)} graduates** need a nudge today. Start with **{lead[1]}**.")
    st.page_link(f"http://localhost/graduate?graduate={lead[0]}", label=f"Open {lead[1]} {lead[2]}")
    st.selectbox("Reason", ["a", "b", "c", "d", "e"], index=None, key="reason")
    st.caption(f"1–{min(PAGE, len(lines))} of {len(lines)}, most overdue first.")
    st.button("Select all shown")
    shown = [
        {
            "Graduate": f"{rows[0][1]} {rows[0][2]}",
            "Needs": ", ".join(str(r[3]) for r in rows),
            "Most overdue": (today - date.fromisoformat(str(min(str(r[5]) for r in rows)))).days,
            "Open": f"/graduate?graduate={rows[0][0]}",
        }
        for rows in lines[:PAGE]
    ]
    st.dataframe(shown, hide_index=True, on_select="rerun", selection_mode="multi-row", key="w")
    st.dataframe(
        [{"Name": r["Graduate"], "Days": r["Most overdue"], "Needs": r["Needs"]} for r in shown],
        hide_index=True,
        on_select="rerun",
        selection_mode="multi-row",
        key="n",
    )

st.subheader("How your graduates are doing")
now, earlier = periods.get("now"), periods.get("before")
columns = st.columns(3)
for index, (name, top, bottom) in enumerate(
    [
        ("Follow-up completion", "followed", "granted"),
        ("Thank-you", "thanked", "completed"),
        ("On-time thank-you", "on_time", "completed"),
        ("Follow-up asked", "asked", "completed"),
        ("Notes written", "noted", "completed"),
        ("Preparation", "prep", None),
    ]
):
    value = share(getattr(now, top, 0) or 0, getattr(now, bottom, 0) if bottom else 8)
    was = share(getattr(earlier, top, 0) or 0, getattr(earlier, bottom, 0) if bottom else 8)
    columns[index % 3].metric(name, value, delta=was, border=True)
week_frame = pd.DataFrame([dict(row._mapping) for row in weeks])
month_frame = pd.DataFrame([dict(row._mapping) for row in months])
left, right = st.columns(2)
left.altair_chart(alt.Chart(week_frame).mark_bar().encode(x="week:O", y="completed:Q"))
right.altair_chart(alt.Chart(month_frame).mark_line().encode(x="month:T", y="thanked:Q"))
funnel = pd.DataFrame(
    {"step": ["held", "thanked", "granted", "followed"]}
    | {"n": [getattr(now, k, 0) for k in ("completed", "thanked", "granted", "followed")]}
)
left, right = st.columns(2)
left.altair_chart(alt.Chart(funnel).mark_bar().encode(y="step:N", x="n:Q"))
if not goals:
    right.info("No goal is set for these cohorts; an admin sets them.")

st.subheader("Your graduates")
table = [
    {
        "Graduate": f"{p.first_name} {p.last_name}",
        "Cohort": p.cohort,
        "Held": p.held,
        "Planned": p.planned,
        "Last activity": p.last_on,
        "Due items": due_counts.get(p.id, 0),
        "Email": p.email,
    }
    for p in people
]
with st.container(key="wide-graduates"):
    st.dataframe(table, hide_index=True, on_select="rerun", selection_mode="single-row")
with st.container(key="narrow-graduates"):
    for row in table:
        st.markdown(" · ".join(f"{k}: {v}" for k, v in row.items()))
        st.page_link(
            f"http://localhost/graduate?email={row['Email']}", label=f"Open {row['Graduate']}"
        )
held = pd.DataFrame({"held": [p.held for p in people]})
st.altair_chart(alt.Chart(held).mark_bar().encode(x="held:O", y="count():Q"))
