"""Exports: scope by the acting user, formula neutralisation, BOM, audit log, no private notes."""

from __future__ import annotations

import csv
import io

import pytest
from sqlalchemy import select, update

from networkit_core.context import Context
from networkit_core.errors import AccessDenied
from networkit_core.interchange import export, import_now
from networkit_core.interchange.export import render
from networkit_core.interchange.neutralise import neutralise, restore
from networkit_core.models import (
    AuditEntry,
    Cohort,
    Contact,
    FollowUp,
    Graduate,
    Interview,
    Question,
    User,
)
from tests import factories
from tests.csv_support import dump, populate

KINDS = ("roster", "interviews", "follow-ups", "questions", "cohort-report")
# A carriage return only as part of a line break (CRLF): a lone one is refused on entry.
PAYLOADS = ("=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tTAB", "\r\n=CR", "'=already quoted")


def _rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_neutralise_is_reversible_and_leaves_plain_text() -> None:
    for text in (*PAYLOADS, "plain", "", "'plain", "2026-01-01"):
        assert restore(neutralise(text)) == text
    assert neutralise("=1+1") == "'=1+1"
    assert neutralise("plain") == "plain"
    # Numbers are not text cells: a negative number is written as it is.
    assert render(-3) == "-3"
    assert render(-0.25) == "-0.2500"
    assert render("-3") == "'-3"
    assert render(None) == ""


def test_formula_payloads_in_every_text_field_are_neutralised(ctx: Context) -> None:
    people = populate(ctx)
    # A name is one line (issue 17, item 11): the tab and line-break payloads go in notes.
    payload = iter([text for text in PAYLOADS if text[0] not in "\t\r"] * 10)
    multi_line = iter([text for text in PAYLOADS if text[0] in "\t\r"] * 10)
    with ctx.unit_of_work() as session:
        for user in session.scalars(select(User)):
            user.first_name, user.last_name = next(payload), next(payload)
        for cohort in session.scalars(select(Cohort)):
            cohort.name = next(payload) + str(cohort.id)
        for graduate in session.scalars(select(Graduate)):
            graduate.program = next(payload)
        for contact in session.scalars(select(Contact)):
            contact.name, contact.title = next(payload), next(payload)
            contact.organization, contact.industry = next(payload), next(payload)
        session.execute(update(Interview).values(notes='=HYPERLINK("http://x")'))
        session.execute(update(FollowUp).values(note="@SUM(1)"))
        for follow_up in session.scalars(select(FollowUp).order_by(FollowUp.id).limit(2)):
            follow_up.note = next(multi_line)
        for question in session.scalars(select(Question)):
            question.text = "=" + question.text
            question.category, question.tags = "+cat", "-tag"
    numbers = {"graduation_year", "interviews_planned", "interviews_completed", "due_items"}
    for kind in KINDS:
        rows = _rows(export(ctx, people["admin"], kind))
        header, body = rows[0], rows[1:]
        assert body
        for row in body:
            for name, cell in zip(header, row, strict=True):
                if name in numbers or name.endswith(("_rate", "_score")):
                    continue
                assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (kind, name, cell)
    interviews = _rows(export(ctx, people["admin"], "interviews"))
    assert interviews[1][interviews[0].index("notes")] == '\'=HYPERLINK("http://x")'
    # Exported payloads come back as they were: importing the export changes nothing.
    before = dump(ctx, audit=True)
    for kind in ("roster", "interviews", "follow-ups"):
        result = import_now(ctx, people["admin"], kind, export(ctx, people["admin"], kind))
        assert (result.counts.new, result.counts.updated) == (0, 0), kind
    after = dump(ctx, audit=True)
    after.pop("audit_log"), before.pop("audit_log")
    assert after == before


def test_graduate_exports_only_their_own_rows(ctx: Context) -> None:
    people = populate(ctx)
    ana = people["grads"][0][0]
    roster = _rows(export(ctx, ana, "roster"))
    assert [row[0] for row in roster[1:]] == ["ana.lima@example.org"]
    interviews = _rows(export(ctx, ana, "interviews"))
    assert len(interviews) == 5
    assert {row[1] for row in interviews[1:]} == {"ana.lima@example.org"}
    follow_ups = _rows(export(ctx, ana, "follow-ups"))
    assert {row[0] for row in follow_ups[1:]} == {"HX-0000"}


def test_advisor_exports_only_coached_cohorts(ctx: Context) -> None:
    people = populate(ctx)
    advisor = people["advisor"]
    roster = _rows(export(ctx, advisor, "roster"))
    assert {row[3] for row in roster[1:]} == {"Spring 2026 Business"}
    report = _rows(export(ctx, advisor, "cohort-report", cohort="Spring 2026 Business"))
    assert {row[0] for row in report[1:]} == {"ana.lima@example.org", "ben.okafor@example.org"}
    for kind in ("roster", "interviews", "follow-ups", "cohort-report"):
        with pytest.raises(AccessDenied):
            export(ctx, advisor, kind, cohort="Autumn 2025 Design")


def test_private_notes_are_exported_to_their_graduate_only(ctx: Context) -> None:
    # Issue 17, 7i: the graduate's own download holds every field they entered, their private
    # notes too (this test said "never exported"); nobody else's export has the column.
    people = populate(ctx)
    for actor in (people["admin"], people["advisor"]):
        for kind in KINDS:
            data = export(ctx, actor, kind)
            assert b"my secret thoughts" not in data and b"private_notes" not in data
    me = people["grads"][0][0]
    own = _rows(export(ctx, me, "interviews"))
    assert own[0][-1] == "private_notes"
    assert {(row[1], row[-1]) for row in own[1:]} == {(me.email, "my secret thoughts")}
    for kind in ("roster", "follow-ups", "questions", "cohort-report"):
        assert b"my secret thoughts" not in export(ctx, me, kind)


def test_bom_option_and_audit_log(ctx: Context) -> None:
    people = populate(ctx)
    plain = export(ctx, people["admin"], "roster")
    marked = export(ctx, people["admin"], "roster", bom=True)
    assert marked == b"\xef\xbb\xbf" + plain
    assert plain.startswith(b"email,first_name,last_name,cohort,program,graduation_year,")
    with ctx.unit_of_work() as session:
        entries = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "export").order_by(AuditEntry.id)
        ).all()
    assert [(e.entity, e.actor_id, e.detail["rows"]) for e in entries] == [
        ("roster", people["admin"].id, 3),
        ("roster", people["admin"].id, 3),
    ]


def test_cohort_report_writes_rates_with_four_decimals_and_empty_when_undefined(
    ctx: Context,
) -> None:
    people = populate(ctx)
    factories.graduate(ctx, people["spring"], "idle@example.org")
    report = _rows(export(ctx, people["admin"], "cohort-report", cohort="Spring 2026 Business"))
    header = report[0]
    by_email = {row[0]: dict(zip(header, row, strict=True)) for row in report[1:]}
    assert by_email["ana.lima@example.org"]["thank_you_rate"] == "0.5000"
    idle = by_email["idle@example.org"]
    assert idle["thank_you_rate"] == "" and idle["prep_score"] == ""
    assert idle["interviews_completed"] == "0"
