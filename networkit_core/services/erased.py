"""Who was erased on request stays erased: their e-mail is kept only as an HMAC-SHA256 under a
secret key, so an import or a new account can be matched against it (the e-mail read is
hashed the same way) while the database holds no erased person's e-mail."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterable
from datetime import date

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from networkit_core.errors import InvalidInput
from networkit_core.models import ErasedPerson, InstanceSetting
from networkit_core.settings import Settings

# instance_settings key of the random key used while NETWORKIT_ERASURE_SECRET is unset.
ERASURE_KEY = "erasure_key"
BRING_BACK = "bring back erased people"
CHUNK = 900  # under SQLite's bound-parameter limit


def chunks(values: list[str]) -> Iterable[list[str]]:
    for start in range(0, len(values), CHUNK):
        yield values[start : start + CHUNK]


def _key(session: Session, settings: Settings, *, make: bool) -> bytes | None:
    if settings.erasure_secret:
        return settings.erasure_secret.encode()
    stored = session.get(InstanceSetting, ERASURE_KEY)
    if stored is None and make:
        stored = InstanceSetting(key=ERASURE_KEY, value=secrets.token_hex(32))
        session.add(stored)
        session.flush()
    return stored.value.encode() if stored is not None else None


def _digest(key: bytes, email: str) -> str:
    return hmac.new(key, email.strip().lower().encode(), hashlib.sha256).hexdigest()


def email_hash(session: Session, settings: Settings, email: str) -> str:
    """The hash an erasure keeps (making the key at the first erasure)."""
    key = _key(session, settings, make=True)
    assert key is not None
    return _digest(key, email)


def remember(session: Session, settings: Settings, email: str, day: date) -> str:
    """Note that `email` was erased on `day`; its hash, for the audit entry."""
    digest = email_hash(session, settings, email)
    row = session.scalar(select(ErasedPerson).where(ErasedPerson.email_hash == digest))
    if row is None:
        session.add(ErasedPerson(email_hash=digest, erased_on=day))
    else:
        row.erased_on = day
    return digest


def erased_on(session: Session, settings: Settings, emails: Iterable[str]) -> dict[str, date]:
    """Those of `emails` (lower-cased) that were erased, with the day."""
    key = _key(session, settings, make=False)
    if key is None:  # no key yet: nobody was ever erased
        return {}
    by_hash = {_digest(key, email): email.strip().lower() for email in emails if email.strip()}
    found: dict[str, date] = {}
    for batch in chunks(sorted(by_hash)):
        for digest, day in session.execute(
            select(ErasedPerson.email_hash, ErasedPerson.erased_on).where(
                ErasedPerson.email_hash.in_(batch)
            )
        ):
            found[by_hash[digest]] = day
    return found


def forget(session: Session, settings: Settings, emails: Iterable[str]) -> int:
    """Bring people back: their e-mails are no longer refused. How many were erased."""
    key = _key(session, settings, make=False)
    if key is None:
        return 0
    hashes = [_digest(key, email) for email in emails]
    gone = 0
    for batch in chunks(hashes):
        result = session.execute(delete(ErasedPerson).where(ErasedPerson.email_hash.in_(batch)))
        gone += result.rowcount or 0
    return gone


def erased_message(email: str, day: date) -> str:
    return f"{email} was erased on request on {day.isoformat()}"


def refuse_if_erased(session: Session, settings: Settings, email: str, *, bring_back: bool) -> bool:
    """For a new account by hand: refused, naming the day, unless `bring_back` (then the
    e-mail is no longer refused). Whether the person is brought back."""
    day = erased_on(session, settings, [email]).get(email)
    if day is None:
        return False
    if not bring_back:
        raise InvalidInput(
            f"{erased_message(email, day)}: tick “{BRING_BACK}” to create the account anyway.",
            "email",
        )
    forget(session, settings, [email])
    return True
