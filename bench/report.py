"""docs/performance.md: every figure beside its floor and the ratio, and the machine.

Other benchmarks (the interactions, the cluster) write sections of their own into the same file,
between `<!-- BEGIN name -->` and `<!-- END name -->`: a rewrite keeps them as they were.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

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


# A section another benchmark wrote: kept whole, markers included.
SECTION = re.compile(
    r"^<!-- BEGIN (?P<name>[\w.-]+) -->$.*?^<!-- END (?P=name) -->$", re.MULTILINE | re.DOTALL
)
OWNED: frozenset[str] = frozenset()  # the sections this report writes itself: none


def kept_sections(text: str) -> list[str]:
    """The delimited sections of `text` this report does not own, in their order."""
    return [m.group(0) for m in SECTION.finditer(text) if m.group("name") not in OWNED]


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
    lines += table(results)
    kept = kept_sections(path.read_text(encoding="utf-8")) if path.exists() else []
    for section in kept:
        lines += ["", section]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def table(results: list[Result]) -> list[str]:
    """The figures as the report's table rows, header first."""
    lines = [
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
    return lines


def write_section(path: Path, name: str, body: str) -> None:
    """`body` as the section `name` of the report at `path`: in its place if it is there, at
    the end if not; the rest of the file as it was."""
    section = f"<!-- BEGIN {name} -->\n{body.strip()}\n<!-- END {name} -->"
    text = path.read_text(encoding="utf-8") if path.exists() else HEADER
    old = next((m for m in SECTION.finditer(text) if m.group("name") == name), None)
    if old is None:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    else:
        text = text[: old.start()] + section + text[old.end() :]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
