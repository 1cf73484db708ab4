"""One importer per kind of file: `analyse` (lookups in batches, no query per row) returns each
row's outcome, every problem, and a `write` step for the caller's transaction."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from sqlalchemy.orm import Session

from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.interchange.formats import ChecklistColumn
from networkit_core.interchange.outcomes import Action, Problem, RowOutcome
from networkit_core.interchange.reading import Table
from networkit_core.interchange.values import Cells

T = TypeVar("T")
Progress = Callable[[int, int], None]
CHUNK = 900  # under SQLite's bound-parameter limit, and kind to PostgreSQL too


@dataclass(frozen=True)
class Job:
    """One file being imported: the session to read (and later write) in, who imports, the
    table read from the file, the checklist in force, and where progress goes."""

    session: Session
    ctx: Context
    actor: Actor
    table: Table
    checklist: list[ChecklistColumn]
    progress: Progress | None = None
    bank_id: int | None = None  # questions only: the bank to import into
    new_bank: str | None = None  # questions only: or the name of a new private bank to fill
    bring_back_erased: bool = False  # roster only: import erased people again (services/erased)

    def cells(self, problems: list[Problem]) -> Iterator[Cells]:
        """Each record's cells in file order, reporting progress on the way."""
        ticker = Ticker(self.progress, len(self.table.records))
        today = self.ctx.clock.today()
        for done, record in enumerate(self.table.records, 1):
            ticker.tick(done)
            yield Cells(record, problems, today)


@dataclass
class Analysis:
    rows: list[RowOutcome] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    write: Callable[[Session], None] = lambda _session: None
    # What `write` created and changed, by entity: the ids the audit log records.
    created: dict[str, list[int]] = field(default_factory=dict)
    changed: dict[str, list[int]] = field(default_factory=dict)

    def outcome(self, row: int, key: str, action: Action, changed: Iterable[str] = ()) -> None:
        self.rows.append(RowOutcome(row, key, action, tuple(changed)))

    def wrote(self, entity: str, ids: Iterable[int], *, new: bool) -> None:
        """Note the ids of `entity` records that `write` created (`new`) or changed."""
        listed = list(ids)
        if listed:
            target = self.created if new else self.changed
            target.setdefault(entity, []).extend(listed)


def chunks(values: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


class Ticker:
    """Calls `progress(done, total)` about a hundred times over a run, not once per row."""

    def __init__(self, progress: Progress | None, total: int) -> None:
        self.progress = progress
        self.total = total
        self.step = max(1, total // 100)

    def tick(self, done: int) -> None:
        if self.progress is not None and (done % self.step == 0 or done == self.total):
            self.progress(done, self.total)
