"""The habits a demo graduate is drawn with: how much they meet, prepare, thank and follow up."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Profile(enum.StrEnum):
    DILIGENT = "diligent"
    LATE_THANK_YOU = "late_thank_you"
    NEVER_FOLLOWS_UP = "never_follows_up"
    GONE_QUIET = "gone_quiet"
    NEWCOMER = "newcomer"
    OVER_PLANNER = "over_planner"


@dataclass(frozen=True)
class Habits:
    weight: float  # share of graduates drawn with this profile
    describe: str  # shown next to a demo account on the login page
    past: tuple[int, int]  # interviews in the last six months (inclusive range)
    upcoming: tuple[int, int]  # planned in the next three weeks
    completed: float  # share of past meetings that took place
    prep: tuple[float, float]  # share of preparation items ticked
    conduct: float  # chance the self-check after the meeting is filled in
    notes: float  # chance of brain-dump notes on a completed meeting
    thank_you: float  # chance of a thank-you (each missed one stays overdue)
    thank_you_delay: tuple[int, int]  # days after the meeting
    permission: tuple[float, float]  # chances of granted, declined (else not asked)
    follow_up: float  # chance of each follow-up that is due (one skipped ends the plan)
    questions: float  # chance of taking questions from a bank


# Each description is what the data shows (tests/test_demo.py checks it): a habit left out of
# a description is kept clean in the data, so the advisor's lists name only the real laggards.
HABITS: dict[Profile, Habits] = {
    Profile.DILIGENT: Habits(
        0.36, "diligent: prepared, thanks on time, follows up", (10, 14), (0, 2), 0.92,
        (0.8, 1.0), 0.95, 0.95, 1.0, (0, 1), (0.7, 0.1), 1.0, 0.9,
    ),
    Profile.LATE_THANK_YOU: Habits(
        0.22, "sends thank-yous late (3-10 days)", (8, 11), (0, 1), 0.9,
        (0.5, 0.85), 0.75, 0.8, 1.0, (3, 10), (0.5, 0.1), 1.0, 0.6,
    ),
    Profile.NEVER_FOLLOWS_UP: Habits(
        0.11, "gets permission to follow up, never does", (8, 11), (0, 1), 0.9,
        (0.4, 0.8), 0.7, 0.7, 1.0, (0, 2), (0.7, 0.1), 0.0, 0.5,
    ),
    Profile.GONE_QUIET: Habits(
        0.09, "gone quiet: nothing in the last 3-6 weeks", (5, 8), (0, 0), 0.88,
        (0.4, 0.8), 0.6, 0.7, 1.0, (0, 2), (0.4, 0.1), 1.0, 0.5,
    ),
    Profile.NEWCOMER: Habits(
        0.10, "newcomer: started a few weeks ago", (2, 4), (1, 2), 0.9,
        (0.3, 0.7), 0.8, 0.85, 1.0, (0, 2), (0.4, 0.05), 1.0, 0.7,
    ),
    Profile.OVER_PLANNER: Habits(
        0.12, "over-planner: many meetings booked, few held, outcomes left unrecorded",
        (5, 8), (3, 5), 0.5, (0.2, 0.6), 0.5, 0.5, 1.0, (1, 2), (0.35, 0.1), 1.0, 0.4,
    ),
}  # fmt: skip
