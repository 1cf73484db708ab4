"""Small groups (DESIGN.md, "Student records"): an aggregate that leaves the product (a CSV file,
a command's output) gives no figure for a group of fewer than 5 graduates, so that no one
graduate's record can be read off it. Every such export blanks through this module; what a page
shows the advisor who coaches these graduates is not an export and keeps its figures."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Any

MIN_GROUP = 5
FEWER_THAN = f"fewer than {MIN_GROUP}"
# The JSON key that says a group's figures were left out (each of them is null).
FLAG = "suppressed"


def too_small(graduates: int) -> bool:
    """A group of this many graduates gives no figure outside the product."""
    return graduates < MIN_GROUP


def blanked(
    figures: Mapping[str, Any], graduates: int, *, keep: Collection[str] = ()
) -> dict[str, Any]:
    """A JSON object of a group of `graduates`: for a small group every value is None but those
    named in `keep` (what names the group, not its figures); `suppressed` says which it is."""
    small = too_small(graduates)
    shown = {key: None if small and key not in keep else value for key, value in figures.items()}
    return {**shown, FLAG: small}


def blanked_cells(figures: Sequence[Any], graduates: int) -> list[Any]:
    """A CSV row's figure cells (the head count first): for a small group the first says
    "fewer than 5" and the others are empty."""
    if not too_small(graduates):
        return list(figures)
    return [FEWER_THAN, *([None] * (len(figures) - 1))]
