"""Draw the demo from a seed and a date: plain Python, no database.

The result, a `Plan`, holds rows ready for bulk insert. Where a row points at another row it holds
that row's position in its list (not a database id); the loader swaps positions for ids.
Everything depends only on the random generator and `today`, never on the time of day, so the
same seed on the same day always draws the same demo.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from networkit_core.demo import names
from networkit_core.demo.profiles import HABITS, Habits, Profile
from networkit_core.models import (
    CommentKind,
    Connection,
    FollowUpKind,
    FollowUpPermission,
    GoalMetric,
    InterviewStatus,
    LocationType,
    Role,
    ThankYouMethod,
    Visibility,
)

Row = dict[str, Any]
RECENT_DAYS = 182  # "the last six months"
UPCOMING_DAYS = 21
INTERVIEW_TARGET = (485, 515)
SHARED_BANK_COHORT = 1  # the computing cohort sees the advisor's bank
COHORT_COACH = (1, 1, 2)  # user position of each cohort's advisor: advisor 1 coaches two
# The product's rules (Settings' defaults), which the demo's graduates follow or not by habit.
FOLLOW_UP_CADENCE_DAYS, FOLLOW_UP_LIMIT, FOLLOW_UP_PLAN_DAYS = 30, 3, 180
RECORDED_WITHIN_DAYS = 3  # a meeting of the last few days may not be recorded yet
# Habits an advisor nudges about; most of those graduates were nudged in the last days.
NUDGED_PROFILES = (Profile.NEVER_FOLLOWS_UP, Profile.GONE_QUIET, Profile.OVER_PLANNER)


@dataclass(eq=False)
class DraftContact:
    graduate: int
    name: str
    title: str
    organization: str
    industry: str
    email: str | None
    how_connected: Connection
    created_at: datetime
    met_at: datetime
    referred_by: DraftContact | None = None
    popular: bool = False

    @property
    def depth(self) -> int:
        """1 for a contact nobody referred, 2 for one they referred, and so on."""
        return 1 if self.referred_by is None else 1 + self.referred_by.depth


@dataclass(eq=False)
class DraftInterview:
    graduate: int
    contact: DraftContact
    meeting_date: date
    meeting_time: time
    location_type: LocationType
    location_detail: str
    status: InterviewStatus
    created_at: datetime
    updated_at: datetime
    notes: str = ""
    private_notes: str = ""
    outcome_trends: str = ""
    outcome_hiring: str = ""
    outcome_marketability: str = ""
    outcome_job_leads: str = ""
    thank_you_sent_on: date | None = None
    thank_you_method: ThankYouMethod | None = None
    follow_up_permission: FollowUpPermission = FollowUpPermission.NOT_ASKED
    ticks: list[tuple[int, datetime]] = field(default_factory=list)  # (item position, when)
    questions: list[tuple[int, int | None, datetime]] = field(default_factory=list)
    follow_ups: list[tuple[date, FollowUpKind, str, datetime]] = field(default_factory=list)


@dataclass
class Plan:
    users: list[Row]
    cohorts: list[Row]
    cohort_advisors: list[Row]
    graduates: list[Row]
    contacts: list[Row]
    referrals: list[tuple[int, int]]  # (contact, referred by)
    interviews: list[Row]
    ticks: list[Row]  # item_id is a position in prep items followed by conduct items
    bank: Row
    bank_questions: list[Row]
    bank_share_cohort: int
    interview_questions: list[Row]  # question_id: starter position, then the advisor bank's
    follow_ups: list[Row]
    comments: list[Row]
    goals: list[Row]
    showcase: list[tuple[str, Profile]]  # graduate emails shown on the login page
    profiles: dict[str, Profile]  # every graduate's habit, by email (for tests and the summary)
    # Where graduates landed (demo/outcomes.py adds them): graduate, interview, recorder are
    # positions like every other reference of the plan.
    destinations: list[Row] = field(default_factory=list)


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in ascii_text.lower() if ch.isalnum())


def account_email(first: str, last: str) -> str:
    return f"{slug(first)}.{slug(last)}@{names.ACCOUNT_DOMAIN}"


def organization_domain(organization: str) -> str:
    """A reserved example domain that still reads like the organization's own."""
    words = [slug(w) for w in organization.split() if slug(w) not in {"", "the", "co", "and"}]
    tld = ("example.com", "example.net", "example.org")[len(organization) % 3]
    return f"{''.join(words[:2])}.{tld}"


