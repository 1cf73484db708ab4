"""Import a CSV file: a dry run first, unknown headers mapped (and remembered), then Apply."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from networkit_core.interchange import (
    ImportPreview,
    ImportResult,
    Kind,
    apply,
    importable_kinds,
    preview,
    remembered_mapping,
)
from networkit_core.interchange.formats import IGNORE, MAX_IMPORT_BYTES, required_columns, too_big
from networkit_core.models import Role
from networkit_core.services.cohorts import list_cohorts
from networkit_core.services.erased import BRING_BACK
from pages.ui.calls import form_error, save
from pages.ui.layout import problem_list, table
from pages.ui.session import call, context, require, stop_with
from pages.ui.text import escape, inline, label

actor = require(Role.ADMIN, Role.ADVISOR, Role.GRADUATE)
ctx = context()
kinds = importable_kinds(actor)
WHAT = {
    Kind.ROSTER: "Roster (graduates and their cohorts)",
    Kind.INTERVIEWS: "Interviews",
    Kind.FOLLOW_UPS: "Follow-ups",
    Kind.QUESTIONS: "Questions (into your Imported questions bank)",
    Kind.DESTINATIONS: "Destinations (a first-destination survey)",
}
IGNORE_LABEL = "Ignore this column"
UPLOADS = "import_uploads"  # how many files were applied: a new uploader key after each
MAPPINGS = "import_mappings"  # kind and file id -> the header mapping chosen for it
CHECKED = "import_checked"  # (what was checked, its preview): no re-check on every rerun
RESULT = "import_result"
APPLY = "import_apply"

asked = st.query_params.get("kind", kinds[0].value)
kind = next((k for k in kinds if k.value == asked), None)
if kind is None:
    stop_with(
        f"You cannot import {asked!r} files here. "
        f"You may import: {', '.join(k.value for k in kinds)}."
    )


def progress_bar(text: str) -> tuple[Callable[[int, int], None], Callable[[], None]]:
    """A progress bar for the core's callback, and a function that removes it."""
    bar = st.progress(0.0, text=text)

    def report(done: int, total: int) -> None:
        bar.progress(done / max(total, 1), text=f"{text} {done} of {total} rows")

    return report, bar.empty


def choose_kind() -> None:
    """Keeps the address in step with the choice of kind."""
    st.query_params["kind"] = st.session_state["import_kind"].value
    st.session_state.pop(CHECKED, None)


def check(
    data: bytes, file_id: str, mapping: dict[str, str], cohort: str | None, bring_back: bool
) -> ImportPreview:
    """The dry run of this file with this mapping, cohort and choice to bring back erased
    people; kept until one of them changes."""
    asked_for = (file_id, kind.value, tuple(sorted(mapping.items())), cohort, bring_back)
    kept = st.session_state.get(CHECKED)
    if kept is not None and kept[0] == asked_for:
        return kept[1]
    report, done = progress_bar("Checking the file…")
    checked = call(
        preview,
        ctx,
        actor,
        kind,
        data,
        mapping or None,
        report,
        cohort=cohort,
        bring_back_erased=bring_back,
    )
    done()
    st.session_state[CHECKED] = (asked_for, checked)
    return checked


def mapping_form(checked: ImportPreview, mapping: dict[str, str], file_id: str) -> None:
    """A choice per header the core did not recognise (or that was mapped by hand)."""
    hints = {issue.header: issue.suggestions for issue in checked.unrecognised_headers}
    headers = [*hints, *(header for header in mapping if header not in hints)]
    if not headers:
        return
    options = [IGNORE_LABEL, *checked.known_columns]
    st.subheader("Map the columns")
    st.caption(
        "These headers are not ours. Say which column each one is, or leave it out; "
        "the choice is remembered for your next file with the same headers."
    )
    with st.form("map_columns"):
        for number, header in enumerate(headers):
            current = mapping.get(header, IGNORE) or IGNORE_LABEL
            suggestions = hints.get(header, ())
            st.selectbox(
                inline(header),
                options,
                index=options.index(current) if current in options else 0,
                key=f"map_{file_id}_{number}",
                help=f"Did you mean {' or '.join(suggestions)}?" if suggestions else None,
            )
        if st.form_submit_button("Check again with this mapping", icon=":material/sync:"):
            chosen = {}
            for number, header in enumerate(headers):
                target = st.session_state[f"map_{file_id}_{number}"]
                chosen[header] = IGNORE if target == IGNORE_LABEL else target
            st.session_state.setdefault(MAPPINGS, {})[file_id] = chosen
            st.rerun()


