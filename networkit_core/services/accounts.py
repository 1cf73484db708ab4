"""Accounts: sign-in with lockout, creating users, passwords."""

from __future__ import annotations

from datetime import timedelta

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from networkit_core import audit_log
from networkit_core.access import require_role
from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.errors import AuthenticationFailed, InvalidInput
from networkit_core.models import Role, User
from networkit_core.passwords import hash_password, needs_rehash, verify_password
from networkit_core.services._input import required_text, text_or_empty

SIGN_IN_FAILED = "That email and password do not match an active account."


def normalize_email(raw: str) -> str:
    """The stored form of an email: validated syntax, lower-cased."""
    try:
        checked = validate_email(raw.strip(), check_deliverability=False)
    except EmailNotValidError as error:
        raise InvalidInput(
            f"{raw.strip()!r} is not a valid email address: {error}", "email"
        ) from None
    return checked.normalized.lower()


def authenticate(ctx: Context, email: str, password: str) -> Actor:
    """The actor for a correct email and password. Every failure gives the same message;
    a run of failures locks the account for a while (counted even while locked)."""
    now = ctx.clock.now()
    with ctx.unit_of_work() as session:
        user = session.scalar(select(User).where(User.email == email.strip().lower()))
        if user is None or not user.is_active or user.password_hash is None:
            raise AuthenticationFailed(SIGN_IN_FAILED)
        locked = user.locked_until is not None and user.locked_until > now
        if not locked and verify_password(user.password_hash, password):
            user.failed_login_count = 0
            user.locked_until = None
            if needs_rehash(user.password_hash):
                user.password_hash = hash_password(password)
            audit_log.record(session, Actor.of(user), "sign_in", "user", user.id)
            return Actor.of(user)
        # The failure is counted (committed as the block ends), then refused below.
        user.failed_login_count += 1
        if user.failed_login_count >= ctx.settings.max_failed_logins:
            user.locked_until = now + timedelta(minutes=ctx.settings.lockout_minutes)
            locked = True
        audit_log.record(session, None, "sign_in_failed", "user", user.id)
    if locked:
        raise AuthenticationFailed(
            "Too many failed sign-ins: this account is locked for a while. "
            "An admin can unlock it sooner."
        )
    raise AuthenticationFailed(SIGN_IN_FAILED)


def create_user(
    session: Session,
    actor: Actor | None,
    *,
    email: str,
    first_name: str,
    last_name: str = "",
    role: Role,
    password: str | None = None,
) -> User:
    """A new account. `actor` None is the command line bootstrapping the first admin."""
    if actor is not None:
        require_role(actor, Role.ADMIN)
    normalized = normalize_email(email)
    first = required_text(first_name, "first_name", max_length=80)
    last = text_or_empty(last_name, "last_name", max_length=80)
    if session.scalar(select(func.count()).where(User.email == normalized)):
        raise InvalidInput(f"An account with the email {normalized} already exists.", "email")
    user = User(
        email=normalized,
        first_name=first,
        last_name=last,
        role=role,
        password_hash=hash_password(password) if password is not None else None,
        failed_login_count=0,
        is_active=True,
    )
    session.add(user)
    session.flush()
    audit_log.record(session, actor, "create", "user", user.id, role=role.value)
    return user


def add_user(
    ctx: Context,
    actor: Actor | None,
    *,
    email: str,
    first_name: str,
    last_name: str = "",
    role: Role,
    password: str | None = None,
) -> Actor:
    with ctx.unit_of_work() as session:
        return Actor.of(
            create_user(
                session,
                actor,
                email=email,
                first_name=first_name,
                last_name=last_name,
                role=role,
                password=password,
            )
        )


def any_admin_exists(ctx: Context) -> bool:
    with ctx.unit_of_work() as session:
        return bool(session.scalar(select(func.count()).where(User.role == Role.ADMIN)))
