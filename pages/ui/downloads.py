"""A CSV download made by the core's exporter only when the button is pressed, so the audit
log records each download (not each time the page is drawn)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from sqlalchemy.exc import SQLAlchemyError

from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.errors import NetworkitError
from networkit_core.interchange.export import export
from networkit_core.interchange.formats import Kind
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
    """The file's bytes, made when called. A refusal becomes a one-line file saying so rather
    than a trace (the callable runs outside the page, where nothing can be drawn)."""

    def make() -> bytes:
        try:
            return export(ctx, actor, kind, cohort=cohort, bom=bom, bank_id=bank_id)
        except NetworkitError as error:
            return f"{error}\r\n".encode()
        except SQLAlchemyError:
            log.exception("an export could not use the database")
            return f"{DATABASE_TROUBLE}\r\n".encode()

    return make


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
