"""Issue 17, item 13: an import's messages say nothing of records out of the importer's scope.
A row naming someone else's interview is refused before any rule is checked (the rules compare
the row with the stored interview, and said its dates); someone else's graduate, interview or
account reads exactly as one that does not exist. On SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.interchange import ImportRefused, import_now
from networkit_core.models import Role
from tests import factories
from tests.csv_support import dump, populate

INTERVIEWS = "interview_id,graduate_email,contact_name,meeting_date,status\n"
ROSTER = "email,first_name,last_name,cohort\n"


def _messages(ctx: Context, actor: Actor, kind: str, data: str) -> list[str]:
    with pytest.raises(ImportRefused) as refused:
        import_now(ctx, actor, kind, data.encode())
    return [str(problem) for problem in refused.value.problems]


def _as_read(messages: list[str], **names: str) -> list[str]:
    """`messages` with each of `names`' values written as its key: two files that differ only in
    the id or e-mail they name compare equal when nothing else differs."""
    for placeholder, text in names.items():
        messages = [message.replace(text, placeholder) for message in messages]
    return messages


def test_a_foreign_interview_id_says_nothing_of_its_interview(ctx: Context) -> None:
    """The issue's probe: Ana names Ben's HX-1000 (met 2026-02-04, thanked 2026-02-05, followed
    up 2026-02-14) with her own e-mail, moving the meeting date around his dates."""
    ana = populate(ctx)["grads"][0][0]
    before = dump(ctx)
    answers = {
        (met, status): _messages(
            ctx, ana, "interviews", f"{INTERVIEWS}HX-1000,{ana.email},Dana Reyes,{met},{status}\n"
        )
        for met in ("2026-01-20", "2026-02-05", "2026-02-10", "2026-03-01")
        for status in ("completed", "cancelled", "planned")
    }
    assert set(map(tuple, answers.values())) == {
        ("row 2, column interview_id: HX-1000 cannot be used: choose another interview_id",)
    }
    assert dump(ctx) == before


def test_a_foreign_interview_reads_as_an_unknown_one(ctx: Context) -> None:
    """Ben's interview id with Ben's e-mail, and an id and e-mail that do not exist: the same
    messages, row for row, whatever the rows hold."""
    ana = populate(ctx)["grads"][0][0]
    before = dump(ctx)
    rows = [
        "{id},{email},Dana Reyes,2026-03-01,completed",  # after his thank-you: it was "before"
        "{id},{email},Dana Reyes,2026-02-04,cancelled",  # his has follow-ups: "it was held"
        "{id},{email},Dana Reyes,2026-02-04,planned",
        "{id},{email},Dana Reyes,1989-01-01,completed",  # out of range, said of the row alone
    ]
    for row in rows:
        foreign = row.format(id="HX-1000", email="ben.okafor@example.org")
        unknown = row.format(id="HX-NONE", email="ghost@example.org")
        assert _as_read(
            _messages(ctx, ana, "interviews", INTERVIEWS + foreign + "\n"),
            ID="HX-1000",
            EMAIL="ben.okafor@example.org",
        ) == _as_read(
            _messages(ctx, ana, "interviews", INTERVIEWS + unknown + "\n"),
            ID="HX-NONE",
            EMAIL="ghost@example.org",
        )
    assert dump(ctx) == before


def test_a_foreign_interview_reads_as_an_unknown_one_to_follow_ups(ctx: Context) -> None:
    ana = populate(ctx)["grads"][0][0]
    before = dump(ctx)
    # Before his meeting, after it, in the future, twice over: said alike of both ids.
    rows = "{id},2026-01-01,article\n{id},2026-03-01,other\n{id},2026-05-01,article\n" * 2
    header = "interview_id,date,kind\n"
    foreign = _messages(ctx, ana, "follow-ups", header + rows.format(id="HX-1000"))
    unknown = _messages(ctx, ana, "follow-ups", header + rows.format(id="HX-NONE"))
    assert _as_read(foreign, ID="HX-1000") == _as_read(unknown, ID="HX-NONE")
    assert len(foreign) == 9  # six rows out of reach, three repeated
    assert dump(ctx) == before


def test_an_advisors_roster_reads_any_account_outside_their_cohorts_as_none(
    ctx: Context,
) -> None:
    """coach.a coaches Spring 2026 Business. Chloe (a graduate of Autumn 2025 Design), the
    admin, the other advisor and a graduate account enrolled nowhere all read, and fare, as an
    e-mail nobody has: an advisor's roster creates no account (roster.py says why)."""
    people = populate(ctx)
    advisor = people["advisor"]
    factories.user(ctx, Role.GRADUATE, "unenrolled@example.org")
    before = dump(ctx)
    said = []
    for row in ("{email},Zoe,Ng,Spring 2026 Business", "{email},Zoe,Ng,Autumn 2025 Design"):
        nobody = _as_read(
            _messages(ctx, advisor, "roster", ROSTER + row.format(email="nobody@example.org")),
            EMAIL="nobody@example.org",
        )
        for email in (
            "chloe.durand@example.org",
            "admin@example.org",
            "coach.b@example.org",
            "unenrolled@example.org",
        ):
            answer = _messages(ctx, advisor, "roster", ROSTER + row.format(email=email))
            assert _as_read(answer, EMAIL=email) == nobody, email
        said.append(nobody)
    assert said[0] == [
        "row 2, column email: no graduate EMAIL in the cohorts you coach: an admin adds new "
        "accounts"
    ]
    assert dump(ctx) == before


def test_an_advisor_still_updates_the_graduates_they_coach(ctx: Context) -> None:
    people = populate(ctx)
    data = f"{ROSTER}ben.okafor@example.org,Benjamin,Okafor,Spring 2026 Business\n"
    result = import_now(ctx, people["advisor"], "roster", data.encode())
    assert (result.counts.updated, result.counts.new) == (1, 0)
