"""Accounts, cohorts, which advisor coaches which cohort, and graduates."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    String,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from networkit_core.models.base import Base, Timestamped, str_enum


class Role(enum.StrEnum):
    ADMIN = "admin"
    ADVISOR = "advisor"
    GRADUATE = "graduate"


class User(Timestamped, Base):
    """A person who signs in. Emails are stored lower-cased, so uniqueness ignores case."""

    __tablename__ = "users"
    __table_args__ = (
        UniqueConstraint("email"),
        CheckConstraint("email = lower(email)", name="email_lower_case"),
        CheckConstraint("failed_login_count >= 0", name="failed_logins_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254))
    first_name: Mapped[str] = mapped_column(String(80))
    last_name: Mapped[str] = mapped_column(String(80), default="")
    role: Mapped[Role] = mapped_column(str_enum(Role, "role"))
    # None until a password is set (a roster import creates accounts without one).
    password_hash: Mapped[str | None] = mapped_column(String(255))
    failed_login_count: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column()
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    # A temporary password (set by an admin) must be replaced right after signing in.
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)

    graduate: Mapped[Graduate | None] = relationship(back_populates="user")

    @property
    def display_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class Cohort(Timestamped, Base):
    """A group of graduates coached together, e.g. "Spring 2026 Business"."""

    __tablename__ = "cohorts"
    __table_args__ = (UniqueConstraint("name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(String(500), default="")
    # Soft delete: an archived cohort keeps its graduates and history.
    archived_at: Mapped[datetime | None] = mapped_column()
    # Guards against lost updates, as Interview.version does: a save over a newer one is refused.
    version: Mapped[int] = mapped_column(Integer, server_default=text("1"))

    __mapper_args__ = {"version_id_col": version}

    graduates: Mapped[list[Graduate]] = relationship(back_populates="cohort")


class CohortAdvisor(Base):
    """An advisor coaches a cohort: this is what scopes an advisor's view."""

    __tablename__ = "cohort_advisors"

    cohort_id: Mapped[int] = mapped_column(
        ForeignKey("cohorts.id", ondelete="CASCADE"), primary_key=True
    )
    advisor_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    assigned_at: Mapped[datetime] = mapped_column()


class Graduate(Base):
    """A graduate's place in the programme. One row per user, so one cohort per graduate."""

    __tablename__ = "graduates"
    __table_args__ = (
        UniqueConstraint("user_id"),
        CheckConstraint(
            "graduation_year IS NULL OR graduation_year BETWEEN 1950 AND 2100",
            name="graduation_year_plausible",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id"), index=True)
    program: Mapped[str] = mapped_column(String(120), default="")
    graduation_year: Mapped[int | None] = mapped_column(Integer)
    # The day of graduation when the roster gives it (Handshake does); without it, a
    # graduate's graduation is the 31 May of their graduation year (DESIGN.md).
    graduation_date: Mapped[date | None] = mapped_column(Date)

    user: Mapped[User] = relationship(back_populates="graduate")
    cohort: Mapped[Cohort] = relationship(back_populates="graduates")
