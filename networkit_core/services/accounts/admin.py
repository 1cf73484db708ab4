"""What admins do to accounts, and the instance's sign-in setting."""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from networkit_core import audit_log, bounds
from networkit_core.access import get_user, require_role
from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.errors import ConflictError, InvalidInput
from networkit_core.models import CohortAdvisor, Graduate, InstanceSetting, Role, User
from networkit_core.passwords import hash_password
from networkit_core.services._input import choice, text_or_empty
from networkit_core.services.accounts import (
    LOCAL_PASSWORDS,
    create_user,
    local_passwords_enabled,
    throttle,
)
from networkit_core.services.accounts.sessions import end_user_sessions
from networkit_core.services.calendar_feed import end_feed


class UserView(NamedTuple):
    """An account as the admins see it. A named tuple, not a frozen dataclass: the users page
    lists every account on each run, and 2,000 frozen dataclasses took 3 ms to make."""

    id: int
    email: str
    first_name: str
    last_name: str
    role: Role
    is_active: bool
    has_password: bool
    failed_login_count: int
    locked_until: datetime | None
    # The graduate record's id, for a graduate who is enrolled.
    graduate_id: int | None
    must_change_password: bool = False

    @property
    def display_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


def _user_view(session: Session, user: User) -> UserView:
    graduate_id = session.scalar(select(Graduate.id).where(Graduate.user_id == user.id))
    return _as_user_view(user, graduate_id)


def _as_user_view(user: User, graduate_id: int | None) -> UserView:
    return UserView(
        user.id,
        user.email,
        user.first_name,
        user.last_name,
        user.role,
        user.is_active,
        user.password_hash is not None,
        user.failed_login_count,
        user.locked_until,
        graduate_id,
        user.must_change_password,
    )


# Every account's columns in UserView's order, not User objects (2,000 ORM rows took 0.1 s a
# run); made once, at import.
_USERS = (
    select(
        User.id,
        User.email,
        User.first_name,
        User.last_name,
        User.role,
        User.is_active,
        User.password_hash.is_not(None),
        User.failed_login_count,
        User.locked_until,
        Graduate.id,
        User.must_change_password,
    )
    .outerjoin(Graduate, Graduate.user_id == User.id)
    .order_by(User.last_name, User.first_name, User.id)
)
_HAYSTACK = func.lower(User.email + " " + User.first_name + " " + User.last_name)


def list_users(
    ctx: Context, actor: Actor, *, role: Role | str | None = None, search: str = ""
) -> list[UserView]:
    """Every account, by name; `search` keeps those whose e-mail or name contains it."""
    require_role(actor, Role.ADMIN)
    words = text_or_empty(search, "search", bounds.SEARCH).lower().split()
    query = _USERS
    if role is not None:
        query = query.where(User.role == choice(Role, role, "role"))
    for word in words:
        query = query.where(_HAYSTACK.contains(word, autoescape=True))
    # Through a connection, fetched at once: the session's rows came one by one.
    with ctx.engine.connect() as connection:
        return [UserView._make(row) for row in connection.execute(query).all()]


@audit_log.refusals_logged("create", "user", detail=lambda **asked: {"email": asked.get("email")})
def create_account(
    ctx: Context,
    actor: Actor,
    *,
    email: str,
    first_name: str,
    last_name: str = "",
    role: Role | str,
    password: str | None = None,
    bring_back_erased: bool = False,
) -> UserView:
    """A new account. Its password is temporary: the user sets their own at first sign-in.
    Without a password the user cannot sign in until an admin resets it. An e-mail erased on
    request is refused unless `bring_back_erased`."""
    require_role(actor, Role.ADMIN)
    with ctx.unit_of_work() as session:
        user = create_user(
            session,
            actor,
            email=email,
            first_name=first_name,
            last_name=last_name,
            role=choice(Role, role, "role"),
            password=password,
            temporary=True,
            settings=ctx.settings,
            bring_back_erased=bring_back_erased,
        )
        return _user_view(session, user)


@audit_log.refusals_logged("deactivate", "user", also=(InvalidInput,))
def deactivate_user(ctx: Context, actor: Actor, user_id: int) -> UserView:
    """The account can no longer sign in; its records stay."""
    return _set_active(ctx, actor, user_id, False)


@audit_log.refusals_logged("reactivate", "user")
def reactivate_user(ctx: Context, actor: Actor, user_id: int) -> UserView:
    return _set_active(ctx, actor, user_id, True)


def _set_active(ctx: Context, actor: Actor, user_id: int, active: bool) -> UserView:
    require_role(actor, Role.ADMIN)
    with ctx.unit_of_work() as session:
        user = get_user(session, actor, user_id)
        if not active and user.id == actor.id:
            raise InvalidInput("You cannot deactivate your own account.", "user")
        user.is_active = active
        if not active:
            end_user_sessions(session, user.id, ctx.clock.now())
            end_feed(session, actor, user.id)  # for good: reactivation revives no address
        session.flush()
        audit_log.record(session, actor, "reactivate" if active else "deactivate", "user", user.id)
        return _user_view(session, user)


