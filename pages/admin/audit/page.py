"""The audit log (admins): who did what to which record, and when."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import streamlit as st

from networkit_core.audit_log import action_words, record_words
from networkit_core.errors import InvalidInput
from networkit_core.figures.scope import Period
from networkit_core.models import Role
from networkit_core.services.audit import PAGE_ROWS, AuditFilter, audit_csv, audit_entries
from pages.ui.downloads import FOR_EXCEL
from pages.ui.layout import table
from pages.ui.session import call, context, require, stop_with
from pages.ui.text import DATE_COLUMN_FORMAT, DATE_INPUT_FORMAT

actor = require(Role.ADMIN)
ctx = context()
params = st.query_params
FILTERS = ("who", "action", "record", "id", "from", "to")


def a_day(name: str) -> date | None:
    raw = params.get(name, "")
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        stop_with(f"The address's {name}={raw!r} is not a date: write it as YYYY-MM-DD.")


def period() -> Period:
    try:
        return Period(a_day("from"), a_day("to"))
    except InvalidInput as error:
        stop_with(str(error))


filters = AuditFilter(
    who=params.get("who", ""),
    action=params.get("action", ""),
    entity=params.get("record", ""),
    entity_id=params.get("id", ""),
    period=period(),
)
view = call(audit_entries, ctx, actor, filters)


def apply_filters() -> None:
    """Form callback: the filters go into the address, so the view can be bookmarked."""
    state = st.session_state
    start, end = state.get("audit_from"), state.get("audit_to")
    chosen = {
        "who": state.get("audit_who") or "",
        "action": state.get("audit_action") or "",
        "record": state.get("audit_record") or "",
        "id": (state.get("audit_id") or "").strip(),
        "from": start.isoformat() if start else "",
        "to": end.isoformat() if end else "",
    }
    for name in FILTERS:
        if chosen[name]:
            params[name] = chosen[name]
        elif name in params:
            del params[name]


def choice(
    label: str,
    options: tuple[str, ...],
    current: str,
    key: str,
    words: Callable[[str], str] = str,
) -> None:
    """A select of what the log holds, each shown in `words` (the address keeps the codes)."""
    listed = list(options) if current in options or not current else [current, *options]
    st.selectbox(
        label,
        listed,
        index=listed.index(current) if current else None,
        placeholder="Any",
        format_func=words,
        key=key,
    )


st.title("Audit log")
st.caption(
    "Who did what to which record, and when (times in UTC). The CSV download keeps the "
    "log's own codes."
)

with st.form("audit_filters"):
    who, action, record, record_id = st.columns(4)
    with who:
        choice("Who", view.people, filters.who, "audit_who")
    with action:
        choice("What", view.actions, filters.action, "audit_action", action_words)
    with record:
        choice("Record", view.entities, filters.entity, "audit_record", record_words)
    record_id.text_input("Record id", value=filters.entity_id, key="audit_id")
    start, end, _ = st.columns([1, 1, 2])
    start.date_input("From", value=filters.period.start, key="audit_from", format=DATE_INPUT_FORMAT)
    end.date_input("To", value=filters.period.end, key="audit_to", format=DATE_INPUT_FORMAT)
    st.form_submit_button("Filter", icon=":material/filter_list:", on_click=apply_filters)

shown = len(view.lines)
if view.matching > shown:
    st.caption(
        f"{view.matching} entries match; the newest {PAGE_ROWS} are shown. "
        "The download holds them all."
    )
else:
    st.caption(f"{view.matching} entries match.")
st.download_button(
    "Download as CSV",
    data=lambda: audit_csv(ctx, actor, filters, bom=FOR_EXCEL),
    file_name="audit_log.csv",
    mime="text/csv",
    icon=":material/download:",
    disabled=not view.matching,
)
if view.lines:
    table(
        [
            {
                "When (UTC)": line.at,
                "Who": line.who,
                "What": line.action_words,
                "Record": line.record_words,
                "Record id": line.entity_id,
                "Details": line.detail_text,
            }
            for line in view.lines
        ],
        key="audit",
        hide_index=True,
        column_config={
            "When (UTC)": st.column_config.DatetimeColumn(format=f"{DATE_COLUMN_FORMAT}, HH:mm:ss"),
        },
    )
else:
    st.info("Nothing in the log matches these filters.", icon=":material/search_off:")
