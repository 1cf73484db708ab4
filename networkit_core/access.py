"""Who may see and change what: the one place every query is scoped by the acting user. A
graduate reaches their own records; an advisor their cohorts' graduates (read, comment) and the
banks they own or are shared; an admin everything but others' private banks. Out of scope and
missing raise the same `AccessDenied`, so ids cannot be probed.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Select, or_, select, true
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from networkit_core.actor import Actor
from networkit_core.errors import AccessDenied
from networkit_core.models import (
    CoachingComment,
    Cohort,
    CohortAdvisor,
    CohortGoal,
    Contact,
    FollowUp,
    Graduate,
    Interview,
    Question,
    QuestionBank,
    QuestionBankShare,
    Role,
    User,
    Visibility,
)


def require_role(actor: Actor, *roles: Role) -> None:
    if actor.role not in roles:
        raise AccessDenied("page or action")


def graduate_scope(actor: Actor) -> Select[tuple[int]]:
    """The ids of the graduates `actor` may read."""
    return select(Graduate.id).where(graduate_condition(actor))


def graduate_condition(actor: Actor) -> ColumnElement[bool]:
    """A WHERE clause on `graduates` keeping those `actor` may read: added to a query of
    graduates directly, it spares the planner an `id IN (SELECT id FROM graduates ...)`."""
    if actor.role is Role.ADMIN:
        return true()
    if actor.role is Role.ADVISOR:
        return Graduate.cohort_id.in_(cohort_scope(actor))
    return Graduate.user_id == actor.id


def require_caseload(actor: Actor, advisor_id: int) -> None:
    """An advisor's caseload (all the cohorts they coach) is their own business, and an admin's."""
    if not (actor.role is Role.ADMIN or actor.id == advisor_id):
        raise AccessDenied("caseload")


def cohort_scope(actor: Actor) -> Select[tuple[int]]:
    """The ids of the cohorts `actor` may read: coached cohorts, or a graduate's own."""
    if actor.role is Role.ADMIN:
        return select(Cohort.id)
    if actor.role is Role.ADVISOR:
        return select(CohortAdvisor.cohort_id).where(CohortAdvisor.advisor_id == actor.id)
    return select(Graduate.cohort_id).where(Graduate.user_id == actor.id)


def bank_scope(actor: Actor) -> Select[tuple[int]]:
    """The ids of the question banks `actor` may read (not deleted). A private bank is its
    owner's alone, an admin's included; an admin reads every shared bank."""
    query = select(QuestionBank.id).where(QuestionBank.deleted_at.is_(None))
    if actor.role is Role.ADMIN:
        return query.where(
            (QuestionBank.visibility != Visibility.PRIVATE) | (QuestionBank.owner_id == actor.id)
        )
    shared_with_my_cohorts = QuestionBank.id.in_(
        select(QuestionBankShare.bank_id).where(
            QuestionBankShare.cohort_id.in_(cohort_scope(actor))
        )
    )
    return query.where(
        or_(
            QuestionBank.owner_id == actor.id,
            QuestionBank.visibility == Visibility.EVERYONE,
            (QuestionBank.visibility == Visibility.COHORTS) & shared_with_my_cohorts,
        )
    )


def interview_filter(actor: Actor) -> ColumnElement[bool]:
    """A WHERE clause keeping the live interviews `actor` may read."""
    return Interview.deleted_at.is_(None) & Interview.graduate_id.in_(graduate_scope(actor))


def get_graduate(session: Session, actor: Actor, graduate_id: int) -> Graduate:
    graduate = session.scalar(
        select(Graduate).where(Graduate.id == graduate_id, Graduate.id.in_(graduate_scope(actor)))
    )
    if graduate is None:
        raise AccessDenied("graduate")
    return graduate


def own_graduate(session: Session, actor: Actor) -> Graduate:
    """The graduate record of a graduate acting for themselves."""
    graduate = session.scalar(select(Graduate).where(Graduate.user_id == actor.id))
    if graduate is None:
        raise AccessDenied("graduate")
    return graduate


def writable_graduate(session: Session, actor: Actor, graduate_id: int | None) -> Graduate:
    """The graduate whose records `actor` may change: a graduate's own (`graduate_id` None or
    their own id), any for an admin (`graduate_id` required). Advisors change none."""
    if actor.role is Role.GRADUATE:
        graduate = own_graduate(session, actor)
        if graduate_id is not None and graduate_id != graduate.id:
            raise AccessDenied("graduate")
        return graduate
    if actor.role is Role.ADMIN and graduate_id is not None:
        return get_graduate(session, actor, graduate_id)
    raise AccessDenied("graduate")


