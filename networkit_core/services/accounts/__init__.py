"""Accounts: sign-in with lockout, creating users, passwords."""

from __future__ import annotations

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from networkit_core import audit_log, bounds
from networkit_core.access import require_role
from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.errors import AccessDenied, AuthenticationFailed, InvalidInput
from networkit_core.models import InstanceSetting, Role, SignInThrottle, User
from networkit_core.passwords import (
    check_password_strength,
    hash_password,
    needs_rehash,
    verify_against_nothing,
    verify_password,
)
from networkit_core.services import erased
from networkit_core.services._input import required_text, text_or_empty
from networkit_core.services.accounts import sign_in_links, throttle
from networkit_core.services.accounts.sessions import end_user_sessions
from networkit_core.settings import Settings

SIGN_IN_FAILED = "That email and password do not match an active account."
PASSWORDS_OFF = "Signing in with a password is turned off here: use your university sign-in."
# instance_settings key: "off" once an admin turns local passwords off.
LOCAL_PASSWORDS = "local_passwords"


def normalize_email(raw: str) -> str:
    """The stored form of an email: validated syntax, lower-cased."""
    try:
        checked = validate_email(raw.strip(), check_deliverability=False)
    except EmailNotValidError as error:
        raise InvalidInput(
            f"{raw.strip()!r} is not a valid email address: {error}", "email"
        ) from None
    return checked.normalized.lower()


def authenticate(ctx: Context, email: str, password: str, *, address: str | None = None) -> Actor:
    """The actor for a correct email and password from client `address` (for the throttle).
    Known and unknown e-mails are answered alike, in the same time; every failure is logged.
    While the e-mail is locked or the address waits, a right password has a sign-in link sent
    instead (`sign_in_links`), with the same answer, so it tells a guesser nothing."""
    now = ctx.clock.now()
    key = throttle.email_key(email)
    where = throttle.address_key(address)
    by_link = sign_in_links.mail_configured()
    link_for: int | None = None
    with ctx.unit_of_work() as session:
        user = _user_by_email(session, key)
        held = throttle.refusal(session, ctx.settings, now, key, where)
        if not local_passwords_enabled(session):
            _failed(session, user, key, where, "off")
            refused = PASSWORDS_OFF
        elif held is not None and (held.reason == "waiting" or not by_link):
            _failed(session, user, key, where, held.reason)
            refused = _held_message(ctx, held, by_link)
        else:
            if user is not None and user.is_active and user.password_hash is not None:
                matched = verify_password(user.password_hash, password)
            else:
                matched = verify_against_nothing(password)
            if held is None and user is not None and matched:
                throttle.record_success(session, key)
                _mirror(user, None)
                if needs_rehash(user.password_hash or ""):
                    user.password_hash = hash_password(password)
                audit_log.record(session, Actor.of(user), "sign_in", "user", user.id)
                return Actor.of(user)
            row = None
            if user is not None and matched:
                link_for = user.id
            else:
                row = throttle.record_failure(
                    session,
                    ctx.settings,
                    now,
                    key,
                    where,
                    count_email=held is None or held.reason != "locked",
                )
                if user is not None and row is not None:
                    _mirror(user, row)
            _failed(session, user, key, where, "password" if held is None else held.reason)
            if held is not None:
                # Told what held it back before this try: whatever this try was, the same.
                refused = _held_message(ctx, held, by_link)
            elif row is not None and row.locked_until is not None:
                refused = throttle.locked_message(ctx.settings, by_link)
            else:
                refused = SIGN_IN_FAILED
    if link_for is not None:
        sign_in_links.offer_link(ctx, link_for)  # once the refusal's rows are committed
    # Raised after the unit of work, so the failure counted above is committed.
    raise AuthenticationFailed(refused)


def _held_message(ctx: Context, held: throttle.Refusal, by_link: bool) -> str:
    if held.reason == "locked":
        return throttle.locked_message(ctx.settings, by_link)
    return throttle.wait_message(held.seconds, by_link and held.reason == "address")


def authenticate_external(
    ctx: Context, email: str | None, *, verified: bool, address: str | None = None
) -> Actor:
    """The actor for an identity the university's sign-in (OIDC) vouched for: its verified
    e-mail must be that of an existing active account. Nothing is ever created here."""
    key = throttle.email_key(email or "")
    with ctx.unit_of_work() as session:
        user = _user_by_email(session, key) if key and verified else None
        if user is not None and user.is_active:
            audit_log.record(
                session, Actor.of(user), "sign_in", "user", user.id, method="university"
            )
            return Actor.of(user)
        reason = (
            "unverified" if not (key and verified) else "unknown" if user is None else "inactive"
        )
        _failed(session, user, key, throttle.address_key(address), f"university_{reason}")
    if reason == "unverified":
        raise AuthenticationFailed(
            "Your university sign-in did not confirm an email address, so it cannot be "
            "matched to an account here. Nothing was created."
        )
    raise AuthenticationFailed(
        f"No active account here has the email {key}. Ask your career centre to add you "
        "(or to reactivate your account); nothing was created."
    )


