"""Figures, defined once (DESIGN.md): counts, rates, weekly series, due today, the cohort
report, question usefulness, referrals and shared contacts, where graduates land (outcomes,
the first-destination report) and which habits went with it (evidence). Each is computed in
SQL for a `FigureScope` and a `Period`, scoped by the acting user; the dashboard, the CSV
reports and the command line all call these functions."""

from networkit_core.figures.scope import ALL_TIME, FigureScope, Period

__all__ = ["ALL_TIME", "FigureScope", "Period"]
