"""The load benchmark's section of docs/performance.md, between BEGIN and END: written again by
each `python -m bench cluster`, the rest of the file left as it is."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from bench import journeys, report

if TYPE_CHECKING:
    from bench.cluster import Run

BEGIN, END = "<!-- BEGIN cluster -->", "<!-- END cluster -->"
ERRORS_LISTED = 10  # per run: enough to see what went wrong
HOW = (
    "{sessions} headless Chromium sessions ({graduates} graduates, {advisors} advisors) for "
    "{minutes} min on each run, on PostgreSQL with population {population} (a fresh copy "
    "for each run). A graduate logs an interview with a new contact, ticks two checklist items, "
    "records it as held, marks the thank-you sent, says a follow-up is welcome, logs one and "
    "opens My interviews, again and again; an advisor opens the dashboard and records a nudge "
    "for the first graduate on the list. A page load is an address opened afresh, until its run "
    "has ended; a save is a click, until its confirmation shows and the run has ended; signing "
    "in (a password hash checked, slow on purpose) is neither, and is in the table of steps. "
    "Bounds: the sessions are contexts of {browsers} Chromium processes, at most {active} steps "
    "are in flight at once, a person pauses {graduate_think} s (graduates) or {advisor_think} s "
    "(advisors) between steps, the sessions start over {ramp} s, and a step taking more than "
    "{step} s is an error, as is a page showing an exception or an error, or a session found "
    "signed out. The cluster is `make cluster`: HAProxy in front of two app processes; the "
    "single process is `networkit serve`. The browsers run on the same two-core machine as the "
    "servers, and the machine is shared: the load average is given with each run, and how the "
    "machine's busy CPU time was shared between the app processes, the browsers and the rest."
)


def write_section(path: Path, runs: Sequence[Run], command: str) -> None:
    report.write_section(path, "cluster", render(runs, command))


def render(runs: Sequence[Run], command: str) -> str:
    first = runs[0]
    graduates = first.sessions - first.sessions // 3
    lines = [
        "## Load: browser sessions on one app process and on the cluster",
        "",
        f"Written by `{command}` (bench/cluster.py), {datetime.now(UTC):%Y-%m-%d %H:%M} UTC; "
        "do not edit by hand, run it again.",
        "",
        HOW.format(
            sessions=first.sessions,
            graduates=graduates,
            advisors=first.sessions - graduates,
            minutes=f"{first.minutes:g}",
            population=first.population,
            browsers=journeys.BROWSERS,
            active=journeys.ACTIVE,
            graduate_think=_range(journeys.GRADUATE_THINK),
            advisor_think=_range(journeys.ADVISOR_THINK),
            ramp=f"{journeys.RAMP_SECONDS:g}",
            step=f"{journeys.STEP_SECONDS:g}",
        ),
        "",
        "| run | errors | page loads | page load p50 | p95 | saves | save p50 | p95 "
        "| resident memory per process (MB): start, most, after the browsers closed "
        "| CPU time used, of the machine's busy time | load average (1 min) during |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | --- |",
    ]
    for run in runs:
        loads = _seconds(run, "page load")
        saves = _seconds(run, "save")
        lines.append(
            f"| {run.name} | {len(run.record.failures)} | {len(loads)} | {_p(loads, 50)} | "
            f"{_p(loads, 95)} | {len(saves)} | {_p(saves, 50)} | {_p(saves, 95)} | "
            f"{_memory(run)} | {_cpu(run)} | {_load(run)} |"
        )
    lines += ["", "Each step, p50 / p95 (count):", ""]
    lines.append("| step | kind | " + " | ".join(run.name for run in runs) + " |")
    lines.append("| --- | --- |" + " ---: |" * len(runs))
    steps = dict.fromkeys(
        (t.kind, t.step) for run in runs for t in sorted(run.record.timings, key=_order)
    )
    for kind, step in steps:
        cells = []
        for run in runs:
            seconds = sorted(
                t.seconds for t in run.record.timings if (t.kind, t.step) == (kind, step)
            )
            cells.append(
                f"{_p(seconds, 50)} / {_p(seconds, 95)} ({len(seconds)})" if seconds else "—"
            )
        lines.append(f"| {step} | {kind} | " + " | ".join(cells) + " |")
    for run in runs:
        if run.record.on:
            served = Counter(run.record.on.values())
            lines += [
                "",
                f"{run.name}: the sessions, by the process the balancer last had them on: "
                + ", ".join(f"{name} {count}" for name, count in sorted(served.items()))
                + ".",
            ]
        if run.killed is not None:
            process, at = run.killed
            after = [f for f in run.record.failures if f.at >= at]
            moved = [name for name in run.on_killed if run.record.on.get(name) != process]
            lines += [
                "",
                f"{run.name}: {process} was killed (SIGKILL) at {at:.0f} s, serving "
                f"{len(run.on_killed)} of the sessions; {len(moved)} of them went on through "
                f"the balancer on another process. {len(after)} of the run's "
                f"{len(run.record.failures)} errors came after the kill.",
            ]
        if run.marked_down:
            lines += ["", f"{run.name}: the balancer took a process out {len(run.marked_down)} "
                      "time(s); HAProxy's words:", ""]  # fmt: skip
            lines += [f"- {words}" for words in run.marked_down[:ERRORS_LISTED]]
        if run.record.failures:
            many = len(run.record.failures) > ERRORS_LISTED
            first = f" (the first {ERRORS_LISTED})" if many else ""
            lines += ["", f"{run.name}, errors{first}:", ""]
            lines += [
                f"- {f.at:.0f} s, {f.session}, {f.step}: {f.what}"
                for f in run.record.failures[:ERRORS_LISTED]
            ]
    return "\n".join(lines) + "\n"


def _order(timing: object) -> tuple[str, float]:
    return (getattr(timing, "kind", ""), getattr(timing, "at", 0.0))


def _range(pair: tuple[float, float]) -> str:
    return f"{pair[0]:g}–{pair[1]:g}"


def _seconds(run: Run, kind: str) -> list[float]:
    return sorted(t.seconds for t in run.record.timings if t.kind == kind)


def percentile(ordered: list[float], p: float) -> float:
    """The p-th percentile of sorted values (inclusive method: within the values seen)."""
    if len(ordered) == 1:
        return ordered[0]
    return statistics.quantiles(ordered, n=100, method="inclusive")[int(p) - 1]


def _p(ordered: list[float], p: float) -> str:
    if not ordered:
        return "—"
    value = percentile(ordered, p)
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def _memory(run: Run) -> str:
    parts = []
    for name, samples in run.memory.samples.items():
        end = "killed" if run.killed and run.killed[0] == name else f"{samples[-1]:.0f}"
        parts.append(f"{name} {samples[0]:.0f}, {max(samples):.0f}, {end}")
    return "; ".join(parts)


def _cpu(run: Run) -> str:
    """Where the machine's CPU went: each app process's share of the busy time, the browsers',
    and the rest (HAProxy, PostgreSQL, the benchmark and whatever else the shared machine ran)."""
    busy = run.memory.machine[1] - run.memory.machine[0]
    if busy <= 0:
        return "—"
    used = {name: last - first for name, (first, last) in run.memory.cpu.items()}
    used["Chromium"] = run.memory.browsers[1] - run.memory.browsers[0]
    parts = [f"{name} {seconds:.0f} s ({seconds / busy:.0%})" for name, seconds in used.items()]
    rest = busy - sum(used.values())
    return "; ".join([*parts, f"the rest {rest:.0f} s ({rest / busy:.0%})"])


def _load(run: Run) -> str:
    loads = run.memory.loads
    if not loads:
        return "—"
    return f"{sum(loads) / len(loads):.1f} (most {max(loads):.1f}; {run.load_before:.1f} before)"