def destination_graduate(session: Session, actor: Actor, graduate_id: int | None) -> Graduate:
    """The graduate whose destination `actor` may record or correct: a graduate's own
    (`graduate_id` None or their own id); for an advisor a graduate of a cohort they coach, for
    an admin anyone (`graduate_id` required). Where a graduate landed is not a record of their
    interviews: their coach may learn it (a survey, a conversation) and write it down."""
    if actor.role is Role.GRADUATE:
        return writable_graduate(session, actor, graduate_id)
    if graduate_id is None:
        raise AccessDenied("graduate")
    return get_graduate(session, actor, graduate_id)


def sees_private_notes(session: Session, actor: Actor, graduate_id: int) -> bool:
    """Private notes are the graduate's own: no advisor or admin reads or writes them."""
    if not actor.is_graduate:
        return False
    # From the session's identity map when the page read the graduate already (own_graduate).
    graduate = session.get(Graduate, graduate_id)
    return graduate is not None and graduate.user_id == actor.id


def readable_graduate(session: Session, actor: Actor, graduate_id: int | None) -> Graduate:
    """`graduate_id` in scope, or a graduate's own record when it is None."""
    if graduate_id is None:
        return own_graduate(session, actor)
    return get_graduate(session, actor, graduate_id)


def get_cohort(
    session: Session, actor: Actor, cohort_id: int, *, for_write: bool = False
) -> Cohort:
    """A cohort in scope; `for_write` (goals, sharing) requires its advisor or an admin."""
    if for_write and actor.role is Role.GRADUATE:
        raise AccessDenied("cohort")
    cohort = session.scalar(
        select(Cohort).where(Cohort.id == cohort_id, Cohort.id.in_(cohort_scope(actor)))
    )
    if cohort is None:
        raise AccessDenied("cohort")
    return cohort


def get_interview(
    session: Session,
    actor: Actor,
    interview_id: int,
    *,
    for_write: bool = False,
    include_deleted: bool = False,
) -> Interview:
    """An interview in scope; `for_write` also requires the right to change it;
    `include_deleted` reaches a soft-deleted one (to restore it)."""
    if for_write and actor.role is Role.ADVISOR:
        raise AccessDenied("interview")
    condition = (
        Interview.graduate_id.in_(graduate_scope(actor))
        if include_deleted
        else interview_filter(actor)
    )
    interview = session.scalar(select(Interview).where(Interview.id == interview_id, condition))
    if interview is None:
        raise AccessDenied("interview")
    return interview


def get_follow_up(
    session: Session, actor: Actor, follow_up_id: int, *, for_write: bool = False
) -> FollowUp:
    """A live follow-up of an interview in scope."""
    if for_write and actor.role is Role.ADVISOR:
        raise AccessDenied("follow-up")
    follow_up = session.scalar(
        select(FollowUp)
        .join(Interview, Interview.id == FollowUp.interview_id)
        .where(FollowUp.id == follow_up_id, FollowUp.deleted_at.is_(None), interview_filter(actor))
    )
    if follow_up is None:
        raise AccessDenied("follow-up")
    return follow_up


def get_contact(
    session: Session,
    actor: Actor,
    contact_id: int,
    *,
    for_write: bool = False,
    include_deleted: bool = False,
    of_graduate: int | None = None,
) -> Contact:
    """A contact in scope; `of_graduate` also requires it to be that graduate's (an interview
    or a referral links only contacts of the same graduate)."""
    if for_write and actor.role is Role.ADVISOR:
        raise AccessDenied("contact")
    condition = Contact.graduate_id.in_(graduate_scope(actor))
    if of_graduate is not None:
        condition = condition & (Contact.graduate_id == of_graduate)
    if not include_deleted:
        condition = condition & Contact.deleted_at.is_(None)
    contact = session.scalar(select(Contact).where(Contact.id == contact_id, condition))
    if contact is None:
        raise AccessDenied("contact")
    return contact


