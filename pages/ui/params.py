"""Filters that live in the address (DESIGN.md "Addresses"): the query string is the truth."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import streamlit as st

T = TypeVar("T")


def param(name: str) -> str:
    """The address's value for `name`, trimmed; "" when absent."""
    return str(st.query_params.get(name, "")).strip()


def int_param(name: str) -> int | None:
    value = param(name)
    return int(value) if value.isdigit() else None


def show(widget_key: str, value: object) -> None:
    """Before the widget is drawn: make it show the address's `value` (the address wins over what
    the session remembers, e.g. after following a link)."""
    st.session_state[widget_key] = value


def to_address(name: str, widget_key: str) -> None:
    """`on_change` of a filter widget: its value into the address, or out of it when empty."""
    value = st.session_state.get(widget_key)
    if value is None or value == "":
        if name in st.query_params:
            del st.query_params[name]
    else:
        st.query_params[name] = str(value)


def filter_box(
    where: Any,
    label: str,
    options: Sequence[T],
    *,
    key: str,
    name: str,
    current: T | None,
    placeholder: str,
    format_func: Callable[[T], str] = str,
) -> None:
    """A selectbox filter showing the address's `name` (`current`, None when unknown) and writing a
    new choice back to it."""
    show(key, current if current in options else None)
    where.selectbox(
        label,
        list(options),
        key=key,
        index=None,
        placeholder=placeholder,
        format_func=format_func,
        on_change=to_address,
        args=(name, key),
    )
