"""Page scripts under Streamlit's AppTest, cold and warm, beside a bare script (bench/bare/)
that draws the same elements from plain SQL.

- cold: a new browser session (fresh session state, `st.cache_data` emptied) on a server that
  is already up (its engine, a `st.cache_resource`, exists), signed in as the page's user;
- warm: the same session running the script again, as a widget change or a refresh does.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import streamlit as st
import streamlit.logger
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from bench.measure import Result, paired
from bench.populations import Population
from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.db import make_engine
from networkit_core.models import User
from networkit_core.services.accounts.sessions import start_session
from networkit_core.settings import Settings
from pages.ui.session import TOKEN_KEY

PROJECT = Path(__file__).resolve().parent.parent
APP = PROJECT / "app.py"
BARE = Path(__file__).resolve().parent / "bare"
COLD_TARGET = 1.5  # every page within 1.5x its floor cold (issue 13)
WARM_TARGET = 0.1  # and under 0.1 s warm


@contextmanager
def app_on(url: str) -> Iterator[None]:
    """Point the app (DATABASE_URL) at `url` for the pages run in this process."""
    before = os.environ.get("DATABASE_URL")
    os.environ["DATABASE_URL"] = url
    st.cache_resource.clear()
    try:
        yield
    finally:
        st.cache_resource.clear()
        if before is None:
            os.environ.pop("DATABASE_URL", None)
        else:
            os.environ["DATABASE_URL"] = before


def signed_in(script: Path, token: str | None) -> AppTest:
    """`script` in a tab holding the session `token` (signed in as the app signs in)."""
    at = AppTest.from_file(str(script), default_timeout=300)
    if token is not None:
        at.session_state[TOKEN_KEY] = token
    return at


def run_page(at: AppTest) -> AppTest:
    at.run()
    if at.exception:
        raise RuntimeError(f"the page failed: {at.exception[0].message}")
    return at


def elements(at: AppTest) -> int:
    """How many elements a run drew (the main area and the sidebar)."""
    return sum(1 for _ in _walk(at.main)) + sum(1 for _ in _walk(at.sidebar))


def _walk(node: object) -> Iterator[object]:
    children = getattr(node, "children", None)
    if not children:
        yield node
        return
    for child in children.values():
        yield from _walk(child)


def measure(
    name: str,
    url: str,
    population: Population,
    actor_id: int,
    floor_script: Path,
    rounds: int,
    expected_title: str,
    page: str | None = None,
) -> list[Result]:
    """`page` is the app's page to switch to after sign-in (None: the user's home page), whose
    title is `expected_title` (checked, so that a sign-in form is never what gets timed)."""
    engine = make_engine(url)
    ctx = Context(engine, Settings(database_url=url))
    with ctx.unit_of_work() as session:
        actor = Actor.of(session.scalars(select(User).where(User.id == actor_id)).one())
    token = start_session(ctx, actor)
    engine.dispose()
    database = engine.dialect.name
    # AppTest runs scripts without a server: Streamlit warns about it on every run.
    streamlit.logger.set_log_level("error")
    with app_on(url):

        def cold() -> AppTest:
            st.cache_data.clear()
            at = signed_in(APP, token)
            if page is not None:
                at.switch_page(page)
            run_page(at)
            if not at.title or at.title[0].value != expected_title:
                raise RuntimeError(f"not the page measured: {[t.value for t in at.title]}")
            return at

        def floor_cold() -> AppTest:
            st.cache_data.clear()
            return run_page(signed_in(floor_script, None))

        drawn, floor_drawn = elements(cold()), elements(floor_cold())
        cold_pair = paired(cold, floor_cold, rounds)
        warm_app, warm_floor = cold(), floor_cold()
        warm = paired(lambda: run_page(warm_app), lambda: run_page(warm_floor), rounds)
    note = f"{drawn} elements drawn; the bare script {floor_drawn}"
    where = (database, population.size.name)
    floor_name = f"bare script {floor_script.name}"
    warm_result = Result.of(where, f"{name}, warm", warm, floor_name)
    return [
        Result.of(where, f"{name}, cold", cold_pair, floor_name, factor=COLD_TARGET, note=note),
        replace(warm_result, target=f"< {WARM_TARGET:g} s", met=warm.seconds < WARM_TARGET),
    ]


def run(url: str, population: Population, rounds: int) -> list[Result]:
    return measure(
        "admin overview (AppTest)",
        url,
        population,
        population.admin_id,
        BARE / "admin_overview.py",
        rounds,
        "Overview",
    )
