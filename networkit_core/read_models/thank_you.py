"""A first draft of the thank-you, as plain text to edit and copy (nothing is sent)."""

from __future__ import annotations

from datetime import date

from networkit_core.services.contacts import ContactView
from networkit_core.services.interviews import InterviewView

# The seed's advice, shown beside the draft.
ADVICE = (
    "A handwritten card is best; an e-mail is fine when time is short. Send it within two days "
    "of the meeting, mention a highlight or two of what you learned, and include your "
    "business card if you have one."
)
FIRST_NOTE_LINE_LIMIT = 200


def thank_you_draft(
    interview: InterviewView, contact: ContactView, graduate_name: str, *, today: date
) -> str:
    """A short, friendly note: thanks, one highlight from the brain-dump notes when there are
    any, what happens next, and the graduate's name."""
    first_name = contact.name.split()[0] if contact.name.split() else contact.name
    when = "today" if interview.meeting_date == today else f"on {_day(interview.meeting_date)}"
    where = f" at {contact.organization}" if contact.organization else ""
    lines = [
        f"Dear {first_name},",
        "",
        f"Thank you for taking the time to meet with me {when}. I really appreciated "
        f"hearing about your work{where} and the advice you shared.",
    ]
    highlight = _highlight(interview.notes)
    if highlight:
        lines += ["", f"One thing I took away: {highlight}"]
    lines += [
        "",
        "I will put your suggestions to good use, and I would be glad to keep you posted "
        "on how my search goes.",
        "",
        "With thanks,",
        graduate_name,
    ]
    return "\n".join(lines)


def _highlight(notes: str) -> str:
    """The first line of the notes, as the thing the graduate took away."""
    for line in notes.splitlines():
        text = line.strip().lstrip("-*•").strip()
        if text:
            text = text[:FIRST_NOTE_LINE_LIMIT].rstrip(".")
            return f"{text}."
    return ""


def _day(value: date) -> str:
    return f"{value:%A} {value.day} {value:%B}"
