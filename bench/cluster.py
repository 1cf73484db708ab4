"""`python -m bench cluster [--minutes 5] [--sessions 60] [--single]`: the load benchmark.

Browser sessions (two graduates for each advisor, bench/journeys.py) work through the app for
`--minutes`, three times: against a single app process, against the cluster (`make cluster`:
HAProxy in front of two app processes), and against the cluster again with one app process
killed (SIGKILL) halfway. `--single` runs the first only. Each run counts its errors and times
every page load and save; the resident memory of each app process is read every few seconds.
The figures go into docs/performance.md, between the markers of a section of their own.

Each run has a PostgreSQL database of its own, copied from one built first with population M
(20 advisors, 2,000 graduates: each advisor's caseload holds enough graduates to nudge for the
whole run), and dropped afterwards. The browser is Debian's Chromium, driven by Playwright: the
sessions are contexts spread over a few Chromium processes, at most a few steps in flight at
once, each step bounded, each person pausing between steps, the sessions started one after
another (the bounds: bench/journeys.py).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from playwright.async_api import async_playwright
from sqlalchemy import text
from sqlalchemy.engine import make_url

from bench import journeys
from bench.cluster_report import percentile, write_section
from bench.memory import resident_mb
from bench.populations import PASSWORD, _advisor_email, build, graduate_email
from networkit_core import migrate
from networkit_core.db import make_engine
from tests.browser_support import CHROMIUM, CHROMIUM_ARGS

PROJECT = Path(__file__).resolve().parent.parent
SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
POPULATION = "M"
SINGLE_PORT = 8700
# The balancer on the first, the app processes on the next two; the kill run on ports of its
# own, as a stopped cluster's ports may not be free again at once.
CLUSTER_PORTS = {"cluster": (8710, 8711, 8712), "killed": (8720, 8721, 8722)}
START_SECONDS = 90  # an app process (or the cluster) must answer its health check by then
# Each run: its name, on the cluster or not, and whether an app process is killed halfway.
RUNS = {
    "single": ("single process", False, False),
    "cluster": ("cluster", True, False),
    "killed": ("cluster, one process killed halfway", True, True),
}
SAMPLE_SECONDS = 2.0  # how often each app process's resident memory is read


@dataclass
class Memory:
    """Each app process's resident memory (MB) through a run, and the machine's load."""

    pids: dict[str, int]
    samples: dict[str, list[float]] = field(default_factory=dict)
    loads: list[float] = field(default_factory=list)
    # CPU seconds: each app process's own (its last reading stays when it is killed), and the
    # whole machine's busy time, first and last reading: the browsers share the machine.
    cpu: dict[str, tuple[float, float]] = field(default_factory=dict)
    machine: tuple[float, float] = (0.0, 0.0)
    browsers: tuple[float, float] = (0.0, 0.0)  # every Chromium process's, summed

    def sample(self) -> None:
        for name, pid in self.pids.items():
            with suppress(OSError, RuntimeError):  # gone (killed): its last reading stays
                self.samples.setdefault(name, []).append(resident_mb(pid))
                used = process_cpu_seconds(pid)
                self.cpu[name] = (self.cpu.get(name, (used, used))[0], used)
        busy = machine_busy_seconds()
        self.machine = (self.machine[0] or busy, busy)
        browsers = browsers_cpu_seconds()
        self.browsers = (self.browsers[0] or browsers, max(browsers, self.browsers[1]))
        self.loads.append(os.getloadavg()[0])


def process_cpu_seconds(pid: int) -> float:
    """User and system CPU time a process has used so far (/proc/PID/stat, utime + stime)."""
    with open(f"/proc/{pid}/stat", encoding="utf-8") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()  # after the command's name
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def browsers_cpu_seconds() -> float:
    """CPU time used so far by the Chromium processes running now (a process ended before the
    last reading is missing from it, so this is at least the browsers' share)."""
    total = 0.0
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with suppress(OSError, IndexError, ValueError):  # ended while read
                if (entry / "comm").read_text().strip() == "chromium":
                    total += process_cpu_seconds(int(entry.name))
    return total


def machine_busy_seconds() -> float:
    """CPU time every core has spent busy so far (/proc/stat: all but idle and iowait)."""
    with open("/proc/stat", encoding="utf-8") as stat:
        ticks = [int(value) for value in stat.readline().split()[1:8]]
    user, nice, system, _idle, _iowait, irq, softirq = ticks
    return (user + nice + system + irq + softirq) / os.sysconf("SC_CLK_TCK")


@dataclass
class Run:
    """One run's figures."""

    name: str
    sessions: int
    minutes: float
    record: journeys.Record
    memory: Memory
    population: str = POPULATION
    killed: tuple[str, float] | None = None  # the app process killed, and when (s)
    on_killed: list[str] = field(default_factory=list)  # the sessions it was serving then
    marked_down: list[str] = field(default_factory=list)  # the balancer's words, each time
    load_before: float = 0.0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench cluster")
    parser.add_argument("--minutes", type=float, default=5.0)
    parser.add_argument("--sessions", type=int, default=60)
    parser.add_argument("--single", action="store_true", help="the single process only")
    parser.add_argument(
        "--runs",
        default=",".join(RUNS),
        help=f"which runs, of {','.join(RUNS)} (default: all; --single: single)",
    )
    parser.add_argument("--server", default=os.environ.get("NETWORKIT_BENCH_PG_SERVER", SERVER))
    parser.add_argument("--out", type=Path, default=PROJECT / "docs" / "performance.md")
    args = parser.parse_args(argv)
    if not args.single and not set(args.runs.split(",")) <= set(RUNS):
        parser.error(f"--runs: some of {','.join(RUNS)}")
    if args.sessions < 3:
        parser.error("--sessions: at least 3 (two graduates for each advisor)")
    command = " ".join(["python -m bench cluster", *argv])
    runs: list[Run] = []
    with databases(args.server) as copy:
        chosen = ["single"] if args.single else args.runs.split(",")
        for name, clustered, kill in (RUNS[run] for run in chosen):
            _say(f"{name}: {args.sessions} sessions for {args.minutes:g} min")
            with copy() as url, tempfile.TemporaryDirectory() as folder:
                servers = (
                    cluster(url, Path(folder), CLUSTER_PORTS["killed" if kill else "cluster"])
                    if clustered
                    else single(url, Path(folder))
                )
                with servers as (address, pids):
                    run = load(name, address, pids, args.sessions, args.minutes, kill)
                run.marked_down = marked_down(Path(folder) / "haproxy.log")
            runs.append(run)
            _summary(run)
            write_section(args.out, runs, command)  # an interrupted benchmark still leaves one
    _say(f"wrote {args.out}")
    return 0


def _say(words: str) -> None:
    print(words, flush=True)


def _summary(run: Run) -> None:
    for kind in ("page load", "save"):
        seconds = sorted(t.seconds for t in run.record.timings if t.kind == kind)
        if seconds:
            _say(
                f"  {kind}: {len(seconds)}, p50 {percentile(seconds, 50):.2f} s, "
                f"p95 {percentile(seconds, 95):.2f} s"
            )
    _say(f"  errors: {len(run.record.failures)}")
    for failure in run.record.failures[:10]:
        _say(f"    {failure.at:6.1f} s {failure.session} {failure.step}: {failure.what}")
    for name, samples in run.memory.samples.items():
        _say(f"  {name}: {samples[0]:.0f} MB at start, {max(samples):.0f} MB at most")


# --- the databases -----------------------------------------------------------------------------


@contextmanager
def databases(server: str) -> Iterator[object]:
    """A database built once with population M; yields a maker of copies of it (each a
    context manager yielding the copy's URL). Every database is dropped afterwards."""
    tag = uuid.uuid4().hex[:8]
    base = f"nwload_{tag}"
    admin = make_engine(server).execution_options(isolation_level="AUTOCOMMIT")
    made = [base]

    def url_of(name: str) -> str:
        return make_url(server).set(database=name).render_as_string(hide_password=False)

    @contextmanager
    def copy() -> Iterator[str]:
        name = f"{base}_{len(made)}"
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{base}"'))
        made.append(name)
        yield url_of(name)

    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{base}"'))
        engine = make_engine(url_of(base))
        try:
            migrate.upgrade(engine)
            _say(f"building population {POPULATION} in {base}")
            build(engine, POPULATION)
        finally:
            engine.dispose()  # a template must have no connection
        yield copy
    finally:
        with admin.connect() as connection:
            for name in reversed(made):
                connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


# --- the servers -------------------------------------------------------------------------------


def _app_env(database_url: str) -> dict[str, str]:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "STREAMLIT_SERVER_HEADLESS": "true",
        "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
        "STREAMLIT_SERVER_FILE_WATCHER_TYPE": "none",
    }
    env.pop("NETWORKIT_CONTENT_DIR", None)
    return env


