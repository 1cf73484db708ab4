"""vCard files (.vcf), several cards in one, as phones write them: an iPhone or iCloud export
(vCard 3.0, grouped `item1.EMAIL;type=INTERNET`, `ORG:Acme;Sales`) and an Android or Google
Contacts export (3.0, or 2.1 with quoted-printable names). Each card is parsed by `vobject` on
its own, so one a parser cannot read is named and the others still count."""

from __future__ import annotations

import re
from datetime import date

import vobject
from vobject.base import Component, ParseError, VObjectError

from networkit_core import bounds
from networkit_core.interchange.contacts_in.candidates import (
    BadField,
    BadRow,
    Candidate,
    ContactFile,
    UnreadableContactFile,
    checked_email,
    checked_name,
    checked_text,
    checked_url,
    shown_name,
)
from networkit_core.models import ContactSource

_BEGIN = re.compile(r"^BEGIN:VCARD\s*$", re.IGNORECASE)
_END = re.compile(r"^END:VCARD\s*$", re.IGNORECASE)
# A quoted-printable value goes on past a line ending in "=" (a soft line break), which vobject
# reads as a line of its own.
_QUOTED_PRINTABLE = re.compile(r"^[^:]*ENCODING=QUOTED-PRINTABLE", re.IGNORECASE)
_FN_LINE = re.compile(r"^(?:[\w-]+\.)?FN[;:]", re.IGNORECASE)
LINKEDIN = "linkedin.com/"


def looks_like_vcard(text: str) -> bool:
    return any(_BEGIN.match(line.strip()) for line in text.split("\n", 20)[:20])


def read_vcards(text: str, today: date) -> ContactFile:
    """The candidates of a .vcf: one per card, numbered from 1 in the file's order."""
    del today  # a vCard gives no day connected
    found = ContactFile(ContactSource.VCARD, "card")
    cards = _cards(text)
    if not cards:
        raise UnreadableContactFile(
            "no vCard found: a .vcf file has cards from BEGIN:VCARD to END:VCARD"
        )
    for number, (first_line, lines) in enumerate(cards, 1):
        try:
            card = vobject.readOne("\r\n".join(lines) + "\r\n")
            found.candidates.append(_candidate(number, card))
        except BadField as problem:
            found.bad.append(BadRow(number, _loose_name(lines), f"{problem} (line {first_line})"))
        except (ParseError, VObjectError, ValueError, UnicodeError, LookupError) as error:
            reason = f"the card cannot be read (from line {first_line}): {_parse_words(error)}"
            found.bad.append(BadRow(number, _loose_name(lines), reason))
    return found


def _cards(text: str) -> list[tuple[int, list[str]]]:
    """Each card's first line number and its lines, soft line breaks joined."""
    cards: list[tuple[int, list[str]]] = []
    current: list[str] | None = None
    first = 0
    for number, raw in enumerate(text.split("\n"), 1):
        line = raw.removesuffix("\r")
        if _BEGIN.match(line.strip()):
            current, first = [line.strip()], number
            continue
        if current is None:
            continue  # text between cards
        if _END.match(line.strip()):
            current.append(line.strip())
            cards.append((first, current))
            current = None
            continue
        if current and current[-1].endswith("=") and _QUOTED_PRINTABLE.match(current[-1]):
            current[-1] = current[-1][:-1] + line
        else:
            current.append(line)
    if current is not None:  # a card never closed is named, not dropped
        cards.append((first, [*current, "END:VCARD"]))
    return cards


def _parse_words(error: Exception) -> str:
    # vobject counts lines within the card, not the file: the card's first line is named instead.
    words = re.sub(r"^At line \d+:\s*", "", str(error).strip()) or type(error).__name__
    return words if len(words) <= 200 else f"{words[:200]}…"


def _values(card: Component, name: str) -> list[object]:
    return [line.value for line in card.contents.get(name, [])]


def _first_text(card: Component, name: str) -> str:
    values = _values(card, name)
    value = values[0] if values else ""
    return value if isinstance(value, str) else ""


def _candidate(number: int, card: Component) -> Candidate:
    return Candidate(
        row=number,
        name=_name(card),
        title=checked_text(_first_text(card, "title"), "TITLE", bounds.JOB_TITLE),
        organization=_organization(card),
        email=_email(card),
        linkedin_url=_linkedin(card),
    )


def _name(card: Component) -> str:
    """FN, the name as written; when empty, N's given and family names."""
    full = _first_text(card, "fn")
    if not full.strip():
        names = _values(card, "n")
        if names and not isinstance(names[0], str):
            n = names[0]
            parts = [getattr(n, part, "") for part in ("prefix", "given", "additional", "family")]
            full = " ".join(
                " ".join(part) if isinstance(part, list) else str(part) for part in parts
            )
    return checked_name(full, "FN")


def _organization(card: Component) -> str:
    """ORG's first part, the organization itself (`Acme;Sales`: the unit after it is left)."""
    values = _values(card, "org")
    value = values[0] if values else ""
    first = value[0] if isinstance(value, list) and value else value
    return checked_text(first if isinstance(first, str) else "", "ORG", bounds.ORGANIZATION)


def _email(card: Component) -> str | None:
    """The preferred EMAIL (`type=pref`, or 2.1's bare `PREF`), else the first."""
    lines = card.contents.get("email", [])
    if not lines:
        return None

    def preferred(line: object) -> bool:
        params = getattr(line, "params", {})
        types = [str(t).lower() for t in params.get("TYPE", [])]
        return "pref" in types or "PREF" in params or "PREF" in getattr(line, "singletonparams", [])

    chosen = next((line for line in lines if preferred(line)), lines[0])
    value = chosen.value if isinstance(chosen.value, str) else ""
    return checked_email(value, "EMAIL")


def _linkedin(card: Component) -> str | None:
    """A LinkedIn profile among the card's URL and X-SOCIALPROFILE lines (an iPhone writes both)."""
    for name in ("url", "x-socialprofile"):
        for value in _values(card, name):
            if isinstance(value, str) and LINKEDIN in value.lower():
                return checked_url(value, name.upper())
    return None


def _loose_name(lines: list[str]) -> str:
    """The FN a bad card gives, as written (quoted-printable left as it is), to find it by."""
    for line in lines:
        if _FN_LINE.match(line):
            return shown_name(line.split(":", 1)[1] if ":" in line else "")
    return ""
