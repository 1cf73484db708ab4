"""Server-side sessions, temporary passwords, one's own password, roles, failure bursts."""

from __future__ import annotations

import threading
import time
from datetime import timedelta

import pytest
from sqlalchemy import select, update
from sqlalchemy.engine import make_url

from networkit_core.clock import FixedClock
from networkit_core.context import Context
from networkit_core.db import make_engine
from networkit_core.errors import AuthenticationFailed, InvalidInput
from networkit_core.models import AuditEntry, Role, ThrottleScope, User, UserSession
from networkit_core.read_models import overview
from networkit_core.services import accounts
from networkit_core.services.accounts import admin, sessions
from tests import factories

PASSWORD = factories.PASSWORD


def _moving(ctx: Context) -> tuple[Context, FixedClock]:
    clock = FixedClock(ctx.clock.now())
    return Context(ctx.engine, ctx.settings, clock), clock


def _actions(ctx: Context) -> list[str]:
    with ctx.unit_of_work() as session:
        return list(session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))


def test_a_session_stores_only_a_hash_of_its_token_and_ends_when_idle(ctx: Context) -> None:
    live, clock = _moving(ctx)
    user = factories.user(ctx, Role.ADVISOR, password=PASSWORD)
    token = sessions.start_session(live, accounts.authenticate(live, user.email, PASSWORD))
    with ctx.unit_of_work() as session:
        stored = session.scalars(select(UserSession)).one()
        assert stored.token_hash == sessions.token_hash(token) != token
        assert token not in str(stored.token_hash) and len(token) >= 43  # 256 random bits
        hashed = session.scalar(select(User.password_hash))
    assert hashed is not None and stored.token_hash not in hashed
    idle = timedelta(minutes=ctx.settings.session_idle_minutes)
    # Each use keeps it alive ...
    for _ in range(3):
        clock.instant += idle - timedelta(minutes=1)
        assert sessions.resume_session(live, token) == user
    # ... until it has not been used for the idle timeout.
    clock.instant += idle
    assert sessions.resume_session(live, token) is None
    clock.instant -= idle  # and a dead session stays dead
    assert sessions.resume_session(live, token) is None
    assert sessions.resume_session(live, "a forged token") is None
    assert sessions.resume_session(live, None) is None
    assert _actions(ctx)[-1] == "session_expired"


def test_a_session_is_touched_at_most_every_touch_seconds_and_reads_the_same_between(
    ctx: Context,
) -> None:
    """Most runs only read the session (no write); every TOUCH_SECONDS one writes last_seen_at.
    Both give the same user, a temporary password asked for but after a university sign-in."""
    live, clock = _moving(ctx)
    user = factories.user(ctx, Role.GRADUATE)
    with ctx.unit_of_work() as session:
        session.execute(update(User).where(User.id == user.id).values(must_change_password=True))
    by_password = sessions.start_session(live, user)
    by_university = sessions.start_session(live, user, sessions.UNIVERSITY)

    def seen() -> set[object]:
        with ctx.unit_of_work() as session:
            return set(session.scalars(select(UserSession.last_seen_at)))

    started = seen()
    clock.instant += timedelta(seconds=sessions.TOUCH_SECONDS - 1)
    read = sessions.resume_session(live, by_password), sessions.resume_session(live, by_university)
    assert seen() == started  # read, not written
    clock.instant += timedelta(seconds=1)
    touched = (
        sessions.resume_session(live, by_password),
        sessions.resume_session(live, by_university),
    )
    assert seen() == {clock.instant}
    for actors in (read, touched):
        assert actors == (user, user)
        assert [actor.must_change_password for actor in actors if actor] == [True, False]

    # An account switched off in the database, its sessions left: the next run ends them.
    with ctx.unit_of_work() as session:
        session.execute(update(User).where(User.id == user.id).values(is_active=False))
    assert sessions.resume_session(live, by_password) is None
    with ctx.unit_of_work() as session:
        ended = session.scalars(select(UserSession.ended_at).order_by(UserSession.id)).all()
    assert ended[0] == clock.instant and ended[1] is None


