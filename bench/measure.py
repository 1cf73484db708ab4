"""Timing a figure beside its floor, and the machine both ran on.

The machine is shared and its load moves, so a figure and its floor are timed in turns
(floor, figure, floor, figure, ...) and each is the median of its runs: both see the same load.
"""

from __future__ import annotations

import os
import platform
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Engine


@dataclass(frozen=True)
class Result:
    """One line of docs/performance.md: a figure's median seconds beside its floor's."""

    database: str
    population: str
    measure: str
    seconds: float
    floor: float | None
    floor_name: str
    target: str = ""  # e.g. "≤ 2x floor", "< 0.1 s"
    met: bool | None = None
    note: str = ""
    unit: str = "s"  # "MB" for memory

    @property
    def ratio(self) -> float | None:
        return None if not self.floor else self.seconds / self.floor


def once(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def paired(
    figure: Callable[[], object], floor: Callable[[], object], rounds: int
) -> tuple[float, float]:
    """Median seconds of `figure` and of `floor`, run in turns after one untimed warm-up each."""
    floor()
    figure()
    figures, floors = [], []
    for _ in range(rounds):
        floors.append(once(floor))
        figures.append(once(figure))
    return statistics.median(figures), statistics.median(floors)


def median(work: Callable[[], object], rounds: int) -> float:
    return statistics.median(once(work) for _ in range(rounds))


def within(seconds: float, floor: float, factor: float) -> bool:
    return seconds <= floor * factor


def machine(engines: list[Engine]) -> list[tuple[str, str]]:
    """What the figures were measured on."""
    model = platform.processor() or "unknown"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    found = [
        ("CPU", model),
        ("Cores available", str(len(os.sched_getaffinity(0)))),
        ("Load average when the run started", " ".join(f"{x:.1f}" for x in os.getloadavg())),
        ("Python", platform.python_version()),
        ("OS", platform.platform()),
    ]
    for engine in engines:
        with engine.connect() as connection:
            if engine.dialect.name == "sqlite":
                version = connection.exec_driver_sql("select sqlite_version()").scalar()
                found.append(("SQLite", str(version)))
            else:
                version = connection.exec_driver_sql("show server_version").scalar()
                found.append(("PostgreSQL", str(version)))
    return found
