"""The floor of the admin overview: the shell (shell.py), then the same figures from one GROUP BY
per family (accounts, cohorts, graduates by cohort), the locked accounts and the failed sign-in
bursts, drawn as the same elements: four metrics, the locked and burst tables (wide, and their
rows stacked for a phone) or their all-clear, the cohorts' table."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta

import streamlit as st
from sqlalchemy import Engine, create_engine, text

from bench.bare.shell import shell
from networkit_core.settings import Settings

BURST_FAILURES = 3  # as the core's overview: this many failures in the window make a burst


@st.cache_resource
def engine(url: str) -> Engine:
    return create_engine(url)


db = engine(os.environ["DATABASE_URL"])
user = shell(db, "Overview")
now = datetime.now(UTC)
if db.dialect.name == "sqlite":
    now = now.replace(tzinfo=None)  # SQLite keeps instants as naive UTC
since = now - timedelta(minutes=Settings.parsed_once().throttle_window_minutes)
with db.connect() as connection:
    roles = dict(
        connection.execute(
            text("SELECT role, count(*) FROM users WHERE is_active = :yes GROUP BY role"),
            {"yes": True},
        ).all()
    )
    inactive = connection.execute(
        text("SELECT count(*) FROM users WHERE is_active = :no"), {"no": False}
    ).scalar()
    active_cohorts, archived = connection.execute(
        text(
            "SELECT sum(CASE WHEN archived_at IS NULL THEN 1 ELSE 0 END), "
            "sum(CASE WHEN archived_at IS NULL THEN 0 ELSE 1 END) FROM cohorts"
        )
    ).one()
    locked = connection.execute(
        text(
            "SELECT email, first_name, last_name, role, failed_login_count, locked_until "
            "FROM users WHERE locked_until > :now ORDER BY locked_until DESC, email"
        ),
        {"now": now},
    ).all()
    bursts = connection.execute(
        text(
            "SELECT t.key, t.scope, u.id IS NOT NULL, t.window_failures, t.window_started_at, "
            "t.last_failure_at, CASE WHEN t.locked_until > :now THEN t.locked_until END "
            "FROM sign_in_throttles t LEFT JOIN users u ON t.scope = 'email' AND u.email = t.key "
            "WHERE t.last_failure_at > :since AND t.window_failures >= :many "
            "ORDER BY t.window_failures DESC, t.key"
        ),
        {"now": now, "since": since, "many": BURST_FAILURES},
    ).all()
    cohorts = connection.execute(
        text(
            "SELECT c.name, count(g.id), c.archived_at FROM cohorts c "
            "LEFT JOIN graduates g ON g.cohort_id = c.id GROUP BY c.id, c.name, c.archived_at "
            "ORDER BY c.archived_at IS NOT NULL, c.name"
        )
    ).all()


def stacked(key: str, rows: list[dict]) -> None:
    """A table as the page draws it: wide, and its rows stacked for a phone."""
    with st.container(key=f"wide-{key}"):
        st.dataframe(rows, hide_index=True)
    with st.container(key=f"narrow-{key}"):
        st.markdown(
            "\n\n".join(" · ".join(f"{k}: {v}" for k, v in row.items() if v) for row in rows)
        )


st.title("Overview")
st.caption("Accounts and cohorts of this installation, and who is trying to sign in")
columns = st.columns(4)
columns[0].metric("Graduates", roles.get("graduate", 0), border=True)
columns[1].metric("Advisors", roles.get("advisor", 0), border=True)
columns[2].metric("Admins", roles.get("admin", 0), border=True)
columns[3].metric("Cohorts", active_cohorts or 0, border=True, help=f"{archived or 0} archived")
if inactive:
    st.caption(f"{inactive} deactivated accounts are not counted above.")
st.subheader("Locked accounts")
if locked:
    stacked(
        "locked",
        [
            {"Email": e, "Name": f"{f} {la}", "Role": r, "Failed sign-ins": n, "Until": u}
            for e, f, la, r, n, u in locked
        ],
    )
else:
    st.success("No account is locked out.")
st.subheader("Failed sign-in bursts")
if bursts:
    st.caption("E-mails and client addresses with many failed sign-ins lately.")
    stacked(
        "bursts",
        [
            {"Key": k, "Kind": s, "Account": a, "Failures": n, "From": f, "Last": la, "Until": u}
            for k, s, a, n, f, la, u in bursts
        ],
    )
else:
    st.success("No burst of failed sign-ins lately.")
st.subheader("Cohorts")
st.dataframe(
    [{"Cohort": n, "Graduates": g, "Status": "Archived" if a else "Active"} for n, g, a in cohorts],
    hide_index=True,
)
