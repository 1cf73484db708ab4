"""Writes from a form or a button: the callback makes one service call through `save` (or `act`),
and the page's next run shows what came of it: a toast on success (`flash`, once per run from
app.py), the error beside the form (and the field) it came from, or, for a save over a newer version
(a `ConflictError`), both versions side by side with a way to save one's own again (`redo`, given
the version saved now): `show_conflict` loses neither."""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, time
from typing import Any

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from networkit_core.errors import ConflictError, InvalidInput, NetworkitError
from pages.ui.session import DATABASE_TROUBLE, log, still_signed_in
from pages.ui.text import NO_VALUE, day, escape, label

ERRORS_KEY = "form_errors"  # form -> (the field named or None, the message)
FLASH_KEY = "flash"
CONFLICT_KEY = "conflict"
YOURS = "Your version (not saved)"
SAVED = "Saved version"

Redo = Callable[[Any], object]


@dataclass(frozen=True)
class Conflict:
    """A save refused over a newer version: the error (the user's values and the saved record),
    `redo`, which saves the user's values over the record given to it, and the form it came from."""

    error: ConflictError
    redo: Redo | None = None
    form: str = ""


def _errors() -> dict[str, tuple[str | None, str]]:
    return st.session_state.setdefault(ERRORS_KEY, {})


def save(
    form: str,
    action: Callable[[], Any],
    *,
    done: str | Callable[[Any], str],
    redo: Redo | None = None,
) -> bool:
    """Run `action` (one service call, or a check that raises `InvalidInput`) for `form`, if the
    session that drew the form is still live; if not, the whole page reruns as the sign-in form,
    saying why."""
    if not still_signed_in():
        st.rerun()
    errors = _errors()
    errors.pop(form, None)
    try:
        result = action()
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
        st.session_state[FLASH_KEY] = done if isinstance(done, str) else done(result)
        return True
    return False


def act(form: str, done: str, service: Callable[..., Any], *args: Any, **kwargs: Any) -> bool:
    """`save` of `service(*args, **kwargs)`; a redo takes `expected_<field>` from the saved one."""

    def again(theirs: Any) -> object:
        fresh = {
            name: getattr(theirs, name.removeprefix("expected_"))
            if name.startswith("expected_")
            else given
            for name, given in kwargs.items()
        }
        return service(*args, **fresh)

    return save(form, lambda: service(*args, **kwargs), done=done, redo=again)


def button(
    label: str,
    form: str,
    done: str,
    service: Callable[..., Any],
    *args: Any,
    icon: str,
    primary: bool = False,
    **kwargs: Any,
) -> None:
    """A button making one service call (`act`), its error shown under it."""
    st.button(
        label,
        key=form,
        icon=icon,
        type="primary" if primary else "secondary",
        on_click=act,
        args=(form, done, service, *args),
        kwargs=kwargs,
    )
    form_error(form, conflict=False)


def fail(form: str, message: str, field: str | None = None) -> None:
    """Keep a message for `form` (beside `field`) without calling anything (a choice or a date is
    missing)."""
    _errors()[form] = (field, message)


def failed(form: str) -> bool:
    """Whether the last call of `form` met an error not shown yet, or a conflict."""
    conflict = take_conflict()
    return form in _errors() or (conflict is not None and conflict.form == form)


def value(key: str) -> Any:
    """A widget's value inside a callback."""
    return st.session_state.get(key)


def field_error(form: str, *fields: str) -> None:
    """The message of `form`'s last call, when it named one of `fields` (the core's field names for
    the widget just drawn)."""
    error = _errors().get(form)
    if error is not None and error[0] in fields:
        st.error(escape(_errors().pop(form)[1]), icon=":material/error:")


def form_error(
    form: str, shown: Iterable[str] = (), *, conflict: bool = True, icon: str = ":material/error:"
) -> None:
    """The message of `form`'s last call when no field drawn with `field_error` took it (`shown`),
    and a conflict it met."""
    error = _errors().get(form)
    if error is not None and error[0] not in set(shown):
        # A core message may quote what the user typed: shown as text, never as Markdown.
        st.error(escape(_errors().pop(form)[1]), icon=icon)
    met = take_conflict() if conflict else None
    if met is not None and met.form == form:
        show_conflict(met)


def flash() -> None:
    """The toast of the last successful write, once."""
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
    """A save over a newer version wrote nothing: field by field (`words` names them), the user's
    version beside the saved one, each whole and as text (a code block, with its copy button, so
    what was typed can be applied again."""
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
    save(
        conflict.form,
        lambda: redo(conflict.error.theirs),
        done="Your version is saved.",
        redo=redo,
    )
