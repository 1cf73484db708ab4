"""The shipped content loads into the database; loading twice changes nothing."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

from sqlalchemy import select

from networkit_core.content import load_content
from networkit_core.context import Context
from networkit_core.models import ChecklistItem, ChecklistKind, Question

SHIPPED_PREP = {
    "research_company", "research_industry", "questions_ready", "outfit_planned",
    "pen_and_paper", "wallet", "resume_portfolio", "business_card",
}  # fmt: skip
SHIPPED_CONDUCT = {"arrived_early", "introduced_self", "tidy_food", "listened", "light_notes"}


def _snapshot(ctx: Context) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    with ctx.unit_of_work() as session:
        items = session.execute(
            select(ChecklistItem.kind, ChecklistItem.key, ChecklistItem.label).order_by(
                ChecklistItem.id
            )
        )
        questions = session.execute(select(Question.text, Question.category).order_by(Question.id))
        return [tuple(row) for row in items], [tuple(row) for row in questions]


def test_shipped_checklists_and_starter_bank(ctx: Context) -> None:
    items, questions = _snapshot(ctx)
    keys = {kind: {key for k, key, _ in items if k == kind} for kind in ChecklistKind}
    assert keys[ChecklistKind.PREP] == SHIPPED_PREP
    assert keys[ChecklistKind.CONDUCT] == SHIPPED_CONDUCT
    assert keys[ChecklistKind.AFTER]
    categories = Counter(category for _, category in questions)
    assert len(questions) >= 40
    assert len(categories) >= 6


def test_loading_twice_changes_nothing(ctx: Context) -> None:
    before = _snapshot(ctx)
    with ctx.unit_of_work() as session:
        again = load_content(session, ctx.settings.content_dir)
    assert (again.checklist_items_added, again.checklist_items_updated, again.questions_added) == (
        0,
        0,
        0,
    )
    assert _snapshot(ctx) == before


def test_edited_label_updates_and_removed_item_retires(ctx: Context, tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(ctx.settings.content_dir, content, ignore=shutil.ignore_patterns("*.db*"))
    checklists = content / "checklists.toml"
    text = checklists.read_text(encoding="utf-8")
    text = text.replace('label = "', 'label = "Edited: ', 1)
    business_card = text.index('key = "business_card"')
    block_start = text.rindex("[[prep]]", 0, business_card)
    block_end = text.index("[[", business_card)
    text = text[:block_start] + text[block_end:]
    checklists.write_text(text, encoding="utf-8")
    with ctx.unit_of_work() as session:
        result = load_content(session, content)
        first = session.scalars(
            select(ChecklistItem)
            .where(ChecklistItem.kind == ChecklistKind.PREP)
            .order_by(ChecklistItem.position)
        ).first()
        retired = session.scalar(select(ChecklistItem).where(ChecklistItem.key == "business_card"))
    assert result.checklist_items_updated == 2
    assert first is not None and first.label.startswith("Edited: ")
    assert retired is not None and retired.is_active is False
