"""Calendar files (RFC 5545): a meeting, a graduate's plan as all-day events, and both as the
subscribed feed. Times are written floating (no zone): shown at the hour the graduate typed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta

from icalendar import Alarm, Calendar, Event, vDuration
from sqlalchemy import select

from networkit_core.access import require_role
from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.dates import written
from networkit_core.models import CalendarFeed, InterviewStatus, Role, User
from networkit_core.read_models.my_interviews import PLAN_WORDS, my_interviews
from networkit_core.services.accounts.sessions import token_hash
from networkit_core.services.contacts import ContactView
from networkit_core.services.interviews import InterviewView

PRODUCT_ID = "-//NetWorkIt Coach//informational interviews//EN"
UID_DOMAIN = "networkit-coach"
# The seed: arrive 5-10 minutes early, so the reminder rings 10 minutes before.
ALARM_BEFORE = timedelta(minutes=10)
MEETING_LENGTH = timedelta(hours=1)
# How often a subscribed calendar should read the feed again (clients may read less often).
REFRESH = timedelta(hours=6)


def meeting_ics(interview: InterviewView, contact: ContactView, *, now: datetime) -> bytes:
    """The meeting as one event: an hour from its time (all day when no time is set), at its
    place, with a display alarm 10 minutes before."""
    calendar = _calendar()
    calendar.add_component(_meeting_event(interview, contact.title, now))
    return calendar.to_ical()


def plan_ics(plan: Iterable[tuple[date, str, InterviewView]], *, now: datetime) -> bytes:
    """Each (day, "thank_you" | "follow_up", interview) as an all-day event."""
    calendar = _calendar()
    calendar.add("x-wr-calname", "My networking plan")
    for day, what, interview in plan:
        calendar.add_component(_plan_event(day, what, interview, now))
    return calendar.to_ical()


def feed_ics(
    meetings: Iterable[InterviewView],
    plan: Iterable[tuple[date, str, InterviewView]],
    *,
    titles: Mapping[int, str],
    now: datetime,
) -> bytes:
    """A graduate's subscribed calendar: their meetings (`titles` maps a contact id to the
    contact's job title) and the days of their plan, with the same event ids as the single
    downloads, so an event imported once and then subscribed to is not doubled."""
    calendar = _calendar()
    calendar.add("x-wr-calname", "NetWorkIt: my interviews")
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(REFRESH).to_ical().decode())  # older clients
    for interview in meetings:
        calendar.add_component(_meeting_event(interview, titles.get(interview.contact_id), now))
    for day, what, interview in plan:
        calendar.add_component(_plan_event(day, what, interview, now))
    return calendar.to_ical()


def _meeting_event(interview: InterviewView, title: str | None, now: datetime) -> Event:
    event = Event()
    event.add("uid", f"{interview.public_id}@{UID_DOMAIN}")
    event.add("dtstamp", now)
    event.add("summary", f"Informational interview: {_who(interview)}")
    if interview.meeting_time is None:
        event.add("dtstart", interview.meeting_date)
        event.add("dtend", interview.meeting_date + timedelta(days=1))
        start_text = "all day"
    else:
        start = datetime.combine(interview.meeting_date, interview.meeting_time)
        event.add("dtstart", start)
        event.add("dtend", start + MEETING_LENGTH)
        start_text = f"{interview.meeting_time:%H:%M}"
    event.add("location", place(interview))
    details = [f"Interview {interview.public_id}, {start_text}."]
    if title:
        details.append(f"{interview.contact_name} is {title}.")
    details.append("Arrive 5-10 minutes early; bring your questions, pen and paper.")
    event.add("description", "\n".join(details))
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", f"Meeting {interview.contact_name} in 10 minutes")
    alarm.add("trigger", -ALARM_BEFORE)
    event.add_component(alarm)
    return event


def _plan_event(day: date, what: str, interview: InterviewView, now: datetime) -> Event:
    event = Event()
    event.add("uid", f"{interview.public_id}-{what}-{day.isoformat()}@{UID_DOMAIN}")
    event.add("dtstamp", now)
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("summary", f"{PLAN_WORDS[what]} {interview.contact_name} (by today)")
    event.add(
        "description",
        f"Interview {interview.public_id}, met {written(interview.meeting_date)}.",
    )
    event.add("transp", "TRANSPARENT")  # a reminder, not a busy slot
    return event


def place(interview: InterviewView) -> str:
    kind = interview.location_type.value.replace("_", " ").capitalize()
    return f"{kind}: {interview.location_detail}" if interview.location_detail else kind


def _who(interview: InterviewView) -> str:
    name, organization = interview.contact_name, interview.contact_organization
    return f"{name} ({organization})" if organization else name


def _calendar() -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    return calendar


# Past meetings stay in the calendar this long; cancelled and missed ones leave it.
HISTORY = timedelta(days=180)


SHOWN = (InterviewStatus.PLANNED, InterviewStatus.COMPLETED)


def read_feed(ctx: Context, token: str) -> bytes | None:
    """The calendar (RFC 5545) behind a token, or None for an unknown or stopped token, or an
    account that is deactivated or no longer a graduate's: the answer never says which."""
    now = ctx.clock.now()
    with ctx.unit_of_work() as session:
        row = session.execute(
            select(CalendarFeed, User)
            .join(User, User.id == CalendarFeed.user_id)
            .where(CalendarFeed.token_hash == token_hash(token))
        ).one_or_none()
        if row is None:
            return None
        feed, user = row
        if not user.is_active or user.role is not Role.GRADUATE:
            return None
        feed.last_read_at = now
        owner = Actor.of(user)
    return _feed(ctx, owner, now)


def my_calendar(ctx: Context, actor: Actor) -> bytes:
    """The same calendar as the graduate's feed, as a file to download."""
    require_role(actor, Role.GRADUATE)
    return _feed(ctx, actor, ctx.clock.now())


def _feed(ctx: Context, owner: Actor, now: datetime) -> bytes:
    mine = my_interviews(ctx, owner)
    since = mine.today - HISTORY
    meetings = [
        *mine.upcoming,
        *(v for v in mine.past if v.status in SHOWN and v.meeting_date >= since),
    ]
    plan = [(p.on, p.what, p.interview) for p in mine.plan if p.on >= since]
    titles = {contact.id: contact.title for contact in mine.contacts}
    return feed_ics(meetings, plan, titles=titles, now=now)
