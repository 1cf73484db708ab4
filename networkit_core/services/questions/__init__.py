"""Question banks (browse, curate, share, copy) and the questions taken to an interview."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from types import EllipsisType

from sqlalchemy import ColumnElement, delete, func, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from networkit_core import audit_log, bounds
from networkit_core.access import (
    bank_scope,
    get_bank,
    get_interview,
    get_question,
    may_edit_bank,
    require_cohorts,
)
from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.errors import ConflictError, InvalidInput
from networkit_core.models import (
    InterviewQuestion,
    Question,
    QuestionBank,
    QuestionBankShare,
    User,
    Visibility,
)
from networkit_core.services._input import choice, normalize_tags, required_text, text_or_empty
from networkit_core.services._versions import saving
from networkit_core.services.interviews import AttachedQuestionView, attached_questions, rules

# Who a bank without an owner comes from: the starter bank ships with the product.
STARTER_OWNER = "NetWorkIt Coach (starter bank)"
FORMER_USER = "a former user"  # an account removed since (its banks are kept)


def matching(text: str) -> list[ColumnElement[bool]]:
    """The one question search, for every page: each word of `text` appears (any case, `%` and
    `_` taken literally) in the question, its category or its tags."""
    return [
        or_(
            Question.text.icontains(word, autoescape=True),
            Question.category.icontains(word, autoescape=True),
            Question.tags.icontains(word, autoescape=True),
        )
        for word in text.split()
    ]


@dataclass(frozen=True)
class BankView:
    id: int
    name: str
    description: str
    owner_id: int | None
    visibility: Visibility
    shared_with_cohort_ids: tuple[int, ...]
    question_count: int
    # Whether the viewer may change it (its owner, or an admin; nobody for the starter bank).
    can_edit: bool
    # Who it comes from: the owner's name, or the product's for the starter bank.
    owner_name: str
    version: int = 1  # the version read: a save over a newer one is refused

    @property
    def is_starter(self) -> bool:
        """The bank loaded from data/, owned by nobody: read-only, can be copied."""
        return self.owner_id is None


@dataclass(frozen=True)
class QuestionView:
    id: int
    bank_id: int
    text: str
    category: str
    tags: str
    position: int
    version: int = 1  # the version read: a save over a newer one is refused

    @property
    def tag_list(self) -> tuple[str, ...]:
        return tuple(tag for tag in self.tags.split(";") if tag)


@dataclass(frozen=True)
class BankDetail:
    bank: BankView
    questions: tuple[QuestionView, ...]


def _bank_view(session: Session, actor: Actor, bank: QuestionBank) -> BankView:
    return _bank_views(session, actor, [bank])[0]


def _bank_views(session: Session, actor: Actor, banks: list[QuestionBank]) -> list[BankView]:
    """Views of `banks`, their shares and live question counts fetched in two queries."""
    ids = [bank.id for bank in banks]
    shares: dict[int, list[int]] = {bank_id: [] for bank_id in ids}
    for bank_id, cohort_id in session.execute(
        select(QuestionBankShare.bank_id, QuestionBankShare.cohort_id)
        .where(QuestionBankShare.bank_id.in_(ids))
        .order_by(QuestionBankShare.cohort_id)
    ):
        shares[bank_id].append(cohort_id)
    owners = display_names(session, {bank.owner_id for bank in banks})
    counts = {
        bank_id: count
        for bank_id, count in session.execute(
            select(Question.bank_id, func.count())
            .where(Question.bank_id.in_(ids), Question.deleted_at.is_(None))
            .group_by(Question.bank_id)
        )
    }
    return [
        BankView(
            id=bank.id,
            name=bank.name,
            description=bank.description,
            owner_id=bank.owner_id,
            visibility=bank.visibility,
            shared_with_cohort_ids=tuple(shares[bank.id]),
            question_count=counts.get(bank.id, 0),
            can_edit=may_edit_bank(actor, bank.owner_id),
            owner_name=STARTER_OWNER
            if bank.owner_id is None
            else owners.get(bank.owner_id, FORMER_USER),
            version=bank.version,
        )
        for bank in banks
    ]


def display_names(session: Session, user_ids: Iterable[int | None]) -> dict[int | None, str]:
    """The names of the given accounts, in one query (None and unknown ids are left out)."""
    wanted = {user_id for user_id in user_ids if user_id is not None}
    if not wanted:  # no statement for nobody (the starter bank has no owner)
        return {}
    return {
        user_id: f"{first} {last}".strip()
        for user_id, first, last in session.execute(
            select(User.id, User.first_name, User.last_name).where(User.id.in_(wanted))
        )
    }


def _question_view(question: Question) -> QuestionView:
    return QuestionView(
        question.id,
        question.bank_id,
        question.text,
        question.category,
        question.tags,
        question.position,
        question.version,
    )


def _bank_view_of(actor: Actor) -> Callable[[Session, QuestionBank], BankView]:
    return lambda session, bank: _bank_view(session, actor, bank)


def _view(_session: Session, question: Question) -> QuestionView:
    return _question_view(question)


def _live_questions(session: Session, bank_id: int) -> list[Question]:
    return list(
        session.scalars(
            select(Question)
            .where(Question.bank_id == bank_id, Question.deleted_at.is_(None))
            .order_by(Question.position, Question.id)
        )
    )


def list_banks(ctx: Context, actor: Actor) -> list[BankView]:
    """The banks the actor may read: their own, shared with their cohorts, and everyone's."""
    with ctx.unit_of_work() as session:
        banks = session.scalars(
            select(QuestionBank)
            .where(QuestionBank.id.in_(bank_scope(actor)))
            .order_by(QuestionBank.name, QuestionBank.id)
        ).all()
        return _bank_views(session, actor, list(banks))


