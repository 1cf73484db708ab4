"""Which questions proved useful: questions of the banks the actor may read, ranked by their
average usefulness rating (1-5) and how often they were taken to interviews in scope."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Float, case, cast, func, select

from networkit_core import access
from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.figures.scope import ALL_TIME, FigureScope, Period, graduate_ids
from networkit_core.models import Interview, InterviewQuestion, Question, QuestionBank


@dataclass(frozen=True)
class QuestionUsefulness:
    question_id: int
    text: str
    category: str
    bank: str
    times_used: int
    times_rated: int
    average_rating: float | None  # None when used but never rated


def question_ranking(
    ctx: Context,
    actor: Actor,
    scope: FigureScope,
    period: Period = ALL_TIME,
    *,
    limit: int | None = None,
) -> list[QuestionUsefulness]:
    """Questions used in live interviews in scope and period, best rated first, then most used;
    questions never used there are left out."""
    with ctx.unit_of_work() as session:
        graduates = graduate_ids(session, actor, scope)
        uses = (
            select(
                InterviewQuestion.question_id,
                func.count().label("times_used"),
                func.count(InterviewQuestion.usefulness).label("times_rated"),
                func.avg(cast(InterviewQuestion.usefulness, Float)).label("average_rating"),
            )
            .join(Interview, Interview.id == InterviewQuestion.interview_id)
            .where(
                Interview.deleted_at.is_(None),
                Interview.graduate_id.in_(graduates),
                period.meeting_filter(),
            )
            .group_by(InterviewQuestion.question_id)
            .subquery("uses")
        )
        query = (
            select(
                Question.id,
                Question.text,
                Question.category,
                QuestionBank.name,
                uses.c.times_used,
                uses.c.times_rated,
                uses.c.average_rating,
            )
            .join(QuestionBank, QuestionBank.id == Question.bank_id)
            .join(uses, uses.c.question_id == Question.id)
            .where(Question.deleted_at.is_(None), Question.bank_id.in_(access.bank_scope(actor)))
            .order_by(
                case((uses.c.average_rating.is_(None), 1), else_=0),  # unrated last, portably
                uses.c.average_rating.desc(),
                uses.c.times_used.desc(),
                Question.text,
                Question.id,
            )
            .limit(limit)
        )
        return [
            QuestionUsefulness(
                row.id,
                row.text,
                row.category,
                row.name,
                int(row.times_used),
                int(row.times_rated),
                None if row.average_rating is None else float(row.average_rating),
            )
            for row in session.execute(query)
        ]
