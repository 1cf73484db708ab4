"""What the demo's advice led to: referrals that follow a habit, and where graduates landed.

The story the evidence page tells on first start: an interview thanked by card within the
window often leads to a referral (45 % against 10 %), so "thanked on time" and "thanked with a
card" show a clear difference; job leads and destinations are drawn without regard to any
habit, so their rows read "no clear difference". Drawn with a random generator of its own
after the plan, so the rest of the demo is what it was.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from networkit_core.demo import names
from networkit_core.demo.generator import COHORT_COACH, Plan, Row, at, organization_domain, slug
from networkit_core.models import (
    Connection,
    DestinationSource,
    DestinationStatus,
    InterviewStatus,
    ThankYouMethod,
)

STAFF = 3  # admin and two advisors come first among the users
REFERRAL_AFTER_CARD_ON_TIME = 0.45
REFERRAL_OTHERWISE = 0.10
KNOWN = 0.8  # share of graduates whose destination is recorded (NACE aims at 65 %)
STATUSES = {
    DestinationStatus.EMPLOYED_FULL_TIME: 50,
    DestinationStatus.EMPLOYED_PART_TIME: 8,
    DestinationStatus.CONTINUING_EDUCATION: 9,
    DestinationStatus.SERVICE: 2,
    DestinationStatus.MILITARY: 1,
    DestinationStatus.STILL_SEEKING: 14,
    DestinationStatus.NOT_SEEKING: 5,
}
LANDED = {
    DestinationStatus.EMPLOYED_FULL_TIME,
    DestinationStatus.EMPLOYED_PART_TIME,
    DestinationStatus.CONTINUING_EDUCATION,
    DestinationStatus.SERVICE,
    DestinationStatus.MILITARY,
}
EMPLOYED = {DestinationStatus.EMPLOYED_FULL_TIME, DestinationStatus.EMPLOYED_PART_TIME}
THROUGH_AN_INTERVIEW = 0.5  # of the employed, found through one of their interviews


def add_outcomes(plan: Plan, rng: random.Random, today: date, *, window: int) -> None:
    """Referrals after the habit that matters, and destinations, added to `plan`."""
    _referrals(plan, rng, today, window)
    plan.destinations = _destinations(plan, rng, today)


def _card_on_time(interview: Row, window: int) -> bool:
    sent = interview["thank_you_sent_on"]
    return (
        sent is not None
        and interview["thank_you_method"] is ThankYouMethod.CARD
        and (sent - interview["meeting_date"]).days <= window
    )


def _referrals(plan: Plan, rng: random.Random, today: date, window: int) -> None:
    cutoff = at(today, 0, 0)
    referrers = {referrer for _contact, referrer in plan.referrals}
    for interview in plan.interviews:
        if interview["status"] is not InterviewStatus.COMPLETED:
            continue
        source = interview["contact_id"]
        if source in referrers:
            continue  # already referred someone on (a chain of the plan)
        chance = (
            REFERRAL_AFTER_CARD_ON_TIME if _card_on_time(interview, window) else REFERRAL_OTHERWISE
        )
        if rng.random() >= chance:
            continue
        made = at(interview["meeting_date"] + timedelta(days=rng.randint(3, 20)), 18)
        if made > cutoff:
            continue
        referrer = plan.contacts[source]
        industry = referrer["industry"]
        organization = rng.choice(names.ORGANIZATIONS.get(industry) or [referrer["organization"]])
        first, last = rng.choice(names.FIRST_NAMES), rng.choice(names.LAST_NAMES)
        plan.contacts.append(
            {
                **referrer,
                "name": f"{first} {last}",
                "title": rng.choice(names.TITLES.get(industry) or [referrer["title"]]),
                "organization": organization,
                "email": f"{slug(first)}.{slug(last)}@{organization_domain(organization)}",
                "how_connected": Connection.REFERRAL,
                "created_at": made,
                "updated_at": made,
            }
        )
        plan.referrals.append((len(plan.contacts) - 1, source))
        referrers.add(source)


def _destinations(plan: Plan, rng: random.Random, today: date) -> list[Row]:
    held: dict[int, list[tuple[int, date]]] = {}
    for position, interview in enumerate(plan.interviews):
        if interview["status"] is InterviewStatus.COMPLETED:
            held.setdefault(interview["graduate_id"], []).append(
                (position, interview["meeting_date"])
            )
    rows: list[Row] = []
    statuses, weights = list(STATUSES), list(STATUSES.values())
    for graduate, record in enumerate(plan.graduates):
        if rng.random() >= KNOWN:
            continue
        graduated = date(record["graduation_year"], 5, 31)
        meetings = held.get(graduate, [])
        status = rng.choices(statuses, weights)[0]
        # Landed some months after graduating; half of those who network landed after they
        # started (the demo's six months of interviews), which is when one can come of it.
        start = graduated + timedelta(days=rng.randint(20, 240))
        if meetings and rng.random() < 0.5:
            start = max(start, meetings[0][1] + timedelta(days=rng.randint(14, 150)))
        if status in LANDED and start > today - timedelta(days=7):
            # Drawn later than today: landed lately, or (not graduated long ago) still seeking.
            start = today - timedelta(days=rng.randint(7, 40))
            if start < graduated:
                status = DestinationStatus.STILL_SEEKING
        source = rng.choices(list(DestinationSource), weights=[3, 2, 5])[0]
        recorder = {
            DestinationSource.GRADUATE: STAFF + graduate,
            DestinationSource.ADVISOR: COHORT_COACH[record["cohort_id"]],
            DestinationSource.IMPORT: 0,
        }[source]
        base: Row = {
            "graduate_id": graduate,
            "organization": "",
            "job_title": "",
            "start_date": None,
            "source": source,
            "found_through_interview_id": None,
            "recorded_by_id": recorder,
        }
        last_day = today - timedelta(days=1)
        if status in LANDED:
            recorded = min(start + timedelta(days=rng.randint(0, 30)), last_day)
            if rng.random() < 0.3 and graduated + timedelta(days=30) < recorded:
                # Still seeking at first: the history a later record corrects.
                rows.append(
                    _row(base, DestinationStatus.STILL_SEEKING, graduated + timedelta(days=30))
                )
            industry = rng.choice(list(names.ORGANIZATIONS))
            through = [p for p, day in meetings if day < start]
            row = _row(base, status, recorded)
            row.update(
                organization=rng.choice(names.ORGANIZATIONS[industry]),
                job_title=rng.choice(names.TITLES[industry]) if status in EMPLOYED else "",
                start_date=start,
            )
            if status in EMPLOYED and through and rng.random() < THROUGH_AN_INTERVIEW:
                row["found_through_interview_id"] = rng.choice(through)
            rows.append(row)
        else:
            earliest = min(graduated, last_day)
            span = max(0, (last_day - earliest).days)
            rows.append(_row(base, status, earliest + timedelta(days=rng.randint(0, span))))
    return rows


def _row(base: Row, status: DestinationStatus, recorded: date) -> Row:
    stamp = at(recorded, 12)
    return {
        **base,
        "status": status,
        "recorded_on": recorded,
        "created_at": stamp,
        "updated_at": stamp,
    }