def bank_detail(ctx: Context, actor: Actor, bank_id: int) -> BankDetail:
    with ctx.unit_of_work() as session:
        bank = get_bank(session, actor, bank_id)
        return BankDetail(
            _bank_view(session, actor, bank),
            tuple(_question_view(q) for q in _live_questions(session, bank.id)),
        )


def create_bank(ctx: Context, actor: Actor, *, name: str, description: str = "") -> BankView:
    """A new private bank owned by the actor."""
    with ctx.unit_of_work() as session:
        bank = private_bank(
            session,
            actor.id,
            required_text(name, "name", bounds.BANK_NAME),
            text_or_empty(description, "description", bounds.DESCRIPTION),
        )
        audit_log.record(session, actor, "create", "question_bank", bank.id, name=bank.name)
        return _bank_view(session, actor, bank)


@audit_log.refusals_logged("rename", "question_bank")
def rename_bank(
    ctx: Context,
    actor: Actor,
    bank_id: int,
    *,
    name: str,
    description: str | None = None,
    expected_version: int | None = None,
) -> BankView:
    mine = {"name": name, **({} if description is None else {"description": description})}
    with saving(
        ctx, "question bank", get_bank, actor, bank_id, _bank_view_of(actor), mine, expected_version
    ) as (session, bank):
        bank.name = required_text(name, "name", bounds.BANK_NAME)
        if description is not None:
            bank.description = text_or_empty(description, "description", bounds.DESCRIPTION)
        session.flush()
        audit_log.record(session, actor, "rename", "question_bank", bank.id, name=bank.name)
        return _bank_view(session, actor, bank)


@audit_log.refusals_logged("delete", "question_bank")
def delete_bank(
    ctx: Context, actor: Actor, bank_id: int, *, expected_version: int | None = None
) -> BankView:
    """Soft delete: questions already taken to interviews stay on those interviews."""
    mine = {"deleted": True}
    with saving(
        ctx, "question bank", get_bank, actor, bank_id, _bank_view_of(actor), mine, expected_version
    ) as (session, bank):
        bank.deleted_at = ctx.clock.now()
        session.flush()
        audit_log.record(session, actor, "delete", "question_bank", bank.id)
        return _bank_view(session, actor, bank)


@audit_log.refusals_logged("share", "question_bank")
def set_bank_visibility(
    ctx: Context,
    actor: Actor,
    bank_id: int,
    *,
    visibility: Visibility | str,
    cohort_ids: Iterable[int] = (),
    expected_version: int | None = None,
) -> BankView:
    """Who may read the bank. Graduates keep their banks private; an advisor shares only with
    cohorts they coach; an admin with any."""
    level = choice(Visibility, visibility, "visibility")
    wanted = sorted(set(cohort_ids))
    mine = {"visibility": level, "shared_with_cohort_ids": tuple(wanted)}
    with saving(
        ctx, "question bank", get_bank, actor, bank_id, _bank_view_of(actor), mine, expected_version
    ) as (session, bank):
        if actor.is_graduate and level is not Visibility.PRIVATE:
            raise InvalidInput("Graduates keep their question banks private.", "visibility")
        if level is Visibility.COHORTS:
            if not wanted:
                raise InvalidInput("Choose at least one cohort to share the bank with.", "cohorts")
            require_cohorts(session, actor, wanted)
        elif wanted:
            raise InvalidInput(
                f"Cohorts are chosen only when the visibility is {Visibility.COHORTS.value}.",
                "cohorts",
            )
        bank.visibility = level
        flag_modified(bank, "visibility")  # new shares alone are a new version too
        session.execute(delete(QuestionBankShare).where(QuestionBankShare.bank_id == bank.id))
        for cohort_id in wanted:
            session.add(QuestionBankShare(bank_id=bank.id, cohort_id=cohort_id))
        session.flush()
        audit_log.record(
            session,
            actor,
            "visibility",
            "question_bank",
            bank.id,
            visibility=level.value,
            cohort_ids=wanted,
        )
        return _bank_view(session, actor, bank)


