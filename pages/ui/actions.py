"""Writes from a form or button callback: one service call; a success is a toast, a core error
is kept for the form it came from and shown beside it on the rerun (never a trace)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from networkit_core.errors import NetworkitError
from pages.ui.session import DATABASE_TROUBLE, log
from pages.ui.text import escape

ERRORS_KEY = "action_errors"


def act(form: str, success: str, service: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
    """The body of an `on_click`: run `service(*args, **kwargs)` for the form named `form`.
    `success` is plain text (it may quote a name): the toast shows it as text."""
    errors: dict[str, str] = st.session_state.setdefault(ERRORS_KEY, {})
    errors.pop(form, None)
    try:
        service(*args, **kwargs)
    except NetworkitError as error:
        errors[form] = str(error)
        return
    except SQLAlchemyError:
        log.exception("an action could not use the database")
        errors[form] = DATABASE_TROUBLE
        return
    st.toast(escape(success), icon=":material/check_circle:")


def form_error(form: str) -> None:
    """Show (once) the error the last action of `form` met."""
    message = st.session_state.get(ERRORS_KEY, {}).pop(form, None)
    if message:
        # A core message may quote what the user typed: shown as text, never as Markdown.
        st.error(escape(message), icon=":material/error:")


def value(key: str) -> Any:
    """A widget's value inside a callback."""
    return st.session_state.get(key)


def fail(form: str, message: str) -> None:
    """Keep a message for `form` without calling anything (a choice is missing)."""
    st.session_state.setdefault(ERRORS_KEY, {})[form] = message


def failed(form: str) -> bool:
    """Whether the last action of `form` met an error (still to be shown)."""
    return form in st.session_state.get(ERRORS_KEY, {})