def at(day: date, hour: int = 12, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC)


def build_plan(
    rng: random.Random, today: date, *, prep_items: int, conduct_items: int, starter_questions: int
) -> Plan:
    return _Drawer(rng, today, prep_items, conduct_items, starter_questions).draw()


@dataclass
class _Graduate:
    first: str
    last: str
    cohort: int
    profile: Profile
    joined: datetime
    start: date
    end: date
    past: int = 0

    @property
    def habits(self) -> Habits:
        return HABITS[self.profile]


class _Drawer:
    def __init__(
        self, rng: random.Random, today: date, prep: int, conduct: int, starter: int
    ) -> None:
        self.rng = rng
        self.today = today
        # Nothing is stamped later than the start of today: the time of day must not matter.
        self.cutoff = at(today, 0, 0)
        self.prep = prep
        self.conduct = conduct
        self.starter = starter
        self.quality = [rng.uniform(2.0, 4.6) for _ in range(starter)] + [
            rng.uniform(3.2, 4.8) for _ in names.ADVISOR_QUESTIONS
        ]
        self.contacts: list[DraftContact] = []
        self.interviews: list[DraftInterview] = []

    # -- the whole demo -------------------------------------------------------------------------

    def draw(self) -> Plan:
        users, cohorts, links = self._staff_and_cohorts()
        graduates = self._graduates()
        # Staff first, then one account per graduate in the same order (see `_flatten`).
        users += [self._account(g.first, g.last, Role.GRADUATE, g.joined) for g in graduates]
        self._balance(graduates)
        popular = self._popular_slots(graduates)
        chains = self._chain_lengths(graduates)
        for position, grad in enumerate(graduates):
            self._interviews_of(position, grad, popular.get(position, {}), chains.get(position, 0))
        self._make_soon_and_unready(graduates)
        return self._flatten(users, cohorts, links, graduates)

    def _account(self, first: str, last: str, role: Role, created: datetime) -> Row:
        return {
            "email": account_email(first, last),
            "first_name": first,
            "last_name": last,
            "role": role,
            "failed_login_count": 0,
            "locked_until": None,
            "is_active": True,
            "created_at": created,
            "updated_at": created,
        }

    def _staff_and_cohorts(self) -> tuple[list[Row], list[Row], list[Row]]:
        opened = at(self.today - timedelta(days=230), 9, 0)
        staff = [names.ADMIN, *names.ADVISORS]
        roles = [Role.ADMIN, Role.ADVISOR, Role.ADVISOR]
        users = [
            self._account(f, last, r, opened) for (f, last), r in zip(staff, roles, strict=True)
        ]
        created = at(self.today - timedelta(days=210), 10, 0)
        cohorts = [
            {
                "name": spec.name,
                "description": spec.description,
                "archived_at": None,
                "created_at": created,
                "updated_at": created,
            }
            for spec in names.COHORTS
        ]
        links = [
            {"cohort_id": cohort, "advisor_id": advisor, "assigned_at": created}
            for cohort, advisor in enumerate(COHORT_COACH)
        ]
        return users, cohorts, links

    def _graduates(self) -> list[_Graduate]:
        rng = self.rng
        total = sum(spec.size for spec in names.COHORTS)
        pairs = [(f, last) for f in names.FIRST_NAMES for last in names.LAST_NAMES]
        chosen = [pairs[i] for i in rng.sample(range(len(pairs)), total)]
        kinds = list(Profile)
        # Every profile at least once, so each habit shows up in the figures.
        profiles = kinds + rng.choices(
            kinds, weights=[HABITS[p].weight for p in kinds], k=total - len(kinds)
        )
        rng.shuffle(profiles)
        cohort_of = [c for c, spec in enumerate(names.COHORTS) for _ in range(spec.size)]
        graduates = []
        for (first, last), profile, cohort in zip(chosen, profiles, cohort_of, strict=True):
            end = self.today - timedelta(days=rng.randint(1, 4))
            start = self.today - timedelta(days=rng.randint(150, 178))
            if profile is Profile.GONE_QUIET:
                end = self.today - timedelta(days=rng.randint(22, 42))
            if profile is Profile.NEWCOMER:
                start = self.today - timedelta(days=rng.randint(18, 35))
            joined = at(start - timedelta(days=rng.randint(5, 15)), rng.randint(9, 16))
            habits = HABITS[profile]
            grad = _Graduate(first, last, cohort, profile, joined, start, end)
            grad.past = rng.randint(*habits.past)
            graduates.append(grad)
        return graduates

    def _balance(self, graduates: list[_Graduate]) -> None:
        """Nudge the per-graduate counts so the total lands near 500."""
        target = self.rng.randint(*INTERVIEW_TARGET)
        while (total := sum(g.past for g in graduates)) != target:
            grad = self.rng.choice(graduates)
            low, high = grad.habits.past
            if total > target and grad.past > low:
                grad.past -= 1
            elif total < target and grad.past < high + 2 and grad.profile is not Profile.NEWCOMER:
                grad.past += 1

    def _popular_slots(self, graduates: list[_Graduate]) -> dict[int, dict[int, int]]:
        """{graduate: {past interview position: professional}}: several graduates ask the same
        professional, so the over-asked figure has something to show."""
        slots: dict[int, dict[int, int]] = {}
        for pro, (*_, industry) in enumerate(names.POPULAR_PROFESSIONALS):
            candidates = [
                i
                for i, g in enumerate(graduates)
                if industry in names.COHORTS[g.cohort].industries and g.past >= 3
            ]
            chosen = self.rng.sample(candidates, min(len(candidates), self.rng.randint(2, 5)))
            for grad in chosen:
                slots.setdefault(grad, {})[self.rng.randrange(graduates[grad].past)] = pro
        return slots

    def _chain_lengths(self, graduates: list[_Graduate]) -> dict[int, int]:
        """A few graduates whose contacts refer them on, 2 to 4 people long."""
        steady = (Profile.DILIGENT, Profile.LATE_THANK_YOU, Profile.NEVER_FOLLOWS_UP)
        candidates = [i for i, g in enumerate(graduates) if g.profile in steady and g.past >= 8]
        chosen = self.rng.sample(candidates, min(len(candidates), 6))
        return dict(zip(chosen, (4, 3, 3, 3, 2, 2), strict=False))

    # -- one graduate's interviews --------------------------------------------------------------

    def _interviews_of(
        self, position: int, grad: _Graduate, popular: dict[int, int], chain: int
    ) -> None:
        rng = self.rng
        habits = grad.habits
        dates = sorted(self._weekday(grad.start, grad.end) for _ in range(grad.past))
        if dates:
            # The last meeting is within a week of the graduate's last active day: yesterday or
            # so for most, 3-6 weeks ago for the quiet ones (as their description says).
            dates[-1] = self._weekday(grad.end - timedelta(days=7), grad.end)
            dates.sort()
        mine: dict[int, DraftContact] = {}  # popular professional -> this graduate's contact
        tail: DraftContact | None = None  # the latest contact met: whom a referral comes from
        met: list[DraftContact] = []
        chain_left = 0
        chain_from = grad.past // 3
        for i, day in enumerate(dates):
            status = self._past_status(grad, day)
            if i == len(dates) - 1:
                status = InterviewStatus.COMPLETED  # held: their latest activity
            referrer: DraftContact | None = None
            contact: DraftContact | None = None
            # Only someone met on an earlier day can have introduced today's contact.
            source = tail if tail is not None and tail.met_at.date() < day else None
            if i in popular:
                pro = popular[i]
                contact = mine.get(pro)
                if contact is None:
                    contact = mine[pro] = self._popular_contact(position, pro)
            elif chain and i >= chain_from and source is not None:
                # A chain starts from the latest contact and runs `chain` people long.
                chain_left = chain - source.depth
                chain = 0
            if contact is None and chain_left > 0 and source is not None:
                referrer, chain_left = source, chain_left - 1
                status = InterviewStatus.COMPLETED  # the chain is the point of this graduate
            elif contact is None and met and rng.random() < 0.04:
                contact = rng.choice(met)  # a second conversation with someone met before
            elif contact is None and source is not None and source.depth == 1:
                referrer = source if rng.random() < 0.1 else None
            interview = self._interview(position, grad, day, status, contact, referrer)
            if status is InterviewStatus.COMPLETED and not interview.contact.popular:
                tail = interview.contact
                met.append(tail)
        upcoming = 0 if grad.profile is Profile.GONE_QUIET else rng.randint(*habits.upcoming)
        for _ in range(upcoming):
            day = self._weekday(self.today, self.today + timedelta(days=UPCOMING_DAYS))
            referrer = tail if tail is not None and tail.depth == 1 and rng.random() < 0.2 else None
            status = InterviewStatus.CANCELLED if rng.random() < 0.05 else InterviewStatus.PLANNED
            self._interview(position, grad, day, status, None, referrer)

    def _past_status(self, grad: _Graduate, day: date) -> InterviewStatus:
        """A past meeting is recorded as held, cancelled or missed; left planned only by the
        over-planner (outcomes left unrecorded), or by anyone for the last few days' meetings."""
        habits = grad.habits
        missed = 1 - habits.completed
        unrecorded = missed * 0.25 if grad.profile is Profile.OVER_PLANNER else 0.0
        if (self.today - day).days <= RECORDED_WITHIN_DAYS and self.rng.random() < 0.3:
            return InterviewStatus.PLANNED
        return self.rng.choices(
            list(InterviewStatus),
            weights=[unrecorded, habits.completed, missed * 0.5, missed * 0.25],
        )[0]

    def _weekday(self, first: date, last: date) -> date:
        span = (last - first).days
        day = first + timedelta(days=self.rng.randint(0, span))
        for _ in range(3):  # meetings fall on weekdays, mostly
            if day.weekday() < 5:
                break
            day = first + timedelta(days=self.rng.randint(0, span))
        return day

    def _new_contact(
        self, position: int, grad: _Graduate, created: datetime, met_at: datetime
    ) -> DraftContact:
        rng = self.rng
        if rng.random() < 0.85:
            industry = rng.choice(names.COHORTS[grad.cohort].industries)
        else:
            industry = rng.choice(list(names.ORGANIZATIONS))
        organization = rng.choice(names.ORGANIZATIONS[industry])
        first, last = rng.choice(names.FIRST_NAMES), rng.choice(names.LAST_NAMES)
        email = None
        if rng.random() < 0.85:
            email = f"{slug(first)}.{slug(last)}@{organization_domain(organization)}"
        how = rng.choices(
            [
                Connection.EVENT,
                Connection.ALUMNI,
                Connection.COLD_OUTREACH,
                Connection.SOCIAL_MEDIA,
                Connection.OTHER,
            ],
            weights=[25, 25, 20, 20, 10],
        )[0]
        contact = DraftContact(
            position,
            f"{first} {last}",
            rng.choice(names.TITLES[industry]),
            organization,
            industry,
            email,
            how,
            created,
            met_at,
        )
        self.contacts.append(contact)
        return contact

    def _popular_contact(self, position: int, pro: int) -> DraftContact:
        first, last, title, organization, industry = names.POPULAR_PROFESSIONALS[pro]
        how = self.rng.choice([Connection.EVENT, Connection.ALUMNI, Connection.SOCIAL_MEDIA])
        email = f"{slug(first)}.{slug(last)}@{organization_domain(organization)}"
        contact = DraftContact(
            position,
            f"{first} {last}",
            title,
            organization,
            industry,
            email,
            how,
            self.cutoff,  # set from the interview below
            self.cutoff,
            popular=True,
        )
        self.contacts.append(contact)
        return contact

    def _interview(
        self,
        position: int,
        grad: _Graduate,
        day: date,
        status: InterviewStatus,
        contact: DraftContact | None,
        referrer: DraftContact | None,
    ) -> DraftInterview:
        rng = self.rng
        location = rng.choices(list(LocationType), weights=[30, 35, 25, 7, 3])[0]
        if location is LocationType.COFFEE_SHOP:
            meeting_time = time(rng.choice([8, 9, 10, 15, 16]), rng.choice([0, 15, 30, 45]))
        else:
            meeting_time = time(rng.randint(9, 16), rng.choice([0, 15, 30, 45]))
        meeting = at(day, meeting_time.hour, meeting_time.minute)
        upcoming = day >= self.today
        # Most meetings are logged days ahead; some only afterwards, on the day.
        back_logged = not upcoming and status is not InterviewStatus.CANCELLED
        back_logged = back_logged and rng.random() < (
            0.1 if grad.profile is Profile.OVER_PLANNER else 0.3
        )
        if back_logged:
            created = meeting + timedelta(minutes=rng.randint(90, 300))
        elif upcoming:
            created = at(self.today - timedelta(days=rng.randint(1, 12)), rng.randint(8, 21))
        else:
            created = at(day - timedelta(days=rng.randint(2, 14)), rng.randint(8, 21))
        created = max(created, grad.joined + timedelta(hours=1))
        if referrer is not None:
            created = max(created, referrer.met_at + timedelta(hours=rng.randint(3, 30)))
            if not upcoming and created > meeting:  # introduced late: logged after the meeting
                created = meeting + timedelta(minutes=rng.randint(90, 300))
        created += timedelta(minutes=rng.randint(0, 59))
        if created >= self.cutoff:  # logged last night at the latest
            created = self.cutoff - timedelta(minutes=rng.randint(20, 240))
        if contact is None:
            contact = self._new_contact(position, grad, created, meeting)
            if referrer is not None:
                contact.referred_by = referrer
                contact.how_connected = Connection.REFERRAL
        elif contact.popular and contact.created_at == self.cutoff:
            contact.created_at, contact.met_at = created, meeting
        details = {
            LocationType.OFFICE: f"{contact.organization} office",
            LocationType.COFFEE_SHOP: rng.choice(names.COFFEE_SHOPS),
            LocationType.VIDEO: rng.choice(names.VIDEO_DETAILS),
            LocationType.PHONE: "Phone call",
            LocationType.OTHER: rng.choice(names.OTHER_PLACES),
        }
        interview = DraftInterview(
            position,
            contact,
            day,
            meeting_time,
            location,
            details[location],
            status,
            created,
            created,
        )
        self.interviews.append(interview)
        self._prepare(interview, grad, meeting, upcoming)
        if status is InterviewStatus.COMPLETED:
            self._after_meeting(interview, grad, meeting)
        elif status is InterviewStatus.NO_SHOW:
            interview.notes = rng.choice(names.NO_SHOW_NOTES)
            interview.updated_at = min(max(created, meeting + timedelta(hours=1)), self.cutoff)
        elif status is InterviewStatus.CANCELLED:
            cancelled = meeting - timedelta(hours=rng.randint(2, 48))
            interview.updated_at = min(max(created, cancelled), self.cutoff)
        if referrer is not None:
            # The referring meeting's notes name the introduction, as a graduate would write it.
            for earlier in reversed(self.interviews):
                if earlier.contact is referrer and earlier.status is InterviewStatus.COMPLETED:
                    line = names.REFERRAL_NOTE.format(name=contact.name, org=contact.organization)
                    earlier.notes = f"{earlier.notes} {line}".strip()
                    break
        return interview

    def _prepare(
        self, interview: DraftInterview, grad: _Graduate, meeting: datetime, upcoming: bool
    ) -> None:
        rng = self.rng
        share = rng.uniform(*grad.habits.prep)
        if upcoming:
            # Preparation happens close to the day: far-off meetings have little ticked yet.
            days_ahead = (interview.meeting_date - self.today).days
            share *= max(0.15, 1 - days_ahead / 14)
        elif interview.status is InterviewStatus.CANCELLED:
            share *= 0.5
        ticked = sorted(rng.sample(range(self.prep), round(share * self.prep)))
        window_end = min(meeting, self.cutoff)
        for item in ticked:
            interview.ticks.append((item, self._between(interview.created_at, window_end)))
        if rng.random() < grad.habits.questions:
            self._pick_questions(interview, grad, window_end)

    def _pick_questions(self, interview: DraftInterview, grad: _Graduate, until: datetime) -> None:
        rng = self.rng
        count = rng.randint(3, 6)
        from_bank = rng.randint(0, 3) if grad.cohort == SHARED_BANK_COHORT else 0
        bank = range(self.starter, self.starter + len(names.ADVISOR_QUESTIONS))
        picked = rng.sample(range(self.starter), count - from_bank) + rng.sample(bank, from_bank)
        added = self._between(interview.created_at, until)
        rated = interview.status is InterviewStatus.COMPLETED and rng.random() < 0.85
        for question in picked:
            usefulness = None
            if rated:
                score = round(self.quality[question] + rng.gauss(0, 0.8))
                usefulness = min(5, max(1, score))
            interview.questions.append((question, usefulness, added))

    def _after_meeting(self, interview: DraftInterview, grad: _Graduate, meeting: datetime) -> None:
        rng = self.rng
        habits = grad.habits
        contact = interview.contact
        trend = rng.choice(names.TRENDS[contact.industry])
        words = {
            "first": contact.name.split()[0],
            "org": contact.organization,
            "industry": contact.industry.lower(),
            "trend": trend,
        }
        written = max(interview.created_at, meeting + timedelta(hours=rng.randint(1, 5)))
        updated = written
        if rng.random() < habits.conduct:  # the self-check after the meeting, mostly ticked
            conduct = [item for item in range(self.conduct) if rng.random() < 0.8]
            interview.ticks += [(self.prep + item, min(written, self.cutoff)) for item in conduct]
        if rng.random() < habits.notes:
            sentences = rng.sample(names.NOTE_SENTENCES, rng.randint(2, 4))
            interview.notes = " ".join(s.format(**words) for s in sentences)
        if rng.random() < 0.08:
            interview.private_notes = rng.choice(names.PRIVATE_NOTES).format(**words)
        if rng.random() < 0.4:
            interview.outcome_trends = rng.choice(names.OUTCOME_TRENDS).format(**words)
            interview.outcome_trends = (
                interview.outcome_trends[0].upper() + (interview.outcome_trends[1:])
            )
        if rng.random() < 0.2:
            interview.outcome_hiring = rng.choice(names.OUTCOME_HIRING).format(**words)
        if rng.random() < 0.3:
            interview.outcome_marketability = rng.choice(names.OUTCOME_MARKETABILITY).format(
                **words
            )
        if rng.random() < 0.1:
            interview.outcome_job_leads = rng.choice(names.OUTCOME_JOB_LEADS).format(**words)
        # A quiet graduate did nothing after going quiet; everyone else acts up to yesterday.
        last_day = grad.end if grad.profile is Profile.GONE_QUIET else self.today - timedelta(1)
        if rng.random() < habits.thank_you:
            sent = interview.meeting_date + timedelta(days=rng.randint(*habits.thank_you_delay))
            if sent <= last_day:
                interview.thank_you_sent_on = sent
                interview.thank_you_method = rng.choices(list(ThankYouMethod), weights=[45, 50, 5])[
                    0
                ]
                updated = max(updated, at(sent, 19, rng.randint(0, 59)))
        granted, declined = habits.permission
        draw = rng.random()
        if draw < granted:
            interview.follow_up_permission = FollowUpPermission.GRANTED
        elif draw < granted + declined:
            interview.follow_up_permission = FollowUpPermission.DECLINED
        if interview.follow_up_permission is FollowUpPermission.GRANTED:
            # A follow-up plan (DESIGN.md): each within the cadence of the last touch, three at
            # most, within six months of the meeting; a follow-up skipped ends it there.
            touch = interview.meeting_date
            plan_ends = interview.meeting_date + timedelta(days=FOLLOW_UP_PLAN_DAYS)
            for _ in range(FOLLOW_UP_LIMIT):
                due = touch + timedelta(days=rng.randint(14, FOLLOW_UP_CADENCE_DAYS))
                if due > min(last_day, plan_ends) or rng.random() >= habits.follow_up:
                    break
                kind = rng.choices(list(FollowUpKind), weights=[45, 40, 15])[0]
                note = rng.choice(names.FOLLOW_UP_NOTES[kind.value]).format(**words)
                logged = at(due, rng.randint(9, 21), rng.randint(0, 59))
                interview.follow_ups.append((due, kind, note, logged))
                touch = due
        interview.updated_at = min(updated, self.cutoff)

    def _between(self, first: datetime, last: datetime) -> datetime:
        if last <= first:
            return first
        minutes = int((last - first).total_seconds() // 60)
        return first + timedelta(minutes=self.rng.randint(0, minutes))

    def _make_soon_and_unready(self, graduates: list[_Graduate]) -> None:
        """At least a few meetings in the next two days with under half the preparation ticked,
        so the advisor's "due today" list shows that reason too."""
        rushed = [Profile.OVER_PLANNER, Profile.NEWCOMER]
        upcoming = [
            i
            for i in self.interviews
            if i.meeting_date >= self.today
            and i.status is InterviewStatus.PLANNED
            and graduates[i.graduate].profile in rushed
        ]
        for interview in self.rng.sample(upcoming, min(3, len(upcoming))):
            interview.meeting_date = self.today + timedelta(days=self.rng.randint(1, 2))
            keep = self.rng.randint(0, max(0, (self.prep - 1) // 2))
            prep = [t for t in interview.ticks if t[0] < self.prep][:keep]
            interview.ticks = prep + [t for t in interview.ticks if t[0] >= self.prep]

    # -- rows -----------------------------------------------------------------------------------

    def _flatten(
        self, users: list[Row], cohorts: list[Row], links: list[Row], graduates: list[_Graduate]
    ) -> Plan:
        rng = self.rng
        staff = 3
        grad_rows = [
            {
                "user_id": staff + i,
                "cohort_id": g.cohort,
                "program": rng.choice(names.COHORTS[g.cohort].programs),
                "graduation_year": rng.choices([2025, 2026, 2024], weights=[6, 3, 1])[0],
            }
            for i, g in enumerate(graduates)
        ]
        drawn = {id(c): n for n, c in enumerate(self.contacts)}
        contacts = sorted(self.contacts, key=lambda c: (c.created_at, c.graduate, drawn[id(c)]))
        contact_at = {id(c): n for n, c in enumerate(contacts)}
        contact_rows = [
            {
                "graduate_id": c.graduate,
                "added_by_id": staff + c.graduate,
                "name": c.name,
                "title": c.title,
                "organization": c.organization,
                "industry": c.industry,
                "email": c.email,
                "how_connected": c.how_connected,
                "referred_by_id": None,
                "deleted_at": None,
                "created_at": c.created_at,
                "updated_at": c.created_at,
            }
            for c in contacts
        ]
        referrals = [
            (contact_at[id(c)], contact_at[id(c.referred_by)])
            for c in contacts
            if c.referred_by is not None
        ]
        order = sorted(
            range(len(self.interviews)),
            key=lambda n: (
                self.interviews[n].meeting_date,
                self.interviews[n].meeting_time,
                self.interviews[n].graduate,
                n,
            ),
        )
        interviews = [self.interviews[n] for n in order]
        interview_rows, ticks, asked, follow_ups = [], [], [], []
        for n, i in enumerate(interviews):
            interview_rows.append(
                {
                    "public_id": f"DEMO-{n + 1:04d}",
                    "graduate_id": i.graduate,
                    "contact_id": contact_at[id(i.contact)],
                    "meeting_date": i.meeting_date,
                    "meeting_time": i.meeting_time,
                    "location_type": i.location_type,
                    "location_detail": i.location_detail,
                    "status": i.status,
                    "notes": i.notes,
                    "private_notes": i.private_notes,
                    "outcome_trends": i.outcome_trends,
                    "outcome_hiring": i.outcome_hiring,
                    "outcome_marketability": i.outcome_marketability,
                    "outcome_job_leads": i.outcome_job_leads,
                    "thank_you_sent_on": i.thank_you_sent_on,
                    "thank_you_method": i.thank_you_method,
                    "follow_up_permission": i.follow_up_permission,
                    "version": 1,
                    "deleted_at": None,
                    "created_at": i.created_at,
                    "updated_at": i.updated_at,
                }
            )
            ticks += [{"interview_id": n, "item_id": item, "ticked_at": t} for item, t in i.ticks]
            asked += [
                {"interview_id": n, "question_id": q, "usefulness": u, "added_at": t}
                for q, u, t in i.questions
            ]
            follow_ups += [
                {
                    "interview_id": n,
                    "date": day,
                    "kind": kind,
                    "note": note,
                    "deleted_at": None,
                    "created_at": logged,
                    "updated_at": logged,
                }
                for day, kind, note, logged in i.follow_ups
            ]
        bank_made = at(self.today - timedelta(days=120), 14, 0)
        bank = {
            "name": names.ADVISOR_BANK_NAME,
            "description": names.ADVISOR_BANK_DESCRIPTION,
            "owner_id": COHORT_COACH[SHARED_BANK_COHORT],
            "visibility": Visibility.COHORTS,
            "deleted_at": None,
            "created_at": bank_made,
            "updated_at": bank_made,
        }
        bank_questions = [
            {
                "text": text,
                "category": category,
                "tags": tags,
                "position": n,
                "deleted_at": None,
                "created_at": bank_made,
                "updated_at": bank_made,
            }
            for n, (text, category, tags) in enumerate(names.ADVISOR_QUESTIONS)
        ]
        return Plan(
            users=users,
            cohorts=cohorts,
            cohort_advisors=links,
            graduates=grad_rows,
            contacts=contact_rows,
            referrals=referrals,
            interviews=interview_rows,
            ticks=ticks,
            bank=bank,
            bank_questions=bank_questions,
            bank_share_cohort=SHARED_BANK_COHORT,
            interview_questions=asked,
            follow_ups=follow_ups,
            comments=self._comments(graduates, interviews),
            goals=self._goals(),
            showcase=self._showcase(graduates),
            profiles={account_email(g.first, g.last): g.profile for g in graduates},
        )

    def _comments(self, graduates: list[_Graduate], interviews: list[DraftInterview]) -> list[Row]:
        rng = self.rng
        rows = []

        def comment(
            grad: int,
            interview: int | None,
            body: str,
            when: datetime,
            kind: CommentKind = CommentKind.COMMENT,
        ) -> None:
            when = min(when, self.cutoff - timedelta(minutes=rng.randint(30, 600)))
            rows.append(
                {
                    "graduate_id": grad,
                    "interview_id": interview,
                    "author_id": COHORT_COACH[graduates[grad].cohort],
                    "body": body,
                    "kind": kind,
                    "deleted_at": None,
                    "created_at": when,
                    "updated_at": when,
                }
            )

        for n, grad in enumerate(graduates):
            if rng.random() > 0.45:
                continue
            bodies = names.COMMENTS[grad.profile.value]
            for body in rng.sample(bodies, rng.randint(1, len(bodies))):
                if grad.profile is Profile.GONE_QUIET:
                    day = self.today - timedelta(days=rng.randint(3, 12))
                else:
                    day = self._weekday(grad.start + timedelta(days=7), self.today - timedelta(1))
                comment(n, None, body.format(first=grad.first), at(day, rng.randint(9, 17)))
        for n, grad in enumerate(graduates):
            if grad.profile in NUDGED_PROFILES and rng.random() < 0.6:
                day = self.today - timedelta(days=rng.randint(1, 9))
                note = rng.choice(names.NUDGE_NOTES[grad.profile.value])
                comment(n, None, note, at(day, rng.randint(9, 17)), CommentKind.NUDGE)
        completed = [
            n for n, i in enumerate(interviews) if i.status is InterviewStatus.COMPLETED and i.notes
        ]
        for n in sorted(rng.sample(completed, min(15, len(completed)))):
            interview = interviews[n]
            when = at(
                interview.meeting_date + timedelta(days=rng.randint(1, 4)), rng.randint(9, 17)
            )
            comment(interview.graduate, n, rng.choice(names.INTERVIEW_COMMENTS), when)
        return sorted(rows, key=lambda r: (r["created_at"], r["graduate_id"]))

    def _goals(self) -> list[Row]:
        made = at(self.today - timedelta(days=90), 11, 0)
        goals = [
            (0, GoalMetric.INTERVIEWS_COMPLETED_PER_GRADUATE, 8.0, 75),
            (1, GoalMetric.ON_TIME_THANK_YOU_RATE, 0.8, 45),
            (2, GoalMetric.FOLLOW_UP_ASKED_RATE, 0.6, None),
        ]
        return [
            {
                "cohort_id": cohort,
                "metric": metric,
                "target": target,
                "due_on": None if due is None else self.today + timedelta(days=due),
                "set_by_id": COHORT_COACH[cohort],
                "created_at": made,
                "updated_at": made,
            }
            for cohort, metric, target, due in goals
        ]

    def _showcase(self, graduates: list[_Graduate]) -> list[tuple[str, Profile]]:
        """Three graduates with different habits, from different cohorts where possible."""
        shown: list[tuple[str, Profile]] = []
        cohorts: set[int] = set()
        for profile in (Profile.DILIGENT, Profile.GONE_QUIET, Profile.OVER_PLANNER):
            drawn = [g for g in graduates if g.profile is profile]
            grad = next((g for g in drawn if g.cohort not in cohorts), drawn[0])
            cohorts.add(grad.cohort)
            shown.append((account_email(grad.first, grad.last), profile))
        return shown
