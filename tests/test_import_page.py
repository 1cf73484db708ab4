"""The import page in AppTest: upload, map, dry run, apply; the mapping is remembered; an
advisor cannot import into a cohort they do not coach; every bad file of the corpus shows its
problems in the page and changes nothing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from networkit_core.context import Context
from networkit_core.interchange import preview
from networkit_core.interchange.formats import MAX_IMPORT_BYTES
from networkit_core.models import Cohort, Graduate, ImportMapping, User
from pages.ui.text import WORD_JOINER
from tests.app_session import Opener, click, pick, set_password, sign_in, titles
from tests.csv_support import dump, populate
from tests.test_csv_bad_files import CORPUS, EXPECTED

IMPORT = "pages/shared/import/page.py"
OTHER_SYSTEM = (
    b"Student E-mail Addr,first_name,last_name,username\n"
    b"zoe.ng@example.edu,Zoe,Ng,zng\n"
    b"yan.li@example.edu,Yan,Li,yli\n"
)
# Refused by a fixed test clock but not by today's: "in the future" is relative to today.
DATED = {
    "interviews_completed_in_future.csv",
    "interviews_thank_you_in_future.csv",
    # These name dates of the population drawn on the corpus's clock.
    "follow_ups_before_meeting.csv",
    "interviews_cancel_keeps_records.csv",
}


@pytest.fixture
def live(ctx: Context) -> Context:
    """The test database on the system clock, as the app sees it."""
    return Context(ctx.engine, ctx.settings)


def open_import(open_app: Opener, live: Context, who: str) -> tuple[AppTest, dict[str, object]]:
    people = populate(live)
    actor = people[who]
    set_password(live, actor.id)
    at = sign_in(open_app(), actor.email)
    at.switch_page(IMPORT).run()
    assert not at.exception
    assert titles(at) == ["Import"]
    return at, people


def upload(at: AppTest, name: str, data: bytes) -> AppTest:
    at.file_uploader[0].set_value((name, data, "text/csv"))
    return at.run()


def warnings(at: AppTest) -> list[str]:
    """The warnings' text as written (the page escapes it for Markdown)."""
    return [re.sub(r"\\(.)", r"\1", warning.value) for warning in at.warning]


def metrics(at: AppTest) -> dict[str, str]:
    return {metric.label: metric.value for metric in at.metric}


def problems(at: AppTest) -> list[str]:
    """The problem list's lines as the core words them: "row 2, column email: ..."."""
    listed = [m.value for m in at.markdown if m.value.startswith("- ")]
    lines = [line for block in listed for line in block[2:].split("\n- ")]
    return [re.sub(r"\\(.)", r"\1", line).replace(WORD_JOINER, "") for line in lines]


def test_admin_maps_a_header_checks_and_applies_and_the_mapping_is_remembered(
    open_app: Opener, live: Context
) -> None:
    at, _people = open_import(open_app, live, "admin")
    pick(at, "import_cohort", "Spring 2026 Business")
    at = upload(at, "from_crm.csv", OTHER_SYSTEM)
    assert not at.exception
    # Unmapped, "Student E-mail Addr" is ignored (one warning naming both columns) and the
    # e-mail is missing: the dry run says so and Apply stays off.
    assert any("columns ignored: Student E-mail Addr, username" in w for w in warnings(at))
    assert "row 1: required column missing: email" in problems(at)
    assert next(b for b in at.button if b.label == "Apply").disabled

    mapped = at.selectbox(key=next(s.key for s in at.selectbox if s.label == "Student E-mail Addr"))
    mapped.select("email")
    at = click(at, "Check again with this mapping")
    assert not at.exception and not at.error
    assert metrics(at) == {"New": "2", "Updated": "0", "Unchanged": "0", "Refused": "0"}
    assert any("column ignored: username" in w for w in warnings(at))
    before = dump(live)
    assert dump(live) == before  # the dry run wrote nothing

    at = click(at, "Apply")
    assert not at.exception
    assert "Imported roster: 2 new, 0 updated, 0 unchanged, 0 refused." in at.success[0].value
    with live.unit_of_work() as session:
        cohort = session.scalars(
            select(Cohort.name)
            .join(Graduate, Graduate.cohort_id == Cohort.id)
            .join(User, User.id == Graduate.user_id)
            .where(User.email == "zoe.ng@example.edu")
        ).one()
        assert cohort == "Spring 2026 Business"
        assert session.scalars(select(ImportMapping.mapping)).one() == {
            "Student E-mail Addr": "email",
            "username": "",
        }

    # The next file with the same headers gets the same mapping, and nothing is new now.
    at = upload(at, "from_crm_again.csv", OTHER_SYSTEM)
    assert not at.exception and not at.error
    assert metrics(at) == {"New": "0", "Updated": "0", "Unchanged": "2", "Refused": "0"}
    labels = {s.label: s.value for s in at.selectbox}
    assert labels["Student E-mail Addr"] == "email"


