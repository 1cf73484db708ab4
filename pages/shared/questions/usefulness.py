"""How usefulness reads on the page: "40 of 50", and the rule in one sentence."""

from __future__ import annotations

from networkit_core.figures.questions import USEFUL_FROM

USEFUL_HELP = f"“Useful” = rated {USEFUL_FROM} or 5 out of 5 by the graduate after the meeting."


def useful_cell(useful: int, rated: int) -> str:
    """ "40 of 50" (useful of rated); "not rated yet" when nobody rated it."""
    return f"{useful} of {rated}" if rated else "not rated yet"
