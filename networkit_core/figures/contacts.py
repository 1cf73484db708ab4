"""Professionals asked by more than one graduate, so advisors can spare over-asked people."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import distinct, func, select

from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.figures.scope import ALL_TIME, FigureScope, Period, graduate_ids
from networkit_core.models import Contact, Interview


@dataclass(frozen=True)
class SharedContact:
    email: str  # lower-cased
    graduates: int  # how many graduates met or planned to meet them in the period
    interviews: int
    name: str  # one of the names the graduates recorded
    organization: str


def shared_contacts(
    ctx: Context, actor: Actor, scope: FigureScope, period: Period = ALL_TIME
) -> list[SharedContact]:
    """Contacts (same email, any case) with live interviews of two or more graduates in scope
    met in the period ("this term"), whatever the interview's status: each was an ask.
    Most-asked first."""
    with ctx.unit_of_work() as session:
        graduates = graduate_ids(session, actor, scope)
        email = func.lower(func.trim(Contact.email))
        asked_by = func.count(distinct(Interview.graduate_id))
        query = (
            select(
                email.label("email"),
                asked_by.label("graduates"),
                func.count(Interview.id).label("interviews"),
                func.min(Contact.name).label("name"),
                func.max(Contact.organization).label("organization"),
            )
            .join(Interview, Interview.contact_id == Contact.id)
            .where(
                Contact.email.is_not(None),
                email != "",
                Contact.deleted_at.is_(None),
                Interview.deleted_at.is_(None),
                Interview.graduate_id.in_(graduates),
                period.meeting_filter(),
            )
            .group_by(email)
            .having(asked_by > 1)
            .order_by(asked_by.desc(), email)
        )
        return [
            SharedContact(
                row.email, int(row.graduates), int(row.interviews), row.name, row.organization
            )
            for row in session.execute(query)
        ]
