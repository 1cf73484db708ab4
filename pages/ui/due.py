"""A due item's reason in the users' words, with its icon, the same on every page."""

from __future__ import annotations

from networkit_core.figures.due import DueReason

REASONS: dict[str, tuple[str, str]] = {
    "thank_you_overdue": ("Thank-you overdue", ":material/mail:"),
    "follow_up_due": ("Follow-up due", ":material/forward_to_inbox:"),
    "meeting_soon_unprepared": ("Meeting soon, not prepared", ":material/event:"),
    "outcome_missing": ("Outcome missing", ":material/help:"),
    "inactive": ("Inactive", ":material/bedtime:"),
}


def reason_label(reason: DueReason | str) -> str:
    key = str(getattr(reason, "value", reason))
    return REASONS.get(key, (key.replace("_", " ").capitalize(), ""))[0]
