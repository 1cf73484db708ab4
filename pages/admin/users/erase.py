"""The Users page's "Erase on request" section: what erasing the chosen person deletes and
keeps, their e-mail typed again to confirm, one button (one service call)."""

from __future__ import annotations

import streamlit as st

from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.services.accounts.admin import UserView
from networkit_core.services.erasure import erase, erasure_preview
from pages.ui.calls import act, form_error, value
from pages.ui.session import call
from pages.ui.text import escape

FORM = "erase"
CONFIRM_KEY = "erase_confirm"
# The e-mail just erased: the page says so once, above everything (the account is gone).
ERASED_KEY = "users_erased"


def erased_notice() -> None:
    email = st.session_state.pop(ERASED_KEY, None)
    if email:
        st.success(
            f"Erased **{escape(email)}**: every record naming them is gone; the audit keeps "
            "that it happened, without their personal data. A later import or new account "
            "with this e-mail is refused unless you tick “bring back erased people”.",
            icon=":material/delete_forever:",
        )


def _erase(ctx: Context, actor: Actor, email: str) -> None:
    if act(FORM, "Erased.", erase, ctx, actor, email, confirm_email=value(CONFIRM_KEY) or ""):
        st.session_state[ERASED_KEY] = email
        st.session_state[CONFIRM_KEY] = ""
        st.query_params.pop("email", None)


def erase_section(ctx: Context, actor: Actor, user: UserView) -> None:
    """For anyone but the admin themselves (they ask another admin)."""
    if user.id == actor.id:
        return
    with st.expander("Erase on request", icon=":material/delete_forever:"):
        shown = call(erasure_preview, ctx, actor, user.email)
        st.caption(
            "When a person asks to be erased (FERPA, PIPEDA): everything below goes for good, "
            "in one step. A backup still holds them until it is replaced."
        )
        st.markdown(
            "\n".join(f"- {escape(what.capitalize())}: {count:,}" for what, count in shown.goes)
            or "Only the account."
        )
        if shown.kept:
            st.markdown("**Kept, without their name**")
            st.markdown(
                "\n".join(f"- {escape(what.capitalize())}: {count:,}" for what, count in shown.kept)
            )
        with st.form(FORM):
            form_error(FORM)
            st.text_input(
                "Type their e-mail to confirm",
                key=CONFIRM_KEY,
                placeholder=user.email,
                help="The erasure cannot be undone.",
            )
            st.form_submit_button(
                "Erase for good",
                type="primary",
                icon=":material/delete_forever:",
                on_click=_erase,
                args=(ctx, actor, user.email),
            )
