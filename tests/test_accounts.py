"""Sign-in: argon2 hashes, one message for every failure, lockout after repeated failures."""

from __future__ import annotations

from datetime import timedelta
from typing import Literal

import pytest
from argon2 import Parameters, PasswordHasher, extract_parameters
from sqlalchemy import select

from networkit_core import passwords
from networkit_core.clock import FixedClock
from networkit_core.context import Context
from networkit_core.errors import AuthenticationFailed, InvalidInput
from networkit_core.models import AuditEntry, Role, SignInThrottle, ThrottleScope, User
from networkit_core.services import accounts
from networkit_core.services.accounts.throttle import locked_message
from tests import factories

PASSWORD = factories.PASSWORD


def test_right_password_signs_in_whatever_the_email_case(ctx: Context) -> None:
    made = factories.user(ctx, Role.ADVISOR, "ana.ortiz@example.org", PASSWORD)
    actor = accounts.authenticate(ctx, "  Ana.Ortiz@Example.org ", PASSWORD)
    assert actor == made
    with ctx.unit_of_work() as session:
        stored = session.scalars(select(User.password_hash)).one()
        actions = session.scalars(select(AuditEntry.action)).all()
    assert stored is not None and stored.startswith("$argon2id$") and PASSWORD not in stored
    assert actions == ["sign_in"]


@pytest.mark.parametrize("email", ["ana.ortiz@example.org", "nobody@example.org"])
def test_wrong_password_and_unknown_email_look_the_same(ctx: Context, email: str) -> None:
    factories.user(ctx, Role.ADVISOR, "ana.ortiz@example.org", PASSWORD)
    with pytest.raises(AuthenticationFailed) as refused:
        accounts.authenticate(ctx, email, "not the password")
    assert str(refused.value) == accounts.SIGN_IN_FAILED


def _moving(ctx: Context) -> tuple[Context, FixedClock]:
    """A context whose clock the test moves on, past each growing delay."""
    clock = FixedClock(ctx.clock.now())
    return Context(ctx.engine, ctx.settings, clock), clock


def _throttle(ctx: Context, scope: ThrottleScope, key: str) -> SignInThrottle:
    with ctx.unit_of_work() as session:
        return session.scalars(
            select(SignInThrottle).where(SignInThrottle.scope == scope, SignInThrottle.key == key)
        ).one()


@pytest.mark.parametrize("email", ["kim@example.org", "nobody@example.org"])
def test_repeated_failures_lock_an_email_known_or_not_alike(ctx: Context, email: str) -> None:
    factories.user(ctx, Role.GRADUATE, "kim@example.org", PASSWORD)
    live, clock = _moving(ctx)
    messages = []
    for _ in range(ctx.settings.max_failed_logins):
        with pytest.raises(AuthenticationFailed) as refused:
            accounts.authenticate(live, email, "wrong guess 123")
        messages.append(str(refused.value))
        clock.instant += timedelta(seconds=ctx.settings.max_delay_seconds)
    locked = locked_message(ctx.settings)
    assert messages == [accounts.SIGN_IN_FAILED] * (len(messages) - 1) + [locked]
    # The same message for an e-mail with an account and one without, even with the right
    # password, and tries while locked neither count nor extend the lock.
    until = _throttle(ctx, ThrottleScope.EMAIL, email).locked_until
    for _ in range(3):
        clock.instant += timedelta(minutes=1)
        with pytest.raises(AuthenticationFailed) as refused:
            accounts.authenticate(live, email, PASSWORD)
        assert str(refused.value) == locked
    row = _throttle(ctx, ThrottleScope.EMAIL, email)
    assert (row.locked_until, row.failures) == (until, ctx.settings.max_failed_logins)
    # Once the lock has run out, the right password signs in (the count starts afresh).
    clock.instant = until + timedelta(seconds=1)  # type: ignore[operator]
    if email == "kim@example.org":
        assert accounts.authenticate(live, email, PASSWORD).email == email
        with ctx.unit_of_work() as session:
            user = session.scalars(select(User)).one()
            assert (user.failed_login_count, user.locked_until) == (0, None)
    else:
        with pytest.raises(AuthenticationFailed, match="do not match"):
            accounts.authenticate(live, email, PASSWORD)
        assert _throttle(ctx, ThrottleScope.EMAIL, email).failures == 1


def test_each_failure_makes_the_next_try_wait_longer(ctx: Context) -> None:
    factories.user(ctx, Role.GRADUATE, "kim@example.org", PASSWORD)
    live, clock = _moving(ctx)
    start = clock.instant
    for failures, wait in [(1, 1), (2, 2), (3, 4)]:
        with pytest.raises(AuthenticationFailed, match="do not match"):
            accounts.authenticate(live, "kim@example.org", "wrong guess 123")
        row = _throttle(ctx, ThrottleScope.EMAIL, "kim@example.org")
        assert (row.failures, row.retry_after) == (
            failures,
            clock.instant + timedelta(seconds=wait),
        )
        # Too soon: refused before the password is looked at, even the right one, uncounted.
        with pytest.raises(AuthenticationFailed, match=f"wait {wait} second"):
            accounts.authenticate(live, "kim@example.org", PASSWORD)
        assert _throttle(ctx, ThrottleScope.EMAIL, "kim@example.org").failures == failures
        clock.instant += timedelta(seconds=wait)
    assert clock.instant - start == timedelta(seconds=7)
    assert accounts.authenticate(live, "kim@example.org", PASSWORD).email == "kim@example.org"


