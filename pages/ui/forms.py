"""Writes from widget callbacks: one service call, its error kept to show beside the field it
names, its success as a toast on the next run.

A callback runs before the page's next run, so the page then renders fresh data and, beside each
field, the message of the last failed attempt of that form. A save over a newer version (a
`ConflictError`) is kept whole, with a way to save the user's version again (`redo`, given the
version saved now): `show_conflict` shows both and loses neither.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, time
from typing import Any

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from networkit_core.errors import ConflictError, InvalidInput, NetworkitError
from pages.ui.session import DATABASE_TROUBLE, log
from pages.ui.text import NO_VALUE, day, escape, label

ERRORS_KEY = "form_errors"
FLASH_KEY = "flash"
CONFLICT_KEY = "conflict"
YOURS = "Your version (not saved)"
SAVED = "Saved version"


class Refused(Exception):
    """A check the page makes before calling the core (an empty required field)."""

    def __init__(self, message: str, field: str) -> None:
        super().__init__(message)
        self.field = field


Redo = Callable[[Any], object]


@dataclass(frozen=True)
class Conflict:
    """A save refused over a newer version: the error (the user's values and the saved
    record), `redo`, which saves the user's values over the record given to it, and the form
    it came from. One at a time: a user saves one form at a time."""

    error: ConflictError
    redo: Redo | None = None
    form: str = ""


def attempt(
    form: str, action: Callable[[], object], *, done: str, redo: Redo | None = None
) -> bool:
    """Run `action` (one service call) for `form`. On success the toast `done` shows on the next
    run; on a user error its message is kept for `field_error`/`form_error`; a conflict is kept
    whole, with `redo`, for the page to show both versions. Returns whether it was saved."""
    errors: dict[str, tuple[str | None, str]] = st.session_state.setdefault(ERRORS_KEY, {})
    errors.pop(form, None)
    try:
        action()
    except Refused as error:
        errors[form] = (error.field, str(error))
    except ConflictError as error:
        st.session_state[CONFLICT_KEY] = Conflict(error, redo, form)
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


def take_conflict() -> Conflict | None:
    conflict = st.session_state.get(CONFLICT_KEY)
    return conflict if isinstance(conflict, Conflict) else None


def drop_conflict() -> None:
    st.session_state.pop(CONFLICT_KEY, None)


def shown(_field: str, value: object) -> str:
    """A value of either version in the users' words."""
    if value is None or value == "" or value == ():
        return NO_VALUE
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, date):
        return day(value)
    if isinstance(value, time):
        return f"{value:%H:%M}"
    if isinstance(value, enum.Enum):
        return label(str(value.value))
    return str(value)


def show_conflict(
    conflict: Conflict,
    *,
    words: Mapping[str, str] | None = None,
    show: Callable[[str, object], str] = shown,
) -> None:
    """A save over a newer version wrote nothing: field by field (`words` names them), the
    user's version beside the saved one, each whole and as text (a code block, with its copy
    button, so what was typed can be applied again; stacked on a phone); then keep the saved
    one, or save theirs over it."""
    key = f"conflict_{conflict.form}"
    error, theirs = conflict.error, conflict.error.theirs
    names = words or {}
    pairs = [
        (
            names.get(field, label(field)),
            show(field, value),
            show(field, getattr(theirs, field, None)) if theirs is not None else "(deleted)",
        )
        for field, value in dict(error.mine).items()
    ]
    differing = [pair for pair in pairs if pair[1] != pair[2]] or pairs
    with st.container(border=True):
        st.error(escape(str(error)), icon=":material/sync_problem:")
        for name, mine, saved in differing:
            st.markdown(f"**{escape(name)}**")
            yours, theirs_column = st.columns(2)
            yours.caption(YOURS)
            yours.code(mine, language=None, wrap_lines=True)
            theirs_column.caption(SAVED)
            theirs_column.code(saved, language=None, wrap_lines=True)
        keep, overwrite = st.columns(2)
        keep.button(
            "Keep the saved version",
            key=f"{key}_keep",
            icon=":material/undo:",
            on_click=drop_conflict,
            width="stretch",
        )
        if conflict.redo is not None and theirs is not None:
            overwrite.button(
                "Save my version over it",
                key=f"{key}_overwrite",
                icon=":material/save:",
                type="primary",
                on_click=_save_mine,
                args=(conflict,),
                width="stretch",
            )


def _save_mine(conflict: Conflict) -> None:
    drop_conflict()
    redo = conflict.redo
    assert redo is not None
    attempt(
        conflict.form,
        lambda: redo(conflict.error.theirs),
        done="Your version is saved.",
        redo=redo,
    )
