"""Signed-in sessions (a reload keeps the user signed in), the sign-in throttle and the
one-time sign-in links."""

from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from networkit_core.models.base import Base, str_enum


class UserSession(Base):
    """One signed-in browser. Only a hash of its random token is stored, never the token or
    the password: a copy of the database cannot be used to sign in as anyone."""

    __tablename__ = "user_sessions"
    __table_args__ = (UniqueConstraint("token_hash"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    # SHA-256 of the token, hex: the token is 256 random bits, so no salt or slow hash is needed.
    token_hash: Mapped[str] = mapped_column(String(64))
    # How the user proved who they are: "password" or "oidc" (university sign-in).
    method: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column()
    last_seen_at: Mapped[datetime] = mapped_column()
    ended_at: Mapped[datetime | None] = mapped_column()


class ThrottleScope(enum.StrEnum):
    EMAIL = "email"
    ADDRESS = "address"


class SignInThrottle(Base):
    """Failed sign-ins for one e-mail string (whether an account has it or not) or one client
    address: they grow a delay before the next try, and lock an e-mail for a while."""

    __tablename__ = "sign_in_throttles"
    __table_args__ = (
        UniqueConstraint("scope", "key"),
        CheckConstraint("failures >= 0", name="failures_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    scope: Mapped[ThrottleScope] = mapped_column(str_enum(ThrottleScope, "throttle_scope"))
    key: Mapped[str] = mapped_column(String(254))
    # Failures in a row: they set the delay and the lock; a success or an expired lock ends them.
    failures: Mapped[int] = mapped_column(Integer, default=0)
    # Every failure of the current window, for the admin's list of failure bursts.
    window_failures: Mapped[int] = mapped_column(Integer, default=0)
    window_started_at: Mapped[datetime] = mapped_column()
    last_failure_at: Mapped[datetime] = mapped_column()
    retry_after: Mapped[datetime | None] = mapped_column()
    locked_until: Mapped[datetime | None] = mapped_column()


class SignInLink(Base):
    """A one-time sign-in link, e-mailed to an account's owner who typed the right password
    while password sign-in was held back (a lock, or a throttled address). Only a hash of its
    random token is kept; it works once, until `expires_at`, for this one account."""

    __tablename__ = "sign_in_links"
    __table_args__ = (UniqueConstraint("token_hash"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    # SHA-256 of the token, hex, as for signed-in sessions.
    token_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column()
    expires_at: Mapped[datetime] = mapped_column()
    used_at: Mapped[datetime | None] = mapped_column()


class SessionHandoff(Base):
    """A session's token on its way into the browser's HttpOnly cookie: a one-time code, given to
    the page, that serve.py's route redeems within seconds. The code is kept as its SHA-256 and
    the token sealed with a key made from the code, so the table alone opens no session."""

    __tablename__ = "session_handoffs"
    __table_args__ = (UniqueConstraint("code_hash"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("user_sessions.id", ondelete="CASCADE"), index=True
    )
    code_hash: Mapped[str] = mapped_column(String(64))
    sealed_token: Mapped[str] = mapped_column(String(128))
    expires_at: Mapped[datetime] = mapped_column()
