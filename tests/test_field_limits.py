"""Issue 17, item 11: one limit per text field (networkit_core/bounds.py), the same in forms
(`max_chars`), services and importers, so that an export always imports back; a single-line
field (a name, a title, an organization, a cohort or bank name, an e-mail) is one line of plain
text: no line break, tab, control or text-direction character (U+202A-U+202E, U+2066-U+2069),
refused with a message naming the field wherever it is typed or imported; a note keeps its line
breaks and tabs. On SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from sqlalchemy import update

from networkit_core import bounds
from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.errors import InvalidInput
from networkit_core.interchange import ImportRefused, export, import_now
from networkit_core.models import Interview, InterviewStatus, Role
from networkit_core.services import cohorts, contacts, interviews, questions
from networkit_core.services.accounts import admin
from networkit_core.services.contacts import NewContact
from networkit_core.services.interviews import follow_ups
from tests import factories
from tests.app_session import Opener, set_password, sign_in, unfold
from tests.csv_support import dump

RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE: "Ana\u202egpj.exe" reads "Anaexe.jpg"


def _long(limit: bounds.Text, start: str = "") -> str:
    """A text of exactly `limit`'s length; a multi-line one with line breaks and tabs in it,
    starting with `start` (an "=" the export neutralises, and the import must restore)."""
    pattern = "Ab\tc\nd " if not limit.one_line else "Ab c-d "
    body = start + pattern * (limit.max_chars // len(pattern) + 1)
    return body[: limit.max_chars - 1] + "z"


def _longest_email() -> str:
    """A valid address of bounds.EMAIL's 254 characters."""
    address = "a" * 64 + "@" + "b" * 63 + "." + "c" * 63 + "." + "d" * 57 + ".org"
    assert len(address) == bounds.EMAIL.max_chars
    return address


def _refused(attempt: Callable[[], object]) -> InvalidInput:
    with pytest.raises(InvalidInput) as refused:
        attempt()
    return refused.value


@pytest.fixture
def graduate(ctx: Context) -> tuple[Actor, int]:
    advisor = factories.user(ctx, Role.ADVISOR)
    return factories.graduate(ctx, factories.cohort(ctx, advisors=(advisor,)))


def test_an_export_with_every_field_at_its_limit_imports_back(
    ctx: Context, graduate: tuple[Actor, int]
) -> None:
    """A graduate's interviews and follow-ups, every text at the most its form takes, exported
    and imported again: nothing lost, nothing changed. One character more is refused, by the
    service as by the import."""
    grad, _ = graduate
    today = ctx.clock.today()
    view = interviews.log_interview(
        ctx,
        grad,
        meeting_date=today - timedelta(days=3),
        status=InterviewStatus.COMPLETED,
        location_detail=_long(bounds.PLACE_DETAIL),
        new_contact=NewContact(
            name=_long(bounds.CONTACT_NAME),
            title=_long(bounds.JOB_TITLE),
            organization=_long(bounds.ORGANIZATION),
            industry=_long(bounds.INDUSTRY),
            email=_longest_email(),
        ),
        notes=_long(bounds.NOTES, start="="),
        private_notes=_long(bounds.NOTES),
    )
    follow_ups.record_thank_you(ctx, grad, view.id, sent_on=today, method="card")
    follow_ups.add_follow_up(ctx, grad, view.id, on=today, kind="article", note=_long(bounds.NOTES))
    with ctx.unit_of_work() as session:  # an id a file brought, as long as one may be
        session.execute(update(Interview).where(Interview.id == view.id).values(public_id="H" * 64))
    before = dump(ctx)
    for kind in ("interviews", "follow-ups"):
        result = import_now(ctx, grad, kind, export(ctx, grad, kind))
        assert (result.counts.new, result.counts.updated, result.counts.unchanged) == (0, 0, 1)
    assert dump(ctx) == before
    # One character more: refused where it is typed, naming the field.
    over = _long(bounds.NOTES) + "z"
    version = interviews.get_interview_detail(ctx, grad, view.id).interview.version
    error = _refused(
        lambda: interviews.edit_interview(
            ctx, grad, view.id, expected_version=version, changes={"notes": over}
        )
    )
    assert (error.field, str(error)) == (
        "notes",
        "The notes is too long: at most 10,000 characters.",
    )
    error = _refused(
        lambda: follow_ups.record_outcomes(ctx, grad, view.id, trends=over, expected_version=None)
    )
    assert error.field == "outcome_trends"
    assert dump(ctx) == before


