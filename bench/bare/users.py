"""The floor of the admin's users page: the shell (shell.py), then every account in one SELECT,
drawn as the same table (wide, and its rows stacked for a phone), the search box, the
new-account form and the choice of an account to change."""

from __future__ import annotations

import os

import streamlit as st
from sqlalchemy import Engine, create_engine, text

from bench.bare.shell import shell


@st.cache_resource
def engine(url: str) -> Engine:
    return create_engine(url)


db = engine(os.environ["DATABASE_URL"])
user = shell(db, "Users")
with db.connect() as connection:
    users = connection.execute(
        text(
            "SELECT email, first_name, last_name, role, is_active, locked_until, "
            "password_hash IS NOT NULL, must_change_password, failed_login_count "
            "FROM users ORDER BY last_name, first_name, id"
        )
    ).all()


def status(user: tuple) -> str:
    if not user[4]:
        return "Deactivated"
    if user[5] is not None:
        return "Locked"
    if not user[6]:
        return "No password yet"
    return "Temporary password" if user[7] else "Active"


st.title("Users")
st.caption("Every account of this installation: find one, create one, change one.")
with st.expander("New account"), st.form("new_account"):
    st.selectbox("Role", ["admin", "advisor", "graduate"], key="new_role")
    first, last = st.columns(2)
    first.text_input("First name", key="new_first_name")
    last.text_input("Last name", key="new_last_name")
    st.text_input("Email", key="new_email")
    st.text_input("Temporary password", key="new_password", type="password")
    st.checkbox("Bring back", key="new_bring_back")
    st.form_submit_button("Create account")
st.text_input("Search by name or email", key="users_search")
rows = [
    {
        "Email": u[0],
        "Name": f"{u[1]} {u[2]}",
        "Role": u[3],
        "Status": status(u),
        "Failed sign-ins": u[8],
        "Locked until (UTC)": u[5],
    }
    for u in users
]
with st.container(key="wide-users"):
    st.dataframe(rows, hide_index=True)
with st.container(key="narrow-users"):
    st.markdown(
        "\n\n".join(
            f"**{row['Email']}**  \n"
            + " · ".join(f"{k}: {v}" for k, v in row.items() if v and k != "Email")
            for row in rows
        )
    )
names = {row["Email"]: row["Name"] for row in rows}
st.selectbox(
    "Account to change",
    list(names),
    index=None,
    format_func=lambda email: f"{names[email]} · {email}",
    key="chosen",
)
