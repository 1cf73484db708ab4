"""The bad-file corpus (tests/bad_csv/): each file is refused with a message naming the problem,
and the database is left exactly as it was (every table compared before and after)."""

from __future__ import annotations

from pathlib import Path

import pytest

from networkit_core.context import Context
from networkit_core.interchange import ImportRefused, import_now, preview
from tests.csv_support import dump, populate

CORPUS = Path(__file__).parent / "bad_csv"

# file -> (kind, what the messages must say, one fragment per expected problem)
EXPECTED: dict[str, tuple[str, tuple[str, ...]]] = {
    "interviews_tab_delimited.csv": ("interviews", ("row 1: the columns are separated by tabs",)),
    "roster_pipe_delimited.csv": ("roster", ("separated by pipes",)),
    "roster_unknown_column.csv": (
        "roster",
        (
            "row 1, column gradution_year: unknown column "
            "(did you mean graduation_year or graduation_date?)",
        ),
    ),
    "roster_missing_required.csv": ("roster", ("required column missing: cohort",)),
    "interviews_bad_date.csv": (
        "interviews",
        ("row 2, column meeting_date: '2026-02-30' is not a real date",),
    ),
    "interviews_ambiguous_date.csv": (
        "interviews",
        ("row 2, column meeting_date: '03/04/2025' is ambiguous", "YYYY-MM-DD"),
    ),
    "interviews_unknown_graduate.csv": (
        "interviews",
        ("row 2, column graduate_email: no graduate nobody@example.org",),
    ),
    "interviews_unknown_status.csv": (
        "interviews",
        ("row 2, column status: 'done' is not one of planned, completed, cancelled, no_show",),
    ),
    "roster_duplicate_rows.csv": (
        "roster",
        ("row 3, column email: zoe.new@example.org appears also on row 2",),
    ),
    "empty.csv": ("roster", ("the file is empty",)),
    "bom_only.csv": ("roster", ("the file is empty",)),
    # A row the reader refuses does not hide the rows the importer refuses.
    "roster_every_bad_row.csv": (
        "roster",
        (
            "row 2: the row has 4 cells but the header has 7",
            "row 3, column graduation_year: '20x5' is not a whole number",
            "row 4, column first_name: the cell is too long: 81 characters, at most 80",
        ),
    ),
    "roster_header_only.csv": ("roster", ("the file has a header but no data rows",)),
    "binary_junk.csv": ("roster", ("not UTF-8 or UTF-16 text (it holds binary data)",)),
    "questions_huge_cell.csv": (
        "questions",
        # The service's limit (issue 17, item 11: one per field), not the cap of any cell.
        ("row 2, column question: the cell is too long: 12,001 characters, at most 2,000",),
    ),
    "roster_latin1.csv": (
        "roster",
        ("the file is not UTF-8 or UTF-16 text (byte 0xe9 at row 3): save it as CSV UTF-8",),
    ),
    "roster_bad_email.csv": (
        "roster",
        ("row 2, column email: 'zoe.new@@example' is not a valid email address",),
    ),
    "interviews_bad_boolean.csv": (
        "interviews",
        ("row 2, column prep_research_company: 'maybe' is not true/false",),
    ),
    "follow_ups_unknown_interview.csv": (
        "follow-ups",
        ("row 2, column interview_id: no interview HX-9999",),
    ),
    "interviews_completed_in_future.csv": (
        "interviews",
        ("row 2, column status: a completed interview cannot be in the future (2026-04-01)",),
    ),
    "roster_ragged_rows.csv": ("roster", ("row 3: the row has 4 cells but the header has 7",)),
    "roster_bad_year.csv": (
        "roster",
        ("row 2, column graduation_year: '20x5' is not a whole number",),
    ),
    "interviews_bad_location.csv": (
        "interviews",
        ("row 2, column location_type: 'castle' is not one of office, coffee_shop",),
    ),
    "follow_ups_bad_kind.csv": (
        "follow-ups",
        ("row 2, column kind: 'postcard' is not one of article, job_search_update, other",),
    ),
    "interviews_duplicate_ids.csv": (
        "interviews",
        ("row 3, column interview_id: HX-7 appears also on row 2",),
    ),
    "interviews_other_graduates_id.csv": (
        "interviews",
        ("row 2, column interview_id: HX-1000 is the id of another graduate's interview",),
    ),
    "roster_advisor_is_graduate.csv": (
        "roster",
        ("row 2, column advisor_email: ben.okafor@example.org is not an advisor account",),
    ),
    "roster_email_of_advisor.csv": (
        "roster",
        ("row 2, column email: coach.b@example.org is an advisor account, not a graduate",),
    ),
    "interviews_thank_you_in_future.csv": (
        "interviews",
        ("row 2, column thank_you_sent_on: 2026-03-20 is in the future",),
    ),
    "questions_missing_text.csv": ("questions", ("row 3, column question: a value is required",)),
    "follow_ups_bad_date_format.csv": (
        "follow-ups",
        ("row 2, column date: '14 Feb 2026' is not a date: write it as YYYY-MM-DD",),
    ),
    "interviews_unclosed_quote.csv": ("interviews", ("the CSV is malformed",)),
    "roster_duplicate_column.csv": (
        "roster",
        ("row 1, column E-mail: the column email appears twice",),
    ),
    "roster_many_errors.csv": (
        "roster",
        (
            "row 2, column email: 'bad-email' is not a valid email address",
            "row 3, column first_name: a value is required",
            "row 3, column graduation_year: 1800 is out of range (1950 to 2100)",
        ),
    ),
    "follow_ups_missing_kind_value.csv": (
        "follow-ups",
        ("row 2, column kind: a value is required",),
    ),
    "interviews_bad_thank_you_method.csv": (
        "interviews",
        ("row 2, column thank_you_method: 'pigeon' is not one of card, email, other",),
    ),
    # Required columns (DESIGN.md), each named.
    "roster_missing_last_name.csv": ("roster", ("required column missing: last_name",)),
    "interviews_missing_status.csv": ("interviews", ("required column missing: status",)),
    # The rules every write obeys, as the services apply them.
    "interviews_thank_you_before_meeting.csv": (
        "interviews",
        (
            "row 2, column thank_you_sent_on: the thank-you date 2026-02-05 is before the "
            "meeting on 2026-02-10",
        ),
    ),
    "interviews_thank_you_on_planned.csv": (
        "interviews",
        (
            "row 2, column thank_you_sent_on: a thank-you can only be recorded on a completed "
            "interview, and this one is planned",
            "row 2, column thank_you_method: a thank-you can only be recorded",
        ),
    ),
    "interviews_conduct_on_cancelled.csv": (
        "interviews",
        (
            "row 2, column conduct_arrived_early: the meeting-conduct self-check can only be "
            "recorded on a completed interview, and this one is cancelled",
        ),
    ),
    "interviews_cancel_keeps_records.csv": (
        "interviews",
        (
            "row 2, column status: a cancelled interview cannot keep a thank-you, 2 follow-ups: "
            "remove them first, or keep the interview completed",
        ),
    ),
    "follow_ups_before_meeting.csv": (
        "follow-ups",
        ("row 2, column date: the follow-up date 2026-02-01 is before the meeting on 2026-02-04",),
    ),
    "follow_ups_on_planned.csv": (
        "follow-ups",
        (
            "row 2, column interview_id: HX-0003: a follow-up can only be recorded on a "
            "completed interview, and this one is planned",
        ),
    ),
}


def test_the_corpus_is_complete() -> None:
    on_disk = {path.name for path in CORPUS.glob("*.csv")}
    assert on_disk == set(EXPECTED)
    assert len(on_disk) >= 25


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_file_is_refused_and_changes_nothing(ctx: Context, name: str) -> None:
    people = populate(ctx)
    kind, fragments = EXPECTED[name]
    data = (CORPUS / name).read_bytes()
    before = dump(ctx)

    checked = preview(ctx, people["admin"], kind, data)
    messages = "\n".join(str(problem) for problem in checked.errors)
    assert not checked.ok
    for fragment in fragments:
        assert fragment in messages
    with pytest.raises(ImportRefused) as refused:
        import_now(ctx, people["admin"], kind, data)
    assert [str(p) for p in refused.value.problems] == [str(p) for p in checked.errors]

    assert dump(ctx) == before
