"""The phone's stacked rows of pages/ui/layout.table: each column's pieces are kept per value met
again, and equal values of other types (True, 1, 1.0) still read as their own type."""

from __future__ import annotations

from datetime import date

from pages.ui.layout import _stacked
from pages.ui.text import day


def test_equal_values_of_other_types_read_as_their_own() -> None:
    rows = [{"Name": "Ann", "Held": value} for value in (True, 1, 1.0, True, 1)]
    assert _stacked(rows, None, {}) == [
        "**Ann**  \nHeld: Yes",
        "**Ann**  \nHeld: 1",
        "**Ann**  \nHeld: 1\\.0",  # escaped: "1." would open a numbered list
        "**Ann**  \nHeld: Yes",
        "**Ann**  \nHeld: 1",
    ]


def test_text_met_again_is_escaped_every_time_and_empty_cells_are_left_out() -> None:
    met = date(2026, 1, 2)
    rows = [
        {"Name": "*Bo*", "Organization": "A|B", "Last met": met, "Tags": ["x", "y"]},
        {"Name": "*Bo*", "Organization": "", "Last met": None, "Tags": ["x", "y"]},
        {"Name": "Cy", "Organization": "A|B", "Last met": met, "Tags": []},
    ]
    when = day(met).replace(" ", "\u00a0")
    assert _stacked(rows, "Name", {}) == [
        f"**\\*Bo\\***  \nOrganization: A\\|B · Last met: {when} · Tags: x, y",
        "**\\*Bo\\***  \nLast met: — · Tags: x, y",
        f"**Cy**  \nOrganization: A\\|B · Last met: {when}",
    ]
