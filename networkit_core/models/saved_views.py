"""An advisor's saved dashboard filters: a name and the address's query string."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from networkit_core.models.base import Base, Timestamped


class SavedView(Timestamped, Base):
    """One name per advisor: opening it is following `/dashboard?<query>`."""

    __tablename__ = "saved_views"
    __table_args__ = (UniqueConstraint("advisor_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    advisor_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(80))
    query: Mapped[str] = mapped_column(String(1000))  # urlencoded, only the dashboard's filters
