"""Sign-in: argon2 hashes, one message for every failure, lockout after repeated failures."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from networkit_core.clock import FixedClock
from networkit_core.context import Context
from networkit_core.errors import AuthenticationFailed, InvalidInput
from networkit_core.models import AuditEntry, Role, User
from networkit_core.services import accounts
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


def test_repeated_failures_lock_the_account_for_a_while(ctx: Context) -> None:
    factories.user(ctx, Role.GRADUATE, "kim@example.org", PASSWORD)
    for _ in range(ctx.settings.max_failed_logins - 1):
        with pytest.raises(AuthenticationFailed, match="do not match"):
            accounts.authenticate(ctx, "kim@example.org", "wrong guess 123")
    with pytest.raises(AuthenticationFailed, match="locked"):
        accounts.authenticate(ctx, "kim@example.org", "wrong guess 123")
    # Even the right password is refused while locked ...
    with pytest.raises(AuthenticationFailed, match="locked"):
        accounts.authenticate(ctx, "kim@example.org", PASSWORD)
    # ... and accepted once the lock has expired.
    later = Context(
        ctx.engine,
        ctx.settings,
        FixedClock(ctx.clock.now() + timedelta(minutes=ctx.settings.lockout_minutes + 1)),
    )
    assert accounts.authenticate(later, "kim@example.org", PASSWORD).email == "kim@example.org"
    with ctx.unit_of_work() as session:
        user = session.scalars(select(User)).one()
        assert (user.failed_login_count, user.locked_until) == (0, None)


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