def test_one_address_guessing_at_many_emails_is_slowed_down(ctx: Context) -> None:
    factories.user(ctx, Role.GRADUATE, "kim@example.org", PASSWORD)
    live, clock = _moving(ctx)
    free = ctx.settings.address_free_failures
    for n in range(free):
        with pytest.raises(AuthenticationFailed, match="do not match"):
            accounts.authenticate(live, f"guess{n}@example.org", "x" * 12, address="203.0.113.9")
    with pytest.raises(AuthenticationFailed, match="do not match"):
        accounts.authenticate(live, "another@example.org", "x" * 12, address="203.0.113.9")
    # Past the free failures, even an e-mail never tried must wait from that address ...
    with pytest.raises(AuthenticationFailed, match="wait 1 second"):
        accounts.authenticate(live, "kim@example.org", PASSWORD, address="203.0.113.9")
    # ... while another address signs in at once.
    assert accounts.authenticate(live, "kim@example.org", PASSWORD, address="198.51.100.7")
    clock.instant += timedelta(seconds=1)
    assert accounts.authenticate(live, "kim@example.org", PASSWORD, address="203.0.113.9")
    assert _throttle(ctx, ThrottleScope.ADDRESS, "203.0.113.9").failures == free + 1


def test_failures_for_unknown_emails_are_in_the_audit_log(ctx: Context) -> None:
    with pytest.raises(AuthenticationFailed):
        accounts.authenticate(ctx, " Nobody@Example.org", "wrong guess 123", address="192.0.2.1")
    with ctx.unit_of_work() as session:
        entry = session.scalars(select(AuditEntry)).one()
    assert (entry.action, entry.actor_id, entry.entity_id) == ("sign_in_failed", None, None)
    assert entry.detail == {
        "email": "nobody@example.org",
        "address": "192.0.2.1",
        "reason": "password",
    }


def test_known_and_unknown_emails_cost_one_check_at_the_same_price(
    ctx: Context, production_passwords: PasswordHasher, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue: an unknown e-mail skipped the hash (0.8 ms against 126 ms), so the time a sign-in
    took told whether an account existed. Both now run exactly one argon2 check against a hash
    of production's cost; counting the checks says so without timing anything."""
    factories.user(ctx, Role.ADVISOR, "ana@example.org", PASSWORD)
    # No delay and no lock here: this is about the password check itself.
    quiet = Context(
        ctx.engine,
        ctx.settings.model_copy(update={"max_delay_seconds": 0, "max_failed_logins": 10_000}),
        ctx.clock,
    )
    checked: list[Parameters] = []

    class Counting(PasswordHasher):
        def verify(self, hash: str | bytes, password: str | bytes) -> Literal[True]:
            checked.append(extract_parameters(str(hash)))
            return super().verify(hash, password)

    production = production_passwords
    monkeypatch.setattr(passwords, "_hasher", Counting.from_parameters(production._parameters))
    passwords._dummy_hash.cache_clear()  # the dummy is hashed again by the counting hasher
    costs: dict[str, Parameters] = {}
    for email in ("ana@example.org", "nobody@example.org"):
        checked.clear()
        with pytest.raises(AuthenticationFailed):
            accounts.authenticate(quiet, email, "not the password")
        assert len(checked) == 1, email
        costs[email] = checked[0]
    for cost in costs.values():
        assert (cost.time_cost, cost.memory_cost, cost.parallelism) == (
            production.time_cost,
            production.memory_cost,
            production.parallelism,
        )


def test_inactive_account_cannot_sign_in(ctx: Context) -> None:
    factories.user(ctx, Role.GRADUATE, "gone@example.org", PASSWORD)
    with ctx.unit_of_work() as session:
        session.scalars(select(User)).one().is_active = False
    with pytest.raises(AuthenticationFailed):
        accounts.authenticate(ctx, "gone@example.org", PASSWORD)


def test_create_user_checks_email_name_and_password(ctx: Context) -> None:
    with pytest.raises(InvalidInput, match="not a valid email"):
        accounts.add_user(ctx, None, email="ana.example.org", first_name="Ana", role=Role.ADMIN)
    with pytest.raises(InvalidInput, match="first name"):
        accounts.add_user(ctx, None, email="ana@example.org", first_name=" ", role=Role.ADMIN)
    with pytest.raises(InvalidInput, match="at least 10"):
        accounts.add_user(
            ctx, None, email="ana@example.org", first_name="Ana", role=Role.ADMIN, password="short"
        )
    accounts.add_user(ctx, None, email="Ana@Example.org", first_name="Ana", role=Role.ADMIN)
    with pytest.raises(InvalidInput, match="already exists"):
        accounts.add_user(ctx, None, email="ANA@example.org", first_name="Ana", role=Role.ADMIN)
