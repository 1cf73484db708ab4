"""Erasure on request (issue 20): no row names the person afterwards, nobody else's data changes,
the audit keeps an erase entry without the e-mail, only an admin erases (and not themselves),
erased people stay erased (a roster re-import refuses them by name and imports the rest, unless
told to bring them back), retention erases exactly the long-gone graduates, and the command
line asks to type the e-mail."""

from __future__ import annotations

import hashlib
import hmac
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from networkit_core.actor import Actor
from networkit_core.cli.figures_cmd import figures_report
from networkit_core.cli.main import main
from networkit_core.context import Context
from networkit_core.errors import AccessDenied, InvalidInput
from networkit_core.figures.scope import FigureScope, Period
from networkit_core.interchange import import_now, preview
from networkit_core.models import (
    AuditEntry,
    CoachingComment,
    ErasedPerson,
    Graduate,
    InstanceSetting,
    InterviewQuestion,
    QuestionBank,
    Role,
    User,
    UserSession,
)
from networkit_core.services.accounts import admin as accounts_admin
from networkit_core.services.erased import ERASURE_KEY
from networkit_core.services.erasure import erase, erasure_preview, retention
from tests import factories
from tests.conftest import TODAY
from tests.erasure_support import (
    GRADUATED_LONG_AGO,
    Person,
    populated_graduate,
    roster_file,
    row_counts,
)
from tests.person_rows import rows_naming


@pytest.fixture
def world(ctx: Context) -> dict[str, Any]:
    admin = factories.user(ctx, Role.ADMIN)
    advisor = factories.user(ctx, Role.ADVISOR)
    spring = factories.cohort(ctx, "Spring", (advisor,))
    autumn = factories.cohort(ctx, "Autumn", (advisor,))
    target = populated_graduate(ctx, spring, advisor, admin, "kim.erased@example.org")
    neighbour = populated_graduate(ctx, spring, advisor, admin)
    far = populated_graduate(ctx, autumn, advisor, admin)
    # The neighbour takes a question of the target's shared bank: the bank must outlive them.
    with ctx.unit_of_work() as session:
        shared = session.scalars(
            select(QuestionBank).where(
                QuestionBank.owner_id == target.actor.id, QuestionBank.name == "Shared"
            )
        ).one()
        question_id = shared.questions[0].id
    factories.use_question(ctx, neighbour.interview_id, question_id, 3)
    return {
        "admin": admin,
        "advisor": advisor,
        "target": target,
        "neighbour": neighbour,
        "far": far,
        "autumn": autumn,
        "shared_bank": shared.id,
    }


def naming(ctx: Context, person: Person) -> dict[str, set[Any]]:
    with ctx.unit_of_work() as session:
        return rows_naming(session, person.actor.id, person.email)


def erase_target(ctx: Context, world: dict[str, Any]) -> None:
    target: Person = world["target"]
    erase(ctx, world["admin"], target.email, confirm_email=target.email.upper())


def test_erasure_leaves_no_row_naming_them(ctx: Context, world: dict[str, Any]) -> None:
    target: Person = world["target"]
    before = naming(ctx, target)
    assert set(before) >= {
        "users",
        "graduates",
        "contacts",
        "interviews",
        "follow_ups",
        "checklist_ticks",
        "interview_questions",
        "coaching_comments",
        "destinations",
        "question_banks",
        "user_sessions",
        "sign_in_links",
        "calendar_feeds",
        "outbound_emails",
        "reminder_opt_outs",
        "import_mappings",
        "sign_in_throttles",
        "instance_settings",
        "audit_log",
    }
    shown = erasure_preview(ctx, world["admin"], target.email)
    assert shown.counts["interviews"] == 1
    assert shown.counts["contacts"] == 2
    assert shown.counts["follow-ups"] == 2
    assert shown.counts["comments and nudges about them"] == 2
    assert shown.counts["destinations"] == 1
    assert shown.counts["sessions"] == 1
    assert shown.counts["private question banks"] == 1
    assert dict(shown.kept)["question banks others use (kept, without an owner)"] == 1

    erase_target(ctx, world)

    assert naming(ctx, target) == {}


