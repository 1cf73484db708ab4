"""Where graduates land (DESIGN.md, "Destinations and evidence"): the NACE knowledge rate and
career-outcomes rate, the share found through networking, the breakdown by status, and the time
to destination as a Kaplan-Meier curve.

The counts are one grouped SQL statement over each graduate's current destination (the newest
recorded no later than `today`). The curve needs each graduate's days from graduation, so those
come as rows (one per graduate who landed or is still seeking, never one per interview) and
statsmodels' `SurvfuncRight` estimates it: graduates still seeking are censored at today, not
dropped, which is what keeps the median honest while a class is still looking.
"""

from __future__ import annotations

import enum
import math
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, NamedTuple

from sqlalchemy import case, func, null, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement, Null

from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.figures.rates import rate
from networkit_core.figures.scope import FigureScope, Graduates, graduate_ids, pinned
from networkit_core.figures.sql import as_date
from networkit_core.models import Cohort, Destination, DestinationStatus, Graduate
from networkit_core.models.destinations import CAREER_OUTCOMES, EMPLOYED
from networkit_core.services.destinations import STATUS_LABELS, current_destinations

NACE_KNOWLEDGE_TARGET = 0.65  # NACE's aim for the knowledge rate
Z_95 = 1.959963984540054  # the normal quantile of a two-sided 95 % interval


@dataclass(frozen=True)
class StatusCount:
    status: DestinationStatus
    label: str
    graduates: int


@dataclass(frozen=True)
class CurvePoint:
    """The Kaplan-Meier step at `day` days since graduation: the share landed by then, with
    its pointwise 95 % band (log-log transform, Greenwood's variance)."""

    day: int
    landed: float
    low: float
    high: float


@dataclass(frozen=True)
class TimeToDestination:
    graduates: int  # in the curve: landed with a start date, and still seeking
    landed: int
    still_seeking: int  # censored at today
    median_days: float | None  # None: fewer than half have landed yet
    median_low: float | None  # 95 % interval of the median; None where it is not bounded
    median_high: float | None
    curve: tuple[CurvePoint, ...]


@dataclass(frozen=True)
class OutcomeFigures:
    graduates: int
    with_destination: int
    knowledge_rate: float | None
    career_outcomes: int
    career_outcomes_rate: float | None
    employed: int
    through_networking: int
    found_through_networking: float | None
    by_status: tuple[StatusCount, ...]
    time_to_destination: TimeToDestination


@dataclass(frozen=True)
class OutcomeGroup:
    cohort_id: int | None
    cohort_name: str | None
    graduation_year: int | None
    figures: OutcomeFigures


class OutcomesBy(enum.StrEnum):
    COHORT = "cohort"
    GRADUATION_YEAR = "graduation_year"
    COHORT_AND_YEAR = "cohort_and_year"


class Spell(NamedTuple):
    """One graduate in the curve: days from graduation, and whether they landed (an event) or
    are still seeking (censored at today). A tuple: there is one per graduate in scope."""

    days: int
    landed: bool


NO_TIME = TimeToDestination(0, 0, 0, None, None, None, ())


def outcomes(
    ctx: Context, actor: Actor, scope: FigureScope, *, today: date | None = None
) -> OutcomeFigures:
    """The outcome figures of every graduate in `scope` together."""
    groups = _grouped(ctx, actor, scope, None, today)
    return groups[0].figures


def outcomes_by(
    ctx: Context,
    actor: Actor,
    scope: FigureScope,
    *,
    by: OutcomesBy,
    today: date | None = None,
) -> tuple[OutcomeGroup, ...]:
    """The outcome figures per cohort, graduation year, or both (each group with graduates in
    scope), by cohort name then year (unknown year last)."""
    return _grouped(ctx, actor, scope, by, today)


def graduation_day(graduation_date: date | None, graduation_year: int | None) -> date | None:
    """A graduate's graduation: the roster's date, else the 31 May of their year (DESIGN.md)."""
    if graduation_date is not None:
        return graduation_date
    return None if graduation_year is None else date(graduation_year, 5, 31)


