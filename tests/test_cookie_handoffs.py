"""The one-time code a page trades for its session's HttpOnly cookie (the route: test_session_cookie
_routes.py; in Chromium: test_browser_sessions.py)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from networkit_core.clock import FixedClock
from networkit_core.context import Context
from networkit_core.db import make_engine
from networkit_core.models import Role, SessionHandoff
from networkit_core.services.accounts import admin, cookie_handoffs, sessions
from networkit_core.services.accounts.cookie_handoffs import HANDOFF_SECONDS, hand_off, redeem
from networkit_core.services.erasure import erase
from tests import factories


def _moving(ctx: Context) -> tuple[Context, FixedClock]:
    clock = FixedClock(ctx.clock.now())
    return Context(ctx.engine, ctx.settings, clock), clock


def _handoffs(ctx: Context) -> int:
    with ctx.unit_of_work() as session:
        return session.scalar(select(func.count()).select_from(SessionHandoff)) or 0


def test_a_code_gives_its_token_once_and_the_database_never_holds_the_token(
    ctx: Context,
) -> None:
    user = factories.user(ctx, Role.GRADUATE)
    token = sessions.start_session(ctx, user)
    code = hand_off(ctx, token)
    assert code is not None and len(code) >= 43  # 256 random bits
    with ctx.unit_of_work() as session:
        stored = session.scalars(select(SessionHandoff)).one()
        row = " ".join(str(value) for value in (stored.code_hash, stored.sealed_token))
    assert token not in row and code not in row
    assert token.encode().hex() not in row
    assert stored.code_hash == sessions.token_hash(code)

    assert redeem(ctx, code) == token
    assert redeem(ctx, code) is None  # used
    assert _handoffs(ctx) == 0


def test_a_wrong_or_strange_code_gives_nothing(ctx: Context) -> None:
    user = factories.user(ctx, Role.ADVISOR)
    code = hand_off(ctx, sessions.start_session(ctx, user))
    assert code is not None
    for wrong in (code[:-1], code + "x", "", None, 42, {"code": code}, "x" * 10_000):
        assert redeem(ctx, wrong) is None
    assert redeem(ctx, code) is not None  # the wrong ones did not spend it


def test_a_code_expires(ctx: Context) -> None:
    live, clock = _moving(ctx)
    user = factories.user(ctx, Role.GRADUATE)
    token = sessions.start_session(live, user)
    kept, late = hand_off(live, token), hand_off(live, token)
    clock.instant += timedelta(seconds=HANDOFF_SECONDS - 1)
    assert redeem(live, kept) == token
    clock.instant += timedelta(seconds=1)
    assert redeem(live, late) is None
    # Expired codes go when the next one is made.
    hand_off(live, token)
    assert _handoffs(ctx) == 1


def test_a_code_dies_with_its_session(ctx: Context) -> None:
    boss = factories.user(ctx, Role.ADMIN)
    user = factories.user(ctx, Role.GRADUATE)
    signed_out = sessions.start_session(ctx, user)
    code = hand_off(ctx, signed_out)
    sessions.end_session(ctx, signed_out)
    assert redeem(ctx, code) is None
    assert hand_off(ctx, signed_out) is None  # an ended session gets no code
    assert hand_off(ctx, "a forged token") is None

    code = hand_off(ctx, sessions.start_session(ctx, user))
    admin.deactivate_user(ctx, boss, user.id)
    assert redeem(ctx, code) is None


def test_a_code_dies_with_an_erased_account(ctx: Context) -> None:
    boss = factories.user(ctx, Role.ADMIN)
    user = factories.user(ctx, Role.ADVISOR)
    code = hand_off(ctx, sessions.start_session(ctx, user))
    erase(ctx, boss, user.email, confirm_email=user.email)
    assert _handoffs(ctx) == 0
    assert redeem(ctx, code) is None


def test_two_processes_share_the_codes(ctx: Context) -> None:
    """A code issued by one app process is redeemed by another (one database, two engines)."""
    other = Context(make_engine(ctx.settings.database_url), ctx.settings, ctx.clock)
    try:
        user = factories.user(ctx, Role.GRADUATE)
        token = sessions.start_session(ctx, user)
        code = cookie_handoffs.hand_off(ctx, token)
        assert redeem(other, code) == token
        assert redeem(ctx, code) is None
    finally:
        other.engine.dispose()