@audit_log.refusals_logged("copy", "question_bank")
def copy_bank(ctx: Context, actor: Actor, bank_id: int, *, name: str | None = None) -> BankView:
    """A private copy, owned by the actor, of a bank they may read."""
    with ctx.unit_of_work() as session:
        source = get_bank(session, actor, bank_id)
        wanted = required_text(name or f"{source.name} (copy)", "name", bounds.BANK_NAME)
        copy = private_bank(session, actor.id, wanted, source.description)
        for question in _live_questions(session, source.id):
            session.add(
                Question(
                    bank_id=copy.id,
                    text=question.text,
                    category=question.category,
                    tags=question.tags,
                    position=question.position,
                )
            )
        session.flush()
        audit_log.record(session, actor, "copy", "question_bank", copy.id, source=source.id)
        return _bank_view(session, actor, copy)


@audit_log.refusals_logged("create_question", "question_bank")
def add_question(
    ctx: Context,
    actor: Actor,
    bank_id: int,
    *,
    text: str,
    category: str = "",
    tags: str | Iterable[str] = "",
) -> QuestionView:
    with ctx.unit_of_work() as session:
        bank = get_bank(session, actor, bank_id, for_write=True)
        question = new_question(session, bank, text=text, category=category, tags=tags)
        audit_log.record(session, actor, "create", "question", question.id, bank_id=bank.id)
        return _question_view(question)


def new_question(
    session: Session,
    bank: QuestionBank,
    *,
    text: str,
    category: str = "",
    tags: str | Iterable[str] = "",
) -> Question:
    """A checked question added at the end of `bank` (its writer is checked by the caller)."""
    last = session.scalar(select(func.max(Question.position)).where(Question.bank_id == bank.id))
    question = Question(
        bank_id=bank.id,
        text=required_text(text, "question", bounds.QUESTION),
        category=text_or_empty(category, "category", bounds.CATEGORY),
        tags=checked_tags(tags),
        position=(last or 0) + 1,
    )
    session.add(question)
    session.flush()
    return question


@audit_log.refusals_logged("update", "question")
def edit_question(
    ctx: Context,
    actor: Actor,
    question_id: int,
    *,
    text: str | None = None,
    category: str | None = None,
    tags: str | Iterable[str] | None = None,
    expected_version: int | None = None,
) -> QuestionView:
    """Change what is given; None leaves a field as it is."""
    given = {"text": text, "category": category, "tags": tags}
    mine = {field: value for field, value in given.items() if value is not None}
    with saving(
        ctx, "question", get_question, actor, question_id, _view, mine, expected_version
    ) as (session, question):
        changed = []
        if text is not None:
            question.text = required_text(text, "question", bounds.QUESTION)
            changed.append("text")
        if category is not None:
            question.category = text_or_empty(category, "category", bounds.CATEGORY)
            changed.append("category")
        if tags is not None:
            question.tags = checked_tags(tags)
            changed.append("tags")
        session.flush()
        audit_log.record(session, actor, "update", "question", question.id, fields=changed)
        return _question_view(question)


@audit_log.refusals_logged("delete", "question")
def remove_question(
    ctx: Context, actor: Actor, question_id: int, *, expected_version: int | None = None
) -> QuestionView:
    mine = {"deleted": True}
    with saving(
        ctx, "question", get_question, actor, question_id, _view, mine, expected_version
    ) as (session, question):
        question.deleted_at = ctx.clock.now()
        session.flush()
        audit_log.record(session, actor, "delete", "question", question.id)
        return _question_view(question)


@audit_log.refusals_logged("attach_question", "interview")
def attach_question(
    ctx: Context, actor: Actor, interview_id: int, question_id: int
) -> tuple[AttachedQuestionView, ...]:
    """Take a visible question to the interview; returns the interview's questions."""
    with ctx.unit_of_work() as session:
        interview = get_interview(session, actor, interview_id, for_write=True)
        question = get_question(session, actor, question_id)
        if session.get(InterviewQuestion, (interview.id, question.id)) is None:
            _attach(session, ctx, actor, interview.id, question.id)
        return attached_questions(session, interview.id)


def _attach(
    session: Session, ctx: Context, actor: Actor, interview_id: int, question_id: int
) -> None:
    session.add(
        InterviewQuestion(
            interview_id=interview_id, question_id=question_id, added_at=ctx.clock.now()
        )
    )
    session.flush()
    audit_log.record(
        session, actor, "attach_question", "interview", interview_id, question=question_id
    )


