"""Every page of each role under Streamlit's AppTest, cold and warm, beside a bare script
(bench/bare/) that does the same reads in plain SQL and draws the same elements.

- cold: a new browser session (fresh session state, `st.cache_data` emptied) on a server that
  is already up (its engine, a `st.cache_resource`, exists), signed in as the page's user;
- warm: the same session running the script again, as a widget change or a refresh does.

The floor does the same work: before timing, the rows of the tables each draws (and its
metrics and charts) are counted and must agree with the page's. Streamlit's component scan,
which AppTest runs for each new test app and a server once at start, is done once for all; so is
the compiling of each script, which AppTest does on every run and a server once.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

import streamlit as st
import streamlit.logger
from sqlalchemy import select
from streamlit.components.v2.component_manager import BidiComponentManager
from streamlit.runtime.scriptrunner.script_cache import ScriptCache
from streamlit.testing.v1 import AppTest, app_test, local_script_runner
from streamlit.util import calc_hash

from bench.measure import Result, paired
from bench.populations import Population
from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.db import make_engine
from networkit_core.models import CohortAdvisor, Graduate, Interview, InterviewStatus, User
from networkit_core.services.accounts.sessions import start_session
from networkit_core.settings import Settings
from pages.ui.routes import PAGES
from pages.ui.session import TOKEN_KEY

PROJECT = Path(__file__).resolve().parent.parent
APP = PROJECT / "app.py"
BARE = Path(__file__).resolve().parent / "bare"
COLD_TARGET = 1.5  # every page within 1.5x its floor cold (issues 13, 22)
WARM_TARGET = 0.1  # and under 0.1 s warm


@dataclass(frozen=True)
class Case:
    """One page as one user opens it: `who` is "graduate", "advisor" or "admin"."""

    name: str
    who: str
    page: str  # the app's page script
    floor: str  # its bare script under bench/bare/
    title: str | None = None  # the page's first title (None: the user's greeting)
    params: dict[str, str] = field(default_factory=dict)  # the address's query, filled below


CASES = (
    Case("graduate /interviews", "graduate", "pages/graduate/interviews/page.py", "interviews.py"),
    Case("graduate /interview", "graduate", "pages/graduate/interview/page.py", "interview.py"),
    Case(
        "graduate /progress",
        "graduate",
        "pages/graduate/progress/page.py",
        "progress.py",
        "My progress",
    ),
    Case(
        "advisor /dashboard",
        "advisor",
        "pages/advisor/dashboard/page.py",
        "dashboard.py",
        "Dashboard",
    ),
    Case("advisor /graduate", "advisor", "pages/advisor/graduate/page.py", "graduate.py"),
    Case(
        "advisor /professionals",
        "advisor",
        "pages/advisor/professionals/page.py",
        "professionals.py",
        "Professionals",
    ),
    Case(
        "admin /overview", "admin", "pages/admin/overview/page.py", "admin_overview.py", "Overview"
    ),
    Case("admin /users", "admin", "pages/admin/users/page.py", "users.py", "Users"),
    Case("admin /cohorts", "admin", "pages/admin/cohorts/page.py", "cohorts.py", "Cohorts"),
    Case("admin /audit", "admin", "pages/admin/audit/page.py", "audit.py", "Audit log"),
    Case("advisor /reports", "advisor", "pages/shared/reports/page.py", "reports.py", "Reports"),
    Case(
        "advisor /questions",
        "advisor",
        "pages/shared/questions/page.py",
        "questions.py",
        "Question banks",
    ),
    Case(
        "advisor /outcomes", "advisor", "pages/shared/outcomes/page.py", "outcomes.py", "Outcomes"
    ),
    Case(
        "advisor /evidence", "advisor", "pages/shared/evidence/page.py", "evidence.py", "Evidence"
    ),
)


@contextmanager
def app_on(url: str) -> Iterator[None]:
    """Point the app (DATABASE_URL) at `url` for the pages run in this process."""
    before = os.environ.get("DATABASE_URL")
    os.environ["DATABASE_URL"] = url
    st.cache_resource.clear()
    try:
        yield
    finally:
        st.cache_resource.clear()
        if before is None:
            os.environ.pop("DATABASE_URL", None)
        else:
            os.environ["DATABASE_URL"] = before


_COMPONENTS: list[BidiComponentManager] = []


def _components() -> BidiComponentManager:
    """Streamlit's scan of installed components, which a server makes once at start (AppTest
    makes it for each new test app: 0.3-0.9 s, in the cold figure and its floor alike)."""
    if not _COMPONENTS:
        manager = BidiComponentManager()
        manager.discover_and_register_components(start_file_watching=False)
        _COMPONENTS.append(manager)
    return _COMPONENTS[0]


@contextmanager
def compiled_once() -> Iterator[None]:
    """Every run's scripts from one bytecode cache, as a server's runtime keeps it. AppTest
    makes a new cache for each run, cold or warm, so it compiles app.py and the page's script
    every time (2-8 ms for a page of 100-370 lines), where a floor compiles one short file."""
    shared = ScriptCache()
    before = app_test.ScriptCache, local_script_runner.ScriptCache
    app_test.ScriptCache = local_script_runner.ScriptCache = lambda: shared
    try:
        yield
    finally:
        app_test.ScriptCache, local_script_runner.ScriptCache = before


def signed_in(script: Path, token: str | None, params: dict[str, str] | None = None) -> AppTest:
    """`script` in a tab holding the session `token` (signed in as the app signs in)."""
    at = AppTest.from_file(str(script), default_timeout=600)
    at._bidi_component_manager = _components()  # as a running server has it
    if token is not None:
        at.session_state[TOKEN_KEY] = token
    for name, value in (params or {}).items():
        at.query_params[name] = value
    return at


def opened_at(at: AppTest, page: str) -> AppTest:
    """The first run opens `page` at its address, as a browser opening `/dashboard` does
    (AppTest.switch_page knows st.navigation's pages only after a first run: st.Page's hash
    is its url_path's)."""
    url_path = next(spec.url_path for spec in PAGES if spec.script == page)
    at._page_hash = calc_hash(url_path)
    return at


def run_page(at: AppTest) -> AppTest:
    at.run()
    if at.exception:
        raise RuntimeError(f"the page failed: {at.exception[0].message}")
    return at


def elements(at: AppTest) -> int:
    """How many elements a run drew (the main area and the sidebar)."""
    return sum(1 for _ in _walk(at.main)) + sum(1 for _ in _walk(at.sidebar))


def counts(at: AppTest) -> tuple[int, int, int]:
    """What a page and its floor must agree on: the rows of its tables, its metrics, its
    charts."""
    rows = sum(len(frame.value) for frame in at.dataframe)
    charts = len(at.get("arrow_vega_lite_chart")) + len(at.get("vega_lite_chart"))
    return rows, len(at.metric), charts


def _walk(node: object) -> Iterator[object]:
    children = getattr(node, "children", None)
    if not children:
        yield node
        return
    for child in children.values():
        yield from _walk(child)


@dataclass(frozen=True)
class Users:
    """Who opens the pages, and the records their addresses carry."""

    graduate: int
    advisor: int
    admin: int
    interview: str  # a public id of one of the graduate's interviews
    graduate_email: str  # one of the advisor's graduates


def users(ctx: Context, population: Population) -> Users:
    """The population's first advisor, admin, and the first graduate the advisor coaches."""
    with ctx.unit_of_work() as session:
        graduate_id, user_id, email = session.execute(
            select(Graduate.id, User.id, User.email)
            .join(User, User.id == Graduate.user_id)
            .join(CohortAdvisor, CohortAdvisor.cohort_id == Graduate.cohort_id)
            .where(CohortAdvisor.advisor_id == population.advisor_id)
            .order_by(Graduate.id)
            .limit(1)
        ).one()
        interview = session.scalar(
            select(Interview.public_id)
            .where(
                Interview.graduate_id == graduate_id,
                Interview.status == InterviewStatus.COMPLETED,
                Interview.deleted_at.is_(None),
            )
            .order_by(Interview.meeting_date.desc())
            .limit(1)
        )
    return Users(user_id, population.advisor_id, population.admin_id, str(interview), email)


def _params(case: Case, who: Users) -> dict[str, str]:
    if case.page.endswith("graduate/interview/page.py"):
        return {"id": who.interview}
    if case.page.endswith("advisor/graduate/page.py"):
        return {"email": who.graduate_email}
    return dict(case.params)


def _token(ctx: Context, user_id: int) -> str:
    with ctx.unit_of_work() as session:
        actor = Actor.of(session.scalars(select(User).where(User.id == user_id)).one())
    return start_session(ctx, actor)


def measure(case: Case, url: str, population: Population, who: Users, rounds: int) -> list[Result]:
    ctx = Context(make_engine(url), Settings(database_url=url))
    user_id = getattr(who, case.who)
    token = _token(ctx, user_id)
    ctx.engine.dispose()
    params = _params(case, who)
    floor_params = {**params, "user": str(user_id)}
    database = ctx.engine.dialect.name
    # AppTest runs scripts without a server: Streamlit warns about it on every run.
    streamlit.logger.set_log_level("error")
    with app_on(url), compiled_once():

        def cold() -> AppTest:
            st.cache_data.clear()
            at = run_page(opened_at(signed_in(APP, token, params), case.page))
            titles = [t.value for t in at.title]
            if not titles or (case.title is not None and titles[0] != case.title):
                raise RuntimeError(f"{case.name}: not the page measured: {titles}")
            return at

        def floor_cold() -> AppTest:
            st.cache_data.clear()
            # The same tab token: the floors that draw the shell (bare/shell.py) sign in by it.
            return run_page(signed_in(BARE / case.floor, token, floor_params))

        if not (BARE / case.floor).exists():
            return _without_floor(case, (database, population.size.name), cold, rounds)
        page, floor = cold(), floor_cold()
        if counts(page) != counts(floor):
            raise RuntimeError(
                f"{case.name}: the floor does other work: rows, metrics, charts "
                f"{counts(floor)}, the page {counts(page)}"
            )
        cold_pair = paired(cold, floor_cold, rounds)
        warm_app, warm_floor = cold(), floor_cold()
        warm = paired(lambda: run_page(warm_app), lambda: run_page(warm_floor), rounds)
    rows, metrics, charts = counts(page)
    note = (
        f"{rows} table rows, {metrics} metrics, {charts} charts; {elements(page)} elements "
        f"drawn, the bare script {elements(floor)}"
    )
    where = (database, population.size.name)
    floor_name = f"bare script {case.floor}"
    warm_result = Result.of(where, f"{case.name} (AppTest), warm", warm, floor_name)
    return [
        Result.of(
            where,
            f"{case.name} (AppTest), cold",
            cold_pair,
            floor_name,
            factor=COLD_TARGET,
            note=note,
        ),
        replace(warm_result, target=f"< {WARM_TARGET:g} s", met=warm.seconds < WARM_TARGET),
    ]


def _without_floor(
    case: Case, where: tuple[str, str], cold: Callable[[], AppTest], rounds: int
) -> list[Result]:
    """A page whose bare script is not written yet: its own seconds, no ratio."""
    page = cold()
    warm_app = cold()
    pair = paired(cold, lambda: None, rounds)
    warm = paired(lambda: run_page(warm_app), lambda: None, rounds)
    rows, metrics, charts = counts(page)
    note = f"no floor yet; {rows} table rows, {metrics} metrics, {charts} charts"
    return [
        Result(
            *where, f"{case.name} (AppTest), cold", pair.seconds, None, "", note=note, cpu=pair.cpu
        ),
        Result(
            *where,
            f"{case.name} (AppTest), warm",
            warm.seconds,
            None,
            "",
            f"< {WARM_TARGET:g} s",
            warm.seconds < WARM_TARGET,
            cpu=warm.cpu,
        ),
    ]


def run(url: str, population: Population, rounds: int, only: str | None = None) -> list[Result]:
    """Every case (or those whose name contains `only`)."""
    ctx = Context(make_engine(url), Settings(database_url=url))
    who = users(ctx, population)
    ctx.engine.dispose()
    results: list[Result] = []
    for case in CASES:
        if only is None or only in case.name:
            results += measure(case, url, population, who, rounds)
    return results


def main(argv: list[str] | None = None) -> int:
    """`python -m bench.pages [--rounds N] [--browser]`: population M on SQLite (and on
    PostgreSQL when NETWORKIT_BENCH_DATABASE_URL is set), every page beside its floor, written
    as the "pages" section of docs/performance.md (`make bench` keeps it)."""
    import argparse
    import tempfile

    from bench.databases import database
    from bench.populations import build

    parser = argparse.ArgumentParser(prog="python -m bench.pages")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--browser", action="store_true", help="page loads in Chromium too")
    parser.add_argument("--only", help="the cases whose name holds one of these (a,b,...)")
    parser.add_argument("--databases", help="sqlite, postgresql or both (default: both)")
    parser.add_argument("--keep", action="store_true", help="keep the section's earlier rows")
    parser.add_argument("--out", type=Path, default=PROJECT / "docs" / "performance.md")
    args = parser.parse_args(argv)
    if args.keep and args.out.exists():
        # The rows of the section as it stands, from an earlier run (another database).
        text = args.out.read_text(encoding="utf-8")
        inside = text.split("<!-- BEGIN pages -->")[-1].split("<!-- END pages -->")[0]
        _KEPT.extend(
            line for line in inside.splitlines() if line.startswith("| ") and "---" not in line
        )
        del _KEPT[:1]  # the header
    targets = ["sqlite", *filter(None, [os.environ.get("NETWORKIT_BENCH_DATABASE_URL")])]
    if args.databases:
        targets = [t for t in targets if any(t.startswith(d) for d in args.databases.split(","))]
    started = " ".join(f"{load:.1f}" for load in os.getloadavg())
    results: list[Result] = []
    with tempfile.TemporaryDirectory() as folder:
        for target in targets:
            with database(target, Path(folder), "pages") as (engine, url):
                population = build(engine, "M")
                ctx = Context(make_engine(url), Settings(database_url=url))
                who = users(ctx, population)
                ctx.engine.dispose()
                for case in CASES:
                    if args.only is None or any(o in case.name for o in args.only.split(",")):
                        results += _printed(measure(case, url, population, who, args.rounds))
                        _write(args.out, results, started, argv)  # a partial run leaves one
                if args.browser:
                    from bench import browser_pages

                    try:
                        results += _printed(browser_pages.run(url, population, args.rounds))
                    except Exception as error:
                        print(f"the browser's page loads failed: {error}", file=sys.stderr)
                    _write(args.out, results, started, argv)
    print(f"wrote the pages section of {args.out}")
    return 0


_KEPT: list[str] = []  # --keep: the section's earlier rows


def _printed(results: list[Result]) -> list[Result]:
    for r in results:
        ratio = f"{r.ratio:5.2f}x" if r.ratio is not None else "      "
        cpu = f"cpu {r.cpu * 1000:6.0f} / {(r.floor_cpu or 0) * 1000:6.0f} ms" if r.cpu else ""
        floor = f"{r.floor * 1000:7.0f}" if r.floor is not None else "       "
        print(f"{r.database:10} {r.measure:50} {r.seconds * 1000:7.0f} {floor} {ratio} {cpu}")
    sys.stdout.flush()
    return results


def _write(out: Path, results: list[Result], started: str, argv: list[str] | None) -> None:
    from datetime import UTC, datetime

    from bench.report import table, write_section

    ended = " ".join(f"{load:.1f}" for load in os.getloadavg())
    kept = _KEPT if _KEPT else []
    body = [
        "## Pages beside their floors (bench/pages.py, bench/browser_pages.py)",
        "",
        f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC: `python -m bench.pages "
        f"{' '.join(argv if argv is not None else sys.argv[1:])}`, population M; load average "
        f"{started} at the start, {ended} at the end (2 cores, shared). A page's cold run is a "
        "new session opening its address (cache_data emptied, the server up); warm, the same "
        "session again. Each floor is a bare script of bench/bare/ doing the same reads in "
        "plain SQL and drawing the same elements: its table rows, metrics and charts are "
        "checked to be the page's before timing.",
        "",
        *(["Rows after this run's are kept from earlier runs (`--keep`).", ""] if kept else []),
        *table(results),
        *kept,
    ]
    write_section(out, "pages", "\n".join(body))


if __name__ == "__main__":
    raise SystemExit(main())
