"""docs/performance.md: every figure beside its floor and the ratio, and the machine."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from bench.cluster_report import BEGIN, END
from bench.measure import Result
from bench.populations import Population

HEADER = """# Performance

Written by `make bench` (`python -m bench`); do not edit by hand, run it again. Each figure is
the median of repeated runs, timed in turns with its floor (floor, figure, floor, ...) in the
same process, so both saw the same load: the machine is shared, and the ratio is the number to
read. The client CPU (this process, where SQLite runs; PostgreSQL's server work is not in it)
moves less with the load than the wall clock. A floor is the least a bare script would do for
the same result (named in each row); the benchmark checks that the floor and the core agree on
the counts before timing them.

How to run it, and on PostgreSQL: see the README, "Benchmarks".
"""


def _seconds(value: float | None, unit: str = "s") -> str:
    if value is None:
        return "—"
    if unit != "s":
        return f"{value:.0f} {unit}"
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def _cpu(result: Result) -> str:
    if result.cpu is None:
        return ""
    return f"{_seconds(result.cpu)} / {_seconds(result.floor_cpu)}"


def _met(result: Result) -> str:
    if result.met is None:
        return ""
    return "yes" if result.met else "**no**"


def write(
    path: Path,
    results: list[Result],
    populations: list[tuple[str, Population]],
    machine: list[tuple[str, str]],
    command: str,
) -> None:
    lines = [HEADER, f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC: `{command}`.", ""]
    lines += ["## Machine", "", "| | |", "| --- | --- |"]
    lines += [f"| {name} | {value} |" for name, value in machine]
    lines += ["", "## Populations (bench/populations.py)", ""]
    lines += ["| database | population | built in | rows |", "| --- | --- | --- | --- |"]
    for database, population in populations:
        rows = ", ".join(f"{table} {count:,}" for table, count in population.rows.items())
        lines.append(
            f"| {database} | {population.size.name} | {_seconds(population.seconds)} | {rows} |"
        )
    lines += ["", "## Figures beside their floors", ""]
    lines += [
        "| database | pop. | measure | median | floor | floor is | ratio | target | met "
        "| client CPU: figure / floor | note |",
        "| --- | --- | --- | ---: | ---: | --- | ---: | --- | --- | ---: | --- |",
    ]
    for r in results:
        ratio = f"{r.ratio:.2f}x" if r.ratio is not None else "—"
        lines.append(
            f"| {r.database} | {r.population} | {r.measure} | {_seconds(r.seconds, r.unit)} | "
            f"{_seconds(r.floor, r.unit)} | {r.floor_name} | {ratio} | {r.target} | {_met(r)} | "
            f"{_cpu(r)} | {r.note} |"
        )
    lines += _load_section(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _load_section(path: Path) -> list[str]:
    """The load benchmark's section (`python -m bench cluster`), kept as it was: it takes a
    quarter of an hour, and is run on its own."""
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    if BEGIN not in old or END not in old:
        return []
    return ["", BEGIN + old.split(BEGIN, 1)[1].split(END, 1)[0] + END]
