"""Questions suggested to a bank by its readers, and its owner's answer."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from networkit_core import audit_log, bounds
from networkit_core.access import (
    bank_scope,
    curated_bank_filter,
    get_bank,
    may_edit_bank,
    require_role,
)
from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.errors import AccessDenied, InvalidInput
from networkit_core.models import QuestionBank, QuestionSuggestion, Role, SuggestionStatus
from networkit_core.services._input import required_text, text_or_empty
from networkit_core.services.questions import (
    FORMER_USER,
    checked_tags,
    display_names,
    new_question,
)


@dataclass(frozen=True)
class SuggestionView:
    id: int
    bank_id: int
    bank_name: str
    suggested_by: str  # the suggester's name ("a former user" once the account is gone)
    text: str
    category: str
    tags: str
    status: SuggestionStatus
    suggested_at: datetime
    decided_at: datetime | None
    # Whether the viewer may accept or decline it (the bank's writer, while it is pending).
    can_decide: bool


def suggest_question(
    ctx: Context,
    actor: Actor,
    bank_id: int,
    *,
    text: str,
    category: str = "",
    tags: str | Iterable[str] = "",
) -> SuggestionView:
    """A graduate proposes a question for a bank they read; its owner decides."""
    require_role(actor, Role.GRADUATE)  # curators add questions to their banks themselves
    with ctx.unit_of_work() as session:
        bank = get_bank(session, actor, bank_id)
        if bank.owner_id is None:
            raise InvalidInput(
                "The starter bank is read-only: suggest your question to one of your "
                "advisor's banks.",
                "bank",
            )
        if may_edit_bank(actor, bank.owner_id):
            raise InvalidInput("This is your own bank: add the question to it directly.", "bank")
        suggestion = QuestionSuggestion(
            bank_id=bank.id,
            suggested_by_id=actor.id,
            text=required_text(text, "question", bounds.QUESTION),
            category=text_or_empty(category, "category", bounds.CATEGORY),
            tags=checked_tags(tags),
            status=SuggestionStatus.PENDING,
        )
        session.add(suggestion)
        session.flush()
        audit_log.record(
            session, actor, "suggest_question", "question_bank", bank.id, suggestion=suggestion.id
        )
        return _views(session, actor, [suggestion])[0]


def list_suggestions(
    ctx: Context, actor: Actor, *, status: SuggestionStatus | None = SuggestionStatus.PENDING
) -> list[SuggestionView]:
    """Suggestions the actor made or may decide, newest first (`status` None: every one)."""
    with ctx.unit_of_work() as session:
        editable = select(QuestionBank.id).where(
            QuestionBank.id.in_(bank_scope(actor)), curated_bank_filter(actor)
        )
        query = select(QuestionSuggestion).where(
            QuestionSuggestion.bank_id.in_(bank_scope(actor)),
            or_(
                QuestionSuggestion.suggested_by_id == actor.id,
                QuestionSuggestion.bank_id.in_(editable),
            ),
        )
        if status is not None:
            query = query.where(QuestionSuggestion.status == status)
        rows = session.scalars(
            query.order_by(QuestionSuggestion.created_at.desc(), QuestionSuggestion.id.desc())
        ).all()
        return _views(session, actor, list(rows))


@audit_log.refusals_logged("accept", "question_suggestion")
def accept_suggestion(ctx: Context, actor: Actor, suggestion_id: int) -> SuggestionView:
    """The suggestion becomes a question at the end of its bank."""
    with ctx.unit_of_work() as session:
        suggestion = _pending_for_writer(session, actor, suggestion_id)
        bank = get_bank(session, actor, suggestion.bank_id, for_write=True)
        question = new_question(
            session, bank, text=suggestion.text, category=suggestion.category, tags=suggestion.tags
        )
        _decide(ctx, suggestion, actor, SuggestionStatus.ACCEPTED)
        suggestion.question_id = question.id
        session.flush()
        audit_log.record(
            session, actor, "accept_suggestion", "question", question.id, suggestion=suggestion.id
        )
        return _views(session, actor, [suggestion])[0]


@audit_log.refusals_logged("decline", "question_suggestion")
def decline_suggestion(ctx: Context, actor: Actor, suggestion_id: int) -> SuggestionView:
    with ctx.unit_of_work() as session:
        suggestion = _pending_for_writer(session, actor, suggestion_id)
        _decide(ctx, suggestion, actor, SuggestionStatus.DECLINED)
        session.flush()
        audit_log.record(
            session,
            actor,
            "decline_suggestion",
            "question_bank",
            suggestion.bank_id,
            suggestion=suggestion.id,
        )
        return _views(session, actor, [suggestion])[0]


def _pending_for_writer(session: Session, actor: Actor, suggestion_id: int) -> QuestionSuggestion:
    suggestion = session.get(QuestionSuggestion, suggestion_id)
    if suggestion is None:
        raise AccessDenied("suggestion")
    try:
        get_bank(session, actor, suggestion.bank_id, for_write=True)
    except AccessDenied:
        raise AccessDenied("suggestion") from None
    if suggestion.status is not SuggestionStatus.PENDING:
        raise InvalidInput(
            f"This suggestion was already {suggestion.status.value}: nothing was changed.",
            "suggestion",
        )
    return suggestion


def _decide(
    ctx: Context, suggestion: QuestionSuggestion, actor: Actor, status: SuggestionStatus
) -> None:
    suggestion.status = status
    suggestion.decided_by_id = actor.id
    suggestion.decided_at = ctx.clock.now()


def _views(
    session: Session, actor: Actor, suggestions: list[QuestionSuggestion]
) -> list[SuggestionView]:
    if not suggestions:  # no statements for none
        return []
    bank_ids = {s.bank_id for s in suggestions}
    banks = {
        bank_id: (name, owner_id)
        for bank_id, name, owner_id in session.execute(
            select(QuestionBank.id, QuestionBank.name, QuestionBank.owner_id).where(
                QuestionBank.id.in_(bank_ids)
            )
        )
    }
    names = display_names(session, {s.suggested_by_id for s in suggestions})
    return [
        SuggestionView(
            id=s.id,
            bank_id=s.bank_id,
            bank_name=banks[s.bank_id][0],
            suggested_by=names.get(s.suggested_by_id, FORMER_USER),
            text=s.text,
            category=s.category,
            tags=s.tags,
            status=s.status,
            suggested_at=s.created_at,
            decided_at=s.decided_at,
            can_decide=s.status is SuggestionStatus.PENDING
            and may_edit_bank(actor, banks[s.bank_id][1]),
        )
        for s in suggestions
    ]
