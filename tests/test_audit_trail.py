"""Issue 12, item 9: the audit log tells who did what. Refused exports and imports are there;
an import names the ids it created and changed; a roster import's advisor assignments are
there; an action from the command line says so, and as whom (`--as` asks no password). On
SQLite and PostgreSQL."""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from networkit_core.cli.main import main
from networkit_core.context import Context
from networkit_core.errors import AccessDenied
from networkit_core.interchange import ImportRefused, export, import_now
from networkit_core.models import AuditEntry, CohortAdvisor, Contact, FollowUp, Interview, User
from networkit_core.settings import Settings
from tests.csv_support import populate

INTERVIEWS = "interview_id,graduate_email,contact_name,meeting_date,status,notes\n"


@pytest.fixture
def cli_env(ctx: Context, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Context:
    monkeypatch.setenv("DATABASE_URL", settings.database_url)
    return ctx


def _entries(ctx: Context, action: str) -> list[AuditEntry]:
    with ctx.unit_of_work() as session:
        return list(
            session.scalars(
                select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)
            )
        )


def _ids(ctx: Context, model: Any, *where: Any) -> list[int]:
    with ctx.unit_of_work() as session:
        return sorted(session.scalars(select(model.id).where(*where)))


def test_a_refused_export_is_logged(ctx: Context) -> None:
    people = populate(ctx)
    advisor = people["advisor"]  # does not coach Autumn 2025 Design
    with pytest.raises(AccessDenied):
        export(ctx, advisor, "roster", cohort="Autumn 2025 Design")
    [entry] = _entries(ctx, "export_refused")
    assert (entry.actor_id, entry.entity) == (advisor.id, "roster")
    assert entry.detail == {
        "reason": "No such cohort, or you do not have access to it.",
        "cohort": "Autumn 2025 Design",
    }


def test_a_refused_import_is_logged_with_its_first_problems(ctx: Context) -> None:
    people = populate(ctx)
    ana = people["grads"][0][0]
    with pytest.raises(ImportRefused):
        import_now(ctx, ana, "roster", b"email,first_name,cohort\nx@y.org,X,Z\n")
    bad = f"{INTERVIEWS}HX-0000,ana.lima@example.org,Dana Reyes,9999-12-31,planned,\n"
    with pytest.raises(ImportRefused):
        import_now(ctx, ana, "interviews", bad.encode())
    roster, interviews = _entries(ctx, "import_refused")
    assert (roster.actor_id, roster.entity) == (ana.id, "roster")
    assert roster.detail["reason"] == "1 problem"
    assert roster.detail["problems"] == ["only admins and advisors import rosters"]
    assert interviews.entity == "interviews"
    assert interviews.detail["problems"][0].startswith(
        "row 2, column meeting_date: 9999-12-31 is out of range"
    )


def test_an_import_names_the_ids_it_created_and_changed(ctx: Context) -> None:
    people = populate(ctx)
    ana = people["grads"][0][0]
    data = (
        f"{INTERVIEWS}HX-0000,ana.lima@example.org,Dana Reyes,2026-02-04,completed,changed\n"
        "HX-NEW1,ana.lima@example.org,Rita Moreno,2026-03-01,completed,new\n"
        "HX-0001,ana.lima@example.org,Sam Lee,2026-02-24,completed,\n"
    )
    contacts_before = set(_ids(ctx, Contact))
    import_now(ctx, ana, "interviews", data.encode())
    [entry] = _entries(ctx, "import")
    assert (entry.actor_id, entry.entity) == (ana.id, "interviews")
    # Rows without an organization name new contacts (matched on name and organization).
    new_contacts = sorted(set(_ids(ctx, Contact)) - contacts_before)
    assert len(new_contacts) == 3
    assert entry.detail["created"] == {
        "interview": _ids(ctx, Interview, Interview.public_id == "HX-NEW1"),
        "contact": new_contacts,
    }
    # HX-0000's notes changed, HX-0001's contact did.
    assert entry.detail["changed"] == {
        "interview": _ids(ctx, Interview, Interview.public_id.in_(["HX-0000", "HX-0001"])),
    }
    follow = "interview_id,date,kind,note\nHX-NEW1,2026-03-05,article,sent\n"
    import_now(ctx, ana, "follow-ups", follow.encode())
    second = _entries(ctx, "import")[-1]
    assert second.detail["created"] == {"follow_up": _ids(ctx, FollowUp, FollowUp.note == "sent")}


def test_a_roster_import_logs_its_accounts_and_advisor_assignments(ctx: Context) -> None:
    people = populate(ctx)
    admin, coach_b = people["admin"], people["other_advisor"]
    data = (
        "email,first_name,last_name,cohort,advisor_email\n"
        "zoe@example.org,Zoe,Ng,Spring 2026 Business,coach.b@example.org\n"
        "ana.lima@example.org,Ana,Lima-Souza,Spring 2026 Business,\n"
    )
    import_now(ctx, admin, "roster", data.encode())
    [entry] = _entries(ctx, "import")
    zoe = _ids(ctx, User, User.email == "zoe@example.org")
    ana = _ids(ctx, User, User.email == "ana.lima@example.org")
    assert entry.detail["created"] == {"user": zoe}
    assert entry.detail["changed"] == {"user": ana}
    [assignment] = [e for e in _entries(ctx, "assign_advisor") if e.actor_id == admin.id]
    assert assignment.entity == "cohort" and assignment.entity_id == str(people["spring"])
    assert assignment.detail == {"advisor_id": coach_b.id, "source": "roster import"}
    with ctx.unit_of_work() as session:
        coached = session.scalars(
            select(CohortAdvisor.cohort_id).where(CohortAdvisor.advisor_id == coach_b.id)
        ).all()
    assert people["spring"] in coached


def test_the_command_line_says_it_acted_without_a_password(
    cli_env: Context, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    people = populate(cli_env)
    file = tmp_path / "interviews.csv"
    file.write_text(f"{INTERVIEWS}HX-0000,ana.lima@example.org,Dana Reyes,2026-02-04,completed,x\n")
    assert main(["import", "interviews", str(file), "--as", "ana.lima@example.org"]) == 0
    assert main(["export", "roster", "--cohort", "Nope", "--as", "coach.a@example.org"]) == 1
    assert main(["export", "questions", "--out", str(tmp_path / "q.csv")]) == 0
    capsys.readouterr()
    user = getpass.getuser()
    [imported] = _entries(cli_env, "import")
    assert imported.actor_id == people["grads"][0][0].id
    assert imported.detail["via"] == (
        f"command line (--as ana.lima@example.org, no password asked; system user {user})"
    )
    [refused] = _entries(cli_env, "export_refused")
    assert refused.actor_id == people["advisor"].id
    assert refused.detail["via"].startswith("command line (--as coach.a@example.org, no password")
    [exported] = _entries(cli_env, "export")
    assert exported.actor_id == people["admin"].id
    assert exported.detail["via"] == (
        f"command line (as the first admin, no password asked; system user {user})"
    )
