"""Writes from widget callbacks: one service call, its error kept to show beside the field it
names, its success as a toast on the next run.

A callback runs before the page's next run, so the page then renders fresh data and, beside each
field, the message of the last failed attempt of that form.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from networkit_core.errors import ConflictError, InvalidInput, NetworkitError
from pages.ui.session import DATABASE_TROUBLE, log
from pages.ui.text import escape

ERRORS_KEY = "form_errors"
FLASH_KEY = "flash"
CONFLICT_KEY = "conflict"


class Refused(Exception):
    """A check the page makes before calling the core (an empty required field)."""

    def __init__(self, message: str, field: str) -> None:
        super().__init__(message)
        self.field = field


def attempt(form: str, action: Callable[[], object], *, done: str) -> bool:
    """Run `action` (one service call) for `form`. On success the toast `done` shows on the next
    run; on a user error its message is kept for `field_error`/`form_error`; a conflict is kept
    whole for the page to show both versions. Returns whether it was saved."""
    errors: dict[str, tuple[str | None, str]] = st.session_state.setdefault(ERRORS_KEY, {})
    errors.pop(form, None)
    try:
        action()
    except Refused as error:
        errors[form] = (error.field, str(error))
    except ConflictError as error:
        st.session_state[CONFLICT_KEY] = error
    except InvalidInput as error:
        errors[form] = (error.field, str(error))
    except NetworkitError as error:
        errors[form] = (None, str(error))
    except SQLAlchemyError:
        log.exception("a form could not use the database")
        errors[form] = (None, DATABASE_TROUBLE)
    else:
        st.session_state[FLASH_KEY] = done
        return True
    return False


def _error(form: str) -> tuple[str | None, str] | None:
    return st.session_state.get(ERRORS_KEY, {}).get(form)


def field_error(form: str, *fields: str) -> None:
    """The message of `form`'s last attempt, when it named one of `fields` (the core's field
    names for the widget just drawn)."""
    error = _error(form)
    if error is not None and error[0] in fields:
        st.error(escape(error[1]), icon=":material/error:")


def form_error(form: str, shown: Iterable[str] = ()) -> None:
    """The message of `form`'s last attempt when no field drawn with `field_error` took it."""
    error = _error(form)
    if error is not None and error[0] not in set(shown):
        st.error(escape(error[1]), icon=":material/error:")


def flash() -> None:
    """The toast of the last successful write, once. A toast renders Markdown, and a message
    may carry user text (a contact's name): it is shown as text."""
    message = st.session_state.pop(FLASH_KEY, None)
    if message:
        st.toast(escape(message), icon=":material/check_circle:")


def take_conflict() -> ConflictError | None:
    conflict = st.session_state.get(CONFLICT_KEY)
    return conflict if isinstance(conflict, ConflictError) else None


def drop_conflict() -> None:
    st.session_state.pop(CONFLICT_KEY, None)
