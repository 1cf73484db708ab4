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
from typing import NamedTuple

from sqlalchemy import Engine


class Pair(NamedTuple):
    """Medians of a figure and its floor: wall-clock and this process's CPU seconds."""

    seconds: float
    floor: float
    cpu: float
    floor_cpu: float


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
    # CPU seconds of this process (the client; SQLite runs inside it), less moved by the load
    # of other processes than the wall-clock seconds.
    cpu: float | None = None
    floor_cpu: float | None = None

    @classmethod
    def of(
        cls,
        where: tuple[str, str],
        measure: str,
        pair: Pair,
        floor_name: str,
        *,
        factor: float | None = None,
        note: str = "",
    ) -> Result:
        """A figure timed beside its floor; `factor` is its target (within factor x floor)."""
        return cls(
            where[0],
            where[1],
            measure,
            pair.seconds,
            pair.floor,
            floor_name,
            f"≤ {factor:g}x floor" if factor else "",
            within(pair.seconds, pair.floor, factor) if factor else None,
            note,
            cpu=pair.cpu,
            floor_cpu=pair.floor_cpu,
        )

    @property
    def ratio(self) -> float | None:
        return None if not self.floor else self.seconds / self.floor


def once(work: Callable[[], object]) -> float:
    return timed(work)[0]


def timed(work: Callable[[], object]) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one run of `work`."""
    start, cpu = time.perf_counter(), time.process_time()
    work()
    return time.perf_counter() - start, time.process_time() - cpu


def paired(figure: Callable[[], object], floor: Callable[[], object], rounds: int) -> Pair:
    """Medians of `figure` and of `floor`, run in turns after one untimed warm-up each."""
    floor()
    figure()
    figures, floors = [], []
    for _ in range(rounds):
        floors.append(timed(floor))
        figures.append(timed(figure))
    return Pair(
        statistics.median(wall for wall, _ in figures),
        statistics.median(wall for wall, _ in floors),
        statistics.median(cpu for _, cpu in figures),
        statistics.median(cpu for _, cpu in floors),
    )


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
