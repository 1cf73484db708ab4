"""Coaching: an advisor's comments and nudges, and a graduate's timeline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from networkit_core import audit_log, bounds
from networkit_core.access import (
    get_comment,
    get_graduate,
    get_interview,
    interview_filter,
    readable_graduate,
    require_role,
)
from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.errors import AccessDenied, InvalidInput
from networkit_core.models import (
    CoachingComment,
    CommentKind,
    FollowUp,
    Graduate,
    Interview,
    Role,
    User,
)
from networkit_core.services._input import required_text
from networkit_core.services._versions import saving
from networkit_core.services.interviews._record import interview_views


@dataclass(frozen=True)
class CommentView:
    id: int
    graduate_id: int
    interview_id: int | None
    author_id: int | None
    author_name: str
    body: str
    created_at: datetime
    updated_at: datetime
    kind: CommentKind = CommentKind.COMMENT  # a nudge records that the graduate was reminded
    version: int = 1  # the version read: a save over a newer one is refused


@dataclass(frozen=True)
class TimelineEntry:
    on: date
    # interview | thank_you | follow_up | comment
    kind: str
    title: str
    detail: str
    interview_id: int | None
    # Only on interview entries, and only in the graduate's own timeline.
    private_notes: str | None = None


@dataclass(frozen=True)
class Timeline:
    graduate_id: int
    graduate_name: str
    entries: tuple[TimelineEntry, ...]


def _comment_view(session: Session, comment: CoachingComment) -> CommentView:
    author = session.get(User, comment.author_id) if comment.author_id is not None else None
    return CommentView(
        comment.id,
        comment.graduate_id,
        comment.interview_id,
        comment.author_id,
        author.display_name if author is not None else "(removed account)",
        comment.body,
        comment.created_at,
        comment.updated_at,
        comment.kind,
        comment.version,
    )


@audit_log.refusals_logged("create", "comment")
def add_comment(
    ctx: Context, actor: Actor, graduate_id: int, body: str, *, interview_id: int | None = None
) -> CommentView:
    """A coaching comment on a graduate (or on one of their interviews)."""
    require_role(actor, Role.ADVISOR, Role.ADMIN)
    text = required_text(body, "comment", bounds.COMMENT)
    with ctx.unit_of_work() as session:
        graduate = get_graduate(session, actor, graduate_id)
        if interview_id is not None:
            interview = get_interview(session, actor, interview_id)
            if interview.graduate_id != graduate.id:
                raise AccessDenied("interview")
        comment = CoachingComment(
            graduate_id=graduate.id, interview_id=interview_id, author_id=actor.id, body=text
        )
        session.add(comment)
        session.flush()
        audit_log.record(session, actor, "create", "comment", comment.id, graduate_id=graduate.id)
        return _comment_view(session, comment)


def nudgeable_graduate(session: Session, actor: Actor, graduate_id: int) -> tuple[Graduate, User]:
    """A graduate `actor` coaches, active, of an active cohort: someone a nudge can reach."""
    graduate = get_graduate(session, actor, graduate_id)
    user = session.get(User, graduate.user_id)
    if user is None or not user.is_active:
        raise InvalidInput(
            f"{user.display_name if user else 'This graduate'}'s account is deactivated: "
            "there is nobody to nudge."
        )
    if graduate.cohort.archived_at is not None:
        raise InvalidInput(
            f"The cohort {graduate.cohort.name} is archived: its graduates are not nudged."
        )
    return graduate, user


@audit_log.refusals_logged("nudge", "graduate")
def record_nudge(ctx: Context, actor: Actor, graduate_id: int, note: str) -> CommentView:
    """An advisor reminded the graduate: off the "needs a nudge" list for a while."""
    require_role(actor, Role.ADVISOR, Role.ADMIN)
    text = required_text(note, "note", bounds.COMMENT)
    with ctx.unit_of_work() as session:
        graduate, _ = nudgeable_graduate(session, actor, graduate_id)
        comment = CoachingComment(
            graduate_id=graduate.id, author_id=actor.id, body=text, kind=CommentKind.NUDGE
        )
        session.add(comment)
        session.flush()
        audit_log.record(session, actor, "nudge", "comment", comment.id, graduate_id=graduate.id)
        return _comment_view(session, comment)


@audit_log.refusals_logged("update", "comment")
def edit_comment(
    ctx: Context, actor: Actor, comment_id: int, body: str, *, expected_version: int | None = None
) -> CommentView:
    """Change a comment's text, over the version the caller read (`expected_version`)."""
    text = required_text(body, "comment", bounds.COMMENT)
    mine = {"body": text}
    with saving(
        ctx, "comment", get_comment, actor, comment_id, _comment_view, mine, expected_version
    ) as (session, comment):
        comment.body = text
        session.flush()
        audit_log.record(session, actor, "update", "comment", comment.id)
        return _comment_view(session, comment)


