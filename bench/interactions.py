"""`python -m bench.interactions`: the interview page's small writes in Chromium, beside a floor.

A checklist tick, a question's rating and a thank-you marked sent, on the demo's graduate signed
in to a real `networkit serve` (`streamlit run serve.py`), and the same widgets on a bare
Streamlit page (bench/bare/interactions.py) making the same single write and redrawing itself.
Each is timed in the page, from the pointer going down on the widget until the run it asked
for has ended (the app's `data-test-script-state` back at `notRunning`) and its new state is
drawn; and, polled from here, until its write is in the database. Rounds are paired (figure,
floor, same-size floor, figure, ...); the medians are compared. On SQLite always, on PostgreSQL
too when NETWORKIT_BENCH_DATABASE_URL is set. The figures rewrite their own section of
docs/performance.md; the rest of the file is left alone.

Debian's /usr/bin/chromium, driven by Playwright. Not a test: nothing here fails a build.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from sqlalchemy import Connection, Engine, func, select, text

from bench.databases import database
from networkit_core import startup
from networkit_core.context import Context
from networkit_core.demo import load_demo
from networkit_core.demo.accounts import DEMO_PASSWORD
from networkit_core.models import (
    ChecklistItem,
    ChecklistKind,
    Graduate,
    Interview,
    InterviewQuestion,
    InterviewStatus,
    User,
)
from networkit_core.services.interviews import attached_questions
from networkit_core.settings import Settings
from tests.browser_support import (
    CHROMIUM,
    chromium,
    streamlit_process,
    wait_for_session_cookie,
)

PROJECT = Path(__file__).resolve().parent.parent
BARE = Path(__file__).resolve().parent / "bare" / "interactions.py"
PG_ENV = "NETWORKIT_BENCH_DATABASE_URL"
TARGET = 1.5  # every save and tick within 1.5x its floor (issue 22)
BEGIN, END = "<!-- BEGIN interactions -->", "<!-- END interactions -->"
ITEM = "Researched the company"
METHODS = {"card": "Handwritten card", "email": "E-mail"}
WAIT_MS = 120_000
ROLES = ("app", "floor", "same-size")  # the pages, in the order each round times them
# The text of the widget each interaction uses, drawn once its section is open.
WIDGETS = {"tick": ITEM, "rating": "How useful was it?", "thank-you": "Mark thank-you sent"}
DB_POLL_SECONDS = 0.003

# Armed before a click: resolves with (ms from the pointer going down to the end of the run it
# asked for, with `expected` drawn; the pointer's wall-clock time in ms). A run is seen to end when
# the app's script state leaves `notRunning` and comes back, or, when a run is so quick that the
# page draws its start and its end at once (the state never changes), when the run's toast (each
# write here makes one) is drawn and the state is `notRunning`.
ARM = """(expected) => {
  const app = document.querySelector('[data-testid="stApp"]');
  window.__bench = new Promise((resolve) => {
    let down = null, left = false, toasted = false, done = false;
    document.addEventListener('pointerdown', () => {
      if (down === null) down = performance.now();
    }, {capture: true, once: true});
    const drawn = () => !expected || document.body.textContent.includes(expected);
    const finish = () => {
      if (drawn()) resolve([performance.now() - down, performance.timeOrigin + down]);
      else if (performance.now() - down > 60000) resolve(['not drawn: ' + expected, 0]);
      else setTimeout(finish, 2);
    };
    const ended = () => {
      if (done || down === null || !(left || toasted)) return;
      if (app.getAttribute('data-test-script-state') !== 'notRunning') return;
      done = true;
      watch.disconnect();
      toasts.disconnect();
      finish();
    };
    setTimeout(() => resolve(['no run ended', 0]), 120000);
    const watch = new MutationObserver((records) => {
      if (down === null) return;
      if (records.some((r) => r.oldValue === 'notRunning')) left = true;
      ended();
    });
    watch.observe(app, {attributes: true, attributeFilter: ['data-test-script-state'],
                        attributeOldValue: true});
    const isToast = (node) => node.nodeType === 1 && (node.matches('[data-testid="stToast"]')
      || node.querySelector('[data-testid="stToast"]') !== null);
    const toasts = new MutationObserver((records) => {
      if (down === null) return;
      if (records.some((r) => [...r.addedNodes].some(isToast))) toasted = true;
      ended();
    });
    toasts.observe(document.body, {childList: true, subtree: true});
  });
}"""


@dataclass(frozen=True)
class Rows:
    email: str
    interview_id: int
    public_id: str
    item_id: int
    question_id: int
    prep_items: int


@dataclass
class Timing:
    redraw_ms: list[float]
    written_ms: list[float]


@dataclass(frozen=True)
class Figure:
    database: str
    interaction: str
    floor: Timing
    app: Timing
    same_size: Timing  # the floor with as many elements on its page as the app's
    elements: int  # on the app's page before it (the last round's)

    def median(self, which: Timing, written: bool = False) -> float:
        return statistics.median(which.written_ms if written else which.redraw_ms)

    @property
    def ratio(self) -> float:
        return self.median(self.app) / self.median(self.floor)

    @property
    def same_size_ratio(self) -> float:
        return self.median(self.app) / self.median(self.same_size)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.interactions")
    parser.add_argument("--rounds", type=int, default=int(os.environ.get("BENCH_ROUNDS", 7)))
    parser.add_argument("--out", type=Path, default=PROJECT / "docs" / "performance.md")
    args = parser.parse_args(argv)
    if not CHROMIUM.exists():
        print(f"{CHROMIUM} is not installed (apt-get install chromium)", file=sys.stderr)
        return 1
    targets = ["sqlite", *([os.environ[PG_ENV]] if os.environ.get(PG_ENV) else [])]
    load_before = os.getloadavg()
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory() as folder:
        for target in targets:
            figures.extend(_run(target, Path(folder), args.rounds))
    load_after = os.getloadavg()
    section = _section(figures, args.rounds, load_before, load_after)
    _rewrite(args.out, section)
    print(section)
    print(f"wrote {args.out}")
    return 0


def _say(message: str) -> None:
    print(message, flush=True)


def _run(target: str, folder: Path, rounds: int) -> list[Figure]:
    with database(target, folder, "interactions") as (engine, url):
        name = engine.dialect.name
        _say(f"{name}: loading the demo")
        ctx = Context.from_settings(Settings(database_url=url))
        try:
            startup.prepare(ctx)
            load_demo(ctx, seed=2026)
            rows, floor_rows, same_size_rows = _rows(ctx)
        finally:
            ctx.engine.dispose()
        with (
            streamlit_process(url, folder / f"app-{name}.log") as (app_url, _),
            streamlit_process(url, folder / f"bare-{name}.log", script=str(BARE)) as (bare_url, _),
            chromium() as browser,
        ):
            app, bare, same_size = browser.new_page(), browser.new_page(), browser.new_page()
            for page in (app, bare, same_size):
                page.set_default_timeout(WAIT_MS)
                page.set_viewport_size({"width": 1280, "height": 900})
            _sign_in(app, app_url, rows)
            bare.goto(f"{bare_url}/?{_query(floor_rows)}")
            _settled(bare)
            # The same bare page, with static elements for the rest of the app's page: the
            # browser's redraw grows with the elements on the page, not only those redrawn.
            # Padded before each interaction to the app's count just before its own (the app's
            # page draws some sections only once opened: its count moves with them).
            own = _elements(bare)
            padded: list[int] = []

            def pad(app_elements: int) -> None:
                rest = max(app_elements - own, 0)
                if padded != [rest]:
                    same_size.goto(f"{bare_url}/?{_query(same_size_rows)}&rest={rest}")
                    _settled(same_size)
                    padded[:] = [rest]

            _say(f"{name}: measuring {rounds} rounds")
            return _measure(
                name,
                engine,
                (rows, app),
                (floor_rows, bare),
                (same_size_rows, pad, same_size),
                rounds,
            )


def _rows(ctx: Context) -> tuple[Rows, Rows, Rows]:
    """Three held interviews of demo graduates, each with a question taken to it: one for the
    app, one for each floor (each page shows its own rows as it last drew them)."""
    with ctx.unit_of_work() as session:
        both = session.execute(
            select(Interview.id, Interview.public_id, User.email)
            .where(Interview.id.in_(select(InterviewQuestion.interview_id)))
            .join(Graduate, Graduate.id == Interview.graduate_id)
            .join(User, User.id == Graduate.user_id)
            .where(Interview.status == InterviewStatus.COMPLETED, Interview.deleted_at.is_(None))
            .order_by(Interview.id)
            .limit(3)
        ).all()
        # The first question each page shows.
        questions = [attached_questions(session, held.id)[0].question_id for held in both]
        item = session.scalars(
            select(ChecklistItem.id).where(
                ChecklistItem.kind == ChecklistKind.PREP, ChecklistItem.label == ITEM
            )
        ).one()
        prep = session.scalar(
            select(func.count())
            .select_from(ChecklistItem)
            .where(ChecklistItem.kind == ChecklistKind.PREP, ChecklistItem.is_active.is_(True))
        )
    app, floor, same_size = (
        Rows(held.email, held.id, held.public_id, item, question, prep or 0)
        for held, question in zip(both, questions, strict=True)
    )
    return app, floor, same_size


def _query(rows: Rows) -> str:
    return "&".join(f"{name}={row}" for name, row in _ids(rows).items())


def _elements(page: Page) -> int:
    """The elements on the page but a toast (a write's, gone within seconds)."""
    shown = '[data-testid="stElementContainer"]:not(:has([data-testid="stToast"]))'
    return int(page.locator(shown).count())


def _settled(page: Page) -> None:
    page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for()


def _sign_in(page: Page, url: str, rows: Rows) -> None:
    page.goto(url)
    page.get_by_label("Email").fill(rows.email)
    page.get_by_label("Password", exact=True).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("button", name="Sign out").wait_for()
    wait_for_session_cookie(page)  # the next address is a new page load: it needs the cookie
    page.goto(f"{url}/interview?id={rows.public_id}")
    page.get_by_role("heading", name="Interview with").wait_for()
    _settled(page)


def _open(page: Page, title: str, widget: str | None = None) -> None:
    """Open the section `title`, until `widget` (a text in it) is drawn: a section drawn only
    once opened is a run, and a click right after another run may only take the focus."""
    for _ in range(5):
        _settled(page)
        summary = page.locator("summary").filter(has_text=title).first
        summary.scroll_into_view_if_needed()
        if summary.locator("xpath=..").get_attribute("open") is None:
            summary.click()
            _settled(page)
        if widget is None:
            return
        try:
            page.get_by_text(widget, exact=True).first.wait_for(timeout=5000)
            return
        except PlaywrightTimeout:
            continue
    raise RuntimeError(f"{title!r} never showed {widget!r} ({page.url})")


def _timed(
    page: Page, click: Callable[[], None], expected: str, written: Callable[[], bool]
) -> tuple[float, float]:
    """(ms to the redraw, ms to the write in the database) of one click."""
    seen: list[float] = []
    stop = threading.Event()

    def poll() -> None:
        while not stop.is_set():
            if written():
                seen.append(time.time() * 1000)
                return
            time.sleep(DB_POLL_SECONDS)

    page.evaluate(ARM, expected)
    watcher = threading.Thread(target=poll, daemon=True)
    watcher.start()
    click()
    redraw, down = page.evaluate("window.__bench")
    watcher.join(timeout=WAIT_MS / 1000)
    stop.set()
    if isinstance(redraw, str):
        raise RuntimeError(f"{redraw} ({page.url})")
    if not seen:
        page.screenshot(path=str(Path(tempfile.gettempdir()) / "bench-interactions-failed.png"))
        raise RuntimeError(f"the write of {expected!r} never reached the database")
    return float(redraw), max(seen[0] - float(down), 0.0)


class Probe:
    """What the database holds now for one page's rows."""

    def __init__(self, connection: Connection, rows: Rows) -> None:
        self.connection, self.rows = connection, rows

    def scalar(self, sql: str) -> object:
        value = self.connection.execute(text(sql), _ids(self.rows)).scalar()
        self.connection.rollback()  # the next poll sees the latest commit
        return value

    def ticked(self) -> bool:
        return bool(
            self.scalar(
                "SELECT count(*) FROM checklist_ticks "
                "WHERE interview_id = :interview AND item_id = :item"
            )
        )

    def prep_done(self) -> int:
        yes = "1" if self.connection.dialect.name == "sqlite" else "true"
        sql = (
            "SELECT count(*) FROM checklist_ticks t JOIN checklist_items i ON i.id = t.item_id "
            f"WHERE t.interview_id = :interview AND i.kind = 'prep' AND i.is_active = {yes}"
        )
        return int(self.scalar(sql))  # type: ignore[call-overload]

    def rating(self) -> object:
        return self.scalar(
            "SELECT usefulness FROM interview_questions "
            "WHERE interview_id = :interview AND question_id = :question"
        )

    def method(self) -> object:
        return self.scalar("SELECT thank_you_method FROM interviews WHERE id = :interview")


def _measure(
    name: str,
    engine: Engine,
    app: tuple[Rows, Page],
    floor: tuple[Rows, Page],
    same_size: tuple[Rows, Callable[[int], None], Page],
    rounds: int,
) -> list[Figure]:
    """Timed in turns: the app, the floor, the same-size floor (padded by `pad` to the app's
    element count as it was before the same interaction, just before)."""
    kinds = ("tick", "rating", "thank-you")
    timings = {kind: {role: Timing([], []) for role in ROLES} for kind in kinds}
    app_elements: dict[str, int] = {}
    rows_of = {"app": app[0], "floor": floor[0], "same-size": same_size[0]}
    page_of = {"app": app[1], "floor": floor[1], "same-size": same_size[2]}
    pad = same_size[1]
    with engine.connect() as connection:
        for round_ in range(rounds):
            for role in ROLES:
                rows, page = rows_of[role], page_of[role]
                bare = role != "app"
                probe = Probe(connection, rows)
                page.bring_to_front()  # a page behind another may be throttled

                def ready(kind: str, title: str, page: Page = page, role: str = role) -> None:
                    """The app's section opened (its widget drawn: opening it is a run) and its
                    elements counted; the same-size floor padded to them."""
                    if role == "same-size":
                        pad(app_elements[kind])  # a new page load, the first time (settled)
                    _settled(page)
                    if role == "app":
                        _open(page, title, WIDGETS[kind])
                        _settled(page)
                        app_elements[kind] = _elements(page)

                # A tick: the item's box, the checklist's count redrawn.
                title = "Preparation checklist"
                ready("tick", title)
                was = probe.ticked()
                # The bare page counts its one item; the app, the whole checklist.
                done = int(not was) if bare else probe.prep_done() + (-1 if was else 1)
                # In the floor's title; on the app's bar (its title kept while open).
                expected = f"{done} of {1 if bare else rows.prep_items} done"
                box = page.get_by_text(ITEM, exact=True).first
                box.scroll_into_view_if_needed()
                redraw, written = _timed(
                    page, box.click, expected, lambda p=probe, was=was: p.ticked() != was
                )
                timings["tick"][role].redraw_ms.append(redraw)
                timings["tick"][role].written_ms.append(written)

                # A rating: 4 and 5 in turn.
                ready("rating", "Questions to ask")
                new = 4 if probe.rating() != 4 else 5
                words = "4 · useful" if new == 4 else "5 · very useful"
                select = page.get_by_label("How useful was it?").first
                select.click()
                option = page.get_by_role("option", name=words, exact=True)
                try:  # right after its section was opened, a first click only focuses it
                    option.wait_for(timeout=2000)
                except PlaywrightTimeout:
                    select.click()
                    option.wait_for()
                redraw, written = _timed(
                    page, option.click, "", lambda p=probe, new=new: p.rating() == new
                )
                timings["rating"][role].redraw_ms.append(redraw)
                timings["rating"][role].written_ms.append(written)

                # A thank-you marked sent, once the rating's menu has closed: a click while it
                # closes is taken by it, and the form would be sent as it was, or not at all.
                page.get_by_role("listbox").wait_for(state="detached")
                ready("thank-you", "Thank-you")
                # Sent the other way than saved: a change to write (the same one is no change).
                how = "email" if probe.method() != "email" else "card"
                radios = page.locator('[data-testid="stRadio"]').filter(has_text=METHODS["card"])
                chosen = radios.first.get_by_role("radio", name=METHODS[how], exact=True)
                for _ in range(3):  # a click right after a run may only take the focus
                    radios.first.get_by_text(METHODS[how], exact=True).click()
                    try:
                        expect(chosen).to_be_checked(timeout=2000)
                        break
                    except AssertionError:
                        continue
                expect(chosen).to_be_checked()
                submit = page.get_by_role("button", name="Mark thank-you sent").first
                submit.scroll_into_view_if_needed()
                redraw, written = _timed(
                    page, submit.click, "Thank-you · sent", lambda p=probe, h=how: p.method() == h
                )
                timings["thank-you"][role].redraw_ms.append(redraw)
                timings["thank-you"][role].written_ms.append(written)
                _settled(page)
            _say(f"{name}: round {round_ + 1} of {rounds} ({app_elements} elements on the app)")
    return [
        Figure(name, kind, by["floor"], by["app"], by["same-size"], app_elements[kind])
        for kind, by in timings.items()
    ]


def _ids(rows: Rows) -> dict[str, int]:
    return {"interview": rows.interview_id, "item": rows.item_id, "question": rows.question_id}


def _section(
    figures: list[Figure],
    rounds: int,
    before: tuple[float, float, float],
    after: tuple[float, float, float],
) -> str:
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        BEGIN,
        "## Interactions in the browser",
        "",
        f"`python -m bench.interactions --rounds {rounds}`, {stamp}, on {os.cpu_count()} cores; "
        f"load average {before[0]:.2f} / {before[1]:.2f} / {before[2]:.2f} before, "
        f"{after[0]:.2f} / {after[1]:.2f} / {after[2]:.2f} after (the machine is shared: "
        "the figures move with it).",
        "",
        "Headless Chromium (Debian's) on the demo's graduate, on a held interview: from the "
        "pointer going down on the widget until the run it asked for has ended and its new "
        "state is drawn (*redraw*), and until its write is in the database (*written*, polled "
        "every 3 ms from the benchmark). The floor is a bare Streamlit page "
        "(`bench/bare/interactions.py`) with the same widget making the same write in one SQL "
        "statement and redrawing itself, with the same toast: 6 elements on its page. The "
        "same-size floor is that page with static captions (in a closed expander, the cheapest "
        "place for them) added until it has as many elements as the app's interview page had "
        "just before the same interaction (*app elements*; the page draws some sections only "
        "once opened): the browser's redraw grows with every element on the page, not only "
        "with those the run redraws. Medians of "
        f"{rounds} rounds, timed in turns (app, floor, same-size floor, ...). Target: every "
        f"save and tick within {TARGET}x its floor.",
        "",
        "| Database | Interaction | App elements | Floor redraw (ms) | Same-size floor (ms) | "
        "App redraw (ms) | Ratio | Ratio to the same-size floor | Floor written (ms) | "
        "App written (ms) | Within target |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for figure in figures:
        ok = "yes" if figure.ratio <= TARGET else "**no**"
        lines.append(
            f"| {figure.database} | {figure.interaction} | {figure.elements} | "
            f"{figure.median(figure.floor):.0f} | {figure.median(figure.same_size):.0f} | "
            f"{figure.median(figure.app):.0f} | {figure.ratio:.2f}x | "
            f"{figure.same_size_ratio:.2f}x | {figure.median(figure.floor, True):.0f} | "
            f"{figure.median(figure.app, True):.0f} | {ok} |"
        )
    lines += ["", END]
    return "\n".join(lines)


def _rewrite(path: Path, section: str) -> None:
    """Replace the section between the markers, or add it at the end."""
    current = path.read_text(encoding="utf-8") if path.exists() else ""
    if BEGIN in current and END in current:
        head, rest = current.split(BEGIN, 1)
        tail = rest.split(END, 1)[1]
        path.write_text(head + section + tail, encoding="utf-8")
    else:
        path.write_text(current.rstrip("\n") + "\n\n" + section + "\n", encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