def test_erasure_changes_nobody_elses_data(ctx: Context, world: dict[str, Any]) -> None:
    admin: Actor = world["admin"]
    neighbour: Person = world["neighbour"]
    autumn = FigureScope.cohort(world["autumn"])
    neighbours_rows = naming(ctx, neighbour)
    autumn_figures = figures_report(ctx, admin, autumn, Period())

    erase_target(ctx, world)

    assert naming(ctx, neighbour) == neighbours_rows
    assert figures_report(ctx, admin, autumn, Period()) == autumn_figures
    with ctx.unit_of_work() as session:
        bank = session.get_one(QuestionBank, world["shared_bank"])
        assert bank.owner_id is None and len(bank.questions) == 1
        taken = session.scalar(
            select(func.count()).where(InterviewQuestion.interview_id == neighbour.interview_id)
        )
        assert taken == 3  # their own two questions and the shared one
        showcase = session.get_one(InstanceSetting, "demo_graduates").value
        assert neighbour.email in showcase and world["target"].email not in showcase


def test_the_audit_keeps_an_erase_entry_without_the_email(
    ctx: Context, world: dict[str, Any]
) -> None:
    target: Person = world["target"]
    with ctx.unit_of_work() as session:
        entries_before = session.scalar(select(func.count()).select_from(AuditEntry))
    erase_target(ctx, world)
    with ctx.unit_of_work() as session:
        entries = session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
        key = session.get_one(InstanceSetting, ERASURE_KEY).value.encode()
        kept = session.scalars(select(ErasedPerson)).all()
    assert len(entries) == entries_before + 1  # stripped entries keep their place
    last = entries[-1]
    assert (last.action, last.actor_id, last.entity_id) == ("erase", world["admin"].id, None)
    digest = hmac.new(key, target.email.encode(), hashlib.sha256).hexdigest()
    assert last.detail["email_hash"] == digest
    assert [(row.email_hash, row.erased_on) for row in kept] == [(digest, TODAY)]
    assert not any(target.email in str(entry.detail) for entry in entries)
    stripped = [e for e in entries if e.detail == {"erased": True}]
    assert {e.action for e in stripped} >= {"sign_in", "sign_in_failed", "update", "create"}
    assert all(e.actor_id is None and e.entity_id is None for e in stripped)


def test_the_secret_from_settings_keys_the_hash(ctx: Context, world: dict[str, Any]) -> None:
    keyed = Context(ctx.engine, ctx.settings.model_copy(update={"erasure_secret": "s3cret"}))
    target: Person = world["target"]
    erase(keyed, world["admin"], target.email, confirm_email=target.email)
    with ctx.unit_of_work() as session:
        stored = session.scalars(select(ErasedPerson.email_hash)).one()
        assert session.get(InstanceSetting, ERASURE_KEY) is None
    assert stored == hmac.new(b"s3cret", target.email.encode(), hashlib.sha256).hexdigest()


def test_erasure_is_confirmed_by_the_email_and_never_of_oneself(
    ctx: Context, world: dict[str, Any]
) -> None:
    admin: Actor = world["admin"]
    target: Person = world["target"]
    mismatch = r"kim\.erased@example\.org.*'kim@example\.org' does not"
    with pytest.raises(InvalidInput, match=mismatch):
        erase(ctx, admin, target.email, confirm_email="kim@example.org")
    with pytest.raises(InvalidInput, match="your own account"):
        erase(ctx, admin, admin.email, confirm_email=admin.email)
    with pytest.raises(InvalidInput, match=r"No account has the email 'nobody@example\.org'"):
        erasure_preview(ctx, admin, "nobody@example.org")
    assert naming(ctx, target)["interviews"]


