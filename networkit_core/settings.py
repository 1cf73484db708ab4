"""Settings read once from the environment."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_DIR / "data"


DEFAULT_BASE_URL = "http://localhost:8501"


def configured_base_url() -> str | None:
    """NETWORKIT_BASE_URL, where users reach the app (for links in e-mails and calendar
    addresses), without a trailing slash; None when it is not set."""
    value = os.environ.get("NETWORKIT_BASE_URL", "").strip().rstrip("/")
    return value or None


def default_database_url() -> str:
    return f"sqlite:///{DATA_DIR / 'networkit.db'}"


@dataclass(frozen=True)
class Settings:
    database_url: str
    content_dir: Path = DATA_DIR
    # The figures' tunables (DESIGN.md, "Figures, defined once").
    thank_you_window_days: int = 2
    follow_up_cadence_days: int = 30
    # A follow-up plan ends after this many follow-ups, or this many days after the meeting.
    follow_up_limit: int = 3
    follow_up_plan_days: int = 180
    inactivity_days: int = 14
    meeting_soon_days: int = 2
    # Needs a nudge: an item overdue this long, and no nudge recorded in this many days.
    nudge_overdue_days: int = 7
    nudge_quiet_days: int = 7
    # Login throttling: lock an e-mail for a while after this many failures in a row ...
    max_failed_logins: int = 5
    lockout_minutes: int = 15
    # ... and before that, wait a growing delay (doubling from 1 s, up to this) between tries
    # for the same e-mail, and, after `address_free_failures`, for the same client address.
    max_delay_seconds: int = 300
    address_free_failures: int = 5
    # Failures older than this are forgotten (and a burst ends).
    throttle_window_minutes: int = 60
    # An e-mailed one-time sign-in link (the owner's way in during a lock) works this long.
    sign_in_link_minutes: int = 15
    # A signed-in session ends after this long without activity.
    session_idle_minutes: int = 60

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        env = os.environ
        values: dict[str, object] = {
            "database_url": env.get("DATABASE_URL") or default_database_url(),
            "content_dir": Path(env.get("NETWORKIT_CONTENT_DIR", DATA_DIR)),
        }
        for name in (
            "thank_you_window_days",
            "follow_up_cadence_days",
            "inactivity_days",
            "meeting_soon_days",
            "follow_up_limit",
            "follow_up_plan_days",
            "nudge_overdue_days",
            "nudge_quiet_days",
            "session_idle_minutes",
            "max_failed_logins",
            "lockout_minutes",
            "max_delay_seconds",
            "sign_in_link_minutes",
        ):
            raw = env.get(f"NETWORKIT_{name.upper()}")
            if raw is not None:
                values[name] = _positive_int(name, raw)
        values.update(overrides)
        return cls(**values)  # type: ignore[arg-type]


def _positive_int(name: str, raw: str) -> int:
    try:
        value = int(raw)
    except ValueError:
        raise ValueError(f"NETWORKIT_{name.upper()} must be a whole number, got {raw!r}") from None
    if value < 0:
        raise ValueError(f"NETWORKIT_{name.upper()} must not be negative, got {value}")
    return value
