"""The floor of the audit log: the shell (shell.py), then how many entries, the newest 500 with
who made them, and the filters' choices (people, actions, records), drawn as the same form and
table (wide, and its rows stacked for a phone)."""

from __future__ import annotations

import os

import streamlit as st
from sqlalchemy import Engine, create_engine, text

from bench.bare.shell import shell

PAGE_ROWS = 500


@st.cache_resource
def engine(url: str) -> Engine:
    return create_engine(url)


db = engine(os.environ["DATABASE_URL"])
user = shell(db, "Audit log")
with db.connect() as connection:
    matching = connection.execute(text("SELECT count(*) FROM audit_log")).scalar() or 0
    lines = connection.execute(
        text(
            "SELECT a.at, u.email, a.action, a.entity, a.entity_id, a.detail FROM audit_log a "
            "LEFT JOIN users u ON u.id = a.actor_id ORDER BY a.at DESC, a.id DESC LIMIT :n"
        ),
        {"n": PAGE_ROWS},
    ).all()
    people = connection.execute(
        text(
            "SELECT email FROM users WHERE id IN (SELECT DISTINCT actor_id FROM audit_log) "
            "ORDER BY email"
        )
    ).scalars()
    actions = connection.execute(
        text("SELECT DISTINCT action FROM audit_log ORDER BY action")
    ).scalars()
    entities = connection.execute(
        text("SELECT DISTINCT entity FROM audit_log ORDER BY entity")
    ).scalars()
    people, actions, entities = list(people), list(actions), list(entities)

st.title("Audit log")
st.caption("Who did what to which record, and when (times in UTC).")
with st.form("audit_filters"):
    who, action, record, record_id = st.columns(4)
    who.selectbox("Who", ["", *people])
    action.selectbox("What", ["", *actions])
    record.selectbox("Record", ["", *entities])
    record_id.text_input("Record id")
    start, end, _ = st.columns([1, 1, 2])
    start.date_input("From", value=None)
    end.date_input("To", value=None)
    st.form_submit_button("Filter")
st.caption(f"{matching} entries match.")
st.download_button("Download as CSV", data=b"", disabled=not matching)
if lines:
    rows = [
        {"When (UTC)": a, "Who": w, "What": x, "Record": e, "Record id": i, "Details": str(d)}
        for a, w, x, e, i, d in lines
    ]
    with st.container(key="wide-audit"):
        st.dataframe(rows, hide_index=True)
    with st.container(key="narrow-audit"):
        st.markdown("\n\n".join(" · ".join(str(v) for v in row.values()) for row in rows))
else:
    st.info("Nothing in the log matches these filters.")
