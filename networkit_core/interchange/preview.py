"""The import entry points: `preview` (validate, write nothing), `apply` (re-validate and write
in one transaction), and `import_now` (both in one transaction, for the command line)."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from networkit_core import audit_log
from networkit_core.access import may_import
from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.db import refresh_planner_statistics
from networkit_core.errors import AccessDenied, InvalidInput, NetworkitError
from networkit_core.interchange.formats import (
    IMPORTABLE,
    Kind,
    checklist_columns,
    columns_for,
    too_big,
)
from networkit_core.interchange.importers import (
    Analysis,
    Job,
    Progress,
    destinations,
    follow_ups,
    interviews,
    questions,
    roster,
)
from networkit_core.interchange.mappings import remember_mapping
from networkit_core.interchange.outcomes import (
    ImportPreview,
    ImportResult,
    Problem,
    capped,
    count_problems,
)
from networkit_core.interchange.reading import header_row, read_table

IMPORTERS: dict[Kind, Callable[[Job], Analysis]] = {
    Kind.ROSTER: roster.analyse,
    Kind.INTERVIEWS: interviews.analyse,
    Kind.FOLLOW_UPS: follow_ups.analyse,
    Kind.QUESTIONS: questions.analyse,
    Kind.DESTINATIONS: destinations.analyse,
}
# What a user who may not import a kind of file is told (access.may_import decides).
NOT_YOURS_TO_IMPORT = {
    Kind.ROSTER: "only admins and advisors import rosters",
    Kind.INTERVIEWS: "advisors read interviews but do not change them: only the graduate or an "
    "admin imports interviews",
    Kind.FOLLOW_UPS: "advisors read follow-ups but do not change them: only the graduate or an "
    "admin imports follow-ups",
    Kind.DESTINATIONS: "only admins import destinations (a first-destination survey); a "
    "graduate or their advisor records one on the graduate's page",
}


def importable_kinds(actor: Actor) -> list[Kind]:
    """The kinds of file `actor` may import (access.may_import decides), in the usual order."""
    return [kind for kind in IMPORTABLE if may_import(actor, kind.value)]


class ImportRefused(NetworkitError):
    """A file with problems: nothing was written. `problems` lists every one."""

    def __init__(self, problems: list[Problem]) -> None:
        count = count_problems(problems)
        super().__init__(
            f"the file was not imported ({count} problem{'s' if count != 1 else ''}); "
            "nothing was changed"
        )
        self.problems = problems


class ImportConflict(NetworkitError):
    """Another import or edit changed the same records while this one was writing."""

    def __init__(self, kind: Kind) -> None:
        what = "interviews" if kind is Kind.INTERVIEWS else "records"
        super().__init__(
            f"someone else changed these {what} meanwhile; nothing was imported: "
            "run the import again"
        )


def preview(
    ctx: Context,
    actor: Actor,
    kind: Kind | str,
    data: bytes,
    header_mapping: dict[str, str] | None = None,
    progress: Progress | None = None,
    *,
    bank_id: int | None = None,
    new_bank: str | None = None,
    cohort: str | None = None,
    bring_back_erased: bool = False,
) -> ImportPreview:
    """What importing `data` would do, row by row, with every error and warning. Writes nothing.
    `cohort` names the cohort of every roster row whose file gives none; `bring_back_erased`
    imports the rows of people erased on request (else each is refused, by name, and the
    other rows apply)."""
    with ctx.sessions() as session:
        try:
            result, _analysis = _analyse(
                session,
                ctx,
                actor,
                kind,
                data,
                header_mapping,
                progress,
                bank_id,
                new_bank,
                cohort,
                bring_back_erased,
            )
        finally:
            session.rollback()
    return result


def apply(
    ctx: Context,
    actor: Actor,
    preview: ImportPreview,
    progress: Progress | None = None,
    *,
    bank_id: int | None = None,
    new_bank: str | None = None,
) -> ImportResult:
    """Write what `preview` showed: re-validated inside the transaction, all or nothing."""
    if preview.actor_id != actor.id:
        raise AccessDenied("import preview")
    if not preview.ok:
        _record_refusal(ctx, actor, preview.kind, preview.errors)
        raise ImportRefused(preview.errors)
    return import_now(
        ctx,
        actor,
        preview.kind,
        preview.data,
        preview.header_mapping,
        progress,
        bank_id=bank_id,
        new_bank=new_bank,
        cohort=preview.cohort,
        bring_back_erased=preview.bring_back_erased,
    )


# From this many new rows on, an import refreshes the planner's statistics.
BULK_ROWS = 1000


def import_now(
    ctx: Context,
    actor: Actor,
    kind: Kind | str,
    data: bytes,
    header_mapping: dict[str, str] | None = None,
    progress: Progress | None = None,
    *,
    bank_id: int | None = None,
    new_bank: str | None = None,
    cohort: str | None = None,
    bring_back_erased: bool = False,
) -> ImportResult:
    """Validate and write in one transaction; a problem raises `ImportRefused` (nothing written).
    A hand-made header mapping is remembered for the next file with the same headers."""
    try:
        with ctx.unit_of_work() as session:
            result, analysis = _analyse(
                session,
                ctx,
                actor,
                kind,
                data,
                header_mapping,
                progress,
                bank_id,
                new_bank,
                cohort,
                bring_back_erased,
            )
            if analysis is None or result.errors:
                raise ImportRefused(result.errors)
            analysis.write(session)
            if header_mapping:
                remember_mapping(session, actor, result.kind, header_row(data), header_mapping)
            session.flush()
            counts = result.counts
            audit_log.record(
                session,
                actor,
                "import",
                result.kind.value,
                None,
                created=analysis.created,
                changed=analysis.changed,
                unchanged=counts.unchanged,
            )
    except ImportRefused as refused:
        _record_refusal(ctx, actor, kind, refused.problems)
        raise
    except StaleDataError:
        # An interview's version moved between our read and our UPDATE: all rolled back.
        conflict = ImportConflict(Kind.parse(kind) if isinstance(kind, str) else kind)
        _record_refusal(ctx, actor, kind, [Problem(None, None, str(conflict))])
        raise conflict from None
    if counts.new >= BULK_ROWS:
        refresh_planner_statistics(ctx.engine)
    return ImportResult(result.kind, counts, tuple(result.warnings))


def _record_refusal(ctx: Context, actor: Actor, kind: Kind | str, problems: list[Problem]) -> None:
    what = kind.value if isinstance(kind, Kind) else str(kind)
    count = count_problems(problems)
    audit_log.record_refused(
        ctx,
        actor,
        "import",
        what,
        f"{count} problem{'s' if count != 1 else ''}",
        problems=[str(problem) for problem in problems[:3]],
    )


def _analyse(
    session: Session,
    ctx: Context,
    actor: Actor,
    kind: Kind | str,
    data: bytes,
    header_mapping: dict[str, str] | None,
    progress: Progress | None,
    bank_id: int | None,
    new_bank: str | None = None,
    cohort: str | None = None,
    bring_back_erased: bool = False,
) -> tuple[ImportPreview, Analysis | None]:
    try:
        kind = kind if isinstance(kind, Kind) else Kind.parse(kind)
    except ValueError as error:
        raise InvalidInput(str(error), "kind") from None
    if kind not in IMPORTABLE:
        raise InvalidInput(f"{kind.value} files are exported only, not imported", "kind")
    refusal = too_big(len(data))
    if refusal:
        raise InvalidInput(refusal, "file")
    cohort = (cohort or "").strip() or None
    if cohort is not None and kind is not Kind.ROSTER:
        raise InvalidInput("a cohort is chosen for the whole file of a roster only", "cohort")
    checklist = checklist_columns(session)
    fixed = {"cohort": cohort} if cohort else None
    columns = columns_for(kind, checklist)
    table = read_table(data, columns, header_mapping, fixed)
    result = ImportPreview(
        kind=kind,
        data=data,
        header_mapping=header_mapping,
        actor_id=actor.id,
        cohort=cohort,
        bring_back_erased=bring_back_erased,
        columns=table.columns,
        unrecognised_headers=table.unrecognised,
        ignored_headers=table.ignored,
        known_columns=[column.name for column in columns],
        warnings=list(table.warnings),
    )
    if not may_import(actor, kind.value):
        refusal = NOT_YOURS_TO_IMPORT.get(kind, f"you may not import {kind.value} files")
        result.errors = [Problem(None, None, refusal)]
        return result, None
    if not table.records:  # an unreadable file or header: nothing to check row by row
        result.errors = capped(table.errors)
        return result, None
    job = Job(session, ctx, actor, table, checklist, progress, bank_id, new_bank, bring_back_erased)
    analysis = IMPORTERS[kind](job)
    result.rows = analysis.rows
    # Rows the reader refused (ragged, over-long cells) beside the rows the importer refused:
    # every bad row of the file at once, in file order (problems of the whole file first).
    result.errors = capped(sorted([*table.errors, *analysis.errors], key=lambda p: p.row or 0))
    result.warnings = capped([*table.warnings, *analysis.warnings], noun="warning")
    return result, analysis