def show_check(checked: ImportPreview) -> None:
    counts = checked.counts
    new, updated, unchanged, refused = st.columns(4)
    new.metric("New", counts.new, border=True)
    updated.metric("Updated", counts.updated, border=True)
    unchanged.metric("Unchanged", counts.unchanged, border=True)
    refused.metric("Refused", counts.refused, border=True)
    for warning in checked.warnings:
        st.warning(escape(warning), icon=":material/warning:")
    if checked.errors:
        count = len(checked.errors)
        st.error(
            f"The file cannot be imported as it is: {count} problem{'s' if count != 1 else ''}. "
            "Nothing was changed. Correct the file (or the mapping) and check it again.",
            icon=":material/error:",
        )
        st.caption("Rows are counted as a spreadsheet shows them: row 1 is the header.")
        problem_list(checked.errors)
    if checked.rows:
        with st.expander(f"What each of the {len(checked.rows)} rows will do"):
            table(
                [
                    {
                        "Row": row.row,
                        "Record": row.key,
                        "Will be": label(row.action),
                        "Changes": ", ".join(row.changed),
                    }
                    for row in checked.rows
                ],
                key="row_actions",
                hide_index=True,
            )
    if checked.columns:
        with st.expander("How the file's headers were read"):
            table(
                [
                    {"File header": header, "Column": name}
                    for header, name in checked.columns.items()
                ]
                + [
                    {"File header": header, "Column": "(ignored)"}
                    for header in checked.ignored_headers
                ],
                key="headers",
                hide_index=True,
            )


def apply_file(checked: ImportPreview) -> None:
    def write() -> None:
        report, done = progress_bar("Importing…")
        st.session_state[RESULT] = apply(ctx, actor, checked, report)
        done()
        st.session_state[UPLOADS] = st.session_state.get(UPLOADS, 0) + 1  # a fresh uploader
        st.session_state.pop(CHECKED, None)

    save(APPLY, write, done="")  # the result is shown above the uploader, not as a toast


def show_result(result: ImportResult) -> None:
    st.success(f"Imported {result.kind.value}: {result.counts}.", icon=":material/task_alt:")
    for warning in result.warnings:
        st.warning(escape(warning), icon=":material/warning:")


st.title("Import")
st.caption("Check a CSV file first: nothing is written until you apply it.")
result = st.session_state.pop(RESULT, None)
if result is not None:
    show_result(result)

st.session_state["import_kind"] = kind  # the address wins, so a link opens its kind
st.selectbox(
    "What the file holds",
    kinds,
    format_func=lambda k: WHAT[k],
    key="import_kind",
    on_change=choose_kind,
)
cohort: str | None = None
bring_back = False
if kind is Kind.ROSTER:
    cohorts = call(list_cohorts, ctx, actor)
    cohort = st.selectbox(
        "Cohort for the whole file",
        [c.name for c in cohorts],
        index=None,
        placeholder="Use the file's cohort column",
        help="Rows whose file names no cohort join this one.",
        key="import_cohort",
    )
    if actor.is_admin:
        bring_back = st.checkbox(
            BRING_BACK.capitalize(),
            key="import_bring_back",
            help="A row naming someone erased on request is left out (and named) unless this "
            "is ticked; ticked, it is imported and the person is no longer erased.",
        )
st.caption(
    f"Required columns: {', '.join(required_columns(kind))}. "
    f"Files of up to {MAX_IMPORT_BYTES // 1024 // 1024} MB, UTF-8 (or UTF-16 with a byte-order "
    "mark), comma or semicolon."
)
uploaded = st.file_uploader(
    "CSV file",
    type=["csv"],
    max_upload_size=MAX_IMPORT_BYTES // 1024 // 1024,
    key=f"import_file_{st.session_state.get(UPLOADS, 0)}",
)
if uploaded is None:
    st.stop()
refusal = too_big(uploaded.size)  # said before a byte of it is read
if refusal:
    stop_with(f"{uploaded.name}: {refusal}")
data = uploaded.getvalue()
# A mapping belongs to the file and to the kind it is read as (their columns differ).
file_id = f"{kind.value}-{uploaded.file_id}"
mappings: dict[str, dict[str, str]] = st.session_state.setdefault(MAPPINGS, {})
if file_id not in mappings:
    mappings[file_id] = call(remembered_mapping, ctx, actor, kind, data)
mapping = mappings[file_id]

checked = check(data, file_id, mapping, cohort, bring_back)
mapping_form(checked, mapping, file_id)
st.subheader("Dry run")
show_check(checked)
st.button(
    "Apply",
    type="primary",
    icon=":material/publish:",
    disabled=not checked.ok or not checked.rows,
    help="Writes the whole file in one transaction: all of it or nothing.",
    on_click=apply_file,
    args=(checked,),
)
form_error(APPLY)
