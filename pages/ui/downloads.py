"""A download (a CSV file, a records archive) made by the core only when the button is pressed, so
the audit log records each download (not each time the page is drawn)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.errors import NetworkitError
from networkit_core.interchange.export import export
from networkit_core.interchange.formats import Kind
from networkit_core.records.archive import records_archive
from pages.ui.session import DATABASE_TROUBLE, log

# Downloads open right in Excel unless asked otherwise: names hold "·" and accents, which
# Excel reads as UTF-8 only after a byte-order mark (every importer accepts one).
FOR_EXCEL = True


def csv_file(
    ctx: Context,
    actor: Actor,
    kind: Kind,
    *,
    cohort: str | None = None,
    bank_id: int | None = None,
    bom: bool = FOR_EXCEL,
) -> Callable[[], bytes]:
    """The file's bytes, made when called; a refusal becomes a one-line file saying so."""
    return _safely(lambda: export(ctx, actor, kind, cohort=cohort, bom=bom, bank_id=bank_id))


def records_zip(ctx: Context, actor: Actor) -> Callable[[], bytes]:
    """The signed-in person's own records archive (it takes nobody else), made when called."""
    return _safely(lambda: records_archive(ctx, actor))


def _safely(make: Callable[[], bytes]) -> Callable[[], bytes]:
    def made() -> bytes:
        try:
            return make()
        except NetworkitError as error:
            return f"{error}\r\n".encode()
        except SQLAlchemyError:
            log.exception("a download could not use the database")
            return f"{DATABASE_TROUBLE}\r\n".encode()

    return made


def file_name(kind: Kind, cohort: str | None, today: date) -> str:
    """e.g. "cohort-report_spring-2026-business_2026-11-26.csv"."""
    parts = [kind.value]
    if cohort:
        parts.append(slug(cohort, "cohort"))
    parts.append(today.isoformat())
    return "_".join(parts) + ".csv"


def slug(name: str, empty: str) -> str:
    """A name for a file name: "Spring 2026 Business" reads "spring-2026-business"."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or empty


def csv_button(
    where: Any, label: str, make: Callable[[], bytes], name: str, **options: Any
) -> None:
    """A CSV download in `where` (`st` or a column); its file is made only when pressed."""
    options = {"icon": ":material/download:", "on_click": "ignore"} | options
    where.download_button(label, data=make, file_name=name, mime="text/csv", **options)
