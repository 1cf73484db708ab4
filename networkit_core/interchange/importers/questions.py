"""Questions import into one bank the actor may write: matched on the question's text within
that bank; category and tags are updated. Into a new private bank when `new_bank` names one;
by default the actor's own "Imported questions" bank, created when missing."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from networkit_core import audit_log, bounds
from networkit_core.access import get_bank
from networkit_core.errors import InvalidInput
from networkit_core.interchange.importers import Analysis, Job
from networkit_core.interchange.outcomes import Action
from networkit_core.models import Question
from networkit_core.services._input import required_text
from networkit_core.services.questions import owned_bank, private_bank

IMPORTED_BANK_NAME = "Imported questions"


def normalise_tags(raw: str) -> str:
    """Tags trimmed, lower-cased, without repeats, joined by ';' as the bank stores them."""
    tags: list[str] = []
    for part in raw.split(";"):
        tag = " ".join(part.split()).lower()
        if tag and tag not in tags:
            tags.append(tag)
    return ";".join(tags)


def analyse(job: Job) -> Analysis:
    result = Analysis()
    session, actor, table = job.session, job.actor, job.table
    new_name = IMPORTED_BANK_NAME
    if job.new_bank is not None:
        if job.bank_id is not None:
            raise InvalidInput("Import into one bank: an existing one or a new one, not both.")
        new_name = required_text(job.new_bank, "bank name", bounds.BANK_NAME)
        bank = None
    elif job.bank_id is not None:
        bank = get_bank(session, actor, job.bank_id, for_write=True)
    else:
        bank = owned_bank(session, actor.id, IMPORTED_BANK_NAME)
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
    for cells in job.cells(result.errors):
        text = cells.text("question", required=True)
        category = cells.text("category")
        tags = normalise_tags(cells.text("tags"))
        if text in seen:
            cells.fail("question", f"the same question appears also on row {seen[text]}")
        elif text:
            seen[text] = cells.row
        if cells.refused:
            result.outcome(cells.row, text[:60], Action.REFUSED)
            continue
        current = existing.get(text)
        if current is None:
            new_rows.append({"text": text, "category": category, "tags": tags})
            result.outcome(cells.row, text[:60], Action.NEW)
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
            cells.row, text[:60], Action.UPDATED if changed else Action.UNCHANGED, changed
        )

    def write(session: Session) -> None:
        target = bank
        if target is None:
            target = private_bank(
                session, actor.id, new_name, "Questions imported from a CSV file."
            )
            audit_log.record(session, actor, "create", "question_bank", target.id)
        position = session.scalar(
            select(func.coalesce(func.max(Question.position), -1)).where(
                Question.bank_id == target.id
            )
        )
        added = [
            Question(bank_id=target.id, position=position + offset, **values)
            for offset, values in enumerate(new_rows, 1)
        ]
        session.add_all(added)
        for question, category, tags in updates:
            question.category = category
            question.tags = tags
        session.flush()
        result.wrote("question", [question.id for question in added], new=True)
        result.wrote("question", [question.id for question, _c, _t in updates], new=False)

    result.write = write
    return result
