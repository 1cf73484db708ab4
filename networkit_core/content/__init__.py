"""Load the checklists and starter question bank shipped here (or in NETWORKIT_CONTENT_DIR),
idempotently: items are matched by key or text, so an edited label is updated in place."""

from __future__ import annotations

import csv
import tomllib
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from networkit_core.models import ChecklistItem, ChecklistKind, Question, QuestionBank, Visibility

CHECKLISTS_FILE = "checklists.toml"
STARTER_QUESTIONS_FILE = "starter_questions.csv"
STARTER_BANK_NAME = "Starter bank"
TRACKABLE_FIELDS = {"notes", "thank_you", "follow_up_permission", "follow_ups", "outcomes"}


@dataclass(frozen=True)
class ContentLoad:
    checklist_items_added: int
    checklist_items_updated: int
    questions_added: int


def load_content(session: Session, content_dir: Path) -> ContentLoad:
    added, updated = _load_checklists(session, content_dir / CHECKLISTS_FILE)
    questions = _load_starter_bank(session, content_dir / STARTER_QUESTIONS_FILE)
    return ContentLoad(added, updated, questions)


def _load_checklists(session: Session, path: Path) -> tuple[int, int]:
    with path.open("rb") as handle:
        document = tomllib.load(handle)
    existing = {(item.kind, item.key): item for item in session.scalars(select(ChecklistItem))}
    in_file: set[tuple[ChecklistKind, str]] = set()
    added = updated = 0
    for kind in ChecklistKind:
        for position, entry in enumerate(document.get(kind.value, [])):
            key = str(entry["key"])
            tracks = entry.get("tracks")
            if kind is ChecklistKind.AFTER and tracks not in TRACKABLE_FIELDS:
                raise ValueError(f"{path}: after-item {key!r} must track one of {TRACKABLE_FIELDS}")
            values = {
                "label": str(entry["label"]),
                "hint": str(entry.get("hint", "")),
                "tracks": tracks,
                "position": position,
                "is_active": True,
            }
            in_file.add((kind, key))
            item = existing.get((kind, key))
            if item is None:
                session.add(ChecklistItem(kind=kind, key=key, **values))
                added += 1
            elif any(getattr(item, name) != value for name, value in values.items()):
                for name, value in values.items():
                    setattr(item, name, value)
                updated += 1
    # An item removed from the file is retired, not deleted: old ticks keep their meaning.
    for identity, item in existing.items():
        if identity not in in_file and item.is_active:
            item.is_active = False
            updated += 1
    session.flush()
    return added, updated


def _load_starter_bank(session: Session, path: Path) -> int:
    bank = session.scalar(
        select(QuestionBank).where(
            QuestionBank.name == STARTER_BANK_NAME, QuestionBank.owner_id.is_(None)
        )
    )
    if bank is None:
        bank = QuestionBank(
            name=STARTER_BANK_NAME,
            description="Questions written for NetWorkIt Coach, shared with everyone.",
            owner_id=None,
            visibility=Visibility.EVERYONE,
        )
        session.add(bank)
        session.flush()
    known = set(session.scalars(select(Question.text).where(Question.bank_id == bank.id)))
    added = 0
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for position, row in enumerate(csv.DictReader(handle)):
            text = row["question"].strip()
            if text in known:
                continue
            tags = ";".join(t.strip().lower() for t in row.get("tags", "").split(";") if t.strip())
            session.add(
                Question(
                    bank_id=bank.id,
                    text=text,
                    category=row.get("category", "").strip(),
                    tags=tags,
                    position=position,
                )
            )
            known.add(text)
            added += 1
    session.flush()
    return added
