"""User text shown as text, and every number and date formatted one way.

Streamlit renders Markdown in titles, captions, alerts and markdown blocks: a contact called
`![x](http://...)` would become an image. Every user-supplied string that goes into such an
element passes through `escape` first; tables go through `st.dataframe`, which shows text as is.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from enum import StrEnum

from networkit_core.actor import Actor

# Every character Markdown (and Streamlit's extensions: `$` maths, `:` emoji and icons, `~`
# strikethrough, `<` HTML) could give a meaning to. A backslash makes each one literal.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:=^&\"'])")
NO_VALUE = "—"


def escape(text: object) -> str:
    """`text` as literal Markdown: every special character backslash-escaped, newlines kept."""
    if text is None:
        return ""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))


def label(value: StrEnum | str | None) -> str:
    """An enum value in the users' words: `coffee_shop` reads "Coffee shop"."""
    if value is None:
        return ""
    text = str(value.value if isinstance(value, StrEnum) else value)
    return text.replace("_", " ").capitalize()


def day(value: date | datetime | None) -> str:
    """A date the one way every page writes it: "Thu 26 Nov 2026"; "—" when there is none."""
    if value is None:
        return NO_VALUE
    return f"{value:%a} {value.day} {value:%b %Y}"


def rate(value: float | None) -> str:
    """A rate as "69.6 %"; an undefined rate (denominator 0) as "—", never "0 %"."""
    if value is None:
        return NO_VALUE
    return f"{value * 100:.1f} %"


def percent(value: float | None) -> float | None:
    """A rate as a number of percent for a sortable table column ("%.1f %%"); None stays None."""
    return None if value is None else value * 100


def first_name(actor: Actor) -> str:
    return actor.display_name.split(" ", 1)[0] or actor.email


def change(current: float | None, previous: float | None) -> str | None:
    """A rate's change against the previous period in percentage points ("+3.2 pts"); None when
    either rate is undefined (nothing to compare)."""
    if current is None or previous is None:
        return None
    return f"{(current - previous) * 100:+.1f} pts"


def goal_value(metric: StrEnum, value: float | None) -> str:
    """A goal's target or figure: interviews per graduate as a count, any other as a rate."""
    if metric.value == "interviews_completed_per_graduate":
        return NO_VALUE if value is None else f"{value:.1f} per graduate"
    return rate(value)


def short_goal_value(metric: StrEnum, value: float | None) -> str:
    """A goal's figure in few characters, for a chart label: "4.3" or "54 %"."""
    if value is None:
        return NO_VALUE
    if metric.value == "interviews_completed_per_graduate":
        return f"{value:.1f}"
    return f"{value * 100:.0f} %"


# In a widget label only inline Markdown is drawn, so fewer characters need escaping there,
# and a screen reader then reads "E-mail Address", not "E\-mail Address".
_INLINE_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>~$:])")
_BLOCK_START = re.compile(r"^(\s*)(\d*)([#>+\-.)])")


def inline(text: object) -> str:
    """User text for a widget label: literal, with only what inline Markdown reads escaped."""
    escaped = _INLINE_SPECIAL.sub(r"\\\1", "" if text is None else str(text))
    # A line starting like a heading, quote or list item ("- x", "1. x") stays text.
    return _BLOCK_START.sub(lambda m: f"{m.group(1)}{m.group(2)}\\{m.group(3)}", escaped)
