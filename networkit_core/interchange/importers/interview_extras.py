"""The interviews file's columns that reach past one row: `questions` (one a line, "[4/5] "
before a rated one) and `contact_referred_by`. An import adds questions and sets ratings but
never takes a question off, so a file exported and imported changes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Protocol

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from networkit_core import bounds
from networkit_core.access import bank_scope
from networkit_core.actor import Actor
from networkit_core.interchange.importers import chunks
from networkit_core.interchange.importers.bulk import insert_returning_ids, insert_rows, update_rows
from networkit_core.interchange.values import Cells
from networkit_core.models import (
    Contact,
    Graduate,
    InterviewQuestion,
    Question,
)
from networkit_core.services.questions import own_bank

QUESTION_CHARS = bounds.QUESTION.max_chars  # as the question forms allow
_RATED = re.compile(r"^\[(\d+)/5\]\s*(.*)$")


def text_key(text: str) -> str:
    """Questions and names compare ignoring case and spacing."""
    return " ".join(text.split()).casefold()


@dataclass(frozen=True)
class Asked:
    text: str
    usefulness: int | None


def parse_questions(cells: Cells, column: str = "questions") -> list[Asked]:
    """The questions of a `questions` cell; a bad line is a problem of the row."""
    asked: list[Asked] = []
    for line in cells.text(column).splitlines():
        line = line.strip()
        if not line:
            continue
        usefulness = None
        rated = _RATED.match(line)
        if rated is not None:
            number, line = int(rated.group(1)), rated.group(2).strip()
            if not 1 <= number <= 5:
                cells.fail(column, f"a rating is 1 to 5 out of 5, not {number}/5")
                continue
            usefulness = number
        if not line:
            cells.fail(column, "a rating stands before a question: [4/5] What do you enjoy?")
        elif len(line) > QUESTION_CHARS:
            cells.fail(column, f"a question is at most {QUESTION_CHARS} characters")
        else:
            asked.append(Asked(line, usefulness))
    return asked


@dataclass
class QuestionChanges:
    """What one row does to its interview's questions."""

    rate: list[tuple[int, int | None]] = field(default_factory=list)  # attached: new rating
    attach: list[tuple[int, int | None]] = field(default_factory=list)  # a readable question
    write: list[Asked] = field(default_factory=list)  # new, in the graduate's own bank

    def __bool__(self) -> bool:
        return bool(self.rate or self.attach or self.write)

    @property
    def rated(self) -> bool:
        """Whether the row sets a rating (ratings belong to completed interviews)."""
        return any(u is not None for _, u in self.rate + self.attach) or any(
            a.usefulness is not None for a in self.write
        )


class Questions:
    """The questions already taken to the file's interviews, and those the actor may read."""

    def __init__(self, session: Session, actor: Actor, interview_ids: Sequence[int]) -> None:
        self.attached: dict[int, list[tuple[int, str, int | None]]] = {}
        for batch in chunks(list(interview_ids)):
            for interview_id, question_id, text, usefulness in session.execute(
                select(
                    InterviewQuestion.interview_id,
                    Question.id,
                    Question.text,
                    InterviewQuestion.usefulness,
                )
                .join(Question, Question.id == InterviewQuestion.question_id)
                .where(InterviewQuestion.interview_id.in_(batch))
                .order_by(InterviewQuestion.added_at, Question.id)
            ):
                self.attached.setdefault(interview_id, []).append((question_id, text, usefulness))
        self.readable: dict[str, int] = {}
        for question_id, text in session.execute(
            select(Question.id, Question.text)
            .where(Question.deleted_at.is_(None), Question.bank_id.in_(bank_scope(actor)))
            .order_by(Question.bank_id, Question.position, Question.id)
        ):
            self.readable.setdefault(text_key(text), question_id)

    def changes(self, interview_id: int | None, asked: list[Asked]) -> QuestionChanges:
        """Each asked question matched to one already on the interview (same text), else to a
        readable one, else written anew; ratings compared with the stored ones."""
        changes = QuestionChanges()
        unused = list(self.attached.get(interview_id, [])) if interview_id is not None else []
        taken = {question_id for question_id, _, _ in unused}
        for ask in asked:
            key = text_key(ask.text)
            match = next((a for a in unused if text_key(a[1]) == key), None)
            if match is not None:
                unused.remove(match)
                if ask.usefulness is not None and ask.usefulness != match[2]:
                    changes.rate.append((match[0], ask.usefulness))
                continue
            found = self.readable.get(key)
            if found is not None and found not in taken:
                taken.add(found)
                changes.attach.append((found, ask.usefulness))
            else:
                changes.write.append(ask)
        return changes


class HasId(Protocol):
    id: int | None