@audit_log.refusals_logged("delete", "comment")
def delete_comment(
    ctx: Context, actor: Actor, comment_id: int, *, expected_version: int | None = None
) -> CommentView:
    mine = {"deleted": True}
    with saving(
        ctx, "comment", get_comment, actor, comment_id, _comment_view, mine, expected_version
    ) as (session, comment):
        comment.deleted_at = ctx.clock.now()
        session.flush()
        audit_log.record(session, actor, "delete", "comment", comment.id)
        return _comment_view(session, comment)


def graduate_timeline(ctx: Context, actor: Actor, graduate_id: int | None = None) -> Timeline:
    """Interviews, thank-yous, follow-ups and comments, oldest first."""
    return timeline_and_comments(ctx, actor, graduate_id)[0]


def timeline_and_comments(
    ctx: Context, actor: Actor, graduate_id: int | None = None
) -> tuple[Timeline, list[CommentView]]:
    """`graduate_timeline` and `list_comments` in one read: the graduate checked and the comments
    read once (the advisor's page of a graduate shows both)."""
    with ctx.unit_of_work() as session:
        graduate = readable_graduate(session, actor, graduate_id)
        comments = comments_of(session, graduate)
        return timeline_of(session, actor, graduate, comments), comments


def timeline_of(
    session: Session, actor: Actor, graduate: Graduate, comments: list[CommentView]
) -> Timeline:
    """`graduate_timeline` of a graduate checked in `session`, with their `comments_of`."""
    interviews = list(
        session.scalars(
            select(Interview)
            .options(selectinload(Interview.contact))
            .where(Interview.graduate_id == graduate.id, interview_filter(actor))
        )
    )
    entries: list[TimelineEntry] = []
    for view in interview_views(session, actor, interviews):
        who = view.contact_name + (
            f" ({view.contact_organization})" if view.contact_organization else ""
        )
        entries.append(
            TimelineEntry(
                view.meeting_date,
                "interview",
                f"Interview with {who}: {view.status.value.replace('_', '-')}",
                view.notes,
                view.id,
                view.private_notes,
            )
        )
        if view.thank_you_sent_on is not None:
            method = view.thank_you_method.value if view.thank_you_method else ""
            entries.append(
                TimelineEntry(
                    view.thank_you_sent_on,
                    "thank_you",
                    f"Thank-you to {view.contact_name}",
                    method,
                    view.id,
                )
            )
    follow_ups = session.execute(
        select(FollowUp, Interview)
        .join(Interview, Interview.id == FollowUp.interview_id)
        .where(
            Interview.graduate_id == graduate.id,
            interview_filter(actor),
            FollowUp.deleted_at.is_(None),
        )
    ).all()
    for follow_up, interview in follow_ups:
        entries.append(
            TimelineEntry(
                follow_up.date,
                "follow_up",
                f"Follow-up with {interview.contact.name}: "
                f"{follow_up.kind.value.replace('_', ' ')}",
                follow_up.note,
                interview.id,
            )
        )
    for view in reversed(comments):  # oldest first, as the rest
        entries.append(
            TimelineEntry(
                view.created_at.date(),
                "comment",
                f"{'Nudge' if view.kind is CommentKind.NUDGE else 'Comment'} "
                f"from {view.author_name}",
                view.body,
                view.interview_id,
            )
        )
    order = {"interview": 0, "thank_you": 1, "follow_up": 2, "comment": 3}
    entries.sort(key=lambda entry: (entry.on, order[entry.kind]))
    user = session.get(User, graduate.user_id)
    return Timeline(graduate.id, user.display_name if user else "", tuple(entries))


def list_comments(ctx: Context, actor: Actor, graduate_id: int | None = None) -> list[CommentView]:
    """The live coaching comments on a graduate, newest first."""
    with ctx.unit_of_work() as session:
        return comments_of(session, readable_graduate(session, actor, graduate_id))


def comments_of(session: Session, graduate: Graduate) -> list[CommentView]:
    """`list_comments` of a graduate checked in `session`."""
    comments = session.scalars(
        select(CoachingComment)
        .where(CoachingComment.graduate_id == graduate.id, CoachingComment.deleted_at.is_(None))
        .order_by(CoachingComment.created_at.desc(), CoachingComment.id.desc())
    )
    return [_comment_view(session, comment) for comment in comments]
