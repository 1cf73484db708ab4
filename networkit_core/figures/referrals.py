"""How doors open: new contacts gained per completed interview, and each graduate's longest
referral chain (contact A referred B, who referred C: a chain of two referrals)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Integer, Text, exists, func, literal, select
from sqlalchemy.orm import aliased

from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.figures.rates import rate
from networkit_core.figures.scope import ALL_TIME, FigureScope, Period, graduate_ids
from networkit_core.models import Contact, Graduate, Interview, InterviewStatus, User

# Joins contact names in the chain's path; a control character no name contains.
_SEPARATOR = "\x1f"
# A guard only: chains follow single referrers, so they end, but a cap is cheap insurance.
_MAX_DEPTH = 1000


@dataclass(frozen=True)
class ReferralYield:
    referrals: int  # live contacts referred by someone met in a completed interview
    completed: int  # completed interviews
    per_completed_interview: float | None  # None when nothing was completed


@dataclass(frozen=True)
class ReferralChain:
    graduate_id: int
    graduate_email: str
    length: int  # referrals in the chain; 0 when no contact was referred by another
    contacts: tuple[str, ...]  # names from the first contact to the last referred


def referrals_per_interview(
    ctx: Context, actor: Actor, scope: FigureScope, period: Period = ALL_TIME
) -> ReferralYield:
    """New contacts gained per completed interview met in the period."""
    with ctx.unit_of_work() as session:
        graduates = graduate_ids(session, actor, scope)
        completed = select(Interview.id, Interview.contact_id).where(
            Interview.deleted_at.is_(None),
            Interview.status == InterviewStatus.COMPLETED,
            Interview.graduate_id.in_(graduates),
            period.meeting_filter(),
        )
        referred = (
            select(func.count(Contact.id))
            .where(
                Contact.deleted_at.is_(None),
                Contact.graduate_id.in_(graduates),
                Contact.referred_by_id.in_(
                    select(completed.subquery().c.contact_id).scalar_subquery()
                ),
            )
            .scalar_subquery()
        )
        held = select(func.count()).select_from(completed.subquery()).scalar_subquery()
        referrals, done = session.execute(select(referred, held)).one()
        return ReferralYield(int(referrals), int(done), rate(int(referrals), int(done)))


def longest_referral_chains(
    ctx: Context, actor: Actor, scope: FigureScope
) -> dict[int, ReferralChain]:
    """Every graduate in scope with their longest chain of live contacts (all time: contacts
    have no meeting date of their own). A chain stays within one graduate's contacts."""
    with ctx.unit_of_work() as session:
        graduates = graduate_ids(session, actor, scope)
        referrer = aliased(Contact)
        has_live_referrer = exists().where(
            referrer.id == Contact.referred_by_id,
            referrer.deleted_at.is_(None),
            referrer.graduate_id == Contact.graduate_id,
        )
        chain = (
            select(
                Contact.id,
                Contact.graduate_id,
                literal(0, Integer).label("depth"),
                func.cast(Contact.name, Text).label("path"),
            )
            .where(
                Contact.deleted_at.is_(None),
                Contact.graduate_id.in_(graduates),
                ~has_live_referrer,
            )
            .cte("chain", recursive=True)
        )
        child = aliased(Contact)
        chain = chain.union_all(
            select(
                child.id,
                child.graduate_id,
                chain.c.depth + 1,
                chain.c.path + literal(_SEPARATOR, Text) + child.name,
            ).where(
                child.referred_by_id == chain.c.id,
                child.deleted_at.is_(None),
                child.graduate_id == chain.c.graduate_id,
                chain.c.depth < _MAX_DEPTH,
            )
        )
        ranked = select(
            chain.c.graduate_id,
            chain.c.depth,
            chain.c.path,
            func.row_number()
            .over(
                partition_by=chain.c.graduate_id,
                order_by=(chain.c.depth.desc(), chain.c.path),
            )
            .label("rank"),
        ).subquery("ranked")
        longest = {
            row.graduate_id: (int(row.depth), tuple(row.path.split(_SEPARATOR)))
            for row in session.execute(select(ranked).where(ranked.c.rank == 1))
        }
        emails = select(Graduate.id, User.email).join(User, User.id == Graduate.user_id)
        return {
            graduate_id: ReferralChain(graduate_id, email, *longest.get(graduate_id, (0, ())))
            for graduate_id, email in session.execute(emails.where(Graduate.id.in_(graduates)))
        }
