"""Who may see and change what: the one place every query is scoped by the acting user.

- a graduate reaches only their own records;
- an advisor reaches the graduates of the cohorts assigned to them (read, comment), and the
  question banks they own or that are shared with them;
- an admin reaches everything.

A record out of scope and a missing record raise the same `AccessDenied`, so ids cannot be probed.
Services fetch through the `get_*` functions and filter lists with the `*_scope` selects; a page
never builds a query of its own.
"""

from __future__ import annotations

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from networkit_core.actor import Actor
from networkit_core.errors import AccessDenied
from networkit_core.models import (
    Cohort,
    CohortAdvisor,
    Contact,
    Graduate,
    Interview,
    QuestionBank,
    QuestionBankShare,
    Role,
    Visibility,
)


def require_role(actor: Actor, *roles: Role) -> None:
    if actor.role not in roles:
        raise AccessDenied("page or action")


def graduate_scope(actor: Actor) -> Select[tuple[int]]:
    """The ids of the graduates `actor` may read."""
    query = select(Graduate.id)
    if actor.role is Role.ADMIN:
        return query
    if actor.role is Role.ADVISOR:
        return query.where(Graduate.cohort_id.in_(cohort_scope(actor)))
    return query.where(Graduate.user_id == actor.id)


def cohort_scope(actor: Actor) -> Select[tuple[int]]:
    """The ids of the cohorts `actor` may read: coached cohorts, or a graduate's own."""
    if actor.role is Role.ADMIN:
        return select(Cohort.id)
    if actor.role is Role.ADVISOR:
        return select(CohortAdvisor.cohort_id).where(CohortAdvisor.advisor_id == actor.id)
    return select(Graduate.cohort_id).where(Graduate.user_id == actor.id)


def bank_scope(actor: Actor) -> Select[tuple[int]]:
    """The ids of the question banks `actor` may read (not deleted)."""
    query = select(QuestionBank.id).where(QuestionBank.deleted_at.is_(None))
    if actor.role is Role.ADMIN:
        return query
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


def get_cohort(session: Session, actor: Actor, cohort_id: int) -> Cohort:
    cohort = session.scalar(
        select(Cohort).where(Cohort.id == cohort_id, Cohort.id.in_(cohort_scope(actor)))
    )
    if cohort is None:
        raise AccessDenied("cohort")
    return cohort


def get_interview(
    session: Session, actor: Actor, interview_id: int, *, for_write: bool = False
) -> Interview:
    """An interview in scope; `for_write` also requires the right to change it."""
    if for_write and actor.role is Role.ADVISOR:
        raise AccessDenied("interview")
    interview = session.scalar(
        select(Interview).where(Interview.id == interview_id, interview_filter(actor))
    )
    if interview is None:
        raise AccessDenied("interview")
    return interview


def get_contact(
    session: Session, actor: Actor, contact_id: int, *, for_write: bool = False
) -> Contact:
    if for_write and actor.role is Role.ADVISOR:
        raise AccessDenied("contact")
    contact = session.scalar(
        select(Contact).where(
            Contact.id == contact_id,
            Contact.deleted_at.is_(None),
            Contact.graduate_id.in_(graduate_scope(actor)),
        )
    )
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
    if bank is None or (for_write and not actor.is_admin and bank.owner_id != actor.id):
        raise AccessDenied("question bank")
    return bank