def spell(
    status: DestinationStatus,
    start: date | None,
    graduated: date | None,
    today: date,
) -> Spell | None:
    """A graduate's place in the time-to-destination curve, or None when they have none: not
    seeking, no graduation known, or landed without a start date (the time is unknown). A start
    before graduation counts as day 0; so does still seeking before graduating."""
    if graduated is None:
        return None
    if status is DestinationStatus.STILL_SEEKING:
        return Spell(max(0, (today - graduated).days), False)
    if start is not None and status in _LANDED:
        return Spell(max(0, (start - graduated).days), True)
    return None


_LANDED = frozenset(CAREER_OUTCOMES)


def time_to_destination(spells: Sequence[Spell]) -> TimeToDestination:
    """The Kaplan-Meier estimate (statsmodels `SurvfuncRight`) of the days from graduation to a
    destination: its median with the 95 % interval statsmodels gives (Brookmeyer-Crowley,
    log-log transform), and the step curve of the share landed with a pointwise band."""
    landed = sum(1 for s in spells if s.landed)
    if not spells:
        return NO_TIME
    if landed == 0:
        # No event: the curve stays at 0 landed, and no median can be said.
        last = max(s.days for s in spells)
        curve = (CurvePoint(0, 0.0, 0.0, 0.0), CurvePoint(last, 0.0, 0.0, 0.0))
        return TimeToDestination(len(spells), 0, len(spells), None, None, None, curve)
    # Imported here: statsmodels (with scipy) takes seconds to import, and only this figure
    # needs it, so the command line and the pages start without it.
    import numpy as np
    from statsmodels.duration.survfunc import SurvfuncRight

    times = np.array([s.days for s in spells], dtype=float)
    events = np.array([1 if s.landed else 0 for s in spells], dtype=float)
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        # Log-log transforms at survival 0 or 1 divide by zero: those bounds are open (nan).
        warnings.simplefilter("ignore", RuntimeWarning)
        fit = SurvfuncRight(times, events)
        median = _finite(fit.quantile(0.5))
        low, high = (_finite(v) for v in fit.quantile_ci(0.5))
    if median is None:
        low = high = None
    points = [CurvePoint(0, 0.0, 0.0, 0.0)]
    for day, survival, se in zip(fit.surv_times, fit.surv_prob, fit.surv_prob_se, strict=True):
        band_low, band_high = _band(float(survival), float(se))
        points.append(CurvePoint(int(day), 1.0 - float(survival), band_low, band_high))
    last_day = int(times.max())
    if last_day > points[-1].day:  # the curve runs on, flat, to the last graduate followed
        points.append(replace_day(points[-1], last_day))
    return TimeToDestination(
        graduates=len(spells),
        landed=landed,
        still_seeking=len(spells) - landed,
        median_days=median,
        median_low=low,
        median_high=high,
        curve=tuple(points),
    )


def replace_day(point: CurvePoint, day: int) -> CurvePoint:
    return CurvePoint(day, point.landed, point.low, point.high)


def _finite(value: Any) -> float | None:
    number = float(value)
    return None if math.isnan(number) or math.isinf(number) else number


def _band(survival: float, se: float) -> tuple[float, float]:
    """The pointwise 95 % band of the share landed (1 - S) on the log-log scale, the transform
    statsmodels uses for the median's interval; it stays within 0..1."""
    if not 0.0 < survival < 1.0 or math.isnan(se) or se == 0.0:
        return 1.0 - survival, 1.0 - survival
    log_log = math.log(-math.log(survival))
    spread = Z_95 * se / (survival * abs(math.log(survival)))
    s_low = math.exp(-math.exp(log_log - spread))  # the larger survival
    s_high = math.exp(-math.exp(log_log + spread))
    return 1.0 - s_low, 1.0 - s_high


# The grouped counts, in the order of the SELECT below.
_COUNTS = (
    "graduates",
    "with_destination",
    "career_outcomes",
    "seeking_or_placed",
    "employed",
    "through_networking",
)