def write_questions(
    session: Session, now: datetime, planned: list[tuple[HasId, int, QuestionChanges]]
) -> None:
    """Apply each interview's question changes (interview, its graduate, the changes)."""
    if not planned:
        return
    own_banks: dict[int, list[int]] = {}  # graduate -> [bank id, next position]
    written: dict[tuple[int, str, int], int] = {}  # (graduate, wording, n-th) -> new question
    links: list[dict[str, Any]] = []
    ratings: list[dict[str, Any]] = []
    for interview, graduate_id, changes in planned:
        assert interview.id is not None
        ratings += [
            {"interview_id": interview.id, "question_id": question_id, "usefulness": usefulness}
            for question_id, usefulness in changes.rate
        ]
        links += [
            {"interview_id": interview.id, "question_id": question_id, "usefulness": u}
            for question_id, u in changes.attach
        ]
        # The n-th same wording on one interview is a question of its own (two banks may word
        # two questions alike); across interviews one wording is one new question.
        keys: list[tuple[int, str, int]] = []
        for ask in changes.write:
            key = text_key(ask.text)
            keys.append((graduate_id, key, sum(k[1] == key for k in keys)))
        fresh = {
            key: ask for key, ask in zip(keys, changes.write, strict=True) if key not in written
        }
        if fresh:
            if graduate_id not in own_banks:
                own_banks[graduate_id] = list(_own_bank(session, graduate_id))
            bank = own_banks[graduate_id]
            rows = [
                {
                    "bank_id": bank[0],
                    "text": ask.text,
                    "category": "",
                    "tags": "",
                    "position": bank[1] + n,
                    "created_at": now,
                    "updated_at": now,
                }
                for n, ask in enumerate(fresh.values())
            ]
            bank[1] += len(rows)
            ids = insert_returning_ids(session, Question.__table__, rows)
            written.update(zip(fresh, ids, strict=True))
        links += [
            {"interview_id": interview.id, "question_id": written[key], "usefulness": a.usefulness}
            for key, a in zip(keys, changes.write, strict=True)
        ]
    # A microsecond apart, so that they keep the order of the file's lines.
    stamped = [
        {**link, "added_at": now + timedelta(microseconds=n)} for n, link in enumerate(links)
    ]
    insert_rows(session, InterviewQuestion.__table__, stamped)
    update_rows(session, InterviewQuestion.__table__, ("interview_id", "question_id"), ratings)


def _own_bank(session: Session, graduate_id: int) -> tuple[int, int]:
    """The graduate's private "My questions" bank and the position its next question takes."""
    owner = session.scalar(select(Graduate.user_id).where(Graduate.id == graduate_id))
    bank, _made = own_bank(session, owner or 0)
    last = session.scalar(select(func.max(Question.position)).where(Question.bank_id == bank.id))
    return bank.id, (last or 0) + 1


# --- referrals ------------------------------------------------------------------------------


@dataclass
class Referrals:
    """Who referred whom, among each graduate's contacts: stored, and as the file sets it."""

    by_name: dict[tuple[int, str], list[Any]] = field(default_factory=dict)
    stored: dict[int, int | None] = field(default_factory=dict)  # contact id -> referrer id
    objects: dict[int, Any] = field(default_factory=dict)  # contact id -> stored contact
    # id() of a contact -> (the contact, its referrer or None, the row that set it, whether
    # that changes what is stored)
    chosen: dict[int, tuple[Any, Any, int, bool]] = field(default_factory=dict)

    def know(self, graduate_id: int, contact: Any) -> None:
        """A contact of `graduate_id`, stored or new in the file, to be found by name."""
        named = self.by_name.setdefault((graduate_id, text_key(contact_name(contact))), [])
        if not any(c is contact for c in named):
            named.append(contact)
        if isinstance(contact, Contact):
            self.stored[contact.id] = contact.referred_by_id
            self.objects[contact.id] = contact

    def referrer_of(self, contact: Any) -> Any:
        """The referrer the file gives `contact`, else the stored one (None: nobody)."""
        if id(contact) in self.chosen:
            return self.chosen[id(contact)][1]
        stored = self.stored.get(contact.id) if isinstance(contact, Contact) else None
        return self.objects.get(stored) if stored is not None else None

    def choose(self, cells: Cells, graduate_id: int, contact: Any, name: str, make: Any) -> bool:
        """Set `contact`'s referrer to the contact named `name` ("" for nobody), found among
        the graduate's contacts or made (`make(name)`); whether that changes anything."""
        column = "contact_referred_by"
        current = self.referrer_of(contact)
        referrer = None
        if name:
            named = self.by_name.get((graduate_id, text_key(name)), [])
            if current is not None and any(c is current for c in named):
                referrer = current
            elif len(named) > 1:
                cells.fail(column, f"{len(named)} of the graduate's contacts are named {name!r}")
                return False
            elif named:
                referrer = named[0]
            else:
                referrer = make(name)
                self.know(graduate_id, referrer)
        if referrer is contact:
            cells.fail(column, f"{name!r} cannot have referred the graduate to themselves")
            return False
        earlier = self.chosen.get(id(contact))
        if earlier is not None and earlier[1] is not referrer:
            cells.fail(column, f"row {earlier[2]} names another referrer for this contact")
            return False
        # A referral chain never loops back (A referred by B, B by A).
        step, seen = referrer, 0
        while step is not None and seen < 10_000:
            if step is contact:
                cells.fail(column, f"{name!r} was referred through this contact: a loop")
                return False
            step, seen = self.referrer_of(step), seen + 1
        changed = referrer is not current or (earlier is not None and earlier[3])
        self.chosen[id(contact)] = (contact, referrer, cells.row, changed)
        return referrer is not current

    def write(self, session: Session) -> list[int]:
        """Once every contact has its id: store the referrers the file changes (a stored
        contact through the ORM, which stamps it; a new one by its id); the ids changed."""
        rows = []
        for contact, referrer, _row, changed in self.chosen.values():
            if not changed:
                continue
            referrer_id = referrer.id if referrer is not None else None
            if isinstance(contact, Contact):
                contact.referred_by_id = referrer_id
            else:
                rows.append({"id": contact.id, "referred_by_id": referrer_id})
        update_rows(session, Contact.__table__, ("id",), rows)
        return [contact.id for contact, _, _, changed in self.chosen.values() if changed]


def contact_name(contact: Any) -> str:
    return contact.name if isinstance(contact, Contact) else str(contact.values["name"])
