"""Writes from callbacks: one service call; a core error is kept to be shown beside the form
that caused it (a callback cannot draw on the page), a success clears the user's cached
figures and shows a toast."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from networkit_core.actor import Actor
from networkit_core.errors import NetworkitError
from pages.ui.cache import wrote
from pages.ui.session import DATABASE_TROUBLE, log

T = TypeVar("T")
_ERRORS = "action_errors"


def act(where: str, actor: Actor, done: str, service: Callable[..., T], *args: object) -> T | None:
    """Run `service(*args)` for `actor`; on success toast `done` and return the result."""
    errors = st.session_state.setdefault(_ERRORS, {})
    errors.pop(where, None)
    try:
        result = service(*args)
    except NetworkitError as error:
        errors[where] = str(error)
        return None
    except SQLAlchemyError:
        log.exception("a write could not use the database")
        errors[where] = DATABASE_TROUBLE
        return None
    wrote(actor)
    st.toast(done, icon=":material/check:")
    return result


def show_error(where: str) -> None:
    """The error the last action at `where` met, if any, as one line."""
    message = st.session_state.get(_ERRORS, {}).get(where)
    if message:
        st.error(message, icon=":material/error:")