def outcomes_three_ways(
    ctx: Context, actor: Actor, scope: FigureScope, *, today: date | None = None
) -> tuple[OutcomeFigures, tuple[OutcomeGroup, ...], tuple[OutcomeGroup, ...]]:
    """`outcomes`, and `outcomes_by` cohort and by graduation year, from one read grouped by
    both: the counts add up and the spells join, so the three need not each read the graduates
    again (the outcomes page shows all three)."""
    counts, spells, names = _read(ctx, actor, scope, OutcomesBy.COHORT_AND_YEAR, today)
    overall = _folded(counts, spells, names, None)[0].figures
    return (
        overall,
        _folded(counts, spells, names, OutcomesBy.COHORT),
        _folded(counts, spells, names, OutcomesBy.GRADUATION_YEAR),
    )


def _grouped(
    ctx: Context,
    actor: Actor,
    scope: FigureScope,
    by: OutcomesBy | None,
    today: date | None,
) -> tuple[OutcomeGroup, ...]:
    return _groups(*_read(ctx, actor, scope, by, today), by)


Key = tuple[Any, Any]  # a group's (cohort id, graduation year), None where left out


def _read(
    ctx: Context, actor: Actor, scope: FigureScope, by: OutcomesBy | None, today: date | None
) -> tuple[dict[Key, dict[str, Any]], dict[Key, list[Spell]], dict[int, str]]:
    today = today or ctx.clock.today()
    with ctx.unit_of_work() as session:
        graduates: Graduates = graduate_ids(session, actor, scope)
        if scope.kind != "everything":  # a cohort's or caseload's ids, read once (scope.pinned)
            graduates = pinned(session, graduates)
        counts = _counts(session, graduates, by, today)
        spells = _spells(session, graduates, by, today)
        names = dict(session.execute(select(Cohort.id, Cohort.name)).all()) if by else {}
    return counts, spells, names


def _folded(
    counts: dict[Key, dict[str, Any]],
    spells: dict[Key, list[Spell]],
    names: dict[int, str],
    by: OutcomesBy | None,
) -> tuple[OutcomeGroup, ...]:
    """The groups of `by` (None: all together) from groups by cohort and year: their counts
    summed, their spells joined."""
    summed: dict[Key, dict[str, Any]] = {}
    joined: dict[Key, list[Spell]] = {}
    for (cohort_id, year), row in counts.items():
        key = (
            cohort_id if by is OutcomesBy.COHORT else None,
            year if by is OutcomesBy.GRADUATION_YEAR else None,
        )
        into = summed.setdefault(key, {"cohort": key[0], "year": key[1]})
        for name, value in row.items():
            if name not in ("cohort", "year"):
                into[name] = into.get(name, 0) + int(value or 0)
        joined.setdefault(key, []).extend(spells.get((cohort_id, year), []))
    return _groups(summed, joined, names, by)


def _groups(
    counts: dict[Key, dict[str, Any]],
    spells: dict[Key, list[Spell]],
    names: dict[int, str],
    by: OutcomesBy | None,
) -> tuple[OutcomeGroup, ...]:
    if by is None:
        row = counts.get((None, None)) or _empty_counts()
        return (OutcomeGroup(None, None, None, _figures(row, spells.get((None, None), []))),)
    groups = [
        OutcomeGroup(
            cohort_id,
            names.get(cohort_id) if cohort_id is not None else None,
            year,
            _figures(row, spells.get((cohort_id, year), [])),
        )
        for (cohort_id, year), row in counts.items()
    ]
    return tuple(
        sorted(
            groups,
            key=lambda g: (
                g.cohort_name or "",
                g.graduation_year is None,
                g.graduation_year or 0,
            ),
        )
    )


