"""Figures cached per user (a key without the user would leak) for a few minutes; a write clears."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from threading import Lock
from typing import Any

import streamlit as st

from networkit_core.actor import Actor
from networkit_core.context import Context
from pages.ui.session import call, context

FIGURES_TTL_SECONDS = 300
_LOCK = Lock()


@st.cache_resource
def _generations() -> dict[int, int]:
    """Per user id, how many writes they made since the process started (shared by their sessions,
    so a write in one tab refreshes another tab's figures too)."""
    return {}


def generation(actor: Actor) -> int:
    return _generations().get(actor.id, 0)


def wrote(actor: Actor) -> None:
    """Call after any write of `actor`: their cached figures are stale from now on."""
    with _LOCK:
        generations = _generations()
        generations[actor.id] = generations.get(actor.id, 0) + 1


@st.cache_data(ttl=FIGURES_TTL_SECONDS, max_entries=2000, show_spinner=False)
def _cached(
    _figure: Callable[..., Any],
    _ctx: Context,
    _actor: Actor,
    name: str,
    user_id: int,
    role: str,
    generation: int,
    today: date,
    filters: tuple[tuple[str, object], ...],
) -> Any:
    return _figure(_ctx, _actor, **dict(filters))


def cached(figure: Callable[..., Any], actor: Actor, **filters: object) -> Any:
    """`figure(ctx, actor, **filters)` through the cache."""
    ctx = context()
    name = f"{figure.__module__}.{figure.__qualname__}"
    key = tuple(sorted(filters.items()))
    return call(
        _cached,
        figure,
        ctx,
        actor,
        name,
        actor.id,
        actor.role.value,
        generation(actor),
        ctx.clock.today(),
        key,
    )


@st.cache_data(ttl=FIGURES_TTL_SECONDS, max_entries=50, show_spinner=False)
def _centre_wide(
    _figure: Callable[..., Any], _ctx: Context, _actor: Actor, name: str, role: str, today: date
) -> Any:
    return _figure(_ctx, _actor)


def centre_wide(figure: Callable[..., Any], actor: Actor) -> Any:
    """`figure(ctx, actor)` for a figure the core makes the same for every user of a role (the
    centre's anonymous counts, as figures.evidence.habit_evidence): one entry for all of them,
    where `cached` would compute it again for each (a second at M)."""
    ctx = context()
    name = f"{figure.__module__}.{figure.__qualname__}"
    return call(_centre_wide, figure, ctx, actor, name, actor.role.value, ctx.clock.today())