def test_a_question_is_as_long_in_a_file_as_in_its_form(ctx: Context) -> None:
    advisor = factories.user(ctx, Role.ADVISOR)
    bank_id, _ = factories.bank(ctx, advisor.id, questions=())
    longest = _long(bounds.QUESTION)
    questions.add_question(ctx, advisor, bank_id, text=longest, category=_long(bounds.CATEGORY))
    data = export(ctx, advisor, "questions", bank_id=bank_id)
    before = dump(ctx)
    assert import_now(ctx, advisor, "questions", data, bank_id=bank_id).counts.unchanged == 1
    too_long = f'question\n"{longest}z"\n'.encode()
    with pytest.raises(ImportRefused) as refused:
        import_now(ctx, advisor, "questions", too_long, bank_id=bank_id)
    assert [str(problem) for problem in refused.value.problems] == [
        "row 2, column question: the cell is too long: 2,001 characters, at most 2,000"
    ]
    assert _refused(lambda: questions.add_question(ctx, advisor, bank_id, text=longest + "z"))
    assert dump(ctx) == before


@pytest.mark.parametrize(
    ("bad", "what"),
    [
        ("Ana\nLima", "a line break (U+000A)"),
        ("Ana\tLima", "a tab (U+0009)"),
        (f"Ana{RLO}gpj.exe", "a text-direction character (U+202E)"),
        ("Ana\u2066Lima", "a text-direction character (U+2066)"),
    ],
    ids=["line-break", "tab", "rlo", "isolate"],
)
def test_a_single_line_field_is_one_line_of_plain_text_in_services(
    ctx: Context, graduate: tuple[Actor, int], bad: str, what: str
) -> None:
    grad, graduate_id = graduate
    admin_actor = factories.user(ctx, Role.ADMIN)
    advisor = factories.user(ctx, Role.ADVISOR)
    contact_id = factories.contact(ctx, graduate_id)
    attempts: dict[str, Callable[[], object]] = {
        "name": lambda: interviews.log_interview(
            ctx, grad, meeting_date="2026-03-01", new_contact=NewContact(name=bad)
        ),
        "title": lambda: contacts.edit_contact(ctx, grad, contact_id, {"title": bad}),
        "organization": lambda: contacts.edit_contact(ctx, grad, contact_id, {"organization": bad}),
        "first_name": lambda: admin.create_account(
            ctx, admin_actor, email="x@example.org", first_name=bad, role="advisor"
        ),
        "cohort name": lambda: cohorts.create_cohort(ctx, admin_actor, name=bad),
    }
    before = dump(ctx)
    for field, attempt in attempts.items():
        error = _refused(attempt)
        assert (error.field, str(error)) == (
            field,
            f"The {field.replace('_', ' ')} holds {what} at position 4; it is one line of "
            "text, without control or text-direction characters.",
        )
    bank_error = _refused(lambda: questions.create_bank(ctx, advisor, name=bad))
    assert bank_error.field == "name" and what in str(bank_error)
    email_error = _refused(
        lambda: interviews.log_interview(
            ctx,
            grad,
            meeting_date="2026-03-01",
            new_contact=NewContact(name="Dana", email=f"d{bad}@x.org"),
        )
    )
    assert email_error.field == "email"
    assert dump(ctx) == before


