"""Who was erased on request: only a keyed hash of their e-mail and the day, so that a later
import can refuse them by name (it hashes the e-mail it reads) without the database holding
the e-mail of anyone erased."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from networkit_core.models.base import Base


class ErasedPerson(Base):
    __tablename__ = "erased_people"
    __table_args__ = (UniqueConstraint("email_hash"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # HMAC-SHA256 of the lower-cased e-mail, hex (services/erased.py makes it).
    email_hash: Mapped[str] = mapped_column(String(64))
    erased_on: Mapped[date] = mapped_column(Date)
