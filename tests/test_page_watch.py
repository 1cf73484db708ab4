"""A page left open is kept true (pages/shell/watch.py): the fragment that wakes every minute
redraws the whole page once the day it was drawn on has passed, and once it has sat untouched as
long as a sign-in may idle, when the run finds the session ended and shows the sign-in form.
Run here as the browser's timer runs it; that Streamlit's frontend also reruns such a page when
it reconnects to another process is tests/test_cluster.py's."""

from __future__ import annotations

import time
from datetime import date, timedelta

import pytest
from sqlalchemy import update
from streamlit.testing.v1 import AppTest

from networkit_core.context import Context
from networkit_core.models import Role, UserSession
from pages.shell.watch import DRAWN_KEY, WATCH_KEY, stale
from pages.ui.session import SESSION_ENDED
from tests.app_session import Opener, account, sign_in
from tests.runs import as_timer

IDLE = 60 * 60.0  # Settings' default session_idle_minutes, in seconds
DAY = date(2026, 3, 16)


@pytest.mark.parametrize(
    ("drawn", "today", "now", "expected"),
    [
        (None, DAY, 0.0, False),  # never drawn: nothing to redraw
        ((DAY, 100.0), DAY, 100.0 + IDLE - 1, False),
        ((DAY, 100.0), DAY + timedelta(days=1), 101.0, True),  # past midnight
        ((DAY, 100.0), DAY, 100.0 + IDLE, True),  # idle as long as a sign-in may be
    ],
)
def test_when_a_page_is_stale(
    drawn: tuple[date, float] | None, today: date, now: float, expected: bool
) -> None:
    assert stale(drawn, today, now, IDLE) is expected


def _keys(widgets: object) -> list[str | None]:
    return [widget.key for widget in widgets]  # type: ignore[attr-defined]


def _signed_in(ctx: Context, open_app: Opener) -> AppTest:
    at = sign_in(open_app(), account(ctx, Role.GRADUATE))
    assert at.session_state[DRAWN_KEY][0] == date.today()
    assert not at.exception and at.button(key="sign_out")
    return at


def test_a_page_touched_lately_is_left_as_it_is(
    ctx: Context, open_app: Opener, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _signed_in(ctx, open_app)
    drawn = at.session_state[DRAWN_KEY]
    at = as_timer(at, WATCH_KEY, monkeypatch)
    assert at.session_state[DRAWN_KEY] == drawn  # no full run noted a new drawing


def test_a_page_drawn_yesterday_is_drawn_again(
    ctx: Context, open_app: Opener, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _signed_in(ctx, open_app)
    at.session_state[DRAWN_KEY] = (date.today() - timedelta(days=1), time.monotonic())
    at = as_timer(at, WATCH_KEY, monkeypatch)
    assert at.session_state[DRAWN_KEY][0] == date.today()
    assert not at.exception and at.button(key="sign_out")  # still signed in


def _left_idle(at: AppTest) -> None:
    day, _ = at.session_state[DRAWN_KEY]
    at.session_state[DRAWN_KEY] = (day, time.monotonic() - IDLE)


def test_a_page_left_idle_shows_the_sign_in_form_once_its_session_ended(
    ctx: Context, open_app: Opener, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _signed_in(ctx, open_app)
    _left_idle(at)
    with ctx.unit_of_work() as session:
        session.execute(
            update(UserSession).values(last_seen_at=ctx.clock.now() - timedelta(seconds=IDLE))
        )
    at = as_timer(at, WATCH_KEY, monkeypatch)
    assert at.text_input(key="login_email")
    assert SESSION_ENDED in [info.value for info in at.info]
    assert "sign_out" not in _keys(at.button)


def test_an_idle_page_whose_session_another_tab_kept_stays_signed_in(
    ctx: Context, open_app: Opener, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _signed_in(ctx, open_app)
    _left_idle(at)  # this tab untouched; the session itself used just now
    at = as_timer(at, WATCH_KEY, monkeypatch)
    assert at.session_state[DRAWN_KEY][1] > time.monotonic() - 60  # drawn again, just now
    assert at.button(key="sign_out") and "login_email" not in _keys(at.text_input)