def _link(session: Session, interview_id: int, question_id: int) -> InterviewQuestion:
    """The question taken to the interview (refused when it is not on it)."""
    link = session.get(InterviewQuestion, (interview_id, question_id))
    if link is None:
        raise InvalidInput("That question is not on this interview.", "question")
    return link


@audit_log.refusals_logged("detach_question", "interview")
def detach_question(
    ctx: Context, actor: Actor, interview_id: int, question_id: int
) -> tuple[AttachedQuestionView, ...]:
    with ctx.unit_of_work() as session:
        interview = get_interview(session, actor, interview_id, for_write=True)
        link = _link(session, interview.id, question_id)
        session.delete(link)
        session.flush()
        audit_log.record(
            session, actor, "detach_question", "interview", interview.id, question=question_id
        )
        return attached_questions(session, interview.id)


@audit_log.refusals_logged("rate_question", "interview")
def rate_question(
    ctx: Context,
    actor: Actor,
    interview_id: int,
    question_id: int,
    usefulness: int | None,
    *,
    expected_usefulness: int | EllipsisType | None = ...,
) -> tuple[AttachedQuestionView, ...]:
    """How useful a question was, 1 to 5 (None clears it); refused as a conflict when the
    rating saved now is not `expected_usefulness`."""
    if usefulness is not None and (
        isinstance(usefulness, bool) or not isinstance(usefulness, int) or not 1 <= usefulness <= 5
    ):
        raise InvalidInput(
            f"Usefulness is a whole number from 1 to 5, not {usefulness!r}.", "usefulness"
        )
    with ctx.unit_of_work() as session:
        interview = get_interview(session, actor, interview_id, for_write=True)
        link = _link(session, interview.id, question_id)
        if expected_usefulness is not ... and link.usefulness != expected_usefulness:
            theirs = next(
                q for q in attached_questions(session, interview.id) if q.question_id == question_id
            )
            raise ConflictError("rating", mine={"usefulness": usefulness}, theirs=theirs)
        if usefulness is not None:  # clearing a rating is always allowed
            rules.refuse(rules.only_when_completed(interview.status, rules.RATINGS), "usefulness")
        link.usefulness = usefulness
        session.flush()
        audit_log.record(
            session,
            actor,
            "rate_question",
            "interview",
            interview.id,
            question=question_id,
            usefulness=usefulness,
        )
        return attached_questions(session, interview.id)


def checked_tags(raw: str | Iterable[str]) -> str:
    tags = normalize_tags(raw)
    if len(tags) > bounds.TAGS.max_chars:
        raise InvalidInput(
            f"Too many tags: at most {bounds.TAGS.max_chars} characters in all.", "tags"
        )
    return tags


OWN_BANK_NAME = "My questions"


def add_own_question(
    ctx: Context, actor: Actor, interview_id: int, *, text: str, category: str = ""
) -> tuple[AttachedQuestionView, ...]:
    """A question the graduate writes: kept in their private "My questions" bank (made on first
    use) and taken to the interview, in one transaction."""
    wording = required_text(text, "question", bounds.QUESTION)
    kind = text_or_empty(category, "category", bounds.CATEGORY)
    with ctx.unit_of_work() as session:
        interview = get_interview(session, actor, interview_id, for_write=True)
        bank, made = own_bank(session, actor.id)
        if made:
            audit_log.record(session, actor, "create", "question_bank", bank.id, name=bank.name)
        question = new_question(session, bank, text=wording, category=kind)
        audit_log.record(session, actor, "create", "question", question.id, bank_id=bank.id)
        _attach(session, ctx, actor, interview.id, question.id)
        return attached_questions(session, interview.id)


def own_bank(session: Session, user_id: int) -> tuple[QuestionBank, bool]:
    """The user's private "My questions" bank, and whether it is made now (on first use)."""
    bank = owned_bank(session, user_id, OWN_BANK_NAME)
    if bank is not None:
        return bank, False
    return private_bank(
        session, user_id, OWN_BANK_NAME, "Questions I wrote for my interviews."
    ), True


def owned_bank(session: Session, owner_id: int, name: str) -> QuestionBank | None:
    """The owner's first live bank of that name, if any."""
    return session.scalar(
        select(QuestionBank)
        .where(
            QuestionBank.owner_id == owner_id,
            QuestionBank.name == name,
            QuestionBank.deleted_at.is_(None),
        )
        .order_by(QuestionBank.id)
        .limit(1)
    )


def private_bank(session: Session, owner_id: int, name: str, description: str) -> QuestionBank:
    """A new private bank (its name and description checked by the caller)."""
    bank = QuestionBank(
        name=name, description=description, owner_id=owner_id, visibility=Visibility.PRIVATE
    )
    session.add(bank)
    session.flush()
    return bank