def test_notes_keep_line_breaks_and_tabs_but_refuse_other_control_characters(
    ctx: Context, graduate: tuple[Actor, int]
) -> None:
    grad, graduate_id = graduate
    interview_id = factories.interview(ctx, graduate_id)
    kept = interviews.edit_interview(
        ctx, grad, interview_id, expected_version=1, changes={"notes": "one\n\ttwo\r\nthree"}
    )
    assert kept.notes == "one\n\ttwo\r\nthree"
    error = _refused(
        lambda: interviews.edit_interview(
            ctx, grad, interview_id, expected_version=2, changes={"notes": "bell\x07"}
        )
    )
    assert str(error) == (
        "The notes holds a control character (U+0007) at position 5; only tab and line breaks "
        "are allowed."
    )


def test_an_import_refuses_a_name_of_two_lines_or_reversed_naming_row_and_column(
    ctx: Context,
) -> None:
    admin_actor = factories.user(ctx, Role.ADMIN)
    factories.cohort(ctx, "Spring 2026 Business")
    before = dump(ctx)
    roster = (
        "email,first_name,last_name,cohort\n"
        f"zoe@example.org,Zoe{RLO}gpj.exe,Ng,Spring 2026 Business\n"
        'yan@example.org,"Yan\nLi",Li,Spring 2026 Business\n'
        f"xu@example.org,Xu,Li,Spring{RLO} 2026 Business\n"
    )
    with pytest.raises(ImportRefused) as refused:
        import_now(ctx, admin_actor, "roster", roster.encode())
    tail = "; it is one line of text, without control or text-direction characters"
    assert [str(problem) for problem in refused.value.problems] == [
        f"row 2, column first_name: the cell holds a text-direction character (U+202E) at "
        f"position 4{tail}",
        f"row 3, column first_name: the cell holds a line break (U+000A) at position 4{tail}",
        f"row 4, column cohort: the cell holds a text-direction character (U+202E) at "
        f"position 7{tail}",
    ]
    assert dump(ctx) == before


def test_forms_take_the_fields_limits_and_say_what_is_wrong_with_a_name(
    open_app: Opener, ctx: Context
) -> None:
    """The interview page's text fields take at most their field's limit, and a contact's
    name pasted with a right-to-left override is refused beside the name."""
    ctx = Context(ctx.engine, ctx.settings)  # the app's clock: the system's
    grad, graduate_id = factories.graduate(ctx, factories.cohort(ctx))
    set_password(ctx, grad.id)
    interview_id = factories.interview(ctx, graduate_id)
    with ctx.unit_of_work() as session:
        public_id = session.get_one(Interview, interview_id).public_id
    at = sign_in(open_app(), grad.email)
    at.query_params["id"] = public_id
    at = at.switch_page("pages/graduate/interview/page.py").run()
    assert not at.exception
    at = unfold(unfold(at, "What it led to"), "Who, when and where")
    areas = {area.label: area.max_chars for area in at.text_area}
    inputs = {box.label: box.max_chars for box in at.text_input}
    assert areas["Brain-dump notes"] == bounds.NOTES.max_chars
    assert areas["Private notes (never shown to advisors)"] == bounds.NOTES.max_chars
    assert areas["Industry trends I learned"] == bounds.NOTES.max_chars
    assert inputs["Name"] == bounds.CONTACT_NAME.max_chars
    assert inputs["Organization"] == bounds.ORGANIZATION.max_chars
    assert inputs["Place detail"] == bounds.PLACE_DETAIL.max_chars
    before = dump(ctx)
    next(box for box in at.text_input if box.label == "Name").input(f"Dana{RLO}sey")
    at = next(button for button in at.button if button.label == "Save contact").click().run()
    assert not at.exception
    assert [error.value.replace("\\", "") for error in at.error] == [
        "The name holds a text-direction character (U+202E) at position 5; it is one line of "
        "text, without control or text-direction characters."
    ]
    assert dump(ctx) == before