def test_sign_out_deactivation_and_a_new_password_end_sessions(ctx: Context) -> None:
    boss = factories.user(ctx, Role.ADMIN)
    user = factories.user(ctx, Role.GRADUATE, password=PASSWORD)
    first, second = (sessions.start_session(ctx, user) for _ in range(2))
    sessions.end_session(ctx, first)
    assert sessions.resume_session(ctx, first) is None
    assert sessions.resume_session(ctx, second) == user
    assert _actions(ctx)[-1] == "sign_out"

    admin.deactivate_user(ctx, boss, user.id)
    assert sessions.resume_session(ctx, second) is None
    admin.reactivate_user(ctx, boss, user.id)
    assert sessions.resume_session(ctx, second) is None  # reactivation revives no session

    kept, other = (sessions.start_session(ctx, user) for _ in range(2))
    accounts.change_password(
        ctx,
        user,
        current=PASSWORD,
        new="a whole new phrase",
        repeat="a whole new phrase",
        keep_session=kept,
    )
    assert sessions.resume_session(ctx, kept) == user  # the tab that changed it stays in
    assert sessions.resume_session(ctx, other) is None
    admin.reset_password(ctx, boss, user.id, "temporary phrase 1")
    assert sessions.resume_session(ctx, kept) is None


def test_an_admins_password_is_temporary_until_the_user_sets_their_own(ctx: Context) -> None:
    boss = factories.user(ctx, Role.ADMIN)
    made = admin.create_account(
        ctx,
        boss,
        email="nia@example.org",
        first_name="Nia",
        role="advisor",
        password="temporary phrase 1",
    )
    assert made.must_change_password
    signed_in = accounts.authenticate(ctx, "nia@example.org", "temporary phrase 1")
    assert signed_in.must_change_password
    for wrong, message in [
        (dict(current="not it at all", new="my own phrase", repeat="my own phrase"), "current"),
        (dict(current="temporary phrase 1", new="my own phrase", repeat="my own phrasf"), "differ"),
        (dict(current="temporary phrase 1", new="short", repeat="short"), "at least 10"),
        (
            dict(
                current="temporary phrase 1", new="temporary phrase 1", repeat="temporary phrase 1"
            ),
            "must differ",
        ),
    ]:
        with pytest.raises(InvalidInput, match=message):
            accounts.change_password(ctx, signed_in, **wrong)
    changed = accounts.change_password(
        ctx, signed_in, current="temporary phrase 1", new="my own phrase", repeat="my own phrase"
    )
    assert not changed.must_change_password
    with pytest.raises(AuthenticationFailed):
        accounts.authenticate(ctx, "nia@example.org", "temporary phrase 1")
    clock_later = Context(
        ctx.engine, ctx.settings, FixedClock(ctx.clock.now() + timedelta(minutes=1))
    )
    assert not accounts.authenticate(
        clock_later, "nia@example.org", "my own phrase"
    ).must_change_password
    # An admin's reset makes it temporary again.
    assert admin.reset_password(ctx, boss, made.id, "temporary phrase 2").must_change_password
    assert _actions(ctx).count("change_password") == 1
    assert "reset_password" in _actions(ctx)


def test_roles_change_except_where_records_hang_on_them(ctx: Context) -> None:
    boss = factories.user(ctx, Role.ADMIN)
    advisor = factories.user(ctx, Role.ADVISOR)
    cohort = factories.cohort(ctx, advisors=(advisor,))
    enrolled, _ = factories.graduate(ctx, cohort)
    plain = factories.user(ctx, Role.GRADUATE)
    token = sessions.start_session(ctx, plain)
    assert admin.change_role(ctx, boss, plain.id, "advisor").role is Role.ADVISOR
    assert sessions.resume_session(ctx, token) is None  # the new role from the next sign-in
    with pytest.raises(InvalidInput, match="enrolled as a graduate"):
        admin.change_role(ctx, boss, enrolled.id, Role.ADVISOR)
    with pytest.raises(InvalidInput, match="coaches 1 cohort"):
        admin.change_role(ctx, boss, advisor.id, Role.ADMIN)
    with pytest.raises(InvalidInput, match="your own role"):
        admin.change_role(ctx, boss, boss.id, Role.ADVISOR)
    with pytest.raises(InvalidInput, match="use one of"):
        admin.change_role(ctx, boss, plain.id, "boss")
    with ctx.unit_of_work() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "change_role")).one()
    assert (entry.actor_id, entry.entity_id, entry.detail) == (
        boss.id,
        str(plain.id),
        {"role": "advisor", "was": "graduate"},
    )


def test_search_finds_by_name_or_email(ctx: Context) -> None:
    boss = factories.user(ctx, Role.ADMIN)
    admin.create_account(
        ctx,
        boss,
        email="ana.ortiz@example.org",
        first_name="Ana",
        last_name="Ortiz",
        role="advisor",
    )
    admin.create_account(
        ctx, boss, email="kim@example.org", first_name="Kim", last_name="Lee", role="graduate"
    )
    assert [u.email for u in admin.list_users(ctx, boss, search="ORTIZ")] == [
        "ana.ortiz@example.org"
    ]
    assert [u.email for u in admin.list_users(ctx, boss, search="kim lee")] == ["kim@example.org"]
    assert admin.list_users(ctx, boss, search="%") == []  # a wildcard is a character
    assert admin.find_user(ctx, boss, "KIM@example.org").first_name == "Kim"
    with pytest.raises(InvalidInput, match="No account has the email"):
        admin.find_user(ctx, boss, "nobody@example.org")


