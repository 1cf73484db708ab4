"""The cohort report for the demo data equals, cell for cell, what `networkit figures` gives."""

from __future__ import annotations

import csv
import io
import json

import pytest
from sqlalchemy import select

from networkit_core.actor import Actor
from networkit_core.cli.main import main
from networkit_core.context import Context
from networkit_core.demo import load_demo
from networkit_core.errors import AccessDenied
from networkit_core.interchange import export
from networkit_core.interchange.formats import COHORT_REPORT
from networkit_core.models import Cohort, Role, User


def _cell(value: object) -> str:
    """How the report writes a JSON value: 4-decimal fractions, ISO dates, empty for null."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4f}"
    return str(value)


@pytest.mark.parametrize("role", [Role.ADMIN, Role.ADVISOR])
def test_cohort_report_matches_the_figures_command(
    ctx: Context,
    role: Role,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    load_demo(ctx, seed=2026, progress=None)
    with ctx.unit_of_work() as session:
        user = session.scalars(select(User).where(User.role == role).order_by(User.id)).first()
        assert user is not None
        actor = Actor.of(user)
        cohorts = session.scalars(select(Cohort.name).order_by(Cohort.name)).all()
    monkeypatch.setenv("DATABASE_URL", ctx.settings.database_url)

    compared = 0
    for cohort in cohorts:
        args = ["figures", "--cohort", cohort, "--as", actor.email, "--json"]
        code = main([*args, "--today", ctx.clock.today().isoformat()])
        printed = capsys.readouterr()
        try:
            report = export(ctx, actor, "cohort-report", cohort=cohort)
        except AccessDenied as refused:  # a cohort the advisor does not coach: both refuse
            assert code == 1 and "No such cohort" in printed.err
            assert "No such cohort" in str(refused)
            continue
        assert code == 0, printed.err
        expected = [
            [_cell(graduate[name]) for name in COHORT_REPORT]
            for graduate in json.loads(printed.out)["graduates"]
        ]
        rows = list(csv.reader(io.StringIO(report.decode("utf-8"))))
        assert rows[0] == list(COHORT_REPORT)
        assert rows[1:] == expected
        assert len(expected) > 10
        compared += len(expected)
    assert compared >= 18  # the advisor coaches at least one cohort of the demo
