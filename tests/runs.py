"""What one run of a page asks the database (SQLAlchemy's statement events, on the test's real
database), and AppTest run as a browser runs a fragment.

AppTest reruns the whole script on every interaction; a browser asks for the rerun of the
fragment that drew the widget (its id is on the widget's metadata). `as_browser` asks as a
browser does."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import Engine, event
from streamlit.proto.WidgetStates_pb2 import WidgetStates
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner import RerunData
from streamlit.testing.v1 import AppTest, app_test, local_script_runner
from streamlit.testing.v1.element_tree import Block, Widget, get_widget_state

WRITES = {"INSERT", "UPDATE", "DELETE"}
COMMIT = "COMMIT"


def by_label(elements: Any, label: str) -> Any:
    return next(element for element in elements if element.label == label)


@contextmanager
def statements() -> Iterator[list[tuple[str, str]]]:
    """Every statement any engine runs meanwhile: (SQL, its parameters), and each commit."""
    seen: list[tuple[str, str]] = []

    def record(_conn: Any, _cursor: Any, sql: str, params: Any, _context: Any, _many: bool) -> None:
        seen.append((" ".join(sql.split()), repr(params)))

    def committed(_conn: Any) -> None:
        seen.append((COMMIT, ""))

    event.listen(Engine, "before_cursor_execute", record)
    event.listen(Engine, "commit", committed)
    try:
        yield seen
    finally:
        event.remove(Engine, "before_cursor_execute", record)
        event.remove(Engine, "commit", committed)


def as_browser(at: AppTest, widget: Any, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    """Run `at` after an interaction with `widget` (a table's selection: the table), as the
    browser asks: the rerun of the fragment that drew it, if any (else of the whole page)."""
    state = at.session_state._state._state  # SafeSessionState -> SessionState
    widget_id = widget.id if isinstance(widget, Widget) else widget.proto.id
    fragment = state._new_widget_state.widget_metadata[widget_id].fragment_id
    assert fragment, f"{widget_id!r} is drawn by no fragment: a full rerun"
    return _fragment_run(at, fragment, monkeypatch)


def as_timer(at: AppTest, key: str, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    """Run `at` as the browser's timer does for the fragment named `key` (`run_every`)."""
    (fragment,) = at._fragment_storage.resolve_target(key)
    return _fragment_run(at, fragment, monkeypatch)


def _fragment_run(at: AppTest, fragment: str, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    def rerun(**given: Any) -> RerunData:
        return RerunData(**given, fragment_id=fragment)

    registered = dict(at._registered_pages)

    class Kept(PagesManager):
        """A browser session keeps the pages its last full run registered (`st.navigation`),
        which a fragment's `st.page_link` looks up; AppTest starts each run without them."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages = registered

    with monkeypatch.context() as patch:
        patch.setattr(local_script_runner, "RerunData", rerun)
        patch.setattr(app_test, "PagesManager", Kept)
        return at.run()


def shown_states(page: Block, at: AppTest) -> WidgetStates:
    """What the browser sends after a fragment's run: the widgets of the page drawn before it,
    but those the fragment replaced, and the fragment's new ones."""
    states = WidgetStates()
    for node in [*page, *at.main]:
        if isinstance(node, Widget):
            try:
                states.widgets.append(get_widget_state(node))
            except KeyError:
                continue  # replaced by the fragment's run: no longer on the page
    return states


def selects(run: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [statement for statement in run if statement[0].upper().startswith("SELECT")]


def twice(run: list[tuple[str, str]]) -> list[str]:
    """The reads asked more than once with the same parameters in one run."""
    reads = selects(run)
    return sorted({sql for sql, params in reads if reads.count((sql, params)) > 1})


def after_write(run: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """What `run` asked once its last write was committed: the fragment's own read, not the
    write's checks."""
    writes = [i for i, (sql, _) in enumerate(run) if sql.split()[0].upper() in WRITES]
    if not writes:
        return run
    done = run.index((COMMIT, ""), writes[-1])
    return run[done + 1 :]


# The signed-in session: a full run checks it, and so does each write's callback (once; the run
# that follows it at once trusts that check).
SESSION_CHECK = "FROM user_sessions"


def session_checks(run: list[tuple[str, str]]) -> int:
    return sum(SESSION_CHECK in sql for sql, _ in selects(run))


def reads_of(run: list[tuple[str, str]], marks: tuple[str, ...]) -> list[str]:
    """The reads of `run` that say one of `marks` (what only a page's full run asks)."""
    return [sql for sql, _ in selects(run) if any(mark in sql for mark in marks)]