def _keys(by: OutcomesBy | None) -> list[ColumnElement[Any]]:
    """The group's columns (cohort, year), NULL where the grouping leaves one out."""
    keys: list[ColumnElement[Any]] = [null(), null()]
    if by in (OutcomesBy.COHORT, OutcomesBy.COHORT_AND_YEAR):
        keys[0] = Graduate.cohort_id
    if by in (OutcomesBy.GRADUATION_YEAR, OutcomesBy.COHORT_AND_YEAR):
        keys[1] = Graduate.graduation_year
    return keys


def _grouping(by: OutcomesBy | None) -> list[ColumnElement[Any]]:
    return [key for key in _keys(by) if not isinstance(key, Null)]


def _counts(
    session: Session, graduates: Graduates, by: OutcomesBy | None, today: date
) -> dict[tuple[Any, Any], dict[str, Any]]:
    cohort, year = _keys(by)
    current = Destination.id.in_(current_destinations(today))
    status = Destination.status
    landed = status.in_(CAREER_OUTCOMES)
    employed = status.in_(EMPLOYED)

    def count(condition: ColumnElement[bool]) -> ColumnElement[int]:
        return func.sum(case((condition, 1), else_=0))

    query = (
        select(
            cohort.label("cohort"),
            year.label("year"),
            func.count(Graduate.id).label("graduates"),
            func.count(Destination.id).label("with_destination"),
            count(landed).label("career_outcomes"),
            count(status != DestinationStatus.NOT_SEEKING).label("seeking_or_placed"),
            count(employed).label("employed"),
            count(employed & Destination.found_through_interview_id.is_not(None)).label(
                "through_networking"
            ),
            *[count(status == member).label(member.value) for member in DestinationStatus],
        )
        .select_from(Graduate)
        .outerjoin(Destination, (Destination.graduate_id == Graduate.id) & current)
        .where(Graduate.id.in_(graduates))
    )
    if by is not None:
        query = query.group_by(*_grouping(by))
    return {
        (row["cohort"], row["year"]): dict(row)
        for row in session.execute(query).mappings()
        if by is not None or row["graduates"]
    }


def _spells(
    session: Session, graduates: Graduates, by: OutcomesBy | None, today: date
) -> dict[tuple[Any, Any], list[Spell]]:
    cohort, year = _keys(by)
    query = (
        select(
            cohort.label("cohort"),
            year.label("year"),
            Graduate.graduation_date,
            Graduate.graduation_year,
            Destination.status,
            Destination.start_date,
        )
        .join(Destination, Destination.graduate_id == Graduate.id)
        .where(
            Graduate.id.in_(graduates),
            Destination.id.in_(current_destinations(today)),
            Destination.status.in_([*CAREER_OUTCOMES, DestinationStatus.STILL_SEEKING]),
        )
    )
    spells: dict[tuple[Any, Any], list[Spell]] = {}
    for cohort_key, year_key, graduation_date, graduation_year, status, start in session.execute(
        query
    ):
        graduated = graduation_day(as_date(graduation_date), graduation_year)
        found = spell(status, as_date(start), graduated, today)
        if found is not None:
            spells.setdefault((cohort_key, year_key), []).append(found)
    return spells


def _empty_counts() -> dict[str, Any]:
    return {name: 0 for name in (*_COUNTS, *(m.value for m in DestinationStatus))}


def _figures(row: dict[str, Any], spells: Iterable[Spell]) -> OutcomeFigures:
    n = {name: int(row[name] or 0) for name in _COUNTS}
    return OutcomeFigures(
        graduates=n["graduates"],
        with_destination=n["with_destination"],
        knowledge_rate=rate(n["with_destination"], n["graduates"]),
        career_outcomes=n["career_outcomes"],
        career_outcomes_rate=rate(n["career_outcomes"], n["seeking_or_placed"]),
        employed=n["employed"],
        through_networking=n["through_networking"],
        found_through_networking=rate(n["through_networking"], n["employed"]),
        by_status=tuple(
            StatusCount(member, STATUS_LABELS[member], int(row[member.value] or 0))
            for member in DestinationStatus
        ),
        time_to_destination=time_to_destination(list(spells)),
    )
