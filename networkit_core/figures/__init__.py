"""Figures, defined once (DESIGN.md), computed in SQL for a `FigureScope` and a `Period`: the
dashboard, the cohort report and `networkit figures` all call these."""

from networkit_core.figures.scope import ALL_TIME, FigureScope, Period

__all__ = ["ALL_TIME", "FigureScope", "Period"]
