"""Everything the questions page shows, in one call."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import literal, select
from sqlalchemy.orm import Session

from networkit_core.access import bank_scope, cohort_scope, interview_filter, own_graduate
from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.errors import AccessDenied
from networkit_core.figures.questions import (
    QuestionUsefulness,
    rank_key,
    ranking_in,
    usefulness_counts,
    wilson_lower_bound,
)
from networkit_core.figures.scope import FigureScope
from networkit_core.models import (
    Cohort,
    Contact,
    Interview,
    InterviewQuestion,
    InterviewStatus,
    Question,
    QuestionBank,
)
from networkit_core.services.questions import (
    BankDetail,
    BankView,
    bank_detail,
    list_banks,
    matching,
)
from networkit_core.services.questions.suggestions import SuggestionView, list_suggestions


@dataclass(frozen=True)
class QuestionSearch:
    """What the reader looks for; an empty field does not filter."""

    text: str = ""
    category: str = ""
    tag: str = ""
    bank_id: int | None = None


@dataclass(frozen=True)
class RankingFilter:
    cohort: str = ""  # a cohort's name (as in the address); empty: every graduate in reach
    category: str = ""


@dataclass(frozen=True)
class QuestionLine:
    id: int
    bank_id: int
    bank_name: str
    owner_name: str
    text: str
    category: str
    tags: str
    times_used: int
    times_rated: int
    times_useful: int
    wilson_lower_bound: float | None

    @property
    def tag_list(self) -> tuple[str, ...]:
        return tuple(tag for tag in self.tags.split(";") if tag)


@dataclass(frozen=True)
class InterviewChoice:
    """One of the graduate's upcoming interviews, and the questions already taken to it."""

    id: int
    public_id: str
    meeting_date: date
    contact_name: str
    question_ids: frozenset[int]


@dataclass(frozen=True)
class CohortChoice:
    id: int
    name: str


@dataclass(frozen=True)
class QuestionsPage:
    banks: tuple[BankView, ...]
    questions: tuple[QuestionLine, ...]  # those matching the search
    categories: tuple[str, ...]  # of every visible question, to choose from
    tags: tuple[str, ...]
    ranking: tuple[QuestionUsefulness, ...]
    upcoming: tuple[InterviewChoice, ...]  # a graduate's planned interviews, soonest first
    suggestions: tuple[SuggestionView, ...]  # made by the actor, or waiting for their answer
    cohorts: tuple[CohortChoice, ...]  # an advisor's or admin's: to share with, to rank by
    managed: BankDetail | None  # the bank being worked on, when asked for and still visible


def questions_page(
    ctx: Context,
    actor: Actor,
    search: QuestionSearch = QuestionSearch(),
    ranking: RankingFilter = RankingFilter(),
    *,
    manage_bank_id: int | None = None,
) -> QuestionsPage:
    banks = list_banks(ctx, actor)
    suggestions = list_suggestions(ctx, actor, status=None)
    # A bank deleted (or unshared) since the address was made is simply not shown.
    managed = (
        bank_detail(ctx, actor, manage_bank_id)
        if manage_bank_id in {bank.id for bank in banks}
        else None
    )
    with ctx.unit_of_work() as session:
        owners = {bank.id: bank.owner_name for bank in banks}
        scope = _ranking_scope(session, ranking.cohort)
        found, averages = _search(session, actor, search, owners)
        everything = _finds_everything(search)
        # A search without a filter found every visible question with its usefulness counts:
        # the vocabulary is in its rows, and so is the ranking over everything in reach.
        categories, tags = _words(found) if everything else _vocabulary(session, actor)
        ranked = (
            _ranked(found, averages)
            if everything and scope.kind == "everything" and not ranking.category
            else ranking_in(session, actor, scope, category=ranking.category or None)
        )
        return QuestionsPage(
            banks=tuple(banks),
            questions=tuple(found),
            categories=categories,
            tags=tags,
            ranking=tuple(ranked),
            upcoming=tuple(_upcoming(ctx, session, actor)),
            suggestions=tuple(suggestions),
            cohorts=tuple(_cohorts(session, actor)),
            managed=managed,
        )


def _ranking_scope(session: Session, cohort: str) -> FigureScope:
    """The cohort named in the address; whether the actor may see it is the figure's check."""
    name = cohort.strip()
    if not name:
        return FigureScope.everything()
    cohort_id = session.scalar(select(Cohort.id).where(Cohort.name == name))
    if cohort_id is None:
        raise AccessDenied("cohort")
    return FigureScope.cohort(cohort_id)


def _finds_everything(search: QuestionSearch) -> bool:
    """Whether `search` filters nothing out (as `_search` reads its fields)."""
    return not (
        search.text.split() or search.category or search.tag.split() or search.bank_id is not None
    )


