"""The floor of the evidence page for an advisor (all their cohorts, all time): the shell
(shell.py), then the cohorts they coach (one SELECT) and one statement grouped by graduate over
their completed interviews, each interview's six habits and three outcomes as 0/1 flags summed
into each graduate's four counts per habit and outcome (as the core's). Each of the 18 rows'
difference of rates and its 95 % interval is the cluster-robust one of the core's method, with
scipy's t quantile. Drawn as the same elements: the filters, the outcome radio, the forest plot
of the outcome shown, its sentences, and the table of every row with its phone rows."""

from __future__ import annotations

import math
import os
from datetime import date

import altair as alt
import pandas as pd
import streamlit as st
from scipy.special import stdtrit
from sqlalchemy import Engine, create_engine, text

from bench.bare.shell import shell
from networkit_core.figures.sql import WHITESPACE
from networkit_core.settings import Settings


@st.cache_resource
def engine(url: str) -> Engine:
    return create_engine(url)


HABITS = {
    "prepared": "Prepared",
    "thanked_on_time": "Thanked on time",
    "thanked_with_card": "Thanked with a card",
    "asked_to_follow_up": "Asked to follow up",
    "followed_up": "Followed up",
    "notes_written": "Notes written",
}
OUTCOMES = {
    "referral": "a referral",
    "job_lead": "a job lead",
    "destination": "the destination found through it",
}
db = engine(os.environ["DATABASE_URL"])
sqlite = db.dialect.name == "sqlite"
days = (
    "CAST(julianday(i.thank_you_sent_on) - julianday(i.meeting_date) AS INTEGER)"
    if sqlite
    else "(i.thank_you_sent_on - i.meeting_date)"
)
trim = "trim" if sqlite else "btrim"
item = "+x.item_id" if sqlite else "(x.item_id + 0)"  # as the core: not by the item index
MINE = (
    "SELECT id FROM graduates WHERE cohort_id IN (SELECT cohort_id FROM cohort_advisors "
    "WHERE advisor_id = :me)"
)
SCOPED = f"i.deleted_at IS NULL AND i.status = 'completed' AND i.graduate_id IN ({MINE})"
THANKED = "i.thank_you_sent_on IS NOT NULL AND i.thank_you_sent_on <= :today"
FLAGS = f"""SELECT i.graduate_id,
  CASE WHEN p.n > 0 AND coalesce(t.ticks, 0) * 4 >= p.n * 3 THEN 1 ELSE 0 END AS prepared,
  CASE WHEN {THANKED} AND {days} <= :window THEN 1 ELSE 0 END AS thanked_on_time,
  CASE WHEN NOT ({THANKED}) THEN NULL WHEN i.thank_you_method = 'card' THEN 1 ELSE 0 END
    AS thanked_with_card,
  CASE WHEN i.follow_up_permission IN ('granted', 'declined') THEN 1 ELSE 0 END
    AS asked_to_follow_up,
  CASE WHEN NOT (i.follow_up_permission = 'granted') THEN NULL
    WHEN f.interview_id IS NOT NULL THEN 1 ELSE 0 END AS followed_up,
  CASE WHEN NOT ({trim}(i.notes, :ws) = '') THEN 1 ELSE 0 END AS notes_written,
  CASE WHEN r.referred_by_id IS NOT NULL THEN 1 ELSE 0 END AS referral,
  CASE WHEN NOT ({trim}(i.outcome_job_leads, :ws) = '') THEN 1 ELSE 0 END AS job_lead,
  CASE WHEN d.interview_id IS NOT NULL THEN 1 ELSE 0 END AS destination
FROM interviews i
CROSS JOIN (SELECT count(*) AS n FROM checklist_items
  WHERE kind = 'prep' AND is_active = :yes) p
LEFT JOIN (SELECT x.interview_id, count(*) AS ticks
  FROM checklist_ticks x JOIN interviews i ON i.id = x.interview_id
  WHERE {SCOPED} AND {item} IN (SELECT id FROM checklist_items
    WHERE kind = 'prep' AND is_active = :yes)
  GROUP BY x.interview_id) t ON t.interview_id = i.id
LEFT JOIN (SELECT f.interview_id FROM follow_ups f JOIN interviews i ON i.id = f.interview_id
  WHERE {SCOPED} AND f.deleted_at IS NULL AND f.date <= :today
  GROUP BY f.interview_id) f ON f.interview_id = i.id
LEFT JOIN (SELECT graduate_id, referred_by_id FROM contacts
  WHERE deleted_at IS NULL AND referred_by_id IS NOT NULL AND graduate_id IN ({MINE})
  GROUP BY graduate_id, referred_by_id) r
  ON r.graduate_id = i.graduate_id AND r.referred_by_id = i.contact_id
LEFT JOIN (SELECT found_through_interview_id AS interview_id
  FROM (SELECT found_through_interview_id, row_number() OVER (PARTITION BY graduate_id
      ORDER BY recorded_on DESC, id DESC) AS n FROM destinations WHERE recorded_on <= :today) c
  WHERE c.n = 1 AND found_through_interview_id IS NOT NULL
  GROUP BY found_through_interview_id) d ON d.interview_id = i.id
WHERE {SCOPED}"""
SUMS = ", ".join(
    f"sum({h}), sum(1 - {h}), "
    + ", ".join(f"sum({h} * {o}), sum((1 - {h}) * {o})" for o in OUTCOMES)
    for h in HABITS
)
CLUSTERS = f"SELECT {SUMS} FROM ({FLAGS}) flags GROUP BY graduate_id"
COHORTS = """SELECT name FROM cohorts
WHERE id IN (SELECT cohort_id FROM cohort_advisors WHERE advisor_id = :me) ORDER BY name"""