@pytest.mark.parametrize("who", ["advisor", "target"])
def test_only_an_admin_erases(ctx: Context, world: dict[str, Any], who: str) -> None:
    actor = world[who] if who == "advisor" else world[who].actor
    other: Person = world["neighbour"]
    counts = row_counts(ctx)
    with pytest.raises(AccessDenied):
        erase(ctx, actor, other.email, confirm_email=other.email)
    with pytest.raises(AccessDenied):
        erasure_preview(ctx, actor, other.email)
    after = row_counts(ctx)
    assert after["audit_log"] == counts["audit_log"] + 2
    assert {**after, "audit_log": 0} == {**counts, "audit_log": 0}
    with ctx.unit_of_work() as session:
        refused = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
        assert refused is not None
        assert (refused.action, refused.actor_id) == ("erase_refused", actor.id)


def test_a_reimport_refuses_the_erased_row_by_name_and_imports_the_rest(
    ctx: Context, world: dict[str, Any]
) -> None:
    admin: Actor = world["admin"]
    target: Person = world["target"]
    erase_target(ctx, world)
    data = roster_file(
        ("new.one@example.org", "New", "Spring"),
        (target.email.upper(), "Kim", "Spring"),
        (world["neighbour"].email, "Renamed", "Spring"),
    )
    message = f"row 3: {target.email} was erased on request on {TODAY.isoformat()}"

    checked = preview(ctx, admin, "roster", data)
    assert checked.ok and any(str(w).startswith(message) for w in checked.warnings)
    result = import_now(ctx, admin, "roster", data)

    assert (result.counts.new, result.counts.updated, result.counts.refused) == (1, 1, 1)
    assert any(str(w).startswith(message) for w in result.warnings)
    with ctx.unit_of_work() as session:
        emails = set(session.scalars(select(User.email)))
        renamed = session.scalars(
            select(User.first_name).where(User.email == world["neighbour"].email)
        ).one()
        still_erased = session.scalar(select(func.count()).select_from(ErasedPerson))
    assert "new.one@example.org" in emails and target.email not in emails
    assert renamed == "Renamed" and still_erased == 1


def test_an_advisor_is_not_told_who_was_erased(ctx: Context, world: dict[str, Any]) -> None:
    target: Person = world["target"]
    erase_target(ctx, world)
    checked = preview(ctx, world["advisor"], "roster", roster_file((target.email, "K", "Spring")))
    assert not checked.warnings
    assert [str(e) for e in checked.errors] == [
        f"row 2, column email: no graduate {target.email} in the cohorts you coach: "
        "an admin adds new accounts"
    ]


def test_bring_back_imports_the_erased_row_and_forgets_the_erasure(
    ctx: Context, world: dict[str, Any]
) -> None:
    admin: Actor = world["admin"]
    target: Person = world["target"]
    erase_target(ctx, world)
    data = roster_file((target.email, "Kim", "Spring"))

    result = import_now(ctx, admin, "roster", data, bring_back_erased=True)

    assert result.counts.new == 1 and not result.warnings
    with ctx.unit_of_work() as session:
        back = session.scalars(select(User).where(User.email == target.email)).one()
        assert session.scalar(select(func.count()).select_from(ErasedPerson)) == 0
        assert session.scalar(select(Graduate.id).where(Graduate.user_id == back.id))
        actions = set(
            session.scalars(select(AuditEntry.action).where(AuditEntry.entity_id == str(back.id)))
        )
    assert {"create", "bring_back"} <= actions


def test_a_new_account_for_an_erased_email_is_refused_unless_told(
    ctx: Context, world: dict[str, Any]
) -> None:
    admin: Actor = world["admin"]
    target: Person = world["target"]
    erase_target(ctx, world)
    asked = {"email": target.email, "first_name": "Kim", "role": "graduate"}
    with pytest.raises(InvalidInput, match=f"{target.email} was erased on request on 2026-03-16"):
        accounts_admin.create_account(ctx, admin, **asked)
    made = accounts_admin.create_account(ctx, admin, **asked, bring_back_erased=True)
    assert made.email == target.email
    with ctx.unit_of_work() as session:
        assert session.scalar(select(func.count()).select_from(ErasedPerson)) == 0