def _search(
    session: Session, actor: Actor, search: QuestionSearch, owners: dict[int, str]
) -> tuple[list[QuestionLine], dict[int, float | None]]:
    """The questions found, and the average rating of each one used."""
    uses = usefulness_counts(session, actor, FigureScope.everything()).subquery("uses")
    query = (
        select(
            Question,
            QuestionBank.name,
            uses.c.times_used,
            uses.c.times_rated,
            uses.c.times_useful,
            uses.c.average_rating,
        )
        .join(QuestionBank, QuestionBank.id == Question.bank_id)
        .outerjoin(uses, uses.c.question_id == Question.id)
        .where(Question.deleted_at.is_(None), Question.bank_id.in_(bank_scope(actor)))
    )
    query = query.where(*matching(search.text))
    if search.category:
        query = query.where(Question.category == search.category)
    tag = " ".join(search.tag.split()).lower()
    if tag:
        # Tags are stored "a;b;c": wrapped in ';' each one is matched whole.
        wrapped = literal(";").concat(Question.tags).concat(";")
        query = query.where(wrapped.contains(f";{tag};", autoescape=True))
    if search.bank_id is not None:
        query = query.where(Question.bank_id == search.bank_id)
    rows = sorted(
        session.execute(query).all(),
        # Sorted here, not in SQL: the same order on SQLite and PostgreSQL (collations differ).
        key=lambda row: (row.name, row[0].bank_id, row[0].position, row[0].id),
    )
    lines = [
        QuestionLine(
            id=question.id,
            bank_id=question.bank_id,
            bank_name=bank_name,
            owner_name=owners.get(question.bank_id, ""),
            text=question.text,
            category=question.category,
            tags=question.tags,
            times_used=int(used or 0),
            times_rated=int(rated or 0),
            times_useful=int(useful or 0),
            wilson_lower_bound=wilson_lower_bound(int(useful or 0), int(rated or 0)),
        )
        for question, bank_name, used, rated, useful, _ in rows
    ]
    averages = {
        row[0].id: None if row.average_rating is None else float(row.average_rating)
        for row in rows
        if row.times_used is not None
    }
    return lines, averages


def _words(lines: list[QuestionLine]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """`_vocabulary` from the lines of every visible question."""
    categories = sorted({line.category for line in lines if line.category})
    tags = sorted({tag for line in lines for tag in line.tags.split(";") if tag})
    return tuple(categories), tuple(tags)


def _ranked(
    lines: list[QuestionLine], averages: dict[int, float | None]
) -> list[QuestionUsefulness]:
    """`ranking_in` over everything in reach, from the lines of every visible question: those
    used (they have usefulness counts), best first."""
    return sorted(
        (
            QuestionUsefulness(
                question_id=line.id,
                text=line.text,
                category=line.category,
                bank=line.bank_name,
                times_used=line.times_used,
                times_rated=line.times_rated,
                times_useful=line.times_useful,
                useful_share=line.times_useful / line.times_rated if line.times_rated else None,
                wilson_lower_bound=line.wilson_lower_bound,
                average_rating=averages[line.id],
            )
            for line in lines
            if line.id in averages
        ),
        key=rank_key,
    )


def _vocabulary(session: Session, actor: Actor) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The categories and the tags of the visible questions, sorted."""
    rows = session.execute(
        select(Question.category, Question.tags)
        .where(Question.deleted_at.is_(None), Question.bank_id.in_(bank_scope(actor)))
        .distinct()
    ).all()
    categories = sorted({category for category, _ in rows if category})
    tags = sorted({tag for _, joined in rows for tag in joined.split(";") if tag})
    return tuple(categories), tuple(tags)


def _upcoming(ctx: Context, session: Session, actor: Actor) -> list[InterviewChoice]:
    if not actor.is_graduate:
        return []
    graduate = own_graduate(session, actor)
    interviews = session.execute(
        select(Interview.id, Interview.public_id, Interview.meeting_date, Contact.name)
        .join(Contact, Contact.id == Interview.contact_id)
        .where(
            Interview.graduate_id == graduate.id,
            interview_filter(actor),
            Interview.status == InterviewStatus.PLANNED,
            Interview.meeting_date >= ctx.clock.today(),
        )
        .order_by(Interview.meeting_date, Interview.meeting_time, Interview.id)
    ).all()
    attached: dict[int, set[int]] = {row.id: set() for row in interviews}
    for interview_id, question_id in session.execute(
        select(InterviewQuestion.interview_id, InterviewQuestion.question_id).where(
            InterviewQuestion.interview_id.in_(attached)
        )
    ):
        attached[interview_id].add(question_id)
    return [
        InterviewChoice(
            row.id, row.public_id, row.meeting_date, row.name, frozenset(attached[row.id])
        )
        for row in interviews
    ]


def _cohorts(session: Session, actor: Actor) -> list[CohortChoice]:
    if actor.is_graduate:
        return []
    rows = session.execute(
        select(Cohort.id, Cohort.name).where(Cohort.id.in_(cohort_scope(actor)))
    ).all()
    return sorted((CohortChoice(row.id, row.name) for row in rows), key=lambda c: c.name)
