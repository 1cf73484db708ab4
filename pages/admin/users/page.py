"""Users (`/users?q=...&email=...`): find an account, create one, and change it: role, deactivate or
reactivate, unlock, a temporary password, erase on request (`erase.py`)."""

from __future__ import annotations

import streamlit as st

from networkit_core import bounds
from networkit_core.actor import Actor
from networkit_core.models import Role
from networkit_core.passwords import MIN_PASSWORD_LENGTH, temporary_password
from networkit_core.services.accounts import admin
from networkit_core.services.accounts.admin import UserView
from networkit_core.services.erased import BRING_BACK
from pages.admin.users.erase import erase_section, erased_notice
from pages.shell import university
from pages.ui.calls import act, form_error, value
from pages.ui.layout import MINUTES, table
from pages.ui.params import to_address
from pages.ui.session import call, context, require
from pages.ui.text import escape, label

actor = require(Role.ADMIN)
ctx = context()
search = st.query_params.get("q", "")
chosen_email = st.query_params.get("email", "")
users = call(admin.list_users, ctx, actor, search=search)

# A temporary password is shown once, to the admin who set it, right after the write.
GIVEN_KEY = "users_temporary_password"


def _status(user: UserView) -> str:
    if not user.is_active:
        return "Deactivated"
    if user.locked_until is not None:
        return "Locked"
    if not user.has_password:
        return "No password yet"
    if user.must_change_password:
        return "Temporary password"
    return "Active"


def _search() -> None:
    words = (value("users_search") or "").strip()
    if words:
        st.query_params["q"] = words
    else:
        st.query_params.pop("q", None)
    st.query_params.pop("email", None)


def _create(admin_actor: Actor) -> None:
    password = (value("new_password") or "").strip() or temporary_password()
    email = value("new_email") or ""
    if act(
        "new_account",
        "Account created.",
        admin.create_account,
        ctx,
        admin_actor,
        email=email,
        first_name=value("new_first_name") or "",
        last_name=value("new_last_name") or "",
        role=value("new_role"),
        password=password,
        bring_back_erased=bool(value("new_bring_back")),
    ):
        st.session_state[GIVEN_KEY] = (email.strip().lower(), password)
        st.query_params["email"] = email.strip().lower()
        st.session_state["new_password"] = ""
        st.session_state["new_bring_back"] = False


def _reset(admin_actor: Actor, user: UserView) -> None:
    password = (value("reset_password") or "").strip() or temporary_password()
    if act(
        "reset",
        "Temporary password set.",
        admin.reset_password,
        ctx,
        admin_actor,
        user.id,
        password,
    ):
        st.session_state[GIVEN_KEY] = (user.email, password)
    st.session_state["reset_password"] = ""


st.title("Users")
st.caption("Every account of this installation: find one, create one, change one.")

if university.configured():
    st.toggle(
        "Allow signing in with a password",
        value=call(admin.local_passwords, ctx, actor),
        key="local_passwords",
        help="Off: everyone signs in through the university only.",
        on_change=lambda: act(
            "passwords",
            "Sign-in setting saved.",
            admin.set_local_passwords,
            ctx,
            actor,
            bool(value("local_passwords")),
        ),
    )
    form_error("passwords")

erased_notice()
given = st.session_state.pop(GIVEN_KEY, None)
if given:
    st.success(
        f"Temporary password for **{escape(given[0])}** — pass it on; they choose their own "
        "when they first sign in. It is not shown again.",
        icon=":material/key:",
    )
    st.code(given[1], language=None)

