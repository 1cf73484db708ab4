"""The floor of the admin overview: the same figures from one GROUP BY per family, drawn as the
same elements, with no sign-in, no navigation and no core."""

from __future__ import annotations

import os
from datetime import UTC, datetime

import streamlit as st
from sqlalchemy import Engine, create_engine, text


@st.cache_resource
def engine(url: str) -> Engine:
    return create_engine(url)


with engine(os.environ["DATABASE_URL"]).connect() as connection:
    now = datetime.now(UTC)
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
        text("SELECT email, failed_login_count FROM users WHERE locked_until > :now"),
        {"now": now if connection.dialect.name != "sqlite" else now.replace(tzinfo=None)},
    ).all()
    cohorts = connection.execute(
        text(
            "SELECT c.name, count(g.id), c.archived_at FROM cohorts c "
            "LEFT JOIN graduates g ON g.cohort_id = c.id GROUP BY c.id, c.name, c.archived_at "
            "ORDER BY c.name"
        )
    ).all()

st.title("Overview")
st.caption("Accounts and cohorts of this installation")
columns = st.columns(4)
columns[0].metric("Graduates", roles.get("graduate", 0), border=True)
columns[1].metric("Advisors", roles.get("advisor", 0), border=True)
columns[2].metric("Admins", roles.get("admin", 0), border=True)
columns[3].metric("Cohorts", active_cohorts or 0, border=True)
if inactive:
    st.caption(f"{inactive} deactivated accounts are not counted above.")
st.subheader("Locked accounts")
if locked:
    st.dataframe([{"Email": e, "Failed sign-ins": n} for e, n in locked], hide_index=True)
else:
    st.success("No account is locked out.")
st.subheader("Cohorts")
st.dataframe(
    [{"Cohort": n, "Graduates": g, "Status": "Archived" if a else "Active"} for n, g, a in cohorts],
    hide_index=True,
)
