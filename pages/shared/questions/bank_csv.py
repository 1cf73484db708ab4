"""A bank to and from CSV through the core's exporter and importer (columns question, category,
tags)."""

from __future__ import annotations

import streamlit as st

from networkit_core import bounds
from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.errors import InvalidInput
from networkit_core.interchange import ImportResult, Kind, Problem, apply, preview
from pages.ui.calls import form_error, save, value
from pages.ui.downloads import csv_button, csv_file, slug
from pages.ui.layout import problem_list

PROBLEMS_KEY = "bank_import_problems"  # form -> the problems of the file it last refused


def download(ctx: Context, actor: Actor, bank_id: int, bank_name: str) -> None:
    """The export is made when the button is pressed (so the audit log records downloads)."""
    csv_button(
        st,
        "Download as CSV",
        csv_file(ctx, actor, Kind.QUESTIONS, bank_id=bank_id),
        f"{slug(bank_name, 'questions')}.csv",
        key=f"export_{bank_id}",
    )


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
    form_error(form)
    if problems := st.session_state.get(PROBLEMS_KEY, {}).pop(form, None):
        problem_list(problems)


def _import(ctx: Context, actor: Actor, form: str, bank_id: int | None) -> None:
    uploaded = value(f"{form}_file")
    new_bank = None if bank_id is not None else str(value(f"{form}_name") or "")
    problems: dict[str, list[str]] = st.session_state.setdefault(PROBLEMS_KEY, {})
    problems.pop(form, None)

    def write() -> ImportResult:
        if uploaded is None:
            raise InvalidInput("Choose a CSV file to import.")
        data = uploaded.getvalue()
        checked = preview(ctx, actor, Kind.QUESTIONS, data, bank_id=bank_id, new_bank=new_bank)
        if not checked.ok:
            problems[form] = [str(problem) for problem in checked.errors]
            raise InvalidInput(_refused(checked.errors))
        return apply(ctx, actor, checked, bank_id=bank_id, new_bank=new_bank)

    save(form, write, done=_imported)


def _imported(result: ImportResult) -> str:
    counts = result.counts
    return f"Imported: {counts.new} new, {counts.updated} updated, {counts.unchanged} unchanged."


def _refused(errors: list[Problem]) -> str:
    count = len(errors)
    return (
        f"The file was not imported ({count} problem{'s' if count != 1 else ''}); "
        "nothing was changed."
    )
