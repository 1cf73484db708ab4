"""What advisors do for the graduates they coach: comments, cohort goals, the cohort roster,
and one graduate's timeline."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session, selectinload

from networkit_core import audit_log, bounds
from networkit_core.access import (
    cohort_scope,
    get_cohort,
    get_comment,
    get_goal,
    get_graduate,
    get_interview,
    interview_filter,
    readable_graduate,
    require_role,
)
from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.errors import AccessDenied, InvalidInput
from networkit_core.figures.goals import goal_name
from networkit_core.models import (
    CoachingComment,
    Cohort,
    CohortAdvisor,
    CohortGoal,
    CommentKind,
    FollowUp,
    GoalMetric,
    Graduate,
    Interview,
    InterviewStatus,
    Role,
    User,
)
from networkit_core.services._input import a_date, choice, required_text
from networkit_core.services._versions import refuse_stale, versioned
from networkit_core.services.views import interview_views

# Goals on these metrics are fractions from 0 to 1; the others are counts.
RATE_METRICS = frozenset(GoalMetric) - {GoalMetric.INTERVIEWS_COMPLETED_PER_GRADUATE}


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
class GoalView:
    id: int
    cohort_id: int
    metric: GoalMetric
    target: float
    due_on: date | None
    set_by_id: int | None
    version: int = 1  # the version read: a save over a newer one is refused


@dataclass(frozen=True)
class CohortView:
    id: int
    name: str
    description: str
    archived: bool
    graduate_count: int
    advisor_ids: tuple[int, ...]
    version: int = 1  # the version read: a save over a newer one is refused


@dataclass(frozen=True)
class GraduateSummary:
    graduate_id: int
    user_id: int
    name: str
    email: str
    program: str
    graduation_year: int | None
    cohort_id: int
    interviews_planned: int
    interviews_completed: int
    interviews_total: int


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


def cohort_view(session: Session, cohort: Cohort) -> CohortView:
    return cohort_views(session, [cohort])[0]


def cohort_views(session: Session, cohorts: list[Cohort]) -> list[CohortView]:
    """Views of `cohorts`, graduate counts and advisors fetched in two queries."""
    ids = [cohort.id for cohort in cohorts]
    graduates = {
        cohort_id: count
        for cohort_id, count in session.execute(
            select(Graduate.cohort_id, func.count())
            .where(Graduate.cohort_id.in_(ids))
            .group_by(Graduate.cohort_id)
        )
    }
    advisors: dict[int, list[int]] = {cohort_id: [] for cohort_id in ids}
    for cohort_id, advisor_id in session.execute(
        select(CohortAdvisor.cohort_id, CohortAdvisor.advisor_id)
        .where(CohortAdvisor.cohort_id.in_(ids))
        .order_by(CohortAdvisor.advisor_id)
    ):
        advisors[cohort_id].append(advisor_id)
    return [
        CohortView(
            cohort.id,
            cohort.name,
            cohort.description,
            cohort.archived_at is not None,
            graduates.get(cohort.id, 0),
            tuple(advisors[cohort.id]),
            cohort.version,
        )
        for cohort in cohorts
    ]


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


def _comment_of(session: Session, actor: Actor, comment_id: int) -> CommentView:
    return _comment_view(session, get_comment(session, actor, comment_id))


def _goal_view(goal: CohortGoal) -> GoalView:
    return GoalView(
        goal.id, goal.cohort_id, goal.metric, goal.target, goal.due_on, goal.set_by_id, goal.version
    )


def list_cohorts(ctx: Context, actor: Actor, *, include_archived: bool = False) -> list[CohortView]:
    """The cohorts the actor may see: an advisor's coached ones, all for an admin, a graduate's
    own."""
    with ctx.unit_of_work() as session:
        query = select(Cohort).where(Cohort.id.in_(cohort_scope(actor))).order_by(Cohort.name)
        if not include_archived:
            query = query.where(Cohort.archived_at.is_(None))
        return cohort_views(session, list(session.scalars(query)))


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


@audit_log.refusals_logged("nudge", "graduate")
def record_nudge(ctx: Context, actor: Actor, graduate_id: int, note: str) -> CommentView:
    """Record that an advisor reminded the graduate (how, in `note`): it takes the graduate off
    the advisor's "needs a nudge" list for a while. Advisors of the graduate's cohort and admins
    only."""
    require_role(actor, Role.ADVISOR, Role.ADMIN)
    text = required_text(note, "note", bounds.COMMENT)
    with ctx.unit_of_work() as session:
        graduate = get_graduate(session, actor, graduate_id)
        user = session.get(User, graduate.user_id)
        if user is None or not user.is_active:
            raise InvalidInput("This graduate's account is deactivated: there is nobody to nudge.")
        if graduate.cohort.archived_at is not None:
            raise InvalidInput(
                f"The cohort {graduate.cohort.name} is archived: its graduates are not nudged."
            )
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
    with versioned(ctx, "comment", mine, lambda s: _comment_of(s, actor, comment_id)) as session:
        comment = get_comment(session, actor, comment_id, for_write=True)
        refuse_stale(
            "comment",
            comment.version,
            expected_version,
            mine,
            lambda: _comment_view(session, comment),
        )
        comment.body = text
        session.flush()
        audit_log.record(session, actor, "update", "comment", comment.id)
        return _comment_view(session, comment)


@audit_log.refusals_logged("delete", "comment")
def delete_comment(
    ctx: Context, actor: Actor, comment_id: int, *, expected_version: int | None = None
) -> CommentView:
    mine = {"deleted": True}
    with versioned(ctx, "comment", mine, lambda s: _comment_of(s, actor, comment_id)) as session:
        comment = get_comment(session, actor, comment_id, for_write=True)
        refuse_stale(
            "comment",
            comment.version,
            expected_version,
            mine,
            lambda: _comment_view(session, comment),
        )
        comment.deleted_at = ctx.clock.now()
        session.flush()
        audit_log.record(session, actor, "delete", "comment", comment.id)
        return _comment_view(session, comment)


@audit_log.refusals_logged("set_goal", "cohort")
def set_cohort_goal(
    ctx: Context,
    actor: Actor,
    cohort_id: int,
    *,
    metric: GoalMetric | str,
    target: float,
    due_on: date | str | None = None,
    expected_version: int | None = None,
) -> GoalView:
    """Set (or replace) the cohort's goal on one metric, over the version of it the caller read
    (`expected_version`; 0 when they read none)."""
    what = choice(GoalMetric, metric, "metric")
    if (
        isinstance(target, bool)
        or not isinstance(target, int | float)
        or not math.isfinite(target)
        or target < 0
    ):
        raise InvalidInput(f"The target must be a number of 0 or more, not {target!r}.", "target")
    if what in RATE_METRICS and target > 1:
        raise InvalidInput(
            f"A target for {goal_name(what)} is a fraction from 0 to 1 "
            f"(0.8 for 80%), not {target}.",
            "target",
        )
    due = None if due_on in (None, "") else a_date(due_on, "due_on", today=ctx.clock.today())
    mine = {"metric": what, "target": float(target), "due_on": due}

    def current(session: Session) -> GoalView | None:
        goal = _goal_on(session, actor, cohort_id, what)
        return _goal_view(goal) if goal is not None else None

    with versioned(ctx, "goal", mine, current) as session:
        cohort = get_cohort(session, actor, cohort_id, for_write=True)
        goal = _goal_on(session, actor, cohort.id, what)
        refuse_stale(
            "goal", goal.version if goal else 0, expected_version, mine, lambda: current(session)
        )
        if goal is None:
            goal = CohortGoal(cohort_id=cohort.id, metric=what, target=float(target))
            session.add(goal)
        goal.target = float(target)
        goal.due_on = due
        goal.set_by_id = actor.id
        session.flush()
        audit_log.record(
            session,
            actor,
            "set_goal",
            "cohort_goal",
            goal.id,
            cohort_id=cohort.id,
            metric=what.value,
            target=float(target),
        )
        return _goal_view(goal)


def _goal_on(
    session: Session, actor: Actor, cohort_id: int, metric: GoalMetric
) -> CohortGoal | None:
    return session.scalar(
        select(CohortGoal).where(
            CohortGoal.cohort_id == get_cohort(session, actor, cohort_id).id,
            CohortGoal.metric == metric,
        )
    )


@audit_log.refusals_logged("delete", "cohort_goal")
def remove_cohort_goal(
    ctx: Context, actor: Actor, goal_id: int, *, expected_version: int | None = None
) -> GoalView:
    mine = {"deleted": True}

    def current(session: Session) -> GoalView:
        return _goal_view(get_goal(session, actor, goal_id))

    with versioned(ctx, "goal", mine, current) as session:
        goal = get_goal(session, actor, goal_id, for_write=True)
        view = _goal_view(goal)
        refuse_stale("goal", goal.version, expected_version, mine, lambda: view)
        session.delete(goal)
        audit_log.record(session, actor, "delete", "cohort_goal", goal_id, cohort_id=view.cohort_id)
        return view


def list_cohort_goals(ctx: Context, actor: Actor, cohort_id: int) -> list[GoalView]:
    with ctx.unit_of_work() as session:
        cohort = get_cohort(session, actor, cohort_id)
        goals = session.scalars(
            select(CohortGoal).where(CohortGoal.cohort_id == cohort.id).order_by(CohortGoal.metric)
        )
        return [_goal_view(goal) for goal in goals]


def list_cohort_graduates(ctx: Context, actor: Actor, cohort_id: int) -> list[GraduateSummary]:
    """The cohort's graduates with their interview counts, by name."""
    require_role(actor, Role.ADVISOR, Role.ADMIN)
    with ctx.unit_of_work() as session:
        cohort = get_cohort(session, actor, cohort_id)
        live = Interview.deleted_at.is_(None)

        def count_of(status: InterviewStatus | None) -> object:
            condition = live if status is None else live & (Interview.status == status)
            return func.count(case((condition, Interview.id)))

        rows = session.execute(
            select(
                Graduate,
                User,
                count_of(InterviewStatus.PLANNED),
                count_of(InterviewStatus.COMPLETED),
                count_of(None),
            )
            .join(User, User.id == Graduate.user_id)
            .outerjoin(Interview, Interview.graduate_id == Graduate.id)
            .where(Graduate.cohort_id == cohort.id)
            .group_by(Graduate.id, User.id)
            .order_by(User.last_name, User.first_name, Graduate.id)
        ).all()
        return [
            GraduateSummary(
                graduate.id,
                user.id,
                user.display_name,
                user.email,
                graduate.program,
                graduate.graduation_year,
                graduate.cohort_id,
                planned,
                completed,
                total,
            )
            for graduate, user, planned, completed, total in rows
        ]