def get_bank(
    session: Session, actor: Actor, bank_id: int, *, for_write: bool = False
) -> QuestionBank:
    """A question bank in scope; `for_write` requires its owner or an admin."""
    bank = session.scalar(
        select(QuestionBank).where(
            QuestionBank.id == bank_id, QuestionBank.id.in_(bank_scope(actor))
        )
    )
    if bank is None or (for_write and not may_edit_bank(actor, bank.owner_id)):
        raise AccessDenied("question bank")
    return bank


def may_edit_bank(actor: Actor, owner_id: int | None) -> bool:
    """A bank is changed by its owner or an admin; the starter bank (no owner) by nobody:
    `networkit init` would bring its wording back anyway."""
    return owner_id is not None and (actor.is_admin or owner_id == actor.id)


def curated_bank_filter(actor: Actor) -> ColumnElement[bool]:
    """`may_edit_bank` as a WHERE clause on `QuestionBank`: the banks `actor` curates."""
    if actor.is_admin:
        return QuestionBank.owner_id.is_not(None)
    return QuestionBank.owner_id == actor.id


def rating_condition(actor: Actor) -> ColumnElement[bool]:
    """The graduates whose ratings count in what `actor` sees: ratings show only as counts, so a
    graduate learns from every graduate's; an advisor sees their cohorts'."""
    if actor.role is Role.GRADUATE:
        return true()
    return graduate_condition(actor)


def require_cohorts(session: Session, actor: Actor, cohort_ids: Iterable[int]) -> None:
    """Every one of `cohort_ids` is in the actor's scope (e.g. to share a bank with them)."""
    wanted = set(cohort_ids)
    allowed = set(
        session.scalars(
            select(Cohort.id).where(Cohort.id.in_(wanted), Cohort.id.in_(cohort_scope(actor)))
        )
    )
    if wanted - allowed:
        raise AccessDenied("cohort")


def get_question(
    session: Session, actor: Actor, question_id: int, *, for_write: bool = False
) -> Question:
    """A live question of a bank in scope; `for_write` requires the bank's owner or an admin."""
    question = session.scalar(
        select(Question).where(
            Question.id == question_id,
            Question.deleted_at.is_(None),
            Question.bank_id.in_(bank_scope(actor)),
        )
    )
    if question is None:
        raise AccessDenied("question")
    if for_write and not may_edit_bank(actor, question.bank.owner_id):
        raise AccessDenied("question")
    return question


def get_comment(
    session: Session, actor: Actor, comment_id: int, *, for_write: bool = False
) -> CoachingComment:
    """A live coaching comment on a graduate in scope; `for_write` requires its author or an
    admin (a graduate reads the comments on them but changes none)."""
    if for_write and actor.role is Role.GRADUATE:
        raise AccessDenied("comment")
    comment = session.scalar(
        select(CoachingComment).where(
            CoachingComment.id == comment_id,
            CoachingComment.deleted_at.is_(None),
            CoachingComment.graduate_id.in_(graduate_scope(actor)),
        )
    )
    if comment is None or (for_write and not actor.is_admin and comment.author_id != actor.id):
        raise AccessDenied("comment")
    return comment


def get_goal(
    session: Session, actor: Actor, goal_id: int, *, for_write: bool = False
) -> CohortGoal:
    """A goal of a cohort in scope; `for_write` requires an advisor of the cohort or an admin."""
    if for_write and actor.role is Role.GRADUATE:
        raise AccessDenied("goal")
    goal = session.scalar(
        select(CohortGoal).where(
            CohortGoal.id == goal_id, CohortGoal.cohort_id.in_(cohort_scope(actor))
        )
    )
    if goal is None:
        raise AccessDenied("goal")
    return goal


def get_user(session: Session, actor: Actor, user_id: int, *, for_write: bool = False) -> User:
    """Any account, for an admin only; `for_write` locks its row until the transaction ends
    (a check of what it holds then stays true until the write)."""
    user = session.get(User, user_id, with_for_update=for_write) if actor.is_admin else None
    if user is None:
        raise AccessDenied("user")
    return user


def may_import(actor: Actor, kind: str) -> bool:
    """Whether `actor` may import a CSV file of `kind`; each row is then scoped like any write."""
    allowed = {
        "roster": (Role.ADMIN, Role.ADVISOR),
        "interviews": (Role.ADMIN, Role.GRADUATE),
        "follow-ups": (Role.ADMIN, Role.GRADUATE),
        "questions": tuple(Role),
        # A survey's results: recorded by the centre (an admin), not by one graduate.
        "destinations": (Role.ADMIN,),
    }
    return actor.role in allowed.get(kind, ())