def _wait_healthy(url: str, alive: object = None) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if isinstance(alive, subprocess.Popen) and alive.poll() is not None:
            raise RuntimeError(f"the app process exited with {alive.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{url} did not answer within {START_SECONDS} s")


@contextmanager
def single(database_url: str, folder: Path) -> Iterator[tuple[str, dict[str, int]]]:
    """`networkit serve` (as `make run` serves the app) on 127.0.0.1:SINGLE_PORT."""
    networkit = Path(sys.executable).parent / "networkit"
    env = _app_env(database_url) | {"STREAMLIT_SERVER_ADDRESS": "127.0.0.1"}
    with (folder / "app.log").open("wb") as log:
        server = subprocess.Popen(
            [str(networkit), "serve", f"--port={SINGLE_PORT}"],
            cwd=PROJECT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{SINGLE_PORT}"
    try:
        _wait_healthy(url, server)
        yield url, {"app": server.pid}  # `networkit serve` execs Streamlit: the same process
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=15)


@contextmanager
def cluster(
    database_url: str, folder: Path, ports: tuple[int, ...]
) -> Iterator[tuple[str, dict[str, int]]]:
    """`make cluster` with the balancer on the first of `ports`, the app processes on the
    others, its state in `folder`; `make cluster-stop` afterwards."""
    lb_port, *app_ports = ports
    variables = [
        f"LB_PORT={lb_port}",
        f"APP_PORTS={' '.join(str(port) for port in app_ports)}",
        f"CLUSTER_DIR={folder}",
    ]
    env = _app_env(database_url)
    try:
        subprocess.run(["make", "--no-print-directory", "cluster", *variables], cwd=PROJECT,
                       env=env, check=True)  # fmt: skip
        url = f"http://127.0.0.1:{lb_port}"
        _wait_healthy(url)
        pids = {
            f"app-{n}": int((folder / f"app-{n}.pid").read_text().strip())
            for n in range(1, len(app_ports) + 1)
        }
        for port in app_ports:
            _wait_healthy(f"http://127.0.0.1:{port}")
        yield url, pids
    finally:
        subprocess.run(["make", "--no-print-directory", "cluster-stop", *variables],
                       cwd=PROJECT, env=env, check=False)  # fmt: skip


