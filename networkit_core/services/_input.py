"""Checks on what users type, shared by the services: each failure names the field and why."""

from __future__ import annotations

import contextlib
import enum
from collections.abc import Iterable, Mapping
from datetime import date
from typing import TypeVar

from networkit_core import bounds
from networkit_core.errors import InvalidInput

E = TypeVar("E", bound=enum.StrEnum)


def choice(enum_type: type[E], value: object, field: str) -> E:
    """`value` as a member of `enum_type`; an unknown value names the allowed ones."""
    if isinstance(value, enum_type):
        return value
    try:
        return enum_type(str(value).strip().lower())
    except ValueError:
        allowed = ", ".join(member.value for member in enum_type)
        raise InvalidInput(
            f"{value!r} is not a valid {field.replace('_', ' ')}: use one of {allowed}.", field
        ) from None


def required_text(value: object, field: str, limit: bounds.Text) -> str:
    text = text_or_empty(value, field, limit)
    if not text:
        raise InvalidInput(f"The {field.replace('_', ' ')} is required.", field)
    return text


def text_or_empty(value: object, field: str, limit: bounds.Text) -> str:
    """`value` trimmed, within the field's `limit` (bounds.py: the one shared with the forms
    and the importers), or an `InvalidInput` naming the field."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InvalidInput(f"The {field.replace('_', ' ')} must be text.", field)
    text = value.strip()
    problem = bounds.control_problem(text, one_line=limit.one_line)
    if problem is not None:
        raise InvalidInput(f"The {field.replace('_', ' ')} {problem}.", field)
    if len(text) > limit.max_chars:
        raise InvalidInput(
            f"The {field.replace('_', ' ')} is too long: at most {limit.max_chars:,} characters.",
            field,
        )
    return text


def a_date(value: object, field: str, *, today: date) -> date:
    """`value` as a date within the sane range around `today` (bounds.date_problem)."""
    day: date | None = None
    if isinstance(value, date):
        day = value
    elif isinstance(value, str):
        with contextlib.suppress(ValueError):
            day = date.fromisoformat(value.strip())
    if day is None:
        raise InvalidInput(f"The {field.replace('_', ' ')} must be a date (YYYY-MM-DD).", field)
    problem = bounds.date_problem(day, today)
    if problem is not None:
        raise InvalidInput(f"The {field.replace('_', ' ')} {problem}.", field)
    return day


def only_known_fields(changes: Mapping[str, object], allowed: Iterable[str], what: str) -> None:
    allowed = tuple(allowed)
    unknown = sorted(set(changes) - set(allowed))
    if unknown:
        raise InvalidInput(
            f"Cannot change {', '.join(unknown)} of {what}: the fields that can change are "
            f"{', '.join(allowed)}.",
            unknown[0],
        )


def normalize_tags(raw: str | Iterable[str] | None) -> str:
    """Tags lower-cased, trimmed, without duplicates, joined by ';' (as in the questions CSV)."""
    if raw is None:
        return ""
    parts = raw.replace(",", ";").split(";") if isinstance(raw, str) else list(raw)
    tags: list[str] = []
    for part in parts:
        problem = bounds.control_problem(str(part), one_line=True)
        if problem is not None:
            raise InvalidInput(f"A tag {problem}.", "tags")
        tag = " ".join(str(part).split()).lower()
        if tag and tag not in tags:
            tags.append(tag)
    return ";".join(tags)
