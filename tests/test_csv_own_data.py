"""A graduate's own data (the interviews file of /progress, "My data"): every field they
entered is in it (issue 17, 7i: 27 columns without outcomes, referrals, questions, time and
place detail), and it imports back changing nothing."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from sqlalchemy import select

from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.interchange import Action, export, import_now, preview
from networkit_core.models import Connection, Contact, InterviewStatus, Role
from networkit_core.services import contacts, interviews, questions
from networkit_core.services.contacts import NewContact
from networkit_core.services.interviews import follow_ups
from networkit_core.services.questions import add_own_question
from tests import factories
from tests.csv_support import dump

MORE = [
    "contact_referred_by",
    "outcome_trends",
    "outcome_hiring",
    "outcome_marketability",
    "outcome_job_leads",
    "meeting_time",
    "location_detail",
    "contact_how_connected",
    "questions",
    "private_notes",
]


def rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def a_graduate_who_entered_everything(ctx: Context) -> tuple[Actor, str]:
    """A graduate who met Ana (referred by Omar, met before), asked questions and rated them,
    wrote outcomes and private notes, and was referred on to Ben: the id of the Ana meeting."""
    me, _ = factories.graduate(ctx, factories.cohort(ctx))
    today = ctx.clock.today()
    omar = interviews.log_interview(
        ctx,
        me,
        meeting_date=today - timedelta(days=20),
        new_contact=NewContact("Omar Haddad", organization="Beta", how_connected="alumni"),
        status="completed",
    )
    ana = interviews.log_interview(
        ctx,
        me,
        meeting_date=today - timedelta(days=3),
        meeting_time="14:30",
        location_type="office",
        location_detail="Acme HQ, 4th floor",
        new_contact=NewContact(
            "Ana Ortiz",
            title="Analyst",
            organization="Acme",
            email="ana@acme.example",
            how_connected="referral",
            referred_by_id=omar.contact_id,
        ),
        notes="Hiring picks up in spring.",
        private_notes="Felt nervous, = fine",
    )
    starter = next(b for b in questions.list_banks(ctx, me) if b.is_starter)
    first = questions.bank_detail(ctx, me, starter.id).questions[0]
    questions.attach_question(ctx, me, ana.id, first.id)
    add_own_question(ctx, me, ana.id, text="What surprised you most?", category="Mine")
    interviews.complete_interview(ctx, me, ana.id)
    questions.rate_question(ctx, me, ana.id, first.id, 4)
    follow_ups.record_thank_you(ctx, me, ana.id, sent_on=today, method="card")
    follow_ups.set_follow_up_permission(ctx, me, ana.id, "granted")
    follow_ups.record_outcomes(
        ctx,
        me,
        ana.id,
        trends="AI in audits",
        hiring="Acme, Initech",
        marketability="Learn SQL",
        job_leads="Junior analyst at Acme",
    )
    contacts.record_referral(
        ctx, me, ana.id, new_contact=NewContact("Ben Lee", organization="Initech")
    )
    return me, ana.public_id


def test_my_interviews_file_holds_every_field_i_entered(ctx: Context) -> None:
    me, ana_id = a_graduate_who_entered_everything(ctx)
    data = export(ctx, me, "interviews")
    header = data.decode().split("\r\n", 1)[0].split(",")
    assert header[-len(MORE) :] == MORE
    (ana,) = [row for row in rows(data) if row["interview_id"] == ana_id]
    first_question = ana["questions"].splitlines()[0]
    assert first_question.startswith("[4/5] ") and len(first_question) > 10
    assert {key: ana[key] for key in MORE if key != "questions"} == {
        "contact_referred_by": "Omar Haddad",
        "outcome_trends": "AI in audits",
        "outcome_hiring": "Acme, Initech",
        "outcome_marketability": "Learn SQL",
        "outcome_job_leads": "Junior analyst at Acme",
        "meeting_time": "14:30",
        "location_detail": "Acme HQ, 4th floor",
        "contact_how_connected": "referral",
        "private_notes": "Felt nervous, = fine",
    }
    assert ana["questions"].splitlines()[1] == "What surprised you most?"
    # Everything the interview page shows of it: nothing left out.
    assert (ana["contact_title"], ana["contact_email"], ana["status"]) == (
        "Analyst",
        "ana@acme.example",
        "completed",
    )


def test_my_file_imports_back_changing_nothing(ctx: Context) -> None:
    me, _ = a_graduate_who_entered_everything(ctx)
    data = export(ctx, me, "interviews")
    before = dump(ctx)
    checked = preview(ctx, me, "interviews", data)
    assert checked.ok, checked.errors
    assert {row.action for row in checked.rows} == {Action.UNCHANGED}
    import_now(ctx, me, "interviews", data)
    assert dump(ctx) == before
    assert export(ctx, me, "interviews") == data


def test_every_new_column_imports_into_an_empty_account(ctx: Context) -> None:
    """The file carries the fields into another graduate's account (an admin imports it): a
    rating changed, a question new to the banks, a referrer, time and place detail."""
    me, ana_id = a_graduate_who_entered_everything(ctx)
    other, other_id = factories.graduate(ctx, factories.cohort(ctx, "Other 2026"))
    moved = rows(export(ctx, me, "interviews"))
    for row in moved:
        row["graduate_email"] = other.email
        row["interview_id"] += "-copy"
        row["questions"] = row["questions"].replace("[4/5] ", "[5/5] ")
    # The referred contact's row first: its referrer is named before its own row comes.
    moved.sort(key=lambda row: row["contact_name"])
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(moved[0]), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(moved)
    result = import_now(ctx, factories_admin(ctx), "interviews", buffer.getvalue().encode())
    assert (result.counts.new, result.counts.refused) == (2, 0)
    again = {row["interview_id"]: row for row in rows(export(ctx, other, "interviews"))}
    ana = again[f"{ana_id}-copy"]
    assert ana["questions"].splitlines()[0].startswith("[5/5] ")
    assert ana["questions"].splitlines()[1] == "What surprised you most?"
    assert (ana["meeting_time"], ana["location_detail"]) == ("14:30", "Acme HQ, 4th floor")
    assert (ana["contact_referred_by"], ana["contact_how_connected"]) == (
        "Omar Haddad",
        "referral",
    )
    assert ana["outcome_job_leads"] == "Junior analyst at Acme"
    assert ana["private_notes"] == ""  # an admin's import leaves private notes out
    with ctx.unit_of_work() as session:
        names = session.scalars(
            select(Contact.name).where(Contact.graduate_id == other_id).order_by(Contact.name)
        ).all()
        assert names == ["Ana Ortiz", "Omar Haddad"]  # Omar once, not again as a referrer
        omar = session.scalars(
            select(Contact).where(Contact.graduate_id == other_id, Contact.name == "Omar Haddad")
        ).one()
        assert omar.how_connected is Connection.ALUMNI


def factories_admin(ctx: Context) -> Actor:
    return factories.user(ctx, Role.ADMIN)


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("outcome_job_leads", "A lead", "can only be recorded on a completed interview"),
        ("questions", "[3/5] Who hires?", "can only be recorded on a completed interview"),
        ("questions", "[9/5] Who hires?", "a rating is 1 to 5 out of 5, not 9/5"),
        ("meeting_time", "2 pm", "is not a time of day: write it as HH:MM"),
        ("contact_referred_by", "Sam Lee", "cannot have referred the graduate to themselves"),
        ("contact_how_connected", "magic", "is not one of event, referral"),
    ],
)
def test_a_bad_new_column_names_its_row_and_column(
    ctx: Context, column: str, value: str, message: str
) -> None:
    me, _ = factories.graduate(ctx, factories.cohort(ctx))
    data = (
        f"interview_id,graduate_email,contact_name,meeting_date,status,{column}\r\n"
        f'HX-1,{me.email},Sam Lee,{ctx.clock.today() + timedelta(days=2)},planned,"{value}"\r\n'
    ).encode()
    checked = preview(ctx, me, "interviews", data)
    assert [(p.row, p.column) for p in checked.errors] == [(2, column)], checked.errors
    assert message in checked.errors[0].message


def test_a_referral_loop_is_refused(ctx: Context) -> None:
    me, _ = factories.graduate(ctx, factories.cohort(ctx))
    day = (ctx.clock.today() - timedelta(days=5)).isoformat()
    data = (
        "interview_id,graduate_email,contact_name,meeting_date,status,contact_referred_by\r\n"
        f"HX-1,{me.email},Ana,{day},completed,Ben\r\n"
        f"HX-2,{me.email},Ben,{day},completed,Ana\r\n"
    ).encode()
    checked = preview(ctx, me, "interviews", data)
    assert [(p.row, p.column) for p in checked.errors] == [(3, "contact_referred_by")]
    assert "a loop" in checked.errors[0].message
    assert checked.rows[1].action is Action.REFUSED


def test_private_notes_from_anyone_but_the_graduate_are_left_out(ctx: Context) -> None:
    me, _ = a_graduate_who_entered_everything(ctx)
    data = export(ctx, me, "interviews").replace(b"Felt nervous", b"Overwritten")
    admin = factories_admin(ctx)
    checked = preview(ctx, admin, "interviews", data)
    assert checked.ok
    assert any(
        "private notes are imported by the graduate only" in str(w) for w in checked.warnings
    )
    import_now(ctx, admin, "interviews", data)
    assert b"Felt nervous" in export(ctx, me, "interviews")


def test_a_planned_meetings_questions_import_without_ratings(ctx: Context) -> None:
    me, _ = factories.graduate(ctx, factories.cohort(ctx))
    day = (ctx.clock.today() + timedelta(days=2)).isoformat()
    data = (
        "interview_id,graduate_email,contact_name,meeting_date,status,questions\r\n"
        f'HX-1,{me.email},Ana,{day},planned,"Who hires?\nWho hires?\nWhat next?"\r\n'
    ).encode()
    result = import_now(ctx, me, "interviews", data)
    assert result.counts.new == 1
    (row,) = rows(export(ctx, me, "interviews"))
    assert row["questions"].splitlines() == ["Who hires?", "Who hires?", "What next?"]
    assert row["status"] == InterviewStatus.PLANNED.value
    assert import_now(ctx, me, "interviews", export(ctx, me, "interviews")).counts.updated == 0
