"""Questions import into one bank the actor may write: matched on the question's text within
that bank; category and tags are updated. By default the actor's own "Imported questions" bank,
created when missing."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from networkit_core import audit_log
from networkit_core.access import get_bank
from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.interchange.formats import ChecklistColumn
from networkit_core.interchange.importers import Analysis, Progress, Ticker, row_failed
from networkit_core.interchange.outcomes import Action
from networkit_core.interchange.reading import Table
from networkit_core.interchange.values import Cells
from networkit_core.models import Question, QuestionBank, Visibility

IMPORTED_BANK_NAME = "Imported questions"


def normalise_tags(raw: str) -> str:
    """Tags trimmed, lower-cased, without repeats, joined by ';' as the bank stores them."""
    tags: list[str] = []
    for part in raw.split(";"):
        tag = " ".join(part.split()).lower()
        if tag and tag not in tags:
            tags.append(tag)
    return ";".join(tags)


def own_imported_bank(session: Session, actor: Actor) -> QuestionBank | None:
    return session.scalar(
        select(QuestionBank)
        .where(
            QuestionBank.owner_id == actor.id,
            QuestionBank.name == IMPORTED_BANK_NAME,
            QuestionBank.deleted_at.is_(None),
        )
        .order_by(QuestionBank.id)
    )


def analyse(
    session: Session,
    ctx: Context,
    actor: Actor,
    table: Table,
    _checklist: list[ChecklistColumn],
    progress: Progress | None,
    bank_id: int | None = None,
) -> Analysis:
    result = Analysis()
    bank = (
        get_bank(session, actor, bank_id, for_write=True)
        if bank_id is not None
        else own_imported_bank(session, actor)
    )
    existing: dict[str, Question] = {}
    if bank is not None:
        existing = {
            q.text: q
            for q in session.scalars(
                select(Question).where(Question.bank_id == bank.id, Question.deleted_at.is_(None))
            )
        }
    new_rows: list[dict[str, str]] = []
    updates: list[tuple[Question, str, str]] = []
    seen: dict[str, int] = {}
    ticker = Ticker(progress, len(table.records))
    for done, record in enumerate(table.records, 1):
        ticker.tick(done)
        before = len(result.errors)
        cells = Cells(record, result.errors)
        text = cells.text("question", required=True)
        category = cells.text("category")
        tags = normalise_tags(cells.text("tags"))
        if text in seen:
            cells.fail("question", f"the same question appears also on row {seen[text]}")
        elif text:
            seen[text] = record.row
        if row_failed(result.errors, before):
            result.outcome(record.row, text[:60], Action.REFUSED)
            continue
        current = existing.get(text)
        if current is None:
            new_rows.append({"text": text, "category": category, "tags": tags})
            result.outcome(record.row, text[:60], Action.NEW)
            continue
        changed = [
            name
            for name, value in (("category", category), ("tags", tags))
            if table.has(name) and getattr(current, name) != value
        ]
        if changed:
            updates.append(
                (
                    current,
                    category if table.has("category") else current.category,
                    tags if table.has("tags") else current.tags,
                )
            )
        result.outcome(
            record.row, text[:60], Action.UPDATED if changed else Action.UNCHANGED, changed
        )

    def write(session: Session) -> None:
        target = bank
        if target is None:
            target = QuestionBank(
                name=IMPORTED_BANK_NAME,
                description="Questions imported from a CSV file.",
                owner_id=actor.id,
                visibility=Visibility.PRIVATE,
            )
            session.add(target)
            session.flush()
            audit_log.record(session, actor, "create", "question_bank", target.id)
        position = session.scalar(
            select(func.coalesce(func.max(Question.position), -1)).where(
                Question.bank_id == target.id
            )
        )
        for offset, values in enumerate(new_rows, 1):
            session.add(Question(bank_id=target.id, position=position + offset, **values))
        for question, category, tags in updates:
            question.category = category
            question.tags = tags
        session.flush()

    result.write = write
    return result
