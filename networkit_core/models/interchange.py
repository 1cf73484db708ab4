"""What the importer remembers: a user's hand-made header mapping, per kind of file and header
row, so the next file with the same headers is mapped the same way."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from networkit_core.models.base import Base


class ImportMapping(Base):
    __tablename__ = "import_mappings"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    # sha256 of the normalised header row (reading.header_signature).
    headers: Mapped[str] = mapped_column(String(64), primary_key=True)
    # file header -> canonical column, or "" for a column left out.
    mapping: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime]
