"""Nudging several graduates at once from the dashboard.

`send_nudges` stores one e-mail per graduate in the outbox (the reminders' table: its unique key
user, kind, day makes a second press the same day store nothing twice) and records a nudge for
each, in one transaction; then it sends what it stored through the reminders' sender, so a
refused connection leaves them unsent for the next `networkit remind`. `record_nudges` records
the nudges alone, for an advisor who writes from their own mail program (no SMTP configured).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from networkit_core import audit_log, bounds
from networkit_core.access import require_role
from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.errors import InvalidInput
from networkit_core.figures.due import DueItem, due_items, reasons_line
from networkit_core.models import (
    CoachingComment,
    CommentKind,
    EmailKind,
    Graduate,
    OutboundEmail,
    Role,
    User,
)
from networkit_core.reminders.compose import nudge_letter, nudge_text
from networkit_core.reminders.mailer import Mailer, MailSettings
from networkit_core.reminders.run import RemindSummary, send_unsent
from networkit_core.services._input import required_text
from networkit_core.services.coaching import nudgeable_graduate
from networkit_core.settings import DEFAULT_BASE_URL

MAX_AT_ONCE = 500  # graduates in one press: a page of the list, or a few, never the whole centre


@dataclass(frozen=True)
class BulkNudge:
    """What one press did: who was nudged now, who had been already today, what was sent."""

    nudged: tuple[str, ...] = ()  # names, in the order asked
    already: tuple[str, ...] = ()  # nudged by e-mail earlier today: nothing stored twice
    sent: int = 0
    failed: int = 0  # stored, not sent: the next `networkit remind` run retries them
    errors: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class NudgeDraft:
    """One selected graduate's nudge as their own mail program would send it (`mailto:`)."""

    graduate_id: int
    name: str
    email: str
    body: str


def mail_configured(ctx: Context) -> bool:
    """Whether the product can send e-mail itself (NETWORKIT_SMTP_URL is set)."""
    return bool(ctx.settings.smtp_url)


def _ids(graduate_ids: Iterable[int]) -> list[int]:
    ids = list(dict.fromkeys(int(graduate_id) for graduate_id in graduate_ids))
    if not ids:
        raise InvalidInput("Select at least one graduate to nudge.", "graduates")
    if len(ids) > MAX_AT_ONCE:
        raise InvalidInput(
            f"At most {MAX_AT_ONCE} graduates can be nudged at once; {len(ids)} were selected.",
            "graduates",
        )
    return ids


def _people(session: Session, actor: Actor, ids: list[int]) -> list[tuple[Graduate, User]]:
    """Every graduate asked, checked (coached by `actor`, reachable) before anything is written."""
    return [nudgeable_graduate(session, actor, graduate_id) for graduate_id in ids]


def _their_items(ctx: Context, session: Session, ids: list[int]) -> dict[int, list[DueItem]]:
    """Each graduate's own due items (one query per reason for them all)."""
    items: dict[int, list[DueItem]] = {graduate_id: [] for graduate_id in ids}
    for item in due_items(ctx, session, select(Graduate.id).where(Graduate.id.in_(ids))):
        items[item.graduate_id].append(item)
    return items


def _asked(graduate_ids: Iterable[int], *_: object, **__: object) -> dict[str, object]:
    """A refusal's detail: which graduates were asked for."""
    return {"graduates": list(graduate_ids)}


def _base_url(ctx: Context) -> str:
    return ctx.settings.base_url or DEFAULT_BASE_URL


def _record(
    session: Session, actor: Actor, graduate: Graduate, items: list[DueItem], how: str
) -> None:
    note = f"Reminded {how}: {reasons_line(items) or 'checking in'}"
    comment = CoachingComment(
        graduate_id=graduate.id, author_id=actor.id, body=note, kind=CommentKind.NUDGE
    )
    session.add(comment)
    session.flush()
    audit_log.record(
        session, actor, "nudge", "comment", comment.id, graduate_id=graduate.id, via=how
    )


@audit_log.refusals_logged("nudge", "graduate", detail=_asked)
def send_nudges(
    ctx: Context,
    actor: Actor,
    graduate_ids: Sequence[int],
    message: str,
    *,
    mailer: Mailer | None = None,
) -> BulkNudge:
    """E-mail each graduate the common `message` with their own items, and record a nudge for
    each; a graduate nudged by e-mail earlier today is left alone (`already`). Nothing is stored
    when one graduate is refused or SMTP is not configured (`mailer`: instead of the settings')."""
    require_role(actor, Role.ADVISOR)
    text = required_text(message, "message", bounds.COMMENT)
    ids = _ids(graduate_ids)
    if mailer is None:
        mailer = Mailer(MailSettings.from_settings(ctx.settings))  # refused before any write
    today = ctx.clock.today()
    nudged: list[str] = []
    already: list[str] = []
    stored: list[int] = []
    with ctx.unit_of_work() as session:
        people = _people(session, actor, ids)
        earlier = set(
            session.scalars(
                select(OutboundEmail.user_id).where(
                    OutboundEmail.kind == EmailKind.NUDGE,
                    OutboundEmail.for_day == today,
                    OutboundEmail.user_id.in_([user.id for _, user in people]),
                )
            )
        )
        items = _their_items(ctx, session, ids)
        for graduate, user in people:
            if user.id in earlier:
                already.append(user.display_name)
                continue
            letter = nudge_letter(
                user.email,
                user.first_name,
                text,
                items[graduate.id],
                actor.display_name,
                _base_url(ctx),
            )
            email = OutboundEmail(
                user_id=user.id,
                kind=EmailKind.NUDGE,
                for_day=today,
                recipient=letter.recipient,
                subject=letter.subject,
                body_text=letter.text,
                body_html=letter.html,
            )
            session.add(email)
            session.flush()
            stored.append(email.id)
            _record(session, actor, graduate, items[graduate.id], "by e-mail")
            nudged.append(user.display_name)
    summary = RemindSummary()
    if stored:
        send_unsent(ctx, mailer, today, summary, only=stored)
    else:
        mailer.close()
    return BulkNudge(
        tuple(nudged), tuple(already), summary.sent, summary.failed, tuple(summary.errors)
    )


def nudge_drafts(
    ctx: Context, actor: Actor, graduate_ids: Sequence[int], message: str
) -> list[NudgeDraft]:
    """Each selected graduate's own nudge, for their `mailto:` link (nothing is written)."""
    require_role(actor, Role.ADVISOR)
    text = required_text(message, "message", bounds.COMMENT)
    ids = _ids(graduate_ids)
    with ctx.unit_of_work() as session:
        people = _people(session, actor, ids)
        items = _their_items(ctx, session, ids)
        return [
            NudgeDraft(
                graduate.id,
                user.display_name,
                user.email,
                nudge_text(
                    user.first_name, text, items[graduate.id], actor.display_name, _base_url(ctx)
                ),
            )
            for graduate, user in people
        ]


@audit_log.refusals_logged("nudge", "graduate", detail=_asked)
def record_nudges(ctx: Context, actor: Actor, graduate_ids: Sequence[int]) -> tuple[str, ...]:
    """The advisor wrote to these graduates from their own mail program: a nudge recorded for
    each, in one transaction; returns their names."""
    require_role(actor, Role.ADVISOR)
    ids = _ids(graduate_ids)
    with ctx.unit_of_work() as session:
        people = _people(session, actor, ids)
        items = _their_items(ctx, session, ids)
        for graduate, _ in people:
            _record(session, actor, graduate, items[graduate.id], "by e-mail (own mail program)")
        return tuple(user.display_name for _, user in people)