def passwords_allowed(ctx: Context) -> bool:
    """Whether the sign-in form offers a password (an admin may leave only university sign-in)."""
    with ctx.unit_of_work() as session:
        return local_passwords_enabled(session)


def _failed(
    session: Session, user: User | None, email: str, address: str | None, reason: str
) -> None:
    """A refused sign-in in the audit log, for an unknown e-mail too (entity id empty)."""
    audit_log.record(
        session,
        None,
        "sign_in_failed",
        "user",
        user.id if user else None,
        email=email,
        address=address,
        reason=reason,
    )


def _user_by_email(session: Session, key: str) -> User | None:
    return session.scalar(select(User).where(User.email == key))


def _mirror(user: User, row: SignInThrottle | None) -> None:
    """The account's own copy of its e-mail's throttle, shown in the admin's lists."""
    user.failed_login_count = row.failures if row is not None else 0
    user.locked_until = row.locked_until if row is not None else None


def local_passwords_enabled(session: Session) -> bool:
    """False once an admin has turned local passwords off (university sign-in only)."""
    setting = session.get(InstanceSetting, LOCAL_PASSWORDS)
    return setting is None or setting.value != "off"


def change_password(
    ctx: Context,
    actor: Actor,
    *,
    current: str,
    new: str,
    repeat: str,
    keep_session: str | None = None,
) -> Actor:
    """The signed-in user sets their own password: the current one first (a borrowed,
    unlocked screen is not enough). Ends their other sessions; keeps `keep_session`."""
    if new != repeat:
        raise InvalidInput("The two new passwords differ: type the same one twice.", "repeat")
    if new == current:
        raise InvalidInput("The new password must differ from the current one.", "new")
    check_password_strength(new)
    with ctx.unit_of_work() as session:
        user = session.get(User, actor.id)
        if user is None or not user.is_active:
            raise AccessDenied("account")
        if user.password_hash is None or not verify_password(user.password_hash, current):
            raise InvalidInput("The current password is not right.", "current")
        user.password_hash = hash_password(new)
        user.must_change_password = False
        end_user_sessions(session, user.id, ctx.clock.now(), keep_token=keep_session)
        audit_log.record(session, actor, "change_password", "user", user.id)
        return Actor.of(user)


def create_user(
    session: Session,
    actor: Actor | None,
    *,
    email: str,
    first_name: str,
    last_name: str = "",
    role: Role,
    password: str | None = None,
    temporary: bool = False,
    settings: Settings,
    bring_back_erased: bool = False,
) -> User:
    """A new account. `actor` None is the command line bootstrapping the first admin.
    A `temporary` password must be replaced by its holder right after signing in. An e-mail
    erased on request is refused, naming the day, unless `bring_back_erased`."""
    if actor is not None:
        require_role(actor, Role.ADMIN)
    normalized = normalize_email(email)
    first = required_text(first_name, "first_name", bounds.PERSON_NAME)
    last = text_or_empty(last_name, "last_name", bounds.PERSON_NAME)
    if session.scalar(select(func.count()).where(User.email == normalized)):
        raise InvalidInput(f"An account with the email {normalized} already exists.", "email")
    brought_back = erased.refuse_if_erased(
        session, settings, normalized, bring_back=bring_back_erased
    )
    user = User(
        email=normalized,
        first_name=first,
        last_name=last,
        role=role,
        password_hash=hash_password(password) if password is not None else None,
        failed_login_count=0,
        is_active=True,
        must_change_password=temporary and password is not None,
    )
    session.add(user)
    session.flush()
    audit_log.record(session, actor, "create", "user", user.id, role=role.value)
    if brought_back:
        audit_log.record(session, actor, "bring_back", "user", user.id)
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
    temporary: bool = False,
    bring_back_erased: bool = False,
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
                temporary=temporary,
                settings=ctx.settings,
                bring_back_erased=bring_back_erased,
            )
        )


def any_admin_exists(ctx: Context) -> bool:
    with ctx.unit_of_work() as session:
        return bool(session.scalar(select(func.count()).where(User.role == Role.ADMIN)))