def marked_down(log: Path) -> list[str]:
    """Each time HAProxy took an app process out of the cluster, and why (its log's words)."""
    if not log.exists():
        return []
    found = []
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        # Each warning is logged twice, once with a "[WARNING] (pid) :" prefix.
        if line.startswith("Server apps/") and " is DOWN" in line:
            found.append(line.split(", check duration")[0].removeprefix("Server apps/"))
    return found


# --- a run -------------------------------------------------------------------------------------


def load(
    name: str, url: str, pids: dict[str, int], sessions: int, minutes: float, kill: bool
) -> Run:
    """`sessions` browser sessions on `url` for `minutes`; with `kill`, the app process serving
    the most sessions is killed halfway."""
    memory = Memory(pids)
    memory.sample()
    run = Run(name, sessions, minutes, journeys.Record(), memory, load_before=os.getloadavg()[0])
    done = threading.Event()

    def sampling() -> None:
        while not done.wait(SAMPLE_SECONDS):
            memory.sample()

    sampler = threading.Thread(target=sampling, daemon=True)
    sampler.start()
    try:
        asyncio.run(_drive(run, url, pids if kill else None))
    finally:
        done.set()
        sampler.join()
    memory.sample()
    return run


async def _drive(run: Run, url: str, kill: dict[str, int] | None) -> None:
    record = run.record
    deadline = run.minutes * 60
    active = asyncio.Semaphore(journeys.ACTIVE)
    today = date.today()
    async with async_playwright() as playwright:
        browsers = [
            await playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            for _ in range(journeys.BROWSERS)
        ]
        contexts = []
        tasks = []
        record.started = time.monotonic()  # the run's clock starts with the first session
        for n, (is_advisor, number) in enumerate(_roles(run.sessions)):
            # Each role dealt round the browsers on its own count: dealt on n, with a graduate,
            # a graduate and an advisor in turn over 3 browsers, every advisor was on one.
            context = await browsers[number % journeys.BROWSERS].new_context(
                viewport={"width": 1280, "height": 900}
            )
            context.set_default_timeout((journeys.STEP_SECONDS + 5) * 1000)
            contexts.append(context)
            session = journeys.Session(
                name=f"{'advisor' if is_advisor else 'graduate'}-{number + 1}",
                page=await context.new_page(),
                url=url,
                email=_advisor_email(number % 20) if is_advisor else _graduate(number),
                password=PASSWORD,
                record=record,
                active=active,
                deadline=deadline,
                think=journeys.ADVISOR_THINK if is_advisor else journeys.GRADUATE_THINK,
                rng=random.Random(n),
            )
            journey = journeys.advisor(session) if is_advisor else journeys.graduate(session, today)
            start = n * journeys.RAMP_SECONDS / run.sessions
            tasks.append(asyncio.create_task(_later(start, journey)))
        if kill is not None:
            tasks.append(asyncio.create_task(_kill_halfway(run, kill, deadline / 2)))
        # Past the deadline a session only ends its step (and its recovery): then it is cut.
        ended, late = await asyncio.wait(tasks, timeout=deadline + 3 * journeys.STEP_SECONDS)
        for task in late:
            task.cancel()
            record.failures.append(journeys.Failure("a session", "the run's end", "cut", 0.0))
        await asyncio.gather(*late, return_exceptions=True)
        for task in ended:
            if task.exception() is not None:  # it broke off: counted
                what = repr(task.exception())
                record.failures.append(journeys.Failure("a session", "its journey", what, 0.0))
        for context in contexts:
            await context.close()
        for browser in browsers:
            await browser.close()


