"""Writes from a form or button callback: one service call; a success is a toast, a core error
is kept for the form it came from and shown beside it on the rerun (never a trace). A save over
a newer version (the service's `expected_...` no longer what is saved) shows both versions
beside the form, and can be saved again over the saved one (pages/ui/forms.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from networkit_core.errors import ConflictError, NetworkitError
from pages.ui import forms
from pages.ui.session import DATABASE_TROUBLE, log
from pages.ui.text import escape

ERRORS_KEY = "action_errors"


def act(form: str, success: str, service: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
    """The body of an `on_click`: run `service(*args, **kwargs)` for the form named `form`.
    `success` is plain text (it may quote a name): the toast shows it as text."""
    errors: dict[str, str] = st.session_state.setdefault(ERRORS_KEY, {})
    errors.pop(form, None)
    st.session_state.get(forms.ERRORS_KEY, {}).pop(form, None)  # a failed "save mine again"
    try:
        service(*args, **kwargs)
    except ConflictError as error:
        st.session_state[forms.CONFLICT_KEY] = forms.Conflict(
            error, _redo(service, args, kwargs), form
        )
        return
    except NetworkitError as error:
        errors[form] = str(error)
        return
    except SQLAlchemyError:
        log.exception("an action could not use the database")
        errors[form] = DATABASE_TROUBLE
        return
    st.toast(escape(success), icon=":material/check_circle:")


def _redo(service: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]) -> forms.Redo:
    """The same call over the record saved now: each `expected_<field>` given takes that
    field of it (`expected_version` its version, `expected_role` its role)."""

    def again(theirs: Any) -> object:
        fresh = {
            name: getattr(theirs, name.removeprefix("expected_"))
            if name.startswith("expected_")
            else value
            for name, value in kwargs.items()
        }
        return service(*args, **fresh)

    return again


def form_error(form: str) -> None:
    """Show (once) the error the last action of `form` met; a conflict stays until the user
    keeps the saved version or saves theirs."""
    message = st.session_state.get(ERRORS_KEY, {}).pop(form, None)
    if message:
        # A core message may quote what the user typed: shown as text, never as Markdown.
        st.error(escape(message), icon=":material/error:")
    forms.form_error(form)
    conflict = forms.take_conflict()
    if conflict is not None and conflict.form == form:
        forms.show_conflict(conflict)


def value(key: str) -> Any:
    """A widget's value inside a callback."""
    return st.session_state.get(key)


def fail(form: str, message: str) -> None:
    """Keep a message for `form` without calling anything (a choice is missing)."""
    st.session_state.setdefault(ERRORS_KEY, {})[form] = message


def failed(form: str) -> bool:
    """Whether the last action of `form` met an error or a conflict (still to be shown)."""
    conflict = forms.take_conflict()
    return form in st.session_state.get(ERRORS_KEY, {}) or (
        conflict is not None and conflict.form == form
    )
