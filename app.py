"""NetWorkIt Coach, the web app: sign in, then the pages the user's role may see."""

from __future__ import annotations

import streamlit as st

from pages.shell.password import new_password_page, sidebar_password
from pages.shell.reminders import reminders_toggle
from pages.shell.sign_in import sign_in_page, sign_out
from pages.shell.university import end_identity, sign_in_by_identity
from pages.shell.watch import watch_page
from pages.ui.browser_session import keep_token
from pages.ui.calls import flash
from pages.ui.layout import phone_layout
from pages.ui.routes import PAGES, navigation
from pages.ui.session import APP_NAME, ENDED_KEY, TOKEN_KEY, context, current_user
from pages.ui.text import escape, label


def main() -> None:
    # An emoji, not a Material icon: that one would be fetched from fonts.gstatic.com.
    st.set_page_config(page_title=APP_NAME, page_icon="🤝", layout="wide")
    phone_layout()
    watch_page()  # before anything can stop the run: every page, signed in or not
    actor = current_user()
    if actor is None and st.session_state.get(ENDED_KEY):
        end_identity()  # a session that ended (idle) ends the university identity too
    elif actor is None:
        actor = sign_in_by_identity()
    if actor is None:
        navigation(None)  # keeps the address asked for: signing in reruns right there
        sign_in_page()  # whatever the address, a signed-out visitor sees only the form
        return
    token = st.session_state[TOKEN_KEY]
    if actor.must_change_password:
        navigation(None)  # the page asked for opens once the new password is set
        new_password_page(actor)
        st.button("Sign out", icon=":material/logout:", on_click=sign_out, key="sign_out")
        keep_token(context(), token)
        return
    page = navigation(actor.role)
    with st.sidebar:
        st.caption(f"Signed in as **{escape(actor.display_name)}** · {label(actor.role)}")
        reminders_toggle(actor)
        st.button("Sign out", icon=":material/logout:", on_click=sign_out, key="sign_out")
        sidebar_password(actor)
        keep_token(context(), token)  # a reload finds the session again
    flash()  # the toast of a write the last run's callback made, whatever the page
    page.run()


__all__ = ["PAGES"]  # pages/ui/routes.py's, for `from app import PAGES`

# Streamlit runs this file as `__main__`.
if __name__ == "__main__":
    main()
