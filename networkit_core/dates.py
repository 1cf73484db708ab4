"""Dates as people read them, one way everywhere: pages, e-mails, due reasons, the command
line's tables. Files and addresses keep ISO `YYYY-MM-DD` (DESIGN.md, "CSV interchange")."""

from __future__ import annotations

from datetime import date, datetime

NO_VALUE = "—"


def written(value: date | datetime | None) -> str:
    """ "Tue 1 Dec 2026"; "—" when there is none."""
    if value is None:
        return NO_VALUE
    return f"{value:%a} {value.day} {value:%b %Y}"


def relative(day: date, today: date) -> str:
    """How far `day` is from `today`: "today", "tomorrow", "in 3 days", "3 days ago"."""
    days = (day - today).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days == -1:
        return "yesterday"
    return f"in {days} days" if days > 0 else f"{-days} days ago"
