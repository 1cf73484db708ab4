"""The admin's overview: accounts, cohorts, and who is locked out."""

from __future__ import annotations

import streamlit as st

from networkit_core.models import Role
from networkit_core.read_models import overview
from pages.ui.layout import MINUTES, table
from pages.ui.session import call, context, require
from pages.ui.text import label

actor = require(Role.ADMIN)
ctx = context()
summary = call(overview.admin_summary, ctx, actor)
cohorts = call(overview.coached_cohorts, ctx, actor)

st.title("Overview")
st.caption("Accounts and cohorts of this installation, and who is trying to sign in")

graduates, advisors, admins, cohort_count = st.columns(4)
graduates.metric("Graduates", summary.accounts_by_role[Role.GRADUATE], border=True)
advisors.metric("Advisors", summary.accounts_by_role[Role.ADVISOR], border=True)
admins.metric("Admins", summary.accounts_by_role[Role.ADMIN], border=True)
cohort_count.metric(
    "Cohorts",
    summary.active_cohorts,
    border=True,
    help=f"Active cohorts; {summary.archived_cohorts} more archived",
)
if summary.inactive_accounts:
    st.caption(f"{summary.inactive_accounts} deactivated accounts are not counted above.")

st.subheader(":material/lock: Locked accounts")
if summary.locked:
    table(
        [
            {
                "Email": account.email,
                "Name": account.name,
                "Role": label(account.role),
                "Failed sign-ins": account.failed_logins,
                "Locked until (UTC)": account.locked_until,
            }
            for account in summary.locked
        ],
        key="locked",
        hide_index=True,
        column_config={"Locked until (UTC)": MINUTES},
    )
else:
    st.success("No account is locked out.", icon=":material/lock_open:")

st.subheader(":material/warning: Failed sign-in bursts")
if summary.bursts:
    st.caption(
        "E-mails (with or without an account) and client addresses with many failed "
        "sign-ins lately. Unlock an account from Users."
    )
    table(
        [
            {
                "E-mail or address": burst.key,
                "Kind": "E-mail" if burst.scope == "email" else "Client address",
                "Has an account": burst.has_account if burst.scope == "email" else None,
                "Failures": burst.failures,
                "From (UTC)": burst.first_at,
                "Last (UTC)": burst.last_at,
                "Locked until (UTC)": burst.locked_until,
            }
            for burst in summary.bursts
        ],
        key="bursts",
        hide_index=True,
        column_config={
            column: MINUTES for column in ("From (UTC)", "Last (UTC)", "Locked until (UTC)")
        },
    )
else:
    st.success("No burst of failed sign-ins lately.", icon=":material/verified_user:")

st.subheader(":material/groups: Cohorts")
if cohorts:
    st.dataframe(
        [
            {
                "Cohort": cohort.name,
                "Graduates": cohort.graduate_count,
                "Status": "Archived" if cohort.archived else "Active",
            }
            for cohort in cohorts
        ],
        hide_index=True,
    )
else:
    st.info("No cohort yet.", icon=":material/info:")