user = shell(db, "Evidence")
today = date.today()
window = Settings.parsed_once().thank_you_window_days
with db.connect() as connection:
    cohorts = connection.execute(text(COHORTS), {"me": user.id}).scalars().all()
    graduates = connection.execute(
        text(CLUSTERS),
        {"me": user.id, "today": today, "window": window, "ws": WHITESPACE, "yes": True},
    ).all()


def interval(clusters: list[tuple[int, int, int, int]]) -> tuple[float, float, float] | None:
    """The difference of the two rates and its clustered 95 % interval (the core's method)."""
    n1, k1 = sum(c[0] for c in clusters), sum(c[1] for c in clusters)
    n0, k0 = sum(c[2] for c in clusters), sum(c[3] for c in clusters)
    if not n1 or not n0:
        return None
    if k1 in (0, n1) or k0 in (0, n0):  # no spread in a group: two made-up graduates added
        widened = interval([*clusters, (2, 1, 0, 0), (0, 0, 2, 1)])
        if widened is None:
            return None
        p = k1 / n1 - k0 / n0
        return p, max(-1.0, p - (widened[0] - widened[1])), min(1.0, p + widened[2] - widened[0])
    p1, p0 = k1 / n1, k0 / n0
    counted = [c for c in clusters if c[0] + c[2]]
    groups, n = len(counted), n1 + n0
    meat = sum(((c[1] - c[0] * p1) / n1 - (c[3] - c[2] * p0) / n0) ** 2 for c in counted)
    half = float(stdtrit(groups - 1, 0.975)) * math.sqrt(
        groups / (groups - 1) * (n - 1) / (n - 2) * meat
    )
    return p1 - p0, p1 - p0 - half, p1 - p0 + half


rows = []
for h, habit in enumerate(HABITS):
    for o, outcome in enumerate(OUTCOMES):
        at = h * 8
        clusters = [
            (
                int(g[at] or 0),
                int(g[at + 2 + 2 * o] or 0),
                int(g[at + 1] or 0),
                int(g[at + 3 + 2 * o] or 0),
            )
            for g in graduates
        ]
        n1, n0 = sum(c[0] for c in clusters), sum(c[2] for c in clusters)
        found = interval(clusters)
        few = n1 < 10 or n0 < 10 or found is None
        rows.append(
            {
                "outcome": outcome,
                "Habit": HABITS[habit],
                "Outcome": OUTCOMES[outcome],
                "With: interviews": n1,
                "With: rate": None if few else sum(c[1] for c in clusters) / n1 * 100,
                "Without: interviews": n0,
                "Without: rate": None if few else sum(c[3] for c in clusters) / n0 * 100,
                "Difference (points)": None if few else round(found[0] * 100, 1),
                "95 % from": None if few else round(found[1] * 100, 1),
                "95 % to": None if few else round(found[2] * 100, 1),
                "few": few,
            }
        )
rows.sort(
    key=lambda r: (
        (2, 0.0)
        if r["few"]
        else (0, -min(abs(r["95 % from"]), abs(r["95 % to"])))
        if r["95 % from"] > 0 or r["95 % to"] < 0
        else (1, -abs(r["Difference (points)"]))
    )
)
counted = max((r["With: interviews"] + r["Without: interviews"] for r in rows), default=0)

st.title("Evidence")
st.info("This shows what went together in this centre's records, not what caused what.")
st.caption(f"All my cohorts · interviews held since the beginning · {counted} counted")
cohort, start, end = st.columns([3, 2, 2])
cohort.selectbox("Cohort", ["", *cohorts], format_func=lambda name: name or "All my cohorts")
start.date_input("Held from", value=None)
end.date_input("Held to", value=None)
if not counted:
    st.info("No completed interview in this scope yet: nothing to compare.")
    st.stop()
chosen = st.radio("Went with", list(OUTCOMES), format_func=OUTCOMES.get, horizontal=True)
shown = [r for r in rows if r["outcome"] == chosen]
st.subheader(f"What went with {OUTCOMES[chosen]}")
drawn = [r for r in shown if not r["few"]]
if drawn:
    st.caption("Each row: how many percentage points more often an interview with the habit...")
    frame = pd.DataFrame(drawn, columns=["Habit", "Difference (points)", "95 % from", "95 % to"])
    st.altair_chart(
        alt.Chart(frame)
        .mark_bar()
        .encode(y=alt.Y("Habit:N"), x=alt.X("95 % from:Q"), x2=alt.X2("95 % to:Q"))
    )
if len(drawn) < len(shown):
    st.caption("Too few to say: " + ", ".join(r["Habit"] for r in shown if r["few"]) + ".")
st.markdown(
    "\n".join(
        f"- {r['Habit']} went with {r['Outcome']} {r['With: rate']} against {r['Without: rate']}"
        for r in shown
    )
)
with st.expander("Every habit and outcome, in numbers"):
    table = [{k: v for k, v in r.items() if k not in ("outcome", "few")} for r in rows]
    with st.container(key="wide-evidence_numbers"):
        st.dataframe(table, hide_index=True)
    with st.container(key="narrow-evidence_numbers"):
        st.markdown(
            "\n\n".join(
                f"**{row['Habit']}**  \n" + " · ".join(f"{k}: {v}" for k, v in row.items() if v)
                for row in table
            )
        )
    st.caption("The interval counts a graduate's interviews as one cluster.")
