"""The advisor's dashboard under Streamlit's AppTest, cold and warm, beside its floor: a bare
script that draws the same elements (six metrics, the nudge list, five charts, the graduates
table) from one GROUP BY per figure family, scoped to the advisor's caseload.

- cold: a new session (empty `st.cache_data`) on a process whose engine already exists;
- warm: the same session running again (a widget change, a refresh): figures come from the
  cache, keyed by user, scope and filters.

The population is `bench.populations` (M: 2,000 graduates, 40,000 interviews) when that module
exists, else the demo cohort. `python -m bench.dashboard [--rounds N]`; `bench/__main__.py`
calls `run` for `make bench`.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import streamlit as st
import streamlit.logger
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from bench.pages import app_on
from networkit_core import startup
from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.db import make_engine
from networkit_core.figures.periods import choose_period, previous_period
from networkit_core.models import CohortAdvisor, Role, User
from networkit_core.services.accounts.sessions import start_session
from networkit_core.settings import Settings

PROJECT = Path(__file__).resolve().parent.parent
APP = PROJECT / "app.py"
DASHBOARD = "pages/advisor/dashboard/page.py"
COLD_TARGET = 1.5  # cold within 1.5x the floor (issue 9)
WARM_TARGET = 0.1  # warm under 0.1 s


@dataclass(frozen=True)
class Measure:
    name: str
    seconds: float
    floor: float
    target: str
    met: bool

    @property
    def ratio(self) -> float:
        return self.seconds / self.floor if self.floor else float("nan")


def floor_script(
    url: str, advisor_id: int, today: str, start: str, end: str, before: str
) -> None:  # pragma: no cover - runs as an AppTest script
    """The bare dashboard: one GROUP BY per figure family, drawn with the same elements."""
    from datetime import date, timedelta

    import altair as alt
    import pandas as pd
    import streamlit as st
    from sqlalchemy import Integer, case, cast, exists, func, literal, select

    from networkit_core.db import make_engine
    from networkit_core.figures.sql import days_between, month_start, week_start
    from networkit_core.models import (
        ChecklistItem,
        ChecklistKind,
        ChecklistTick,
        CohortAdvisor,
        FollowUp,
        Graduate,
        Interview,
        User,
    )

    # No annotations in this body: it runs as a script of its own, without this module's imports.
    @st.cache_resource
    def engine_for(address):
        return make_engine(address)

    engine = engine_for(url)
    first, last, earlier = (
        date.fromisoformat(start),
        date.fromisoformat(end),
        date.fromisoformat(before),
    )
    day = date.fromisoformat(today)
    caseload = select(Graduate.id).where(
        Graduate.cohort_id.in_(
            select(CohortAdvisor.cohort_id).where(CohortAdvisor.advisor_id == advisor_id)
        )
    )
    live = Interview.deleted_at.is_(None) & Interview.graduate_id.in_(caseload)
    done = Interview.status == "completed"
    granted = Interview.follow_up_permission == "granted"
    followed = exists().where(FollowUp.interview_id == Interview.id, FollowUp.deleted_at.is_(None))
    active = select(ChecklistItem.id).where(
        ChecklistItem.kind == ChecklistKind.PREP, ChecklistItem.is_active.is_(True)
    )
    ticks = (
        select(func.count())
        .where(ChecklistTick.interview_id == Interview.id, ChecklistTick.item_id.in_(active))
        .scalar_subquery()
    )

    def flag(condition):
        return func.sum(case((condition, 1), else_=0))

    bucket = case((Interview.meeting_date >= first, literal("now")), else_=literal("before"))
    with engine.connect() as db:
        prep_items = db.scalar(select(func.count()).select_from(active.subquery())) or 1
        by_period = {
            row.bucket: row
            for row in db.execute(
                select(
                    bucket.label("bucket"),
                    flag(done).label("completed"),
                    flag(done & Interview.thank_you_sent_on.is_not(None)).label("thanked"),
                    flag(
                        done
                        & (days_between(Interview.thank_you_sent_on, Interview.meeting_date) <= 2)
                    ).label("on_time"),
                    flag(done & Interview.follow_up_permission.in_(["granted", "declined"])).label(
                        "asked"
                    ),
                    flag(done & granted).label("granted"),
                    flag(done & granted & followed).label("followed"),
                    flag(done & (func.trim(Interview.notes) != "")).label("notes"),
                    func.avg(
                        case(
                            (Interview.status.in_(["planned", "completed"]), cast(ticks, Integer)),
                        )
                        * 1.0
                        / prep_items
                    ).label("prep"),
                )
                .where(live, Interview.meeting_date >= earlier, Interview.meeting_date <= last)
                .group_by(bucket)
            )
        }
        week = week_start(Interview.meeting_date)
        weeks = db.execute(
            select(
                week.label("week"),
                flag(Interview.status == "planned").label("planned"),
                flag(done).label("held"),
            )
            .where(live, Interview.meeting_date.between(first, last))
            .group_by(week)
        ).all()
        month = month_start(Interview.meeting_date)
        months = db.execute(
            select(
                month.label("month"),
                flag(done).label("completed"),
                flag(done & Interview.thank_you_sent_on.is_not(None)).label("thanked"),
                flag(done & granted).label("granted"),
                flag(done & granted & followed).label("followed"),
            )
            .where(live, Interview.meeting_date.between(first, last))
            .group_by(month)
        ).all()
        people = db.execute(
            select(
                Graduate.id,
                User.first_name,
                User.last_name,
                User.email,
                flag(done & Interview.meeting_date.between(first, last)).label("held"),
                flag(
                    (Interview.status == "planned") & Interview.meeting_date.between(first, last)
                ).label("planned"),
                flag(
                    done
                    & Interview.thank_you_sent_on.is_(None)
                    & (Interview.meeting_date < day - timedelta(days=2))
                ).label("overdue"),
                func.max(Interview.meeting_date).label("last_on"),
            )
            .join(User, User.id == Graduate.user_id)
            .outerjoin(Interview, (Interview.graduate_id == Graduate.id) & live)
            .where(Graduate.id.in_(caseload))
            .group_by(Graduate.id, User.first_name, User.last_name, User.email)
            .order_by(User.last_name)
        ).all()

    def share(top, bottom):
        return "—" if not bottom else f"{top / bottom * 100:.1f} %"

    st.title("Dashboard")
    st.subheader("Who needs a nudge")
    for person in [p for p in people if p.overdue][:50]:
        with st.container(border=True):
            st.markdown(f"**{person.first_name} {person.last_name}** — {person.overdue} overdue")
            with st.expander("Nudge by e-mail"):
                st.text_area("Message", value=f"Hi {person.first_name}", key=f"m{person.id}")
                st.link_button("Write the e-mail", f"mailto:{person.email}")
    now = by_period.get("now")
    columns = st.columns(3)
    for index, (name, top, bottom) in enumerate(
        [
            ("Follow-up completion", "followed", "granted"),
            ("Thank-you", "thanked", "completed"),
            ("On-time thank-you", "on_time", "completed"),
            ("Follow-up asked", "asked", "completed"),
            ("Notes written", "notes", "completed"),
        ]
    ):
        columns[index % 3].metric(
            name, share(getattr(now, top, 0), getattr(now, bottom, 0)), border=True
        )
    columns[2].metric("Preparation", share(getattr(now, "prep", 0) or 0, 1), border=True)
    week_frame = pd.DataFrame([dict(row._mapping) for row in weeks])
    month_frame = pd.DataFrame([dict(row._mapping) for row in months])
    st.altair_chart(alt.Chart(week_frame).mark_bar().encode(x="week:O", y="held:Q"))
    st.altair_chart(alt.Chart(month_frame).mark_line().encode(x="month:T", y="thanked:Q"))
    funnel = pd.DataFrame(
        {"step": ["held", "thanked", "granted", "followed"]}
        | {"n": [getattr(now, k, 0) for k in ("completed", "thanked", "granted", "followed")]}
    )
    st.altair_chart(alt.Chart(funnel).mark_bar().encode(y="step:N", x="n:Q"))
    st.altair_chart(alt.Chart(funnel).mark_bar().encode(y="step:N", x="n:Q"))
    table = pd.DataFrame([dict(row._mapping) for row in people])
    st.dataframe(table, hide_index=True)
    st.altair_chart(alt.Chart(table).mark_bar().encode(x="held:O", y="count():Q"))


def _median_pair(
    first: Callable[[], object], second: Callable[[], object], rounds: int
) -> tuple[float, float]:
    """Median seconds of each, run alternately so that both see the same machine load."""
    a: list[float] = []
    b: list[float] = []
    for _ in range(rounds):
        for work, into in ((first, a), (second, b)):
            start = time.perf_counter()
            work()
            into.append(time.perf_counter() - start)
    return statistics.median(a), statistics.median(b)


def _ran(at: AppTest) -> AppTest:
    at.run()
    if at.exception:
        failure = at.exception[0]
        raise RuntimeError(f"the page failed: {failure.message} {failure.stack_trace}")
    return at


def measure(url: str, advisor: Actor, rounds: int) -> tuple[list[Measure], int]:
    """Cold and warm seconds of the dashboard beside its floor; and the caseload's size."""
    from pages.ui.session import TOKEN_KEY

    ctx = Context.from_settings(Settings(database_url=url))
    # Signed in as the app signs in: a server-side session whose token the tab holds.
    token = start_session(ctx, advisor)
    today = ctx.clock.today()
    _, period = choose_period(today, None)
    before = previous_period(period, today)
    assert period.start and period.end and before and before.start
    with ctx.unit_of_work() as session:
        cohorts = session.scalars(
            select(CohortAdvisor.cohort_id).where(CohortAdvisor.advisor_id == advisor.id)
        ).all()
    ctx.engine.dispose()
    floor_args = (
        url,
        advisor.id,
        today.isoformat(),
        period.start.isoformat(),
        period.end.isoformat(),
        before.start.isoformat(),
    )
    streamlit.logger.set_log_level("error")
    with app_on(url):

        def cold() -> AppTest:
            st.cache_data.clear()
            at = AppTest.from_file(str(APP), default_timeout=600)
            at.session_state[TOKEN_KEY] = token
            at.switch_page(DASHBOARD)
            _ran(at)
            if [title.value for title in at.title] != ["Dashboard"]:
                raise RuntimeError(f"not the dashboard: {[t.value for t in at.title]}")
            return at

        def floor_cold() -> AppTest:
            st.cache_data.clear()
            return _ran(AppTest.from_function(floor_script, default_timeout=600, args=floor_args))

        cold(), floor_cold()  # the engines exist before any measure, as on a running server
        seconds, floor_seconds = _median_pair(cold, floor_cold, rounds)
        warm_app, warm_floor = cold(), floor_cold()
        warm, warm_floor_seconds = _median_pair(
            lambda: _ran(warm_app), lambda: _ran(warm_floor), rounds
        )
    return [
        Measure(
            "advisor dashboard, cold",
            seconds,
            floor_seconds,
            f"≤ {COLD_TARGET:g}x floor",
            seconds <= floor_seconds * COLD_TARGET,
        ),
        Measure(
            "advisor dashboard, warm",
            warm,
            warm_floor_seconds,
            f"< {WARM_TARGET:g} s",
            warm < WARM_TARGET,
        ),
    ], len(cohorts)


