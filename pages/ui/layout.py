"""What makes every page read whole on a phone (390 px): the menu closes after a choice, labels
wrap, copy buttons show, and `table` stacks its rows on a narrow screen; no user text in CSS."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any

import streamlit as st

from networkit_core.bounds import DESCRIPTION, Text
from pages.ui.text import DATE_COLUMN_FORMAT, NO_VALUE, day, escape

# Streamlit stacks columns at this width; tables stack with them.
NARROW = "640px"
WIDE_KEY, NARROW_KEY = "wide-", "narrow-"
NBSP = "\u00a0"
# Table columns of days and of times, written as the text writes them.
DAYS = st.column_config.DateColumn(format=DATE_COLUMN_FORMAT)
MINUTES = st.column_config.DatetimeColumn(format=f"{DATE_COLUMN_FORMAT}, HH:mm")
FOLDED_KEY = "folded_defaults"  # folded section -> whether the page last drew it open at first
MENU_KEY = "close_menu"  # the script's own element: nothing to see, so it takes no room

_CSS = f"""
<style>
[data-testid="stPageLink-NavLink"] > span {{
  white-space: normal;
  overflow: visible;
  text-overflow: clip;
}}
[data-testid="stCode"] > div:has([data-testid="stElementToolbarButton"]) {{
  opacity: 1;
  visibility: visible;
  pointer-events: auto;
}}
[data-testid="stCode"] pre {{ padding-right: 3rem; }}
[class*="st-key-{NARROW_KEY}"] {{ overflow-wrap: anywhere; }}
.st-key-{MENU_KEY} {{ display: none; }}
@media (max-width: {NARROW}) {{ [class*="st-key-{WIDE_KEY}"] {{ display: none; }} }}
@media (min-width: calc({NARROW} + 1px)) {{ [class*="st-key-{NARROW_KEY}"] {{ display: none; }} }}
</style>
"""

# Streamlit closes its menu after a choice only when the browser's user agent names a phone;
# a narrow window (or a phone that says otherwise) keeps it open over the page. 768 px is
# where Streamlit lays the menu over the page rather than beside it.
_CLOSE_MENU_JS = """
export default function () {
  if (window.networkitMenuCloses) return;
  window.networkitMenuCloses = true;
  document.addEventListener("click", (event) => {
    if (!event.target.closest('[data-testid="stSidebarNavLink"]')) return;
    if (!window.matchMedia("(max-width: 768px)").matches) return;
    const close = document.querySelector('[data-testid="stSidebarCollapseButton"] button');
    if (close) close.click();
  });
}
"""

_close_menu = st.components.v2.component("networkit.close_menu", js=_CLOSE_MENU_JS)


def phone_layout() -> None:
    """Once per run, before anything is drawn."""
    st.html(_CSS)
    _close_menu(key=MENU_KEY)


@contextmanager
def folded(
    label: str,
    *,
    key: str,
    icon: str,
    expanded: bool = False,
    one_of: Sequence[str] = (),
    open_label: str | None = None,
) -> Iterator[bool]:
    """An expander whose content is drawn only while it is open (`with folded(...) as shown:
    if shown: ...`), closed at first unless `expanded`. Opening it reruns the page (or the
    fragment it is in); until then the browser holds none of its elements, and its redraw after
    each tick grows with every element on the page. It stays as the user left it when its label
    changes (a count in it): Streamlit would take the new label for a new expander. When the
    page changes its mind (`expanded` is not what it was: a meeting held, a thank-you sent), it
    opens or closes as the page says. `one_of`: the keys of the sections shown one at a time
    with it (an accordion): opening it closes them, and the whole page runs again (it may be in a
    fragment, they outside). `open_label`: its label while open, if another (without a count
    that a tick changes: a new label is a new expander, its content drawn anew)."""
    state = st.session_state
    defaults = state.setdefault(FOLDED_KEY, {})
    is_open = expanded
    if key in state:
        # The last run's open or closed, kept for a new label; the page's new default, if any.
        is_open = state[key] if defaults.get(key, expanded) == expanded else expanded
        state[key] = is_open
    defaults[key] = expanded
    if open_label is not None and is_open:
        label = open_label
    if one_of:
        box = st.expander(
            label, expanded=expanded, icon=icon, key=key, on_change=_one_open, args=(key, one_of)
        )
    else:
        box = st.expander(label, expanded=expanded, icon=icon, key=key, on_change="rerun")
    with box:
        yield bool(box.open)


def _one_open(key: str, sections: Sequence[str]) -> None:
    state = st.session_state
    if not state.get(key):
        return  # closed: the run it asks for (its fragment's, if any) draws that
    for other in sections:
        if other != key and other in state:
            state[other] = False
    st.rerun()  # in a callback: the whole page next, the others drawn closed


def table(
    rows: Sequence[Mapping[str, Any]] | Mapping[str, Sequence[Any]],
    *,
    key: str,
    heading: str | None = None,
    link: Callable[[int], None] | None = None,
    **dataframe: Any,
) -> Any:
    """`st.dataframe(rows, **dataframe)` on a wide screen (what it returns is returned: a
    selection). `rows` may be its columns (name -> values): a long table made without a dict
    per row."""
    with st.container(key=f"{WIDE_KEY}{key}"):
        shown = st.dataframe(rows, key=f"{key}_table", **dataframe)
    config = dataframe.get("column_config") or {}
    with st.container(key=f"{NARROW_KEY}{key}"):
        stacked = _stacked(rows, heading, config)
        if link is None:
            # One element for every row: an element per row cost 0.3 ms each, per run, and
            # the users and professionals tables hold thousands.
            if stacked:
                st.markdown("\n\n".join(stacked))
        else:
            for index, text in enumerate(stacked):
                st.markdown(text)
                link(index)
    return shown


def _stacked(
    rows: Sequence[Mapping[str, Any]] | Mapping[str, Sequence[Any]],
    heading: str | None,
    config: Mapping[str, Any],
) -> list[str]:
    """Each row as a phone reads it: its heading in bold, then each column that has a value.
    Made column by column: a column's "Name: value", for a value met again in its column (a
    day, an organization, a count), is formatted and escaped once per table (7,500 cells cost
    45 ms cell by cell), and a cell costs a lookup (2,000 users' rows took 12 ms through a
    function call per cell)."""
    if isinstance(rows, Mapping):
        columns = rows
    elif not rows:
        return []
    elif any(row.keys() != rows[0].keys() for row in rows):
        return [_stacked([row], heading, config)[0] for row in rows]  # rows of other columns
    else:
        columns = {name: [row[name] for row in rows] for name in rows[0]}
    if not columns:
        return []
    title = heading or next(iter(columns))
    pieces = [_pieces(columns[title], config.get(title), None)]
    pieces += [
        _pieces(values, config.get(name), name) for name, values in columns.items() if name != title
    ]
    return [
        f"**{first}**  \n" + " · ".join(filter(None, rest))
        for first, *rest in zip(*pieces, strict=True)
    ]


def _pieces(values: Sequence[Any], config: Any, named: str | None) -> list[str]:
    """One column's cells as text: "Name: value" (`named`), or the value alone (the heading);
    "" for an empty cell."""
    made: dict[Any, str] = {}
    get = made.get
    prefix = f"{escape(named)}: " if named is not None else ""
    pieces = []
    for value in values:
        # The type in the key but for text: True, 1 and 1.0 are equal keys.
        key = value if type(value) is str else (type(value), value)
        try:
            piece = get(key)
        except TypeError:  # a list: not hashable, formatted each time
            piece = key = None
        if piece is None:
            text = escape(_cell(value, config))
            piece = f"{prefix}{text}" if text or named is None else ""
            if key is not None:
                made[key] = piece
        pieces.append(piece)
    return pieces


def _cell(value: Any, config: Any) -> str:
    """A table cell as text, the way the table's column shows it (a number or a date kept on one
    line: "100.0 %" never breaks before its "%")."""
    exactly = type(value)
    if exactly is str or exactly is int:  # most cells: as str() writes them, checked first
        return str(value)
    if value is None or value == "":
        return "" if value == "" else NO_VALUE
    kind = (config or {}).get("type_config", {}) if isinstance(config, Mapping) else {}
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, float) and "%%" in str(kind.get("format", "")):
        return f"{value:.1f} %".replace(" ", NBSP)
    if isinstance(value, datetime):
        return f"{day(value)} {value:%H:%M}".replace(" ", NBSP)
    if isinstance(value, date):
        return day(value).replace(" ", NBSP)
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value)
    return str(value)


def problem_list(problems: Iterable[object]) -> None:
    """A file's problems as the core words them ("row 3, column email: ..."), one per line: they
    wrap on any screen, where a table's cells are cut."""
    st.markdown("\n".join(f"- {escape(problem)}" for problem in problems))


def name_and_description(
    key: str, bound: Text, name: str = "", description: str = "", placeholder: str | None = None
) -> None:
    """A record's name and description: empty for a new one (the description optional)."""
    st.text_input(
        "Name", value=name, key=f"{key}_name", placeholder=placeholder, max_chars=bound.max_chars
    )
    st.text_input(
        "Description" if name else "Description (optional)",
        value=description,
        key=f"{key}_description",
        max_chars=DESCRIPTION.max_chars,
    )