def test_an_advisor_importing_into_a_cohort_they_do_not_coach_is_refused(
    open_app: Opener, live: Context
) -> None:
    at, _people = open_import(open_app, live, "advisor")
    # The advisor chooses among their own cohorts only.
    assert at.selectbox(key="import_cohort").options == ["Spring 2026 Business"]
    kinds = at.selectbox(key="import_kind").options
    assert not any("Interviews" in kind or "Follow" in kind for kind in kinds)
    before = dump(live)
    at = upload(
        at,
        "roster.csv",
        b"email,first_name,last_name,cohort\n"
        b"ben.okafor@example.org,Ben,Okafor,Autumn 2025 Design\n",
    )
    assert not at.exception
    assert problems(at) == [
        "row 2, column cohort: there is no cohort named 'Autumn 2025 Design' that you coach"
    ]
    assert metrics(at)["Refused"] == "1"
    assert next(b for b in at.button if b.label == "Apply").disabled
    assert dump(live) == before


def test_a_graduate_imports_only_their_own_kinds(open_app: Opener, live: Context) -> None:
    people = populate(live)
    graduate, _ = people["grads"][0]
    set_password(live, graduate.id)
    at = sign_in(open_app(), graduate.email)
    at.switch_page(IMPORT)
    at.query_params["kind"] = "roster"
    at.run()
    assert not at.exception
    assert "You cannot import 'roster' files here" in at.error[0].value
    assert not at.file_uploader and not at.dataframe


def test_every_bad_file_shows_its_problems_and_changes_nothing(
    open_app: Opener, live: Context
) -> None:
    at, people = open_import(open_app, live, "admin")
    before = dump(live)
    for name, (kind, fragments) in sorted(EXPECTED.items()):
        pick(at, "import_kind", {"follow-ups": "Follow-ups"}.get(kind, kind.capitalize()))
        at.run()
        at = upload(at, name, (CORPUS / name).read_bytes())
        assert not at.exception, name
        # The page shows exactly what the core finds, on the same clock.
        expected = preview(live, people["admin"], kind, (CORPUS / name).read_bytes())
        assert problems(at) == [str(problem) for problem in expected.errors], name
        if name not in DATED:
            shown = "\n".join(problems(at))
            assert all(fragment in shown for fragment in fragments), (name, shown)
            assert next(b for b in at.button if b.label == "Apply").disabled, name
        assert dump(live) == before, name


def test_utf16_imports_and_a_file_that_is_not_text_is_named_without_a_row(
    open_app: Opener, live: Context
) -> None:
    """Issue 17, 7h: UTF-16 was refused as "binary data" in a table whose Row read "None"."""
    at, _people = open_import(open_app, live, "admin")
    roster = "email,first_name,last_name,cohort\r\nzoe@example.org,Zoë,Ng,Spring 2026 Business\r\n"
    at = upload(at, "unicode.csv", "\ufeff".encode("utf-16-le") + roster.encode("utf-16-le"))
    assert not at.exception and not problems(at)
    assert metrics(at)["New"] == "1"
    assert not next(b for b in at.button if b.label == "Apply").disabled

    at = upload(at, "photo.csv", b"PK\x03\x04\x00\x00\xa5M\xca\x18")
    assert problems(at) == [
        "the file is not UTF-8 or UTF-16 text (it holds binary data): save it as CSV UTF-8 "
        "(in a spreadsheet: Save as, CSV UTF-8)"
    ]
    shown = [e.value for e in [*at.markdown, *at.caption, *at.error]]
    shown += [frame.value.to_string() for frame in at.dataframe]
    assert not any("None" in text for text in shown), shown


def test_a_file_over_the_limit_is_refused_before_it_is_read(
    open_app: Opener, live: Context
) -> None:
    at, _people = open_import(open_app, live, "admin")
    # Past the browser's own limit on the widget, the page checks the size before reading.
    at = upload(at, "big.csv", b"email,first_name,cohort\n" + b"x" * MAX_IMPORT_BYTES)
    assert not at.exception
    assert at.error[0].value == (
        "big.csv: the file is 20.0 MB; files of at most 20 MB are imported: "
        "split it into smaller files"
    )
    assert not at.metric


def test_the_corpus_is_all_known() -> None:
    assert {path.name for path in Path(CORPUS).glob("*.csv")} == set(EXPECTED)
