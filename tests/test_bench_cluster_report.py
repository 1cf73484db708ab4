"""The load benchmark's section of docs/performance.md (`python -m bench cluster`): written
between its markers and nowhere else, kept by `make bench`'s own rewrite of the file, its
figures read from the runs (no timings here: the benchmark itself is not a test)."""

from __future__ import annotations

import os
from pathlib import Path

from bench import report
from bench.cluster import Memory, Run, machine_busy_seconds, marked_down, process_cpu_seconds
from bench.cluster_report import BEGIN, END, percentile, write_section
from bench.journeys import Failure, Record, Timing


def _run(name: str, *, killed: bool = False) -> Run:
    record = Record()
    record.timings = [Timing("page load", "dashboard", s / 10, s) for s in range(1, 21)]
    record.timings += [Timing("save", "record a nudge", 0.5, 3.0)]
    record.failures = [Failure("advisor-1", "record a nudge", "no answer within 60 s", 40.0)]
    record.on = {"advisor-1": "app-2"}
    memory = Memory({"app-1": 1, "app-2": 2})
    memory.samples = {"app-1": [118.0, 300.0, 250.0], "app-2": [117.0, 280.0, 260.0]}
    memory.loads = [2.0, 4.0]
    memory.cpu = {"app-1": (10.0, 30.0), "app-2": (10.0, 20.0)}
    memory.machine, memory.browsers = (1000.0, 1200.0), (500.0, 650.0)
    run = Run(name, 3, 1.0, record, memory)
    if killed:
        run.killed, run.on_killed = ("app-1", 30.0), ["advisor-1"]
    return run


def test_the_section_replaces_its_old_self_and_leaves_the_rest_alone(tmp_path: Path) -> None:
    path = tmp_path / "performance.md"
    path.write_text(f"# Performance\n\nfigures\n\n{BEGIN}\nold load figures\n{END}\n\nafter\n")
    write_section(path, [_run("cluster"), _run("killed", killed=True)], "python -m bench cluster")
    text = path.read_text()
    assert text.startswith("# Performance\n\nfigures\n\n") and text.endswith(f"{END}\n\nafter\n")
    assert "old load figures" not in text
    assert text.count(BEGIN) == text.count(END) == 1
    row = next(line for line in text.splitlines() if line.startswith("| cluster |"))
    # 1 error, 20 page loads with p50 1.05 s and p95 1.905 s, one save of 500 ms.
    assert row.startswith("| cluster | 1 | 20 | 1.05 s | 1.91 s | 1 | 500 ms | 500 ms |")
    assert "app-1 118, 300, 250; app-2 117, 280, 260" in row
    # 200 s busy: app-1 20 s, app-2 10 s, Chromium 150 s, the rest 20 s.
    assert "app-1 20 s (10%); app-2 10 s (5%); Chromium 150 s (75%); the rest 20 s (10%)" in row
    killed = next(line for line in text.splitlines() if line.startswith("| killed |"))
    assert "app-1 118, 300, killed" in killed
    assert "app-1 was killed (SIGKILL) at 30 s, serving 1 of the sessions; 1 of them" in text


def test_a_file_without_the_section_gets_it_at_its_end(tmp_path: Path) -> None:
    path = tmp_path / "performance.md"
    path.write_text("# Performance\n")
    write_section(path, [_run("single process")], "python -m bench cluster --single")
    assert path.read_text().startswith(f"# Performance\n\n{BEGIN}\n")


def test_make_bench_keeps_the_section(tmp_path: Path) -> None:
    path = tmp_path / "performance.md"
    write_section(path, [_run("single process")], "python -m bench cluster --single")
    section = BEGIN + path.read_text().split(BEGIN)[1].split(END)[0] + END
    report.write(path, [], [], [("CPU", "2 cores")], "python -m bench")
    assert path.read_text().rstrip().endswith(section)


def test_percentiles_stay_within_the_values_seen() -> None:
    values = [float(n) for n in range(1, 101)]
    assert percentile(values, 50) == 50.5
    assert percentile(values, 95) == 95.05
    assert percentile([3.0], 95) == 3.0


def test_the_balancer_log_says_each_time_a_process_was_taken_out(tmp_path: Path) -> None:
    log = tmp_path / "haproxy.log"
    down = (
        "Server apps/app-2 is DOWN, reason: Layer7 timeout, check duration: 1001ms. 0 active "
        "and 0 backup servers left. 6 sessions active, 0 requeued, 0 remaining in queue."
    )
    up = "Server apps/app-2 is UP, reason: Layer7 check passed, code: 200, check duration: 1ms."
    log.write_text(f"[WARNING]  (26074) : {down}\n{down}\n[WARNING]  (26074) : {up}\n{up}\n")
    assert marked_down(log) == ["app-2 is DOWN, reason: Layer7 timeout"]
    assert marked_down(tmp_path / "none.log") == []


def test_cpu_time_is_read_from_proc_and_grows_with_work() -> None:
    mine, busy = process_cpu_seconds(os.getpid()), machine_busy_seconds()
    sum(n * n for n in range(2_000_000))  # some CPU work of this process's own
    assert process_cpu_seconds(os.getpid()) > mine
    assert machine_busy_seconds() > busy
