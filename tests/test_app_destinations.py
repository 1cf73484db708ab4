"""Where a graduate landed, in AppTest (issue 19): the graduate records it on /progress, their
advisor records or corrects it on /graduate?email=E, with the one form of
pages/ui/destination_form.py; the core's refusals show beside the field they name and write
nothing; nobody records for someone else; what a user typed reads as typed.

The app runs on the system clock, so the data here is built relative to the real today.
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select
from streamlit.testing.v1 import AppTest

from networkit_core import bounds
from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.errors import AccessDenied
from networkit_core.figures.evidence import habit_evidence
from networkit_core.models import Destination, DestinationStatus, Interview, InterviewStatus, Role
from networkit_core.services.destinations import (
    DestinationInput,
    current_destination,
    record_destination,
)
from pages.ui.text import escape
from tests import factories
from tests.app_session import Opener, set_password, sign_in

PROGRESS = "pages/graduate/progress/page.py"
GRADUATE = "pages/advisor/graduate/page.py"
MINE = "my_destination"  # the form's key on /progress
THEIRS = "destination"  # and on /graduate
SECRET = "Zeta Secret Org"


@pytest.fixture
def live(ctx: Context) -> Context:
    """The test database on the system clock, as the app sees it."""
    return Context(ctx.engine, ctx.settings)


@pytest.fixture
def people(live: Context) -> dict[str, object]:
    """A coach (password set) of Spring; Ana (password set) with two completed interviews and
    a planned one; Zed, in the same cohort, with a destination of his own."""
    coach = factories.user(live, Role.ADVISOR, "coach@example.org", password=factories.PASSWORD)
    spring = factories.cohort(live, "Spring 2026", advisors=(coach,))
    ana, ana_id = factories.graduate(live, spring, "ana@example.org")
    set_password(live, ana.id)
    _, zed_id = factories.graduate(live, spring, "zed@example.org")
    dana = factories.contact(live, ana_id, "Dana Reyes", organization="Acme")
    held = factories.interview(live, ana_id, days_ago=30, contact_id=dana)
    factories.interview(live, ana_id, days_ago=60)
    factories.interview(live, ana_id, days_ago=-3, status=InterviewStatus.PLANNED)
    record_destination(
        live,
        coach,
        DestinationInput(DestinationStatus.EMPLOYED_FULL_TIME, SECRET, "Spy", date(2025, 9, 1)),
        graduate_id=zed_id,
    )
    with live.unit_of_work() as session:
        held_id = session.get_one(Interview, held).public_id
    return {"coach": coach, "ana": ana, "ana_id": ana_id, "zed_id": zed_id, "held": held_id}


def plain(text: str) -> str:
    """Text as a person reads it: the Markdown escapes taken out."""
    return text.replace("\\", "").replace("\u2060", "")


def destinations(live: Context) -> int:
    with live.unit_of_work() as session:
        return session.scalar(select(func.count()).select_from(Destination)) or 0


def fill(
    at: AppTest,
    key: str,
    status: DestinationStatus | None,
    *,
    organization: str = "",
    job_title: str = "",
    start: date | None = None,
    through: str = "",
) -> AppTest:
    """Fill the destination form `key` and press its button."""
    at.selectbox(key=f"{key}_status").set_value(status)
    # set_value, not input: the field's max_chars stops typing, the core is the last word.
    at.text_input(key=f"{key}_organization").set_value(organization)
    at.text_input(key=f"{key}_job_title").set_value(job_title)
    at.date_input(key=f"{key}_start_date").set_value(start)
    at.selectbox(key=f"{key}_found_through_interview_id").set_value(through)
    next(button for button in at.button if button.label == "Save destination").click()
    return at.run()


def message_after(at: AppTest, key: str) -> str:
    """The error drawn right after the widget `key` (a message beside its field), or ""."""
    nodes = list(at.main)
    position = next(i for i, node in enumerate(nodes) if getattr(node, "key", None) == key)
    following = nodes[position + 1] if position + 1 < len(nodes) else None
    return plain(following.value) if getattr(following, "type", "") == "error" else ""


def _progress(open_app: Opener, email: str = "ana@example.org") -> AppTest:
    at = sign_in(open_app(), email)
    return at.switch_page(PROGRESS).run()


def _file(open_app: Opener, email: str = "ana@example.org") -> AppTest:
    at = sign_in(open_app(), "coach@example.org")
    at.query_params["email"] = email
    return at.switch_page(GRADUATE).run()


def test_a_graduate_records_where_they_landed_and_sees_it_as_current(
    open_app: Opener, live: Context, people: dict[str, object]
) -> None:
    ana: Actor = people["ana"]  # type: ignore[assignment]
    at = _progress(open_app)
    assert not at.exception, at.exception
    assert any(c.value.startswith("Nothing recorded yet.") for c in at.caption)
    choices = at.selectbox(key=f"{MINE}_found_through_interview_id").options
    assert len(choices) == 3  # "not through an interview" and the two held (not the planned)
    assert any("Dana Reyes, Acme" in choice for choice in choices)
    at = fill(
        at,
        MINE,
        DestinationStatus.EMPLOYED_FULL_TIME,
        organization="Acme",
        job_title="Data analyst",
        start=date(2025, 8, 4),
        through=people["held"],  # type: ignore[arg-type]
    )
    assert not at.exception, at.exception
    assert not at.error
    assert [toast.value for toast in at.toast] == ["Destination saved."]
    current = current_destination(live, ana)
    assert current is not None
    assert (current.status, current.organization, current.found_through_contact) == (
        DestinationStatus.EMPLOYED_FULL_TIME,
        "Acme",
        "Dana Reyes",
    )
    line = next(m.value for m in at.markdown if m.value.startswith("**Employed full time**"))
    assert plain(line).startswith("**Employed full time** — Data analyst at Acme · started Mon 4")
    assert "found through the interview with Dana Reyes" in line
    assert at.selectbox(key=f"{MINE}_status").value is DestinationStatus.EMPLOYED_FULL_TIME
    # Correcting is recording again: the history keeps both, the newest counts.
    at = fill(at, MINE, DestinationStatus.STILL_SEEKING)
    assert not at.error
    assert current_destination(live, ana).status is DestinationStatus.STILL_SEEKING  # type: ignore[union-attr]
    assert destinations(live) == 3  # Zed's, and Ana's two
    assert [e.label for e in at.expander if e.label.startswith("History")] == [
        "History (2 recorded, the newest counts)"
    ]
    assert SECRET not in str(at.main)  # another graduate's record never shows


@pytest.mark.parametrize(
    ("status", "values", "field", "message"),
    [
        (None, {}, "status", "Choose a status"),
        (
            DestinationStatus.EMPLOYED_FULL_TIME,
            # The picker offers ten years either side; the core allows two years ahead.
            {"start": date.today().replace(year=date.today().year + 5, day=1)},
            "start_date",
            "is out of range: dates run from 1990-01-01",
        ),
        # Too long cannot be sent: the field stops at the core's limit (Streamlit cuts what
        # goes past max_chars); a text-direction override is the core's to refuse.
        (
            DestinationStatus.EMPLOYED_FULL_TIME,
            {"organization": "Acme \u202egpj.exe"},
            "organization",
            "The organization holds a text-direction character (U+202E)",
        ),
        (
            DestinationStatus.STILL_SEEKING,
            {"start": date(2025, 9, 1)},
            "start_date",
            "A start date belongs to a destination, not to still seeking.",
        ),
    ],
)
def test_bad_input_is_named_beside_its_field_and_writes_nothing(
    open_app: Opener,
    live: Context,
    people: dict[str, object],
    status: DestinationStatus | None,
    values: dict[str, object],
    field: str,
    message: str,
) -> None:
    at = fill(_progress(open_app), MINE, status, **values)  # type: ignore[arg-type]
    assert not at.exception, at.exception
    (shown,) = [plain(error.value) for error in at.error]
    assert message in shown
    assert message_after(at, f"{MINE}_{field}") == shown
    assert destinations(live) == 1  # Zed's only
    assert not at.toast
    assert at.selectbox(key=f"{MINE}_status").value == status  # nothing typed is lost
    assert at.text_input(key=f"{MINE}_organization").max_chars == bounds.ORGANIZATION.max_chars


def test_a_graduate_cannot_record_for_another(
    open_app: Opener, live: Context, people: dict[str, object]
) -> None:
    ana: Actor = people["ana"]  # type: ignore[assignment]
    with pytest.raises(AccessDenied):
        record_destination(
            live,
            ana,
            DestinationInput(DestinationStatus.NOT_SEEKING),
            graduate_id=people["zed_id"],  # type: ignore[arg-type]
        )
    assert destinations(live) == 1
    at = _progress(open_app)
    assert SECRET not in str(at.main) and "zed@example.org" not in str(at.main)


def test_progress_shows_the_centres_evidence_one_line_per_habit(
    open_app: Opener, live: Context, people: dict[str, object]
) -> None:
    """Ten graduates of another cohort, two interviews each: the five who thanked on time got
    a referral from each meeting, the five who did not got none: a clear difference."""
    cohort = factories.cohort(live, "Evidence 2026")
    for n in range(10):
        _, graduate_id = factories.graduate(live, cohort, f"g{n}@example.org")
        for days_ago in (20, 40):
            met = factories.contact(live, graduate_id, f"Met {n}-{days_ago}")
            factories.interview(
                live,
                graduate_id,
                days_ago=days_ago,
                contact_id=met,
                thank_you_after=1 if n < 5 else None,
            )
            if n < 5:
                factories.contact(live, graduate_id, f"Referred {n}-{days_ago}", referred_by_id=met)
    ana: Actor = people["ana"]  # type: ignore[assignment]
    lines = [line for line in habit_evidence(live, ana) if line.sentence]
    assert lines  # the data above makes at least the thank-you line clear
    at = _progress(open_app)
    assert not at.exception
    shown = next(m.value for m in at.markdown if m.value.startswith("- ") and "referral" in m.value)
    assert shown == "\n".join(f"- {escape(line.sentence)}" for line in lines)


def test_an_advisor_records_and_corrects_a_destination_on_the_graduates_file(
    open_app: Opener, live: Context, people: dict[str, object]
) -> None:
    ana: Actor = people["ana"]  # type: ignore[assignment]
    at = _file(open_app)
    assert not at.exception, at.exception
    assert any(c.value == "No destination recorded for this graduate yet." for c in at.caption)
    at = fill(at, THEIRS, DestinationStatus.CONTINUING_EDUCATION, organization="State U")
    assert not at.exception and not at.error
    assert [toast.value for toast in at.toast] == [
        escape(f"Destination saved for {ana.display_name}.")
    ]
    first = current_destination(live, ana)
    assert first is not None and first.source.value == "advisor"
    at = fill(at, THEIRS, DestinationStatus.EMPLOYED_PART_TIME, organization="State U Library")
    assert not at.error
    assert current_destination(live, ana).organization == "State U Library"  # type: ignore[union-attr]
    history = next(frame.value for frame in at.dataframe if "Organisation" in frame.value.columns)
    assert list(history["Organisation"]) == ["State U Library", "State U"]
    # Bad input is the core's message, beside the field, as on the graduate's page.
    at = fill(
        at,
        THEIRS,
        DestinationStatus.EMPLOYED_FULL_TIME,
        start=date.today().replace(year=date.today().year + 4, day=1),
    )
    assert "is out of range" in message_after(at, f"{THEIRS}_start_date")


@pytest.mark.parametrize("typed", ["![x](http://e.x/y.png)", "<b>x</b>"])
def test_user_text_reads_as_typed_on_the_advisors_page(
    open_app: Opener, live: Context, people: dict[str, object], typed: str
) -> None:
    ana: Actor = people["ana"]  # type: ignore[assignment]
    record_destination(
        live,
        ana,
        DestinationInput(DestinationStatus.EMPLOYED_FULL_TIME, typed, typed, date(2025, 8, 1)),
    )
    at = _file(open_app)
    assert not at.exception
    line = next(m.value for m in at.markdown if m.value.startswith("**Employed full time**"))
    assert escape(typed) in line and typed not in line  # escaped: shown literally
    assert plain(line).startswith(f"**Employed full time** — {typed} at {typed}")
    history = next(frame.value for frame in at.dataframe if "Organisation" in frame.value.columns)
    assert list(history["Organisation"]) == [typed]  # a table shows text as is
    assert at.text_input(key=f"{THEIRS}_organization").value == typed