def _roles(sessions: int) -> list[tuple[bool, int]]:
    """(is an advisor, the how-manieth of its role) for each session: two graduates, then an
    advisor, and so on, so that both roles start through the ramp."""
    roles, counts = [], [0, 0]
    for n in range(sessions):
        advisor = n % 3 == 2
        roles.append((advisor, counts[advisor]))
        counts[advisor] += 1
    return roles


def _graduate(number: int) -> str:
    """The graduates signed in are spread over the cohorts (M: 50 to a cohort)."""
    return graduate_email(number * 50)


async def _later(seconds: float, journey: object) -> None:
    await asyncio.sleep(seconds)
    await journey  # type: ignore[misc]


async def _kill_halfway(run: Run, pids: dict[str, int], at: float) -> None:
    """SIGKILL, at `at` seconds, the app process serving the most sessions."""
    await asyncio.sleep(max(0.0, at - run.record.now()))
    served = {name: 0 for name in pids}
    for on in run.record.on.values():
        served[on] = served.get(on, 0) + 1
    victim = max(pids, key=lambda name: served[name])
    os.kill(pids[victim], signal.SIGKILL)
    run.killed = (victim, run.record.now())
    run.on_killed = [name for name, on in run.record.on.items() if on == victim]
    _say(f"  killed {victim} (pid {pids[victim]}) at {run.killed[1]:.0f} s")