@audit_log.refusals_logged("reset_password", "user")
def reset_password(ctx: Context, actor: Actor, user_id: int, new_password: str) -> UserView:
    """Set a temporary password (the admin passes it on; the user replaces it right after
    signing in); also unlocks the account and ends its sessions."""
    require_role(actor, Role.ADMIN)
    with ctx.unit_of_work() as session:
        user = get_user(session, actor, user_id)
        user.password_hash = hash_password(new_password)
        user.must_change_password = True
        _unlock(session, user)
        end_user_sessions(session, user.id, ctx.clock.now())
        session.flush()
        audit_log.record(session, actor, "reset_password", "user", user.id)
        return _user_view(session, user)


@audit_log.refusals_logged("unlock", "user")
def unlock_user(ctx: Context, actor: Actor, user_id: int) -> UserView:
    """Clear a lockout after too many failed sign-ins."""
    require_role(actor, Role.ADMIN)
    with ctx.unit_of_work() as session:
        user = get_user(session, actor, user_id)
        _unlock(session, user)
        session.flush()
        audit_log.record(session, actor, "unlock", "user", user.id)
        return _user_view(session, user)


def _unlock(session: Session, user: User) -> None:
    throttle.clear(session, user.email)
    user.failed_login_count = 0
    user.locked_until = None


@audit_log.refusals_logged("change_role", "user", also=(InvalidInput,))
def change_role(
    ctx: Context,
    actor: Actor,
    user_id: int,
    role: Role | str,
    *,
    expected_role: Role | str | None = None,
) -> UserView:
    """Make an account an admin, an advisor or a graduate. Refused where records hang on the
    old role: an enrolled graduate, an advisor who still coaches cohorts, one's own account;
    and, as a conflict, when the role is no longer the one the caller read (`expected_role`:
    an account's version is its role here, since sign-ins change the row all the time)."""
    require_role(actor, Role.ADMIN)
    new_role = choice(Role, role, "role")
    with ctx.unit_of_work() as session:
        user = get_user(session, actor, user_id, for_write=True)
        if expected_role is not None and user.role is not choice(Role, expected_role, "role"):
            raise ConflictError(
                "account", mine={"role": new_role}, theirs=_user_view(session, user)
            )
        if user.role is new_role:
            return _user_view(session, user)
        if user.id == actor.id:
            raise InvalidInput("You cannot change your own role: ask another admin.", "role")
        if session.scalar(select(Graduate.id).where(Graduate.user_id == user.id)) is not None:
            raise InvalidInput(
                f"{user.display_name} is enrolled as a graduate in a cohort: "
                "their interviews belong to a graduate, so the role stays.",
                "role",
            )
        coached = session.scalar(select(func.count()).where(CohortAdvisor.advisor_id == user.id))
        if coached:
            raise InvalidInput(
                f"{user.display_name} coaches {coached} cohort(s): unassign them first.", "role"
            )
        before = user.role
        user.role = new_role
        # The new role's pages are the user's from their next sign-in.
        end_user_sessions(session, user.id, ctx.clock.now())
        session.flush()
        audit_log.record(
            session, actor, "change_role", "user", user.id, role=new_role.value, was=before.value
        )
        return _user_view(session, user)


def find_user(ctx: Context, actor: Actor, email: str) -> UserView:
    """The account with this e-mail (any case), for an admin."""
    require_role(actor, Role.ADMIN)
    with ctx.unit_of_work() as session:
        user = session.scalar(select(User).where(User.email == email.strip().lower()))
        if user is None:
            raise InvalidInput(f"No account has the email {email.strip()}.", "email")
        return _user_view(session, user)


@audit_log.refusals_logged("local_passwords", "instance")
def set_local_passwords(ctx: Context, actor: Actor, enabled: bool) -> bool:
    """Turn signing in with a local password on or off (university sign-in stays)."""
    require_role(actor, Role.ADMIN)
    with ctx.unit_of_work() as session:
        setting = session.get(InstanceSetting, LOCAL_PASSWORDS)
        value = "on" if enabled else "off"
        if setting is None:
            session.add(InstanceSetting(key=LOCAL_PASSWORDS, value=value))
        else:
            setting.value = value
        audit_log.record(session, actor, "local_passwords", "instance", None, value=value)
        return enabled


def local_passwords(ctx: Context, actor: Actor) -> bool:
    """Whether signing in with a local password is on."""
    require_role(actor, Role.ADMIN)
    with ctx.unit_of_work() as session:
        return local_passwords_enabled(session)
