"""One graduate as their advisor sees them (never their private notes)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from networkit_core import audit_log
from networkit_core.access import graduate_condition, graduate_scope, require_role
from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.errors import AccessDenied
from networkit_core.figures.due import DueItem, due_items
from networkit_core.figures.rates import GroupBy, Rates, combined, grouped_counts
from networkit_core.figures.scope import ALL_TIME
from networkit_core.models import Cohort, Contact, Graduate, Role, User
from networkit_core.services.coaching import (
    CommentView,
    TimelineEntry,
    comments_of,
    timeline_and_comments,
    timeline_of,
)
from networkit_core.services.destinations import DestinationForm, destination_form_of


@dataclass(frozen=True)
class Coaching:
    """A graduate's coaching comments and their timeline, which lists the comments too."""

    comments: tuple[CommentView, ...]  # newest first
    timeline: tuple[TimelineEntry, ...]  # newest first


@dataclass(frozen=True)
class GraduateFile:
    graduate_id: int
    name: str
    email: str
    cohort: str
    figures: Rates  # all time
    cohort_figures: Rates  # the whole cohort, all time
    due: tuple[DueItem, ...]
    timeline: tuple[TimelineEntry, ...]  # newest first
    chains: tuple[tuple[str, ...], ...]  # contact names, the first referrer first
    comments: tuple[CommentView, ...]  # newest first
    # (id, name) of every live contact, by name: each opens its page (`/contact?id=N`).
    contacts: tuple[tuple[int, str], ...]
    destination: DestinationForm  # where they landed, and the form to record it

    @property
    def coaching(self) -> Coaching:
        return Coaching(self.comments, self.timeline)


@audit_log.refusals_logged("figures", "graduate", detail=lambda email: {"email": email})
def graduate_file(ctx: Context, actor: Actor, email: str) -> GraduateFile:
    """The graduate with this e-mail (any case), if the actor coaches their cohort (or is an
    admin). Anyone else, and an unknown e-mail, get the same refusal."""
    require_role(actor, Role.ADVISOR, Role.ADMIN)
    wanted = (email or "").strip().lower()
    with ctx.unit_of_work() as session:
        row = session.execute(
            select(Graduate.id, Graduate.cohort_id, User.first_name, User.last_name, Cohort.name)
            .join(User, User.id == Graduate.user_id)
            .join(Cohort, Cohort.id == Graduate.cohort_id)
            .where(func.lower(User.email) == wanted, Graduate.id.in_(graduate_scope(actor)))
        ).one_or_none()
        if row is None or not wanted:
            raise AccessDenied("graduate")
        graduate_id, cohort_id = row.id, row.cohort_id
        # In reach (the SELECT above): the graduate and their cohort, not checked again.
        reach = graduate_condition(actor)
        mine = select(Graduate.id).where(reach, Graduate.id == graduate_id)
        cohort = select(Graduate.id).where(reach, Graduate.cohort_id == cohort_id)
        # One grouped read for both: the graduate's row, and every row of the cohort added up.
        counted = grouped_counts(ctx, session, cohort, ALL_TIME, GroupBy.GRADUATE)
        figures = counted[graduate_id].rates()
        cohort_figures = combined(counted.values()).rates()
        due = tuple(due_items(ctx, session, mine))
        # Held while the timeline and the destination form ask the session for them, which
        # keeps only weak references: neither is read again.
        graduate = session.get_one(Graduate, graduate_id)
        user = session.get_one(User, graduate.user_id)
        comments = comments_of(session, graduate)
        coaching = Coaching(
            tuple(comments),
            tuple(reversed(timeline_of(session, actor, graduate, comments).entries)),
        )
        destination = destination_form_of(session, actor, graduate)
        del user
        edges = session.execute(
            select(Contact.id, Contact.name, Contact.referred_by_id).where(
                Contact.graduate_id == graduate_id, Contact.deleted_at.is_(None)
            )
        ).all()
    return GraduateFile(
        graduate_id,
        f"{row.first_name} {row.last_name}".strip(),
        wanted,
        row.name,
        figures,
        cohort_figures,
        due,
        coaching.timeline,
        referral_chains([(edge.id, edge.name, edge.referred_by_id) for edge in edges]),
        coaching.comments,
        tuple(sorted(((edge.id, edge.name) for edge in edges), key=lambda c: (c[1], c[0]))),
        destination,
    )


def coaching_file(ctx: Context, actor: Actor, graduate_id: int) -> Coaching:
    """The comments and the timeline of a graduate the actor may read: all that a comment written
    changes on their file."""
    require_role(actor, Role.ADVISOR, Role.ADMIN)
    timeline, comments = timeline_and_comments(ctx, actor, graduate_id)
    return Coaching(tuple(comments), tuple(reversed(timeline.entries)))


def referral_chains(contacts: list[tuple[int, str, int | None]]) -> tuple[tuple[str, ...], ...]:
    """Every chain from a contact nobody (live) referred to a contact who referred nobody, with
    at least one referral in it; longest first. `contacts` are (id, name, referred_by_id)."""
    names = {contact_id: name for contact_id, name, _ in contacts}
    children: dict[int, list[int]] = {}
    for contact_id, _, referrer in contacts:
        if referrer is not None and referrer in names:
            children.setdefault(referrer, []).append(contact_id)
    roots = [
        contact_id
        for contact_id, _, referrer in contacts
        if (referrer is None or referrer not in names) and contact_id in children
    ]
    chains: list[tuple[str, ...]] = []
    stack = [(root, (names[root],), {root}) for root in roots]
    while stack:
        contact_id, path, seen = stack.pop()
        below = [child for child in children.get(contact_id, []) if child not in seen]
        if not below:
            chains.append(path)
        for child in below:
            stack.append((child, (*path, names[child]), seen | {child}))
    chains.sort(key=lambda chain: (-len(chain), chain))
    return tuple(chains)
