"""The session token's way into an HttpOnly cookie. A page's script cannot write such a cookie and
a Streamlit run cannot answer with a Set-Cookie, so a sign-in hands the page a one-time code that
it POSTs to serve.py's route, which redeems the code for the token and sets the cookie.

A code works once, for HANDOFF_SECONDS, and only while its session is live. The database keeps
the code's SHA-256 and the token sealed with a key made from the code: it never holds the token,
and any app process sharing it can redeem a code another one issued."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import String, bindparam, delete, insert, select

from networkit_core.context import Context
from networkit_core.models import SessionHandoff, UserSession
from networkit_core.models.base import UTCDateTime
from networkit_core.services.accounts.sessions import TOKEN_BYTES, resume_session, token_hash

HANDOFF_SECONDS = 60
# A code is token_urlsafe(TOKEN_BYTES): 43 characters. Anything much longer is not one.
CODE_MAX_LENGTH = 64
_KEY_LABEL = b"networkit cookie handoff\x00"


def _keystream(code: str, length: int) -> bytes:
    # SHAKE-256 of a 256-bit random code that seals one token only: a one-time pad's worth of
    # key; the label keeps it apart from the code's SHA-256, which is stored.
    return hashlib.shake_256(_KEY_LABEL + code.encode("utf-8")).digest(length)


def _seal(code: str, token: str) -> str:
    raw = token.encode("ascii")
    return bytes(a ^ b for a, b in zip(raw, _keystream(code, len(raw)), strict=True)).hex()


def _unseal(code: str, sealed: str) -> str:
    raw = bytes.fromhex(sealed)
    return bytes(a ^ b for a, b in zip(raw, _keystream(code, len(raw)), strict=True)).decode()


# Core statements, made once (a code is handed on a tab's first run): spent and expired codes
# of anyone go, then one INSERT ... SELECT keeps the code only if the session is live.
_EXPIRED = delete(SessionHandoff).where(
    SessionHandoff.expires_at <= bindparam("now", type_=UTCDateTime())
)
_KEEP = (
    insert(SessionHandoff)
    .from_select(
        ["session_id", "code_hash", "sealed_token", "expires_at"],
        select(
            UserSession.id,
            bindparam("code_hash", type_=String()),
            bindparam("sealed", type_=String()),
            bindparam("expires", type_=UTCDateTime()),
        ).where(UserSession.token_hash == bindparam("token_hash"), UserSession.ended_at.is_(None)),
    )
    # A row back: the code was kept (PostgreSQL's rowcount here is -1 for none).
    .returning(SessionHandoff.id)
)


def hand_off(ctx: Context, token: str) -> str | None:
    """A one-time code that the browser trades for `token`'s cookie; None if the session has
    ended. Spent and expired codes of anyone are cleared on the way."""
    code = secrets.token_urlsafe(TOKEN_BYTES)
    now = ctx.clock.now()
    with ctx.engine.begin() as connection:
        connection.execute(_EXPIRED, {"now": now})
        kept = connection.execute(
            _KEEP,
            {
                "code_hash": token_hash(code),
                "sealed": _seal(code, token),
                "expires": now + timedelta(seconds=HANDOFF_SECONDS),
                "token_hash": token_hash(token),
            },
        ).first()
    return code if kept is not None else None


def redeem(ctx: Context, code: object) -> str | None:
    """The token for `code`, once: None for an unknown, used or expired code, or a session that
    has ended since (signed out, idle, the account deactivated or erased)."""
    if not isinstance(code, str) or not code or len(code) > CODE_MAX_LENGTH:
        return None
    now = ctx.clock.now()
    with ctx.unit_of_work() as session:
        # Deleted as it is read: of two requests with one code, only one gets the row.
        row = session.execute(
            delete(SessionHandoff)
            .where(SessionHandoff.code_hash == token_hash(code))
            .returning(SessionHandoff.sealed_token, SessionHandoff.expires_at)
        ).one_or_none()
    if row is None or row.expires_at <= now:
        return None
    token = _unseal(code, row.sealed_token)
    return token if resume_session(ctx, token) is not None else None
