"""The nudge list as a triage table: filtered by reason, a page at a time, most overdue first
(the order of `nudges.nudge_lines`), and who to start with."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from networkit_core.errors import InvalidInput
from networkit_core.figures.due import REASON_NAMES, DueReason
from networkit_core.figures.nudges import NudgeLine

PAGE_SIZE = 25


@dataclass(frozen=True)
class Triage:
    lines: tuple[NudgeLine, ...]  # this page's, most overdue first
    matching: int  # on the list with the reason asked for (all of it without one)
    everyone: int  # on the list, whatever the reason
    page: int  # 1-based, within 1..pages
    pages: int
    reason: DueReason | None
    lead: NudgeLine | None  # who to start with: the most overdue of those matching
    first: int  # the position (1-based) of this page's first line among those matching


def reason_of(value: str | DueReason | None) -> DueReason | None:
    """A reason from the address ("" or None: any), or an `InvalidInput` naming it."""
    if value is None or value == "":
        return None
    try:
        return DueReason(value)
    except ValueError:
        known = ", ".join(reason.value for reason in REASON_NAMES)
        raise InvalidInput(f"There is no reason {value!r}: use one of {known}.", "reason") from None


def page_of(value: int | str | None) -> int:
    """A page number from the address; anything that is not a positive number is page 1."""
    if isinstance(value, int):
        return max(1, value)
    text = (value or "").strip()
    return max(1, int(text)) if text.isdigit() else 1


def triage(
    lines: Sequence[NudgeLine],
    *,
    reason: str | DueReason | None = None,
    page: int | str | None = None,
    per_page: int = PAGE_SIZE,
) -> Triage:
    """One page of `lines` with `reason` among their reasons; a page past the end shows the last
    (a bookmark kept while the list shrank)."""
    wanted = reason_of(reason)
    matching = [
        line for line in lines if wanted is None or any(i.reason is wanted for i in line.reasons)
    ]
    pages = max(1, -(-len(matching) // per_page))
    shown = min(page_of(page), pages)
    start = (shown - 1) * per_page
    return Triage(
        tuple(matching[start : start + per_page]),
        len(matching),
        len(lines),
        shown,
        pages,
        wanted,
        matching[0] if matching else None,
        start + 1,
    )