def _advisor(url: str, advisor_id: int | None = None) -> Actor:
    """The given advisor, or the one coaching the most graduates."""
    ctx = Context.from_settings(Settings(database_url=url))
    with ctx.unit_of_work() as session:
        query = select(User).where(User.role == Role.ADVISOR).order_by(User.id)
        if advisor_id is not None:
            query = query.where(User.id == advisor_id)
        actor = Actor.of(session.scalars(query).first())  # type: ignore[arg-type]
    ctx.engine.dispose()
    return actor


def run(url: str, population: Any, rounds: int) -> list[Any]:
    """For `bench/__main__.py` when it builds populations: perf's `Result` lines."""
    from bench.measure import Result  # type: ignore[import-not-found]

    measures, _ = measure(url, _advisor(url, population.advisor_id), rounds)
    return [
        Result(
            make_engine(url).dialect.name,
            population.size.name,
            f"{m.name} (AppTest)",
            m.seconds,
            m.floor,
            "bare dashboard (bench/dashboard.py)",
            m.target,
            m.met,
        )
        for m in measures
    ]


def _population(url: str) -> str:
    """Build the benchmark population: perf's M when it exists, else the demo cohort."""
    engine = make_engine(url)
    try:
        if importlib.util.find_spec("bench.populations") is not None:
            from bench.populations import build  # type: ignore[import-not-found]

            population = build(engine, os.environ.get("BENCH_SIZE", "M"))
            return f"population {population.size.name}"
    finally:
        engine.dispose()
    from networkit_core.demo import load_demo

    ctx = Context.from_settings(Settings(database_url=url))
    startup.prepare(ctx)
    load_demo(ctx, seed=2026)
    ctx.engine.dispose()
    return "the demo cohort"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.dashboard")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--database-url", help="an existing database (default: a new SQLite one)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        url = args.database_url or f"sqlite:///{Path(folder) / 'dashboard.db'}"
        what = "the given database" if args.database_url else _population(url)
        if args.database_url:
            ctx = Context.from_settings(Settings(database_url=url))
            startup.prepare(ctx)
            ctx.engine.dispose()
        advisor = _advisor(url)
        measures, cohorts = measure(url, advisor, args.rounds)
    print(f"\nadvisor dashboard on {what}: {advisor.email}, {cohorts} cohorts ({date.today()})")
    print(f"{'measure':<28} {'seconds':>8} {'floor':>8} {'ratio':>6}  target")
    for m in measures:
        verdict = "met" if m.met else "NOT met"
        print(
            f"{m.name:<28} {m.seconds:>8.3f} {m.floor:>8.3f} {m.ratio:>5.2f}x  {m.target} {verdict}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