def graduate_timeline(ctx: Context, actor: Actor, graduate_id: int | None = None) -> Timeline:
    """Interviews, thank-yous, follow-ups and coaching comments in date order (oldest first).
    A graduate sees their own (`graduate_id` None), with private notes; others never see
    private notes."""
    with ctx.unit_of_work() as session:
        graduate = readable_graduate(session, actor, graduate_id)
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
        comments = session.scalars(
            select(CoachingComment).where(
                CoachingComment.graduate_id == graduate.id, CoachingComment.deleted_at.is_(None)
            )
        )
        for comment in comments:
            view = _comment_view(session, comment)
            entries.append(
                TimelineEntry(
                    comment.created_at.date(),
                    "comment",
                    f"{'Nudge' if view.kind is CommentKind.NUDGE else 'Comment'} "
                    f"from {view.author_name}",
                    comment.body,
                    comment.interview_id,
                )
            )
        order = {"interview": 0, "thank_you": 1, "follow_up": 2, "comment": 3}
        entries.sort(key=lambda entry: (entry.on, order[entry.kind]))
        user = session.get(User, graduate.user_id)
        return Timeline(graduate.id, user.display_name if user else "", tuple(entries))


def list_comments(ctx: Context, actor: Actor, graduate_id: int | None = None) -> list[CommentView]:
    """The live coaching comments on a graduate, newest first."""
    with ctx.unit_of_work() as session:
        graduate = readable_graduate(session, actor, graduate_id)
        comments = session.scalars(
            select(CoachingComment)
            .where(CoachingComment.graduate_id == graduate.id, CoachingComment.deleted_at.is_(None))
            .order_by(CoachingComment.created_at.desc(), CoachingComment.id.desc())
        )
        return [_comment_view(session, comment) for comment in comments]
