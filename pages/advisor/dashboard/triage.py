"""The dashboard's nudge list as one compact table: who to start with, a filter by reason, a page
at a time (the address says which), rows to tick, and the nudges sent to them at once.

A fragment: a tick, a page, a filter or a nudge reruns this list alone. A nudge makes the list
read again (`dashboard_nudges`), never the dashboard: nothing else on it depends on nudges."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

import streamlit as st

from networkit_core.actor import Actor
from networkit_core.figures.due import REASON_NAMES, DueReason
from networkit_core.figures.nudges import NudgeLine
from networkit_core.figures.triage import triage
from networkit_core.read_models.dashboard import Dashboard, dashboard_nudges
from networkit_core.reminders.compose import NUDGE_MESSAGE
from networkit_core.services.nudges import (
    BulkNudge,
    mail_configured,
    nudge_drafts,
    record_nudges,
    send_nudges,
)
from pages.advisor.nudges import SUBJECT, mailto, reasons_line
from pages.ui.cache import wrote
from pages.ui.calls import act, flash, form_error, save
from pages.ui.fragments import reread, stale
from pages.ui.layout import NARROW_KEY, WIDE_KEY
from pages.ui.links import linked
from pages.ui.params import show
from pages.ui.session import call, context
from pages.ui.text import day, escape

GRADUATE_PAGE = "pages/advisor/graduate/page.py"
FORM = "bulk_nudge"
MESSAGE_KEY = "nudge_message"
RESULT_KEY = "nudge_result"  # the last press's BulkNudge, shown once
NEVER_NUDGED = "never"
NUDGES = "triage"  # the fragment whose list a nudge changes


def _to_page(number: int) -> None:
    if number <= 1:
        st.query_params.pop("page", None)
    else:
        st.query_params["page"] = str(number)


def _reason_changed() -> None:
    """The reason filter into the address; a new filter starts on its first page."""
    chosen = st.session_state.get("filter_reason")
    if chosen:
        st.query_params["reason"] = str(chosen.value if isinstance(chosen, DueReason) else chosen)
    else:
        st.query_params.pop("reason", None)
    st.query_params.pop("page", None)


def _select(table_key: str, rows: int) -> None:
    for key in (table_key, f"{table_key}-narrow"):  # the wide table and the phone's
        st.session_state[key] = {"selection": {"rows": list(range(rows)), "columns": []}}


def _mirror(source: str, other: str) -> None:
    """A tick in one table shows in the other (a window resized keeps what was ticked)."""
    rows = list(st.session_state[source]["selection"]["rows"])
    st.session_state[other] = {"selection": {"rows": rows, "columns": []}}


def _send(actor: Actor, graduate_ids: list[int], table_key: str) -> None:
    message = st.session_state.get(MESSAGE_KEY, "")

    def sent() -> BulkNudge:
        result = send_nudges(context(), actor, graduate_ids, message)
        st.session_state[RESULT_KEY] = result
        return result

    if save(FORM, sent, done=lambda r: f"{len(r.nudged)} nudge(s) recorded."):
        _nudged(actor, table_key)


def _record(actor: Actor, graduate_ids: list[int], table_key: str) -> None:
    if act(FORM, "Nudges recorded.", record_nudges, context(), actor, graduate_ids):
        _nudged(actor, table_key)


def _nudged(actor: Actor, table_key: str) -> None:
    """The nudged leave the list (or show today's nudge): the cached figures are stale, the list
    reads itself again, and nobody stays ticked (the rows ticked may now be other graduates)."""
    wrote(actor)
    stale(NUDGES)
    _select(table_key, 0)


def _last_result() -> None:
    """What the last press did, once: sent, already nudged today, left to retry."""
    result = st.session_state.pop(RESULT_KEY, None)
    if not isinstance(result, BulkNudge):
        return
    if result.sent:
        st.success(
            f"Sent {result.sent} nudge{'s' * (result.sent != 1)}: "
            + escape(", ".join(result.nudged)),
            icon=":material/mark_email_read:",
        )
    if result.already:
        st.info(
            "Already nudged today, nothing sent twice: " + escape(", ".join(result.already)),
            icon=":material/event_repeat:",
        )
    if result.failed:
        st.warning(
            f"{result.failed} e-mail{'s' * (result.failed != 1)} could not be sent "
            f"({escape(result.errors[-1])}). They wait in the outbox and the next "
            "`networkit remind` run sends them; the nudges are recorded.",
            icon=":material/schedule_send:",
        )


def _rows(lines: Sequence[NudgeLine]) -> list[dict[str, object]]:
    return [
        {
            "Graduate": line.graduate_name,
            "Cohort": line.cohort_name,
            "Needs": reasons_line(line.reasons),
            "Most overdue": line.most_overdue_days,
            # Text, so that a graduate never nudged reads "never", not a grey "None".
            "Last nudged": day(line.last_nudged_on) if line.last_nudged_on else NEVER_NUDGED,
            "Open": f"/graduate?email={line.graduate_email}",
        }
        for line in lines
    ]


def _nudge_panel(actor: Actor, chosen: list[NudgeLine], table_key: str) -> None:
    ids = [line.graduate_id for line in chosen]
    count = len(chosen)
    with st.container(border=True):
        st.markdown(
            f"**{count} selected:** " + escape(", ".join(line.graduate_name for line in chosen))
        )
        if mail_configured(context()):
            with st.form(FORM, border=False):
                st.text_area(
                    "Message to all of them (each e-mail adds that graduate's own items)",
                    value=NUDGE_MESSAGE,
                    key=MESSAGE_KEY,
                    height=160,
                )
                st.form_submit_button(
                    f"Send {count} nudge{'s' * (count != 1)}",
                    type="primary",
                    icon=":material/send:",
                    on_click=_send,
                    args=(actor, ids, table_key),
                )
            form_error(FORM)
            st.caption(
                "Each graduate gets one e-mail a day at most: pressing again today sends "
                "nothing twice (they are shown as already nudged today)."
            )
            return
        st.warning(
            "E-mail is not set up on this server (NETWORKIT_SMTP_URL is not set), so the app "
            "cannot send these nudges itself. Write each one from your own mail program with "
            "the links below, then record the nudges.",
            icon=":material/mail_lock:",
        )
        message = st.text_area(
            "Message to all of them (each e-mail adds that graduate's own items)",
            value=NUDGE_MESSAGE,
            key=MESSAGE_KEY,
            height=160,
        )
        if not message.strip():
            st.error("Write a message first.", icon=":material/error:")
            return
        drafts = call(nudge_drafts, context(), actor, ids, message)
        columns = st.columns(min(3, len(drafts)))
        for index, draft in enumerate(drafts):
            columns[index % len(columns)].link_button(
                f"Write to {escape(draft.name)}",
                mailto(draft.email, SUBJECT, draft.body),
                icon=":material/mail:",
                width="stretch",
            )
        st.button(
            f"Record {count} nudge{'s' * (count != 1)}",
            key="record_nudges",
            icon=":material/task_alt:",
            on_click=_record,
            args=(actor, ids, table_key),
        )
        form_error(FORM)


@st.fragment
def render(actor: Actor, board: Dashboard) -> None:
    """The nudge list of `board`'s cohort, as the address asks (reason, page)."""
    flash()
    _last_result()
    lines = reread(
        NUDGES, board.nudges, lambda: call(dashboard_nudges, context(), actor, board.cohort)
    )
    asked = st.query_params
    shown = call(triage, lines, reason=asked.get("reason"), page=asked.get("page"))
    cohort = board.cohort.name if board.cohort else ""
    lead = shown.lead
    if shown.everyone == 0:
        st.success("Nobody needs a nudge today.", icon=":material/check_circle:")
        return
    people = shown.everyone
    if lead is not None:
        st.markdown(
            f"**{people} graduate{'s' if people != 1 else ''}** "
            f"{'need' if people != 1 else 'needs'} a nudge today. Start with "
            f"**{escape(lead.graduate_name)}**: {escape(lead.reasons[0].message)} "
            f"(overdue since {day(lead.overdue_since)})."
        )
        st.page_link(
            linked(GRADUATE_PAGE),
            label=f"Open {escape(lead.graduate_name)}",
            icon=":material/person:",
            query_params={"email": lead.graduate_email},
        )
    show("filter_reason", shown.reason)
    st.selectbox(
        "Reason",
        list(REASON_NAMES),
        key="filter_reason",
        index=None,
        placeholder="Any reason",
        format_func=lambda reason: REASON_NAMES[reason],
        on_change=_reason_changed,
    )
    if not shown.lines:
        st.info("Nobody on the list needs a nudge for this reason.", icon=":material/filter_alt:")
        return
    last = shown.first + len(shown.lines) - 1
    st.caption(
        f"{shown.first}–{last} of {shown.matching}, most overdue first. Tick graduates to "
        "nudge them at once; “Open” opens one."
    )
    table_key = f"triage-{cohort}-{shown.reason or 'any'}-{shown.page}"
    st.button(
        f"Select all {len(shown.lines)} shown",
        key="select_all_shown",
        icon=":material/select_all:",
        on_click=_select,
        args=(table_key, len(shown.lines)),
    )
    # A phone gets the same rows in three narrow columns (no sideways scrolling); the two
    # tables are one selection, since only one of them is drawn at a width.
    rows = _rows(shown.lines)  # the wide table's and the phone's, made once
    with st.container(key=f"{WIDE_KEY}triage"):
        wide = st.dataframe(
            rows,
            key=table_key,
            hide_index=True,
            on_select=partial(_mirror, table_key, f"{table_key}-narrow"),
            selection_mode="multi-row",
            column_config={
                "Graduate": st.column_config.TextColumn(pinned=True),
                "Most overdue": st.column_config.NumberColumn(
                    "Most overdue (days)", format="%d", help="Days the most overdue item is late"
                ),
                "Last nudged": st.column_config.TextColumn(),
                "Open": st.column_config.LinkColumn(display_text="Open"),
            },
        )
    with st.container(key=f"{NARROW_KEY}triage"):
        narrow = st.dataframe(
            [
                {"Name": row["Graduate"], "Days": row["Most overdue"], "Needs": row["Needs"]}
                for row in rows
            ],
            key=f"{table_key}-narrow",
            hide_index=True,
            on_select=partial(_mirror, f"{table_key}-narrow", table_key),
            selection_mode="multi-row",
            column_config={
                "Name": st.column_config.TextColumn(width=120),
                "Days": st.column_config.NumberColumn(width=48, format="%d"),
                "Needs": st.column_config.TextColumn(width=140),
            },
        )
    if shown.pages > 1:
        back, where, ahead = st.columns([1, 2, 1], vertical_alignment="center")
        back.button(
            "Previous",
            key="page_back",
            icon=":material/chevron_left:",
            disabled=shown.page <= 1,
            on_click=_to_page,
            args=(shown.page - 1,),
            width="stretch",
        )
        where.markdown(f"Page {shown.page} of {shown.pages}")
        ahead.button(
            "Next",
            key="page_next",
            icon=":material/chevron_right:",
            disabled=shown.page >= shown.pages,
            on_click=_to_page,
            args=(shown.page + 1,),
            width="stretch",
        )
    ticked = sorted(set(wide.selection.rows) | set(narrow.selection.rows))
    chosen = [shown.lines[index] for index in ticked if index < len(shown.lines)]
    if chosen:
        _nudge_panel(actor, chosen, table_key)
