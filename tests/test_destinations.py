"""Destinations (issue 19): who may record one, the rules every write obeys, history (the
newest counts), the CSV import (dry run, every bad row named, all or nothing) and export (round
trip), the roster's graduation_date, the interviews CSV's outcomes and referrals both ways, and
the first-destination report with its small groups suppressed."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from networkit_core.actor import Actor
from networkit_core.content import load_content
from networkit_core.context import Context
from networkit_core.errors import AccessDenied, InvalidInput
from networkit_core.figures.destinations_report import first_destination_report
from networkit_core.figures.outcomes import outcomes
from networkit_core.figures.scope import FigureScope
from networkit_core.figures.suppression import FEWER_THAN
from networkit_core.interchange import ImportRefused, export, import_now, preview
from networkit_core.models import (
    AuditEntry,
    Contact,
    Destination,
    DestinationSource,
    DestinationStatus,
    Graduate,
    Interview,
    InterviewStatus,
    Role,
)
from networkit_core.services.destinations import (
    DestinationInput,
    current_destination,
    destination_form,
    destination_history,
    record_destination,
)
from tests import factories
from tests.conftest import TODAY, empty_all_tables
from tests.csv_support import dump, populate

HIRED = DestinationInput("employed_full_time", "Acme", "Analyst", date(2025, 7, 1))


def public_id(ctx: Context, interview_id: int) -> str:
    with ctx.unit_of_work() as session:
        row = session.get(Interview, interview_id)
        assert row is not None
        return row.public_id


@pytest.fixture
def people(ctx: Context) -> dict[str, object]:
    advisor = factories.user(ctx, Role.ADVISOR)
    admin = factories.user(ctx, Role.ADMIN)
    mine = factories.cohort(ctx, "Mine", (advisor,))
    theirs = factories.cohort(ctx, "Theirs")
    ana, ana_id = factories.graduate(ctx, mine, "ana@example.org")
    ben, ben_id = factories.graduate(ctx, theirs, "ben@example.org")
    return {
        "advisor": advisor,
        "admin": admin,
        "ana": ana,
        "ana_id": ana_id,
        "ben": ben,
        "ben_id": ben_id,
    }


def test_a_graduate_records_their_own_and_the_newest_counts(ctx: Context, people: dict) -> None:
    ana: Actor = people["ana"]
    met = factories.interview(ctx, people["ana_id"], days_ago=200)
    record_destination(ctx, ana, DestinationInput("still_seeking"), graduate_id=None)
    view = record_destination(
        ctx,
        ana,
        DestinationInput(
            "employed_full_time", " Acme ", "Analyst", "2025-09-01", public_id(ctx, met)
        ),
    )
    assert (view.status, view.organization, view.source) == (
        DestinationStatus.EMPLOYED_FULL_TIME,
        "Acme",
        DestinationSource.GRADUATE,
    )
    assert view.found_through_interview_id == public_id(ctx, met)
    assert view.found_through_contact == "Dana Reyes"
    history = destination_history(ctx, ana)
    assert [h.status for h in history] == [
        DestinationStatus.EMPLOYED_FULL_TIME,
        DestinationStatus.STILL_SEEKING,
    ]
    assert current_destination(ctx, ana) == history[0]
    form = destination_form(ctx, ana)
    assert form.may_record and form.current == history[0]
    assert [c.interview_id for c in form.interviews] == [public_id(ctx, met)]
    with ctx.unit_of_work() as session:
        entries = session.scalars(
            select(AuditEntry).where(AuditEntry.entity == "destination")
        ).all()
        assert [e.action for e in entries] == ["create", "create"]


def test_an_advisor_records_for_their_cohorts_only(ctx: Context, people: dict) -> None:
    advisor: Actor = people["advisor"]
    view = record_destination(ctx, advisor, HIRED, graduate_id=people["ana_id"])
    assert view.source is DestinationSource.ADVISOR
    assert view.recorded_by == advisor.display_name
    assert destination_form(ctx, advisor, graduate_id=people["ana_id"]).may_record
    with pytest.raises(AccessDenied):
        record_destination(ctx, advisor, HIRED, graduate_id=people["ben_id"])
    with pytest.raises(AccessDenied):
        record_destination(ctx, advisor, HIRED)  # whose? an advisor names the graduate
    # Another cohort's destinations never reach the advisor: not the record, not a figure.
    record_destination(ctx, people["admin"], HIRED, graduate_id=people["ben_id"])
    with pytest.raises(AccessDenied):
        destination_history(ctx, advisor, graduate_id=people["ben_id"])
    assert outcomes(ctx, advisor, FigureScope.everything()).with_destination == 1
    # A graduate only their own.
    with pytest.raises(AccessDenied):
        record_destination(ctx, people["ana"], HIRED, graduate_id=people["ben_id"])
    with pytest.raises(AccessDenied):
        destination_history(ctx, people["ana"], graduate_id=people["ben_id"])
    assert outcomes(ctx, people["ana"], FigureScope.everything()).with_destination == 1
    with ctx.unit_of_work() as session:
        refused = session.scalars(
            select(AuditEntry.action).where(AuditEntry.entity == "destination")
        ).all()
        assert refused.count("create_refused") == 3


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (DestinationInput("hired"), "status"),
        (DestinationInput("still_seeking", start_date=date(2025, 8, 1)), "start_date"),
        (DestinationInput("employed_full_time", start_date="2025/08/01"), "start_date"),
        (DestinationInput("employed_full_time", recorded_on=TODAY + timedelta(1)), "recorded_on"),
        (DestinationInput("employed_full_time", "x" * 161), "organization"),
        (
            DestinationInput("not_seeking", found_through_interview_id="NW-1"),
            "found_through_interview_id",
        ),
        (
            DestinationInput("military", found_through_interview_id="NW-NOPE"),
            "found_through_interview_id",
        ),
    ],
)
def test_bad_input_names_the_field(
    ctx: Context, people: dict, data: DestinationInput, field: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        record_destination(ctx, people["ana"], data)
    assert refused.value.field == field
    with ctx.unit_of_work() as session:
        assert session.scalars(select(Destination)).all() == []


def test_an_interview_of_someone_else_or_not_held_is_refused(ctx: Context, people: dict) -> None:
    bens = factories.interview(ctx, people["ben_id"])
    planned = factories.interview(ctx, people["ana_id"], status=InterviewStatus.PLANNED)
    for interview_id in (bens, planned):
        with pytest.raises(InvalidInput) as refused:
            record_destination(
                ctx,
                people["ana"],
                DestinationInput(
                    "employed_full_time", found_through_interview_id=public_id(ctx, interview_id)
                ),
            )
        assert refused.value.field == "found_through_interview_id"


SURVEY_HEADER = (
    "graduate_email,status,organization,job_title,start_date,recorded_on,"
    "found_through_interview_id\n"
)


def test_import_names_every_bad_row_and_writes_nothing(ctx: Context, people: dict) -> None:
    admin: Actor = people["admin"]
    held = public_id(ctx, factories.interview(ctx, people["ana_id"]))
    bad = (
        SURVEY_HEADER
        + f"ana@example.org,employed_full_time,Acme,Analyst,2025-07-01,2026-01-10,{held}\n"
        + "nobody@example.org,still_seeking,,,,2026-01-10,\n"
        + "ben@example.org,hired,,,,2026-01-10,\n"
        + "ben@example.org,still_seeking,,,2025-07-01,2026-01-10,\n"
        + "ben@example.org,military,,,,01/10/2026,\n"
        + f"ben@example.org,military,,,,2026-01-10,{held}\n"
        + "ben@example.org,not_seeking,,,,,\n"
        + "ana@example.org,employed_full_time,Acme,Analyst,2025-07-01,2026-01-10,"
        + held
        + "\n"
    )
    before = dump(ctx)
    checked = preview(ctx, admin, "destinations", bad.encode())
    problems = {(p.row, p.column) for p in checked.errors}
    assert problems == {
        (3, "graduate_email"),
        (4, "status"),
        (5, "start_date"),
        (6, "recorded_on"),
        (7, "found_through_interview_id"),
        (8, "recorded_on"),
        (9, None),  # the same as row 2
    }
    with pytest.raises(ImportRefused):
        import_now(ctx, admin, "destinations", bad.encode())
    assert dump(ctx) == before
    # Advisors and graduates record destinations one by one; the survey file is an admin's.
    refused = preview(ctx, people["advisor"], "destinations", bad.encode())
    assert "only admins import destinations" in str(refused.errors[0])


def test_destinations_round_trip_and_a_second_import_changes_nothing(
    ctx: Context, people: dict
) -> None:
    admin: Actor = people["admin"]
    held = public_id(ctx, factories.interview(ctx, people["ana_id"]))
    survey = (
        SURVEY_HEADER
        + "ana@example.org,still_seeking,,,,2025-09-01,\n"
        + f'ana@example.org,employed_part_time,"=Acme, Inc",Analyst,2025-10-01,2026-01-10,{held}\n'
        + "ben@example.org,continuing_education,State U,,2025-09-01,2025-12-01,\n"
    )
    result = import_now(ctx, admin, "destinations", survey.encode())
    assert (result.counts.new, result.counts.refused) == (3, 0)
    first = export(ctx, admin, "destinations")
    rows = list(csv.reader(io.StringIO(first.decode())))
    assert rows[0] == SURVEY_HEADER.strip().split(",")
    assert rows[2][2] == "'=Acme, Inc"  # a formula neutralised
    assert current_destination(ctx, admin, graduate_id=people["ana_id"]).status is (
        DestinationStatus.EMPLOYED_PART_TIME
    )
    before = dump(ctx)
    again = import_now(ctx, admin, "destinations", survey.encode())
    assert (again.counts.new, again.counts.unchanged) == (0, 3)
    assert dump(ctx) == before
    # The advisor's export holds their cohort's graduates only.
    advisors = export(ctx, people["advisor"], "destinations").decode()
    assert "ana@example.org" in advisors and "ben@example.org" not in advisors


def test_roster_takes_a_graduation_date(ctx: Context, people: dict) -> None:
    admin: Actor = people["admin"]
    roster = (
        "email,first_name,last_name,cohort,graduation_date\n"
        "cara@example.org,Cara,Diaz,Mine,2025-12-20 00:00:00\n"
        "ana@example.org,Ana,Lima,Mine,2025-05-15\n"
    )
    import_now(ctx, admin, "roster", roster.encode())
    with ctx.unit_of_work() as session:
        found = dict(session.execute(select(Graduate.id, Graduate.graduation_date)).all())
        years = dict(session.execute(select(Graduate.id, Graduate.graduation_year)).all())
    assert found[people["ana_id"]] == date(2025, 5, 15)
    assert date(2025, 12, 20) in found.values()
    assert years[people["ana_id"]] == 2025
    exported = export(ctx, admin, "roster").decode()
    assert exported.splitlines()[0].endswith(",advisor_email,graduation_date")
    assert ",2025-05-15\r\n" in exported and ",2025-12-20\r\n" in exported
    mismatch = (
        "email,first_name,last_name,cohort,graduation_year,graduation_date\n"
        "ana@example.org,Ana,Lima,Mine,2024,2025-05-15\n"
    )
    checked = preview(ctx, admin, "roster", mismatch.encode())
    assert [(p.row, p.column) for p in checked.errors] == [(2, "graduation_date")]


def test_interviews_csv_keeps_outcomes_and_referrals_both_ways(ctx: Context) -> None:
    populate(ctx)
    admin = factories.user(ctx, Role.ADMIN, "second.admin@example.org")
    with ctx.unit_of_work() as session:
        interview = session.scalars(
            select(Interview).where(Interview.status == InterviewStatus.COMPLETED)
        ).first()
        assert interview is not None
        interview.outcome_trends = "AI in audit"
        interview.outcome_hiring = "Acme, Studio 9"
        interview.outcome_marketability = "Learn SQL"
        interview.outcome_job_leads = "Junior analyst at Acme"
        session.add(
            Contact(
                graduate_id=interview.graduate_id,
                name="Referred Person",
                referred_by_id=interview.contact_id,
            )
        )
    files = {kind: export(ctx, admin, kind) for kind in ("roster", "interviews")}
    header = files["interviews"].decode().splitlines()[0].split(",")
    for column in (
        "contact_referred_by",
        "outcome_trends",
        "outcome_hiring",
        "outcome_marketability",
        "outcome_job_leads",
    ):
        assert column in header
    assert "Junior analyst at Acme" in files["interviews"].decode()

    empty_all_tables(ctx.engine)
    with ctx.unit_of_work() as session:
        load_content(session, ctx.settings.content_dir)
    importer = factories.user(ctx, Role.ADMIN, "importer@example.org")
    for kind in ("roster", "interviews"):
        assert import_now(ctx, importer, kind, files[kind]).counts.refused == 0
    assert export(ctx, importer, "interviews") == files["interviews"]
    with ctx.unit_of_work() as session:
        trends = session.scalars(select(Interview.outcome_job_leads)).all()
        assert "Junior analyst at Acme" in trends


def test_first_destination_report_suppresses_groups_under_five(ctx: Context, people: dict) -> None:
    admin: Actor = people["admin"]
    big = factories.cohort(ctx, "Big")
    for n in range(6):
        _, graduate_id = factories.graduate(ctx, big)
        if n < 4:
            record_destination(
                ctx,
                admin,
                DestinationInput(
                    "employed_full_time", start_date=date(2025, 5, 31) + timedelta(30 * n)
                ),
                graduate_id=graduate_id,
            )
    record_destination(ctx, admin, HIRED, graduate_id=people["ana_id"])
    rows = {row.cohort: row for row in first_destination_report(ctx, admin)}
    assert rows["Big"].graduates == 6 and not rows["Big"].suppressed
    assert rows["Big"].knowledge_rate == pytest.approx(4 / 6)
    assert rows["Big"].career_outcomes_rate == 1.0
    assert rows["Big"].median_days_to_destination == 60
    for small in ("Mine", "Theirs"):
        assert rows[small].suppressed
        assert rows[small].cells() == [small, 2025, FEWER_THAN, None, None, None, None, None]
    data = export(ctx, admin, "first-destination-report").decode()
    lines = data.splitlines()
    assert lines[0] == (
        "cohort,graduation_year,graduates,destinations_known,knowledge_rate,"
        "career_outcomes_rate,found_through_networking,median_days_to_destination"
    )
    assert "Big,2025,6,4,0.6667,1.0000,0.0000,60" in lines
    assert f"Mine,2025,{FEWER_THAN},,,,," in lines
    # An advisor's report holds their cohorts only.
    advisors = first_destination_report(ctx, people["advisor"])
    assert [row.cohort for row in advisors] == ["Mine"]
    with pytest.raises(AccessDenied):
        first_destination_report(ctx, people["advisor"], cohort="Theirs")