with (
    st.expander("New account", icon=":material/person_add:", expanded=False),
    st.form("new_account", clear_on_submit=False),
):
    form_error("new_account")
    st.selectbox("Role", list(Role), format_func=label, key="new_role", index=2)
    first, last = st.columns(2)
    first.text_input("First name", key="new_first_name", max_chars=bounds.PERSON_NAME.max_chars)
    last.text_input("Last name", key="new_last_name", max_chars=bounds.PERSON_NAME.max_chars)
    st.text_input("Email", key="new_email", max_chars=bounds.EMAIL.max_chars)
    st.text_input(
        "Temporary password",
        key="new_password",
        type="password",
        help=f"Leave empty to have one made for you. At least {MIN_PASSWORD_LENGTH} "
        "characters; the user must change it at their first sign-in.",
    )
    st.checkbox(
        BRING_BACK.capitalize(),
        key="new_bring_back",
        help="Someone erased on request is refused a new account unless this is ticked.",
    )
    st.form_submit_button("Create account", type="primary", on_click=_create, args=(actor,))

st.text_input(
    "Search by name or email",
    value=search,
    key="users_search",
    on_change=_search,
    icon=":material/search:",
)
if not users:
    st.info("No account matches this search." if search else "No account yet.")
    st.stop()

# The table as its columns, from the accounts' tuples: no dict per row (2,000 of them).
roles = {role: label(role) for role in Role}  # once, not once per account
field = dict(zip(UserView._fields, zip(*users, strict=True), strict=True))
emails = list(field["email"])
names = [
    f"{first} {last}".strip()
    for first, last in zip(field["first_name"], field["last_name"], strict=True)
]
table(
    {
        "Email": emails,
        "Name": names,
        "Role": [roles[role] for role in field["role"]],
        "Status": [_status(user) for user in users],
        "Failed sign-ins": field["failed_login_count"],
        "Locked until (UTC)": field["locked_until"],
    },
    key="users",
    hide_index=True,
    column_config={"Locked until (UTC)": MINUTES},
)

by_email = dict(zip(emails, users, strict=True))
name_of = dict(zip(emails, names, strict=True))
st.selectbox(
    "Account to change",
    emails,
    index=emails.index(chosen_email) if chosen_email in by_email else None,
    format_func=lambda email: f"{name_of[email]} · {email}",
    placeholder="Choose an account",
    key="users_chosen",
    on_change=to_address,
    args=("email", "users_chosen"),
)
user = by_email.get(chosen_email)
if user is None:
    st.stop()

st.subheader(escape(user.display_name) or escape(user.email))
st.caption(f"{escape(user.email)} · {label(user.role)} · {_status(user)}")
form_error("account")
role_column, status_column = st.columns(2, gap="large")
with role_column, st.form("role"):
    form_error("role")
    role_key = f"role_{user.id}"
    st.selectbox(
        "Role", list(Role), index=list(Role).index(user.role), format_func=label, key=role_key
    )
    st.form_submit_button(
        "Change role",
        on_click=lambda: act(
            "role",
            "Role changed.",
            admin.change_role,
            ctx,
            actor,
            user.id,
            value(role_key),
            expected_role=user.role,
        ),
    )
with status_column:
    if user.is_active:
        st.button(
            "Deactivate",
            icon=":material/person_off:",
            help="The account can no longer sign in; its records stay.",
            on_click=act,
            args=("account", "Account deactivated.", admin.deactivate_user, ctx, actor, user.id),
        )
    else:
        st.button(
            "Reactivate",
            icon=":material/person_check:",
            on_click=act,
            args=("account", "Account reactivated.", admin.reactivate_user, ctx, actor, user.id),
        )
    st.button(
        "Unlock",
        icon=":material/lock_open:",
        disabled=user.locked_until is None and user.failed_login_count == 0,
        help="Lift a lock or a delay after failed sign-ins.",
        on_click=act,
        args=("account", "Account unlocked.", admin.unlock_user, ctx, actor, user.id),
    )

with st.form("reset"):
    st.markdown("**Reset the password**")
    form_error("reset")
    st.text_input(
        "Temporary password",
        key="reset_password",
        type="password",
        help="Leave empty to have one made for you. The user must change it when they sign "
        "in; their open sessions end now.",
    )
    st.form_submit_button("Set a temporary password", on_click=_reset, args=(actor, user))

erase_section(ctx, actor, user)
