"""The floor of the advisor's professionals: the shell (shell.py), then the caseload's contacts
met, matched by e-mail, else by name and organization, in one grouped SELECT; drawn as the same
warning (or all-clear), table and phone rows."""

from __future__ import annotations

import os
from datetime import date, timedelta

import streamlit as st
from sqlalchemy import Engine, create_engine, text

from bench.bare.shell import shell


@st.cache_resource
def engine(url: str) -> Engine:
    return create_engine(url)


MET = """SELECT c.name, c.organization, lower(trim(coalesce(c.email, ''))) AS email,
  lower(trim(c.name)) || :sep || lower(trim(c.organization)) AS name_key,
  i.graduate_id, i.meeting_date, i.status
FROM contacts c JOIN interviews i ON i.contact_id = c.id
JOIN graduates g ON g.id = i.graduate_id
WHERE c.deleted_at IS NULL AND i.deleted_at IS NULL
  AND g.cohort_id IN (SELECT cohort_id FROM cohort_advisors WHERE advisor_id = :advisor)"""
SQL = f"""WITH met AS ({MET}),
known AS (SELECT name_key, min(email) AS email FROM met WHERE email <> '' GROUP BY name_key),
keyed AS (SELECT met.*, coalesce(nullif(met.email, ''), known.email) AS matched
          FROM met LEFT JOIN known ON known.name_key = met.name_key)
SELECT min(name), max(organization), coalesce(max(matched), ''),
  count(DISTINCT graduate_id) AS graduates,
  count(DISTINCT CASE WHEN meeting_date >= :since THEN graduate_id END) AS asked,
  max(CASE WHEN status = 'completed' THEN meeting_date END)
FROM keyed GROUP BY coalesce(matched, :rs || name_key)
ORDER BY asked DESC, graduates DESC, coalesce(matched, :rs || name_key)"""

db = engine(os.environ["DATABASE_URL"])
user = shell(db, "Professionals")
since = date.today() - timedelta(days=90)
with db.connect() as connection:
    people = connection.execute(
        text(SQL), {"advisor": user.id, "since": since, "sep": "\x1f", "rs": "\x1e"}
    ).all()

st.title("Professionals")
st.caption("The people your graduates met or plan to meet, the same person counted once.")
over = [p for p in people if p[4] >= 3]
if over:
    st.warning(f"**{len(over)} over-asked:** " + ", ".join(f"{p[0]} ({p[1]})" for p in over))
elif people:
    st.success("Nobody was asked by 3 or more graduates in the last 90 days.")
rows = [
    {
        "Over-asked": "⚠ Yes" if p[4] >= 3 else "",
        "Name": p[0],
        "Organization": p[1],
        "Graduates, last 90 days": p[4],
        "Graduates, ever": p[3],
        "Last met": p[5],
        "Email": p[2],
    }
    for p in people
]
with st.container(key="wide-professionals"):
    st.dataframe(rows, hide_index=True)
with st.container(key="narrow-professionals"):
    st.markdown(
        "\n\n".join(
            f"**{row['Name']}**  \n" + " · ".join(f"{k}: {v}" for k, v in row.items() if v)
            for row in rows
        )
    )
