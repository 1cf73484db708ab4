"""The nudge list's words: the reasons of one graduate in a line, and a friendly e-mail the advisor
can edit before writing it (a `mailto:` link opens their own mail program)."""

from __future__ import annotations

from urllib.parse import quote

from networkit_core.actor import Actor
from networkit_core.figures.due import DueItem
from networkit_core.figures.due import reasons_line as reasons_line
from networkit_core.reminders.compose import NUDGE_SUBJECT

SUBJECT = NUDGE_SUBJECT


def nudge_text(graduate_name: str, items: tuple[DueItem, ...], advisor: Actor) -> str:
    first = graduate_name.split(" ", 1)[0] or graduate_name
    me = advisor.display_name.split(" ", 1)[0] or advisor.display_name
    points = "\n".join(f"- {item.message}" for item in items)
    return (
        f"Hi {first},\n\n"
        "Just checking in on your networking — you're doing the hard part by meeting people! "
        "A few things are waiting for you:\n\n"
        f"{points}\n\n"
        "A short thank-you or a friendly follow-up goes a long way. If anything is in the way, "
        "reply to this e-mail and we'll sort it out together.\n\n"
        f"Best,\n{me}"
    )


def mailto(address: str, subject: str, body: str) -> str:
    """A `mailto:` link with the subject and body percent-encoded (RFC 6068)."""
    return f"mailto:{quote(address, safe='@')}?subject={quote(subject)}&body={quote(body)}"
