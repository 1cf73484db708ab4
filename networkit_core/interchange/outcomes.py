"""What an import reports: problems with their row and column, what each row will do, counts."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from networkit_core.interchange.formats import Kind


class Action(enum.StrEnum):
    NEW = "new"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    REFUSED = "refused"


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth a warning) in a file. `row` as a spreadsheet shows it:
    the header is row 1; None for the file as a whole."""

    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column {self.column}")
        return f"{', '.join(where)}: {self.message}" if where else self.message


# A file can be wrong on every row: past this many, problems are counted, not listed.
MAX_PROBLEMS = 100


@dataclass(frozen=True)
class MoreProblems(Problem):
    """Stands last in a capped list for the problems not listed."""

    hidden: int = 0


def capped(
    problems: list[Problem], limit: int = MAX_PROBLEMS, noun: str = "problem"
) -> list[Problem]:
    """The first `limit` problems, then one line "and N more problems" for the rest."""
    if len(problems) <= limit:
        return problems
    hidden = len(problems) - limit
    message = f"and {hidden:,} more {noun}{'s' if hidden != 1 else ''}"
    return [*problems[:limit], MoreProblems(None, None, message, hidden)]


def count_problems(problems: list[Problem]) -> int:
    """How many problems a (possibly capped) list stands for."""
    return sum(p.hidden if isinstance(p, MoreProblems) else 1 for p in problems)


@dataclass(frozen=True)
class HeaderIssue:
    """A header the importer does not know, with the canonical names it may have meant."""

    header: str
    suggestions: tuple[str, ...]


@dataclass(frozen=True)
class RowOutcome:
    row: int
    key: str
    action: Action
    changed: tuple[str, ...] = ()


@dataclass(frozen=True)
class Counts:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    refused: int = 0

    @classmethod
    def of(cls, rows: list[RowOutcome]) -> Counts:
        tally = {action: 0 for action in Action}
        for row in rows:
            tally[row.action] += 1
        return cls(
            tally[Action.NEW], tally[Action.UPDATED], tally[Action.UNCHANGED], tally[Action.REFUSED]
        )

    def __str__(self) -> str:
        return (
            f"{self.new} new, {self.updated} updated, {self.unchanged} unchanged, "
            f"{self.refused} refused"
        )


@dataclass
class ImportPreview:
    """What importing `data` would do, computed without writing. `apply` takes it back."""

    kind: Kind
    data: bytes
    header_mapping: dict[str, str] | None
    actor_id: int
    cohort: str | None = None  # the cohort chosen for the whole file
    bring_back_erased: bool = False  # roster: erased people's rows are imported, not refused
    columns: dict[str, str] = field(default_factory=dict)  # file header -> canonical name
    rows: list[RowOutcome] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    unrecognised_headers: list[HeaderIssue] = field(default_factory=list)
    ignored_headers: list[str] = field(default_factory=list)
    # Every column a file of this kind may have, in file order: what a header can be mapped to.
    known_columns: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def counts(self) -> Counts:
        return Counts.of(self.rows)


@dataclass(frozen=True)
class ImportResult:
    kind: Kind
    counts: Counts
    warnings: tuple[Problem, ...] = ()