def test_the_overview_lists_locked_accounts_and_failure_bursts(ctx: Context) -> None:
    boss = factories.user(ctx, Role.ADMIN)
    kim = factories.user(ctx, Role.GRADUATE, "kim@example.org", PASSWORD)
    live, clock = _moving(ctx)
    for email in ["kim@example.org"] * ctx.settings.max_failed_logins + ["ghost@example.org"] * 3:
        with pytest.raises(AuthenticationFailed):
            accounts.authenticate(live, email, "wrong guess 123", address="203.0.113.9")
        clock.instant += timedelta(seconds=30)  # past each delay, within the lock
    summary = overview.admin_summary(live, boss)
    assert [locked.email for locked in summary.locked] == [kim.email]
    bursts = {(b.scope, b.key): b for b in summary.bursts}
    assert set(bursts) == {
        (ThrottleScope.EMAIL, "kim@example.org"),
        (ThrottleScope.EMAIL, "ghost@example.org"),
        (ThrottleScope.ADDRESS, "203.0.113.9"),
    }
    assert bursts[ThrottleScope.ADDRESS, "203.0.113.9"].failures == 8
    assert bursts[ThrottleScope.EMAIL, "kim@example.org"].has_account
    assert bursts[ThrottleScope.EMAIL, "kim@example.org"].locked_until is not None
    assert not bursts[ThrottleScope.EMAIL, "ghost@example.org"].has_account
    # The admin unlocks: the account signs in at once.
    admin.unlock_user(live, boss, kim.id)
    assert accounts.authenticate(live, kim.email, PASSWORD) == kim
    # A burst is forgotten after the window.
    clock.instant += timedelta(minutes=ctx.settings.throttle_window_minutes + 1)
    assert overview.admin_summary(live, boss).bursts == []


def _hold_the_write_lock(ctx: Context, backend: str, release: threading.Event) -> threading.Thread:
    """Another writer, holding the database's write lock (SQLite) or the sessions table
    (PostgreSQL) until `release` is set; returns once it holds it."""
    holding = threading.Event()

    def hold() -> None:
        with ctx.engine.connect() as connection:
            if backend == "sqlite":
                connection.exec_driver_sql("BEGIN IMMEDIATE")
            else:
                connection.exec_driver_sql("LOCK TABLE user_sessions IN ACCESS EXCLUSIVE MODE")
            holding.set()
            release.wait(60)
            connection.rollback()

    writer = threading.Thread(target=hold)
    writer.start()
    assert holding.wait(10)
    return writer


def _impatient(ctx: Context, backend: str) -> Context:
    """A context whose statements give up on a held lock: SQLite after its busy timeout,
    PostgreSQL after a lock_timeout, as a server under load configured so would."""
    if backend == "sqlite":
        return ctx
    url = make_url(ctx.settings.database_url)
    options = f"{url.query.get('options', '')} -clock_timeout=1000".strip()
    engine = make_engine(url.update_query_dict({"options": options}).render_as_string(False))
    return Context(engine, ctx.settings, ctx.clock)


def test_sign_out_ends_the_session_even_while_another_writer_holds_the_lock(
    ctx: Context, backend: str
) -> None:
    """Issue 17: under contention end_session failed ("database is locked"), sign-out cleared
    the tab and the server session stayed valid. Now sign-out never leaves it valid: the token
    is refused at once, and the end is written as soon as the lock is free."""
    user = factories.user(ctx, Role.GRADUATE, password=PASSWORD)
    token = sessions.start_session(ctx, user)
    other = sessions.start_session(ctx, user)
    impatient = _impatient(ctx, backend)
    release = threading.Event()
    writer = _hold_the_write_lock(ctx, backend, release)
    try:
        sessions.end_session(impatient, token)  # gives up on the lock, and says nothing
        assert sessions.resume_session(ctx, token) is None  # while the lock is still held
    finally:
        release.set()
        writer.join()
        if impatient is not ctx:
            impatient.engine.dispose()
    assert sessions.resume_session(ctx, token) is None
    assert sessions.resume_session(ctx, other) == user  # only that one session ended
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:  # the end is written, not only remembered
        with ctx.unit_of_work() as session:
            ended = session.scalar(
                select(UserSession.ended_at).where(
                    UserSession.token_hash == sessions.token_hash(token)
                )
            )
        if ended is not None:
            break
        time.sleep(0.2)
    assert ended is not None
    assert _actions(ctx).count("sign_out") == 1
