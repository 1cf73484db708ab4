"""My records (issue 20): one ZIP of everything the product keeps about a person. Every table
that names them (tests/person_rows.py walks the schema) is in it, row for row; nothing about
anyone else is; cells are formula-safe; only the person themselves, or an admin, gets it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import select

from networkit_core.cli.main import main
from networkit_core.context import Context
from networkit_core.errors import AccessDenied, InvalidInput
from networkit_core.models import AuditEntry, Interview
from networkit_core.records.archive import my_records, records_archive
from tests.person_rows import rows_naming
from tests.records_support import (
    ANA,
    FORMULA,
    ZED,
    ZED_SECRETS,
    People,
    csv_rows,
    open_archive,
    people,
)

# Every table that can name a person → the archive's files that hold its rows. A table that
# rows_naming finds and that is missing here fails the test: add its file to the archive.
TABLE_FILES = {
    "users": ("account.csv",),
    "graduates": ("profile.csv",),
    "contacts": ("contacts.csv",),
    "interviews": ("interviews.csv", "deleted_interviews.csv"),
    "checklist_ticks": ("checklist_ticks.csv",),
    "interview_questions": ("questions_taken.csv",),
    "follow_ups": ("follow_ups.csv", "deleted_follow_ups.csv"),
    "coaching_comments": ("coaching_comments.csv",),
    "destinations": ("destinations.csv", "destinations_recorded.csv"),
    "outbound_emails": ("reminder_emails.csv",),
    "reminder_opt_outs": ("reminder_opt_outs.csv",),
    "calendar_feeds": ("calendar_feeds.csv",),
    "user_sessions": ("sessions.csv",),
    "sign_in_links": ("sign_in_links.csv",),
    "sign_in_throttles": ("sign_in_failures.csv",),
    "import_mappings": ("import_mappings.csv",),
    "question_banks": ("question_banks.csv",),
    "question_suggestions": ("question_suggestions.csv",),
    "cohort_goals": ("cohort_goals.csv",),
    "cohort_advisors": ("cohorts_coached.csv",),
    "saved_views": ("saved_views.csv",),
    "audit_log": ("audit.csv",),
}


@pytest.fixture
def cast(ctx: Context) -> People:
    return people(ctx)


def _rows(files: dict[str, str], names: tuple[str, ...]) -> list[dict[str, str]]:
    return [row for name in names for row in csv_rows(files[name])]


def test_every_table_naming_the_graduate_is_in_their_archive(ctx: Context, cast: People) -> None:
    with ctx.unit_of_work() as session:
        naming = rows_naming(session, cast.ana.id, ANA)
        public_ids = set(
            session.scalars(
                select(Interview.public_id).where(
                    Interview.id.in_([key[0] for key in naming["interviews"]])
                )
            )
        )
    # The scenario reaches the tables it means to (a walk that found less would prove little).
    assert set(TABLE_FILES) - set(naming) == {"cohort_goals", "cohort_advisors", "saved_views"}
    files = open_archive(records_archive(ctx, cast.ana))
    assert "README.txt" in files
    missing = sorted(set(naming) - set(TABLE_FILES))
    assert missing == [], f"tables naming the person with no file in the archive: {missing}"
    for table, keys in naming.items():
        rows = _rows(files, TABLE_FILES[table])
        assert len(rows) == len(keys), table
    # Where rows carry their key, the very rows.
    assert {row["interview_id"] for row in _rows(files, TABLE_FILES["interviews"])} == public_ids
    audit_ids = {int(row["entry"]) for row in csv_rows(files["audit.csv"])}
    assert audit_ids == {key[0] for key in naming["audit_log"]}
    for name in TABLE_FILES["interviews"] + TABLE_FILES["follow_ups"]:
        assert name in files["README.txt"]


def test_the_archive_holds_every_field_and_nothing_of_anyone_else(
    ctx: Context, cast: People
) -> None:
    files = open_archive(records_archive(ctx, cast.ana))
    held = next(
        row for row in csv_rows(files["interviews.csv"]) if row["interview_id"] == cast.held
    )
    assert held["meeting_time"] == "14:30"
    assert held["location_detail"] == "Blue Bottle, 5th Ave"
    assert held["private_notes"] == "Ana's private thought"
    assert held["outcome_job_leads"] == "Junior analyst at Acme"
    assert held["thank_you_method"] == "card"
    assert held["conduct_listened"] == "true"
    assert held["questions"].startswith("[4/5] ")
    assert [row["interview_id"] for row in csv_rows(files["deleted_interviews.csv"])] == [
        cast.deleted
    ]
    eli = next(row for row in csv_rows(files["contacts.csv"]) if "Eli" in row["name"])
    assert eli["referred_by"] == "Dana Reyes"
    profile = csv_rows(files["profile.csv"])
    assert [(p["email"], p["cohort"], p["graduation_year"]) for p in profile] == [
        (ANA, "Spring 2026", "2025")
    ]
    (me,) = csv_rows(files["account.csv"])
    assert (me["email"], me["role"], me["active"], me["password_set"]) == (
        ANA,
        "graduate",
        "true",
        "true",
    )
    kinds = sorted(row["kind"] for row in csv_rows(files["coaching_comments.csv"]))
    assert kinds == ["comment", "nudge"]
    whole = "\n".join(files.values())
    for secret in (*ZED_SECRETS, cast.session_token, cast.feed_token):
        assert secret not in whole
    assert "$argon2" not in whole  # no password hash


def test_cells_that_would_run_as_formulas_are_neutralised(ctx: Context, cast: People) -> None:
    files = open_archive(records_archive(ctx, cast.ana))
    held = next(
        row for row in csv_rows(files["interviews.csv"]) if row["interview_id"] == cast.held
    )
    assert held["notes"] == "'" + FORMULA
    assert any(row["name"] == "'+Eli Moss" for row in csv_rows(files["contacts.csv"]))
    bodies = [row["body"] for row in csv_rows(files["coaching_comments.csv"])]
    assert "'@SUM(1) Great prep" in bodies
    for name, text in files.items():
        for row in csv_rows(text) if name.endswith(".csv") else []:
            assert not any(cell[:1] in "=+-@\t\r" for cell in row.values() if cell), (name, row)


def test_a_download_is_audited_and_shows_on_the_persons_page(ctx: Context, cast: People) -> None:
    records_archive(ctx, cast.admin, ANA)
    with ctx.unit_of_work() as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "records_export")
        ).one()
    assert (entry.actor_id, entry.entity, entry.entity_id) == (
        cast.admin.id,
        "user",
        str(cast.ana.id),
    )
    overview = my_records(ctx, cast.ana)
    newest = overview.entries[0]
    assert (newest.who, newest.action_words) == ("admin@example.org", "Records downloaded")
    assert any(line.who == "coach@example.org" for line in overview.entries)
    assert ZED not in repr(overview)
    assert any(name == "interviews.csv" for name, _ in overview.files)
    # The advisor's own page lists their files, not a graduate's.
    assert not any(name == "interviews.csv" for name, _ in my_records(ctx, cast.coach).files)


@pytest.mark.parametrize("who", ["zed", "coach"])
def test_nobody_but_the_person_or_an_admin_gets_an_archive(
    ctx: Context, cast: People, who: str
) -> None:
    asker = getattr(cast, who)
    for asked in (ANA, cast.ana.id, "nobody@example.org"):
        with pytest.raises(AccessDenied):
            records_archive(ctx, asker, asked)
    with ctx.unit_of_work() as session:
        refused = session.scalars(
            select(AuditEntry).where(
                AuditEntry.action == "records_export_refused", AuditEntry.actor_id == asker.id
            )
        ).all()
        exported = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "records_export")
        ).all()
    assert len(refused) == 3 and exported == []
    # Their own, by e-mail too, is theirs.
    own = open_archive(records_archive(ctx, asker, asker.email))
    assert ANA not in own["account.csv"]


def test_an_admin_gets_anyones_archive_and_is_told_of_an_unknown_email(
    ctx: Context, cast: People
) -> None:
    files = open_archive(records_archive(ctx, cast.admin, ANA.upper()))
    assert cast.held in files["interviews.csv"]
    assert "at your request" in files["README.txt"]
    with pytest.raises(InvalidInput, match=re.escape("nobody@example.org")):
        records_archive(ctx, cast.admin, "nobody@example.org")


def test_an_advisors_archive_holds_their_own_work(ctx: Context, cast: People) -> None:
    with ctx.unit_of_work() as session:
        naming = rows_naming(session, cast.coach.id, "coach@example.org")
    assert {
        "coaching_comments",
        "question_banks",
        "cohort_advisors",
        "cohort_goals",
        "saved_views",
    } <= set(naming)
    files = open_archive(records_archive(ctx, cast.coach))
    assert "interviews.csv" not in files and "profile.csv" not in files
    assert sorted(set(naming) - set(TABLE_FILES)) == []
    for table, keys in naming.items():
        assert len(_rows(files, TABLE_FILES[table])) == len(keys), table
    assert {row["cohort"] for row in csv_rows(files["cohorts_coached.csv"])} == {"Spring 2026"}
    assert "Great prep" in files["coaching_comments.csv"]


def test_the_command_line_writes_an_archive_for_an_admin(
    ctx: Context,
    cast: People,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("DATABASE_URL", ctx.settings.database_url)
    out = tmp_path / "ana.zip"
    assert main(["records", ANA, "--out", str(out)]) == 0
    files = open_archive(out.read_bytes())
    assert cast.held in files["interviews.csv"] and ZED not in "".join(files.values())
    assert main(["records", "nobody@example.org", "--out", str(tmp_path / "x.zip")]) == 1
    assert "No account has the e-mail or id nobody@example.org" in capsys.readouterr().err
    assert not (tmp_path / "x.zip").exists()
    # Acting as a graduate, the command line refuses another's as the page would.
    assert main(["records", ANA, "--out", str(tmp_path / "y.zip"), "--as", ZED]) == 1
    assert "No such records" in capsys.readouterr().err
