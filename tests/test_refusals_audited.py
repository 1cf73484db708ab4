"""Issue 17, item 16: every refused privileged action leaves an audit row, as refused exports
and imports did: a deactivation, a role change, a cohort archive, the deletion of another's
interview, a nudge and figures out of scope. The refusal's own transaction rolls back; the row,
written in one of its own, stays, and nothing else is written. On SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select

from networkit_core.actor import Actor
from networkit_core.cli.main import main
from networkit_core.context import Context
from networkit_core.errors import AccessDenied, InvalidInput, NetworkitError
from networkit_core.models import AuditEntry, Cohort, Graduate, Interview
from networkit_core.read_models.dashboard import advisor_dashboard
from networkit_core.read_models.graduate_file import graduate_file
from networkit_core.services import coaching, cohorts, interviews
from networkit_core.services.accounts import admin
from networkit_core.settings import Settings
from tests.csv_support import dump, populate

NO_SUCH = "No such {what}, or you do not have access to it."


@pytest.fixture
def people(ctx: Context) -> dict[str, Any]:
    return populate(ctx)


def _refused(ctx: Context, action: str) -> list[tuple[int | None, str, str | None, dict[str, Any]]]:
    with ctx.unit_of_work() as session:
        return [
            (entry.actor_id, entry.entity, entry.entity_id, entry.detail)
            for entry in session.scalars(
                select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)
            )
        ]


def _attempt(
    ctx: Context, error: type[NetworkitError], service: Callable[..., object], *args: Any
) -> None:
    """`service(ctx, *args)` is refused with `error`, and writes nothing but the audit row."""
    before = dump(ctx)
    with pytest.raises(error):
        service(ctx, *args)
    assert dump(ctx) == before


def _graduate_id(ctx: Context, actor: Actor) -> int:
    with ctx.unit_of_work() as session:
        graduate_id = session.scalar(select(Graduate.id).where(Graduate.user_id == actor.id))
        assert graduate_id is not None
        return graduate_id


def test_a_refused_deactivation_is_recorded(ctx: Context, people: dict[str, Any]) -> None:
    advisor, admin_actor = people["advisor"], people["admin"]
    ana = people["grads"][0][0]
    _attempt(ctx, AccessDenied, admin.deactivate_user, advisor, ana.id)
    _attempt(ctx, InvalidInput, admin.deactivate_user, admin_actor, admin_actor.id)
    assert _refused(ctx, "deactivate_refused") == [
        (advisor.id, "user", str(ana.id), {"reason": NO_SUCH.format(what="page or action")}),
        (
            admin_actor.id,
            "user",
            str(admin_actor.id),
            {"reason": "You cannot deactivate your own account."},
        ),
    ]


def test_a_refused_role_change_is_recorded(ctx: Context, people: dict[str, Any]) -> None:
    advisor, admin_actor = people["advisor"], people["admin"]
    _attempt(ctx, AccessDenied, admin.change_role, advisor, advisor.id, "admin")
    ana = people["grads"][0][0]
    _attempt(ctx, InvalidInput, admin.change_role, admin_actor, ana.id, "advisor")
    [by_advisor, by_admin] = _refused(ctx, "change_role_refused")
    assert by_advisor == (
        advisor.id,
        "user",
        str(advisor.id),
        {"reason": NO_SUCH.format(what="page or action")},
    )
    assert by_admin[:3] == (admin_actor.id, "user", str(ana.id))
    assert "enrolled as a graduate" in by_admin[3]["reason"]


def test_a_refused_cohort_archive_is_recorded(ctx: Context, people: dict[str, Any]) -> None:
    advisor = people["advisor"]
    with ctx.unit_of_work() as session:
        spring = session.scalar(select(Cohort.id).where(Cohort.name == "Spring 2026 Business"))
    _attempt(ctx, AccessDenied, cohorts.archive_cohort, advisor, spring)
    assert _refused(ctx, "archive_refused") == [
        (advisor.id, "cohort", str(spring), {"reason": NO_SUCH.format(what="page or action")})
    ]


def test_deleting_anothers_interview_is_recorded(ctx: Context, people: dict[str, Any]) -> None:
    ana = people["grads"][0][0]
    with ctx.unit_of_work() as session:
        bens = session.scalar(select(Interview.id).where(Interview.public_id == "HX-1000"))
    _attempt(ctx, AccessDenied, interviews.delete_interview, ana, bens)
    # And an advisor, who reads interviews but changes none.
    _attempt(ctx, AccessDenied, interviews.delete_interview, people["advisor"], bens)
    assert _refused(ctx, "delete_refused") == [
        (who.id, "interview", str(bens), {"reason": NO_SUCH.format(what="interview")})
        for who in (ana, people["advisor"])
    ]


def test_an_out_of_scope_nudge_is_recorded(ctx: Context, people: dict[str, Any]) -> None:
    advisor = people["advisor"]  # coaches Spring 2026 Business, not Chloe's Autumn 2025 Design
    chloe = _graduate_id(ctx, people["grads"][2][0])
    _attempt(ctx, AccessDenied, coaching.record_nudge, advisor, chloe, "Reminded by e-mail")
    assert _refused(ctx, "nudge_refused") == [
        (advisor.id, "graduate", str(chloe), {"reason": NO_SUCH.format(what="graduate")})
    ]


def test_out_of_scope_figures_are_recorded(ctx: Context, people: dict[str, Any]) -> None:
    advisor = people["advisor"]
    _attempt(
        ctx,
        AccessDenied,
        lambda c, a: advisor_dashboard(c, a, cohort="Autumn 2025 Design"),
        advisor,
    )
    _attempt(ctx, AccessDenied, graduate_file, advisor, "chloe.durand@example.org")
    assert _refused(ctx, "figures_refused") == [
        (
            advisor.id,
            "cohort",
            None,
            {"reason": NO_SUCH.format(what="cohort"), "cohort": "Autumn 2025 Design"},
        ),
        (
            advisor.id,
            "graduate",
            None,
            {"reason": NO_SUCH.format(what="graduate"), "email": "chloe.durand@example.org"},
        ),
    ]


def test_out_of_scope_figures_on_the_command_line_are_recorded(
    ctx: Context, people: dict[str, Any], settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", settings.database_url)
    advisor = people["advisor"]
    for asked in (["--cohort", "Autumn 2025 Design"], ["--graduate", "ghost@example.org"]):
        assert main(["figures", *asked, "--as", advisor.email]) == 1
    refused = _refused(ctx, "figures_refused")
    # The command line says it acted without a password, as whom (tests/test_audit_trail.py).
    assert all(detail.pop("via").startswith("command line (--as") for *_, detail in refused)
    assert refused == [
        (
            advisor.id,
            "scope",
            None,
            {
                "reason": NO_SUCH.format(what="cohort"),
                "cohort": "Autumn 2025 Design",
                "graduate": None,
            },
        ),
        (
            advisor.id,
            "scope",
            None,
            {
                "reason": NO_SUCH.format(what="graduate"),
                "cohort": None,
                "graduate": "ghost@example.org",
            },
        ),
    ]
