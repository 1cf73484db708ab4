"""What one run of the advisor's dashboard asks the database (tests/runs.py): a full run reads
nothing twice, and ticking, paging, filtering and recording nudges rerun only the nudge list
(`st.fragment`): a nudge makes the list read itself again through the core, never the rates,
charts and tables of the dashboard (none of which depends on nudges)."""

from __future__ import annotations

from datetime import date

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from networkit_core.context import Context
from pages.ui.text import day
from tests.app_session import Opener
from tests.runs import (
    after_write,
    as_browser,
    by_label,
    reads_of,
    session_checks,
    statements,
    twice,
)
from tests.smtp_server import SmtpServer
from tests.test_app_triage import Caseload, _nudges, _open, _triage, mail_on, server

__all__ = ["mail_on", "server"]  # fixtures: a real SMTP server for the nudges sent

FIGURES = "GROUP BY interviews.meeting_date"  # the rates, weeks and months in one statement
# What only the dashboard's full run asks: the saved views, the figures (when not cached).
PAGE_READS = ("FROM saved_views", FIGURES)


@pytest.fixture
def live(ctx: Context) -> Context:
    return Context(ctx.engine, ctx.settings)


def _names(at: AppTest) -> list[object]:
    return [row["Graduate"] for row in _triage(at)[1]]


def _ticked(at: AppTest, rows: list[int], monkeypatch: pytest.MonkeyPatch) -> AppTest:
    """Rows ticked in the wide table, as the browser sends it: the list's rerun alone."""
    key, _ = _triage(at)
    frame = next(f for f in at.dataframe if f.key == key)
    at.session_state[key] = {"selection": {"rows": rows, "columns": []}}
    return as_browser(at, frame, monkeypatch)


def test_a_full_run_reads_nothing_twice(open_app: Opener, live: Context) -> None:
    Caseload(live, 4)
    at = _open(open_app)
    st.cache_data.clear()  # the figures computed, not taken from the cache
    with statements() as run:
        at.run()
    assert not at.exception
    assert reads_of(run, (FIGURES,)), "the dashboard's read was not seen: the probe is blind"
    assert twice(run) == []


def test_a_nudge_reruns_the_list_alone_with_the_nudges_fresh(
    open_app: Opener, live: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    # No quiet days: the nudged stay on the list, their "Last nudged" today.
    monkeypatch.setenv("NETWORKIT_NUDGE_QUIET_DAYS", "0")
    load = Caseload(live, 4)
    at = _open(open_app)
    before = _triage(at)[1]
    assert [row["Last nudged"] for row in before[:3]] == ["never"] * 3

    with statements() as run:
        at = _ticked(at, [0, 2], monkeypatch)
    assert reads_of(run, PAGE_READS) == [] and twice(run) == []
    assert session_checks(run) == 0
    button = by_label(at.button, "Record 2 nudges").click()
    with statements() as run:
        at = as_browser(at, button, monkeypatch)
    assert not at.exception
    assert sorted(_nudges(live)) == sorted([load.ids[0], load.ids[2]])
    assert [toast.value for toast in at.toast] == ["Nudges recorded."]
    rows = _triage(at)[1]
    today = day(date.today())
    assert [row["Last nudged"] for row in rows[:3]] == [today, "never", today]
    assert run and reads_of(run, PAGE_READS) == [] and twice(run) == []
    assert session_checks(run) == 1
    assert not any(b.label.startswith("Record") for b in at.button)  # nobody stays ticked

    # The page's next full run reads the same list the fragment showed.
    at.run()
    assert _triage(at)[1] == rows


def test_the_nudged_leave_the_list_and_its_count(
    open_app: Opener, live: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    load = Caseload(live, 4)
    at = _ticked(_open(open_app), [0, 1], monkeypatch)
    assert any("**5 graduates** need a nudge" in m.value for m in at.markdown)
    at = as_browser(at, by_label(at.button, "Record 2 nudges").click(), monkeypatch)
    assert sorted(_nudges(live)) == sorted(load.ids[:2])
    assert _names(at) == [*load.names[2:], load.autumn.display_name]
    assert any("**3 graduates** need a nudge" in m.value for m in at.markdown)
    lead = next(m.value for m in at.markdown if "Start with" in m.value)
    assert load.names[2] in lead


def test_nudges_sent_by_email_rerun_the_list_alone(
    open_app: Opener, live: Context, mail_on: SmtpServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    load = Caseload(live, 3)
    at = _ticked(_open(open_app), [0, 2], monkeypatch)
    with statements() as run:
        at = as_browser(at, by_label(at.button, "Send 2 nudges").click(), monkeypatch)
    assert not at.exception
    assert sorted(m["To"] for m in mail_on.inbox.messages) == [
        "g000@example.org",
        "g002@example.org",
    ]
    assert sorted(_nudges(live)) == sorted([load.ids[0], load.ids[2]])
    assert "Sent 2 nudges" in at.success[0].value
    assert _names(at) == [load.names[1], load.autumn.display_name]
    assert reads_of(run, PAGE_READS) == [] and twice(after_write(run)) == []
    assert session_checks(run) == 1


def test_paging_and_the_reason_filter_rerun_the_list_alone(
    open_app: Opener, live: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    load = Caseload(live, 30)
    at = _open(open_app, cohort="Spring 2026")
    with statements() as run:
        at = as_browser(at, by_label(at.button, "Next").click(), monkeypatch)
    assert at.query_params["page"] == "2"
    assert _names(at) == load.names[25:]
    assert "Page 2 of 2" in [m.value for m in at.markdown]
    assert reads_of(run, PAGE_READS) == [] and twice(run) == []
    assert session_checks(run) == 0

    at.run()
    reason = at.selectbox(key="filter_reason").select_index(1)  # Follow-up due
    with statements() as run:
        at = as_browser(at, reason, monkeypatch)
    assert at.query_params["reason"] == "follow_up_due" and "page" not in at.query_params
    assert _names(at) == load.names[0::3]
    assert reads_of(run, PAGE_READS) == [] and twice(run) == []
    assert session_checks(run) == 0
