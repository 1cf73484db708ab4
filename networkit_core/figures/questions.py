"""Which questions proved useful, ranked by the Wilson lower bound (95 %) of their share of
useful ratings (`USEFUL_FROM` or more), so one useful of one (0.21) cannot beat 40 of 50 (0.67).
Questions never rated come last.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from sqlalchemy import Float, Select, case, cast, func, select
from sqlalchemy.orm import Session

from networkit_core import access
from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.figures.scope import ALL_TIME, FigureScope, Period, graduate_ids
from networkit_core.models import Interview, InterviewQuestion, Question, QuestionBank

USEFUL_FROM = 4  # a rating of 4 or 5 out of 5 says the question was useful
CONFIDENCE_Z = 1.959964  # the normal quantile of a two-sided 95 % interval
RULE = (
    f"A rating of {USEFUL_FROM} or 5 (out of 5) counts as useful. Questions are ranked by the "
    "lower bound of the 95 % Wilson interval of their share of useful ratings, so that one "
    "useful rating out of one does not outrank 40 out of 50."
)


def wilson_lower_bound(useful: int, rated: int, z: float = CONFIDENCE_Z) -> float | None:
    """The Wilson score interval's lower bound; None (undefined) when nothing was rated."""
    if rated <= 0:
        return None
    share = useful / rated
    z2 = z * z
    centre = share + z2 / (2 * rated)
    spread = z * math.sqrt(share * (1 - share) / rated + z2 / (4 * rated * rated))
    return max(0.0, (centre - spread) / (1 + z2 / rated))


@dataclass(frozen=True)
class QuestionUsefulness:
    question_id: int
    text: str
    category: str
    bank: str
    times_used: int
    times_rated: int
    times_useful: int  # ratings of USEFUL_FROM or more
    useful_share: float | None  # times_useful / times_rated; None when never rated
    wilson_lower_bound: float | None  # the ranking key; None when never rated
    average_rating: float | None  # None when used but never rated


def rank_key(q: QuestionUsefulness) -> tuple[bool, float, int, int, str, int]:
    """Best bound first; unrated last; ties by more ratings, more uses, then text."""
    bound = q.wilson_lower_bound
    return (bound is None, -(bound or 0.0), -q.times_rated, -q.times_used, q.text, q.question_id)


def usefulness_counts(
    session: Session, actor: Actor, scope: FigureScope, period: Period = ALL_TIME
) -> Select[tuple[int, int, int, int, float | None]]:
    """Per question (`question_id`): times used, rated and rated useful, and the average rating,
    over the live interviews in scope and period of the graduates whose ratings the actor sees."""
    graduates = graduate_ids(session, actor, scope, pool=access.rating_condition(actor))
    return (
        select(
            InterviewQuestion.question_id,
            func.count().label("times_used"),
            func.count(InterviewQuestion.usefulness).label("times_rated"),
            func.coalesce(
                func.sum(case((InterviewQuestion.usefulness >= USEFUL_FROM, 1), else_=0)), 0
            ).label("times_useful"),
            func.avg(cast(InterviewQuestion.usefulness, Float)).label("average_rating"),
        )
        .join(Interview, Interview.id == InterviewQuestion.interview_id)
        .where(
            Interview.deleted_at.is_(None),
            Interview.graduate_id.in_(graduates),
            period.meeting_filter(),
        )
        .group_by(InterviewQuestion.question_id)
    )


def ranking_in(
    session: Session,
    actor: Actor,
    scope: FigureScope,
    period: Period = ALL_TIME,
    *,
    category: str | None = None,
) -> list[QuestionUsefulness]:
    """`question_ranking` inside the caller's session."""
    uses = usefulness_counts(session, actor, scope, period).subquery("uses")
    query = (
        select(
            Question.id,
            Question.text,
            Question.category,
            QuestionBank.name,
            uses.c.times_used,
            uses.c.times_rated,
            uses.c.times_useful,
            uses.c.average_rating,
        )
        .join(QuestionBank, QuestionBank.id == Question.bank_id)
        .join(uses, uses.c.question_id == Question.id)
        .where(Question.deleted_at.is_(None), Question.bank_id.in_(access.bank_scope(actor)))
    )
    if category:
        query = query.where(Question.category == category)
    ranking = []
    for row in session.execute(query):
        rated, useful = int(row.times_rated), int(row.times_useful)
        ranking.append(
            QuestionUsefulness(
                question_id=row.id,
                text=row.text,
                category=row.category,
                bank=row.name,
                times_used=int(row.times_used),
                times_rated=rated,
                times_useful=useful,
                useful_share=useful / rated if rated else None,
                wilson_lower_bound=wilson_lower_bound(useful, rated),
                average_rating=None if row.average_rating is None else float(row.average_rating),
            )
        )
    return sorted(ranking, key=rank_key)


def question_ranking(
    ctx: Context,
    actor: Actor,
    scope: FigureScope,
    period: Period = ALL_TIME,
    *,
    category: str | None = None,
    limit: int | None = None,
) -> list[QuestionUsefulness]:
    """Questions used in live interviews in scope and period, best first by the rule above;
    questions never used there are left out. `category` keeps one category."""
    with ctx.unit_of_work() as session:
        ranking = ranking_in(session, actor, scope, period, category=category)
    return ranking if limit is None else ranking[:limit]