# --- Retention ------------------------------------------------------------------------------


@pytest.fixture
def leavers(ctx: Context) -> dict[str, Any]:
    """One recent graduate, one long graduated who signed in lately, one long gone."""
    admin = factories.user(ctx, Role.ADMIN)
    advisor = factories.user(ctx, Role.ADVISOR)
    cohort_id = factories.cohort(ctx, "Class of 2020", (advisor,))
    people = {
        name: populated_graduate(ctx, cohort_id, advisor, admin)
        for name in ("recent", "active", "gone")
    }
    old = ctx.clock.now() - timedelta(days=900)
    with ctx.unit_of_work() as session:
        for name, person in people.items():
            graduate = session.get_one(Graduate, person.graduate_id)
            # Graduates this spring: recent on TODAY and on the day the command line runs.
            graduate.graduation_year = 2026 if name == "recent" else 2020
            graduate.graduation_date = None if name == "recent" else GRADUATED_LONG_AGO
            session.get_one(User, person.actor.id).created_at = old
            for row in session.scalars(
                select(UserSession).where(UserSession.user_id == person.actor.id)
            ):
                row.created_at = row.last_seen_at = old if name != "active" else row.last_seen_at
            for entry in session.scalars(
                select(AuditEntry).where(
                    AuditEntry.actor_id == person.actor.id, AuditEntry.action == "sign_in"
                )
            ):
                entry.at = old if name != "active" else entry.at
    return {"admin": admin, **people}


def test_retention_dry_run_lists_who_and_why_and_changes_nothing(
    ctx: Context, leavers: dict[str, Any]
) -> None:
    counts = row_counts(ctx)
    found = retention(ctx, leavers["admin"], 12, dry_run=True)
    assert [c.email for c in found] == [leavers["gone"].email]
    assert found[0].why.startswith("graduated on 2020-06-01, last signed in on 2023-")
    assert row_counts(ctx) == counts


def test_retention_erases_exactly_the_long_gone(ctx: Context, leavers: dict[str, Any]) -> None:
    kept = {name: naming(ctx, leavers[name]) for name in ("recent", "active")}
    found = retention(ctx, leavers["admin"], 12)
    assert [c.email for c in found] == [leavers["gone"].email]
    assert naming(ctx, leavers["gone"]) == {}
    assert {name: naming(ctx, leavers[name]) for name in kept} == kept
    with ctx.unit_of_work() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "erase")).one()
    assert entry.detail["reason"] == "retention" and entry.detail["months"] == 12


def test_retention_needs_an_admin(ctx: Context, leavers: dict[str, Any]) -> None:
    with pytest.raises(AccessDenied):
        retention(ctx, leavers["active"].actor, 12, dry_run=True)


# --- Command line ---------------------------------------------------------------------------


@pytest.fixture
def cli(ctx: Context, monkeypatch: pytest.MonkeyPatch) -> Context:
    monkeypatch.setenv("DATABASE_URL", ctx.settings.database_url)
    return ctx


