"""User text shown as text, and every number and date formatted one way."""

from __future__ import annotations

import re
from enum import StrEnum
from functools import lru_cache

from networkit_core.actor import Actor
from networkit_core.dates import NO_VALUE as NO_VALUE
from networkit_core.dates import written
from networkit_core.figures.rates import rate_text

# Characters Markdown (with Streamlit's extensions: `$` maths, `~` strikethrough, `<` HTML,
# `|` tables, `&` entities) gives a meaning to wherever they stand. A backslash makes each one
# literal; `!` and `(` need none once `[` is escaped.
_INLINE = re.compile(r"([\\`*_\[\]<>$~|&])")
# A colon before a letter could open an emoji, an icon or a colour (`:smile:`, `:red[...]`).
_SHORTCODE = re.compile(r":(?=\S)")
# What means something only at the start of a line: a heading, a list item, a setext rule.
_LINE_START = re.compile(r"^(\s*)([#+\-=]|\d+[.)])", re.MULTILINE)
# Some rewrites run on the text after the escapes are undone, so a backslash cannot stop them:
# GFM's bare-URL links (`http://`, `www.`) and Streamlit's `:material/icon:` shortcodes. An
# invisible word joiner after such a colon, or after `www`, keeps the text as it reads.
_REWRITTEN_LATER = re.compile(r"(?i)(?<=:)(?=[/a-z])|(?<=\bwww)(?=\.)")
WORD_JOINER = "\u2060"


# Anything one of the rewrites below could change: a text without any is returned as it is
# (one search instead of four substitutions: a table of 2,000 users escaped 20,000 cells).
_ANY = re.compile(r"[\\`*_\[\]<>$~|&:]|(?i:www)|^\s*[#+\-=\d]", re.MULTILINE)


def escape(text: object) -> str:
    """`text` as literal Markdown: what could be markup backslash-escaped (plain sentences stay as
    they are), newlines kept, bare URLs and icon shortcodes broken by a word joiner."""
    if text is None:
        return ""
    text = str(text)
    if not _ANY.search(text):
        return text
    return _escaped(text)


@lru_cache(maxsize=4096)
def _escaped(text: str) -> str:
    escaped = _INLINE.sub(r"\\\1", text)
    escaped = _LINE_START.sub(_escape_line_start, escaped)
    escaped = _SHORTCODE.sub(r"\\:", escaped)
    return _REWRITTEN_LATER.sub(WORD_JOINER, escaped)


def _escape_line_start(found: re.Match[str]) -> str:
    indent, marker = found.group(1), found.group(2)
    return f"{indent}{marker[:-1]}\\{marker[-1]}"


def label(value: StrEnum | str | None) -> str:
    """An enum value in the users' words: `coffee_shop` reads "Coffee shop"."""
    if value is None:
        return ""
    text = str(value.value if isinstance(value, StrEnum) else value)
    return text.replace("_", " ").capitalize()


# The one way every page writes a date ("Thu 26 Nov 2026") and a rate ("69.6 %", "—" when
# undefined), shared with the e-mails and the command line: the core holds them.
day = written
rate = rate_text
# Every date picker and table column writes a date one way too: pickers as the files and the
# addresses do (ISO), tables as the text does.
DATE_INPUT_FORMAT = "YYYY-MM-DD"
DATE_COLUMN_FORMAT = "ddd D MMM YYYY"


def percent(value: float | None) -> float | None:
    """A rate as a number of percent for a sortable table column ("%.1f %%"); None stays None."""
    return None if value is None else value * 100


def first_name(actor: Actor) -> str:
    return actor.display_name.split(" ", 1)[0] or actor.email


# In a widget label only inline Markdown is drawn, so fewer characters need escaping there,
# and a screen reader then reads "E-mail Address", not "E\-mail Address".
_INLINE_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>~$:])")
_BLOCK_START = re.compile(r"^(\s*)(\d*)([#>+\-.)])")


def inline(text: object) -> str:
    """User text for a widget label: literal, with only what inline Markdown reads escaped."""
    escaped = _INLINE_SPECIAL.sub(r"\\\1", "" if text is None else str(text))
    # A line starting like a heading, quote or list item ("- x", "1. x") stays text.
    return _BLOCK_START.sub(lambda m: f"{m.group(1)}{m.group(2)}\\{m.group(3)}", escaped)
