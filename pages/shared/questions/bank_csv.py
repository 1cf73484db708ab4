"""A bank to and from CSV through the core's exporter and importer (columns question, category,
tags). An import is checked first (`preview`), then applied in one transaction (`apply`); a bad
file changes nothing and every problem is listed."""

from __future__ import annotations

import re
from collections.abc import Callable

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from networkit_core import bounds
from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.errors import NetworkitError
from networkit_core.interchange import Kind, Problem, apply, export, preview
from pages.ui.downloads import FOR_EXCEL
from pages.ui.layout import problem_list
from pages.ui.session import DATABASE_TROUBLE, log
from pages.ui.text import escape

PROBLEMS_KEY = "bank_import_problems"


def download(ctx: Context, actor: Actor, bank_id: int, bank_name: str) -> None:
    """The export is made when the button is pressed (so the audit log records downloads)."""
    st.download_button(
        "Download as CSV",
        data=_exported(ctx, actor, bank_id),
        file_name=f"{_slug(bank_name)}.csv",
        mime="text/csv",
        icon=":material/download:",
        on_click="ignore",
        key=f"export_{bank_id}",
    )


def _exported(ctx: Context, actor: Actor, bank_id: int) -> Callable[[], bytes]:
    def make() -> bytes:
        try:
            return export(ctx, actor, Kind.QUESTIONS, bank_id=bank_id, bom=FOR_EXCEL)
        except NetworkitError as error:
            return f"{error}\r\n".encode()
        except SQLAlchemyError:
            log.exception("a bank export could not use the database")
            return f"{DATABASE_TROUBLE}\r\n".encode()

    return make


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "questions"


def import_form(ctx: Context, actor: Actor, *, bank_id: int | None) -> None:
    """Into the bank `bank_id`, or (None) into a new private bank named in the form."""
    form = f"bank_import_{bank_id or 'new'}"
    with st.form(form):
        st.file_uploader(
            "CSV file with a `question` column (`category`, `tags` optional; tags split by ;)",
            type=["csv"],
            key=f"{form}_file",
        )
        if bank_id is None:
            st.text_input(
                "Name of the new bank", key=f"{form}_name", max_chars=bounds.BANK_NAME.max_chars
            )
        st.form_submit_button(
            "Import", icon=":material/upload:", on_click=_import, args=(ctx, actor, form, bank_id)
        )
    problems: list[str] = st.session_state.get(PROBLEMS_KEY, {}).pop(form, [])
    if problems:
        st.error(escape(problems[0]), icon=":material/error:")
        problem_list(problems[1:])


def _import(ctx: Context, actor: Actor, form: str, bank_id: int | None) -> None:
    uploaded = st.session_state.get(f"{form}_file")
    report: dict[str, list[str]] = st.session_state.setdefault(PROBLEMS_KEY, {})
    if uploaded is None:
        report[form] = ["Choose a CSV file to import."]
        return
    new_bank = None if bank_id is not None else str(st.session_state.get(f"{form}_name", ""))
    data = uploaded.getvalue()
    try:
        checked = preview(ctx, actor, Kind.QUESTIONS, data, bank_id=bank_id, new_bank=new_bank)
        if not checked.ok:
            report[form] = [_refused(checked.errors), *(str(p) for p in checked.errors)]
            return
        result = apply(ctx, actor, checked, bank_id=bank_id, new_bank=new_bank)
    except NetworkitError as error:
        report[form] = [str(error)]
        return
    except SQLAlchemyError:
        log.exception("a bank import could not use the database")
        report[form] = [DATABASE_TROUBLE]
        return
    counts = result.counts
    st.toast(
        f"Imported: {counts.new} new, {counts.updated} updated, {counts.unchanged} unchanged.",
        icon=":material/check_circle:",
    )


def _refused(errors: list[Problem]) -> str:
    count = len(errors)
    return (
        f"The file was not imported ({count} problem{'s' if count != 1 else ''}); "
        "nothing was changed."
    )