def test_the_command_asks_to_type_the_email_without_yes(
    cli: Context,
    world: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    target: Person = world["target"]
    prompts: list[str] = []
    answers = iter(["someone.else@example.org", target.email])

    def typed(prompt: str) -> str:
        prompts.append(prompt)
        return next(answers)

    monkeypatch.setattr("builtins.input", typed)
    as_admin = ["--as", world["admin"].email]
    assert main(["erase", target.email, *as_admin]) == 1
    assert "nothing was erased" in capsys.readouterr().err
    assert naming(cli, target)
    assert main(["erase", target.email, *as_admin]) == 0
    out = capsys.readouterr().out
    assert "1  interviews" in out and f"Erased {target.email}" in out
    assert len(prompts) == 2 and naming(cli, target) == {}


def test_the_command_dry_run_and_yes(
    cli: Context,
    world: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    target: Person = world["target"]
    monkeypatch.setattr("builtins.input", lambda _prompt: pytest.fail("asked"))
    counts = row_counts(cli)
    assert main(["erase", target.email, "--dry-run", "--as", world["admin"].email]) == 0
    assert "dry run: nothing was erased" in capsys.readouterr().out
    assert row_counts(cli) == counts
    assert main(["erase", target.email, "--yes", "--as", world["admin"].email]) == 0
    assert naming(cli, target) == {}


def test_the_import_command_refuses_the_erased_row_unless_told(
    cli: Context,
    world: dict[str, Any],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    target: Person = world["target"]
    erase_target(cli, world)
    path = tmp_path / "roster.csv"
    path.write_bytes(roster_file((target.email, "Kim", "Spring"), ("n@example.org", "N", "Spring")))
    as_admin = ["--as", world["admin"].email]
    assert main(["import", "roster", str(path), *as_admin]) == 0
    captured = capsys.readouterr()
    assert f"row 2: {target.email} was erased on request on 2026-03-16" in captured.err
    assert "1 new, 0 updated, 0 unchanged, 1 refused" in captured.out
    assert main(["import", "roster", str(path), "--bring-back-erased", *as_admin]) == 0
    assert "1 new, 0 updated, 1 unchanged, 0 refused" in capsys.readouterr().out
    assert naming(cli, target)["users"]


def test_retention_command_and_remind(
    cli: Context,
    leavers: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    admin = ["--as", leavers["admin"].email]
    counts = row_counts(cli)
    assert main(["retention", "--months", "12", "--dry-run", *admin]) == 0
    out = capsys.readouterr().out
    assert f"{leavers['gone'].email}: graduated on 2020-06-01" in out
    assert "1 graduate(s) would be erased" in out and row_counts(cli) == counts
    with pytest.raises(SystemExit, match="2"):
        main(["retention", "--months", "0"])

    monkeypatch.setenv("NETWORKIT_RETENTION_MONTHS", "12")
    assert main(["remind", "--dry-run"]) == 0
    assert "1 graduate(s) would be erased" in capsys.readouterr().out
    assert row_counts(cli) == counts


def test_erasing_an_advisor_keeps_their_comments_without_their_name(
    ctx: Context, world: dict[str, Any]
) -> None:
    advisor: Actor = world["advisor"]
    target: Person = world["target"]
    with ctx.unit_of_work() as session:
        before = naming(ctx, Person(advisor, -1, -1))
        comments = session.scalars(
            select(CoachingComment.id).where(CoachingComment.author_id == advisor.id)
        ).all()
    assert before["cohort_advisors"] and len(comments) == 6  # two on each graduate
    neighbours = naming(ctx, world["neighbour"])

    erase(ctx, world["admin"], advisor.email, confirm_email=advisor.email)

    assert naming(ctx, Person(advisor, -1, -1)) == {}
    assert naming(ctx, world["neighbour"]) == neighbours
    with ctx.unit_of_work() as session:
        kept = session.scalars(
            select(CoachingComment).where(CoachingComment.graduate_id == target.graduate_id)
        ).all()
    assert [c.author_id for c in kept] == [None, None]


def test_user_add_refuses_an_erased_email_unless_told(
    cli: Context,
    world: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    target: Person = world["target"]
    erase_target(cli, world)
    add = ["user", "add", target.email, "--first-name", "Kim", "--role", "graduate"]
    add += ["--no-password", "--as", world["admin"].email]
    assert main(add) == 1
    assert f"{target.email} was erased on request on 2026-03-16" in capsys.readouterr().err
    assert main([*add, "--bring-back-erased"]) == 0
    assert naming(cli, target)["users"]
    with cli.unit_of_work() as session:
        assert session.scalar(select(func.count()).select_from(ErasedPerson)) == 0
