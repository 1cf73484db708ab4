"""The "Bring in my contacts" section of /interviews in AppTest: upload, dry run, add; bad rows
named and nothing added until the graduate leaves them out; markup shown as text; an imported
contact picked on the new-interview form; advisors and admins never see the import."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from networkit_core.context import Context
from networkit_core.models import AuditEntry, Contact, ContactSource, Interview, Role
from networkit_core.services.contact_imports import import_contacts
from pages.ui.text import escape
from tests import factories
from tests.app_session import Opener, account, pick, set_password, sign_in

INTERVIEWS = "pages/graduate/interviews/page.py"
INTERVIEW = "pages/graduate/interview/page.py"
FILES = Path(__file__).parent / "contact_files"
UPLOADER = "contacts_in_file_"


@pytest.fixture
def live(ctx: Context) -> Context:
    """The test database on the system clock, as the app sees it."""
    return Context(ctx.engine, ctx.settings)


def plain(text: str) -> str:
    return text.replace("\\", "")


def my_interviews(open_app: Opener, live: Context) -> tuple[AppTest, object, int]:
    me, my_id = factories.graduate(live, factories.cohort(live))
    set_password(live, me.id)
    at = sign_in(open_app(), me.email)
    at.switch_page(INTERVIEWS).run()
    assert not at.exception
    return at, me, my_id


def upload(at: AppTest, name: str, data: bytes, mime: str = "text/csv") -> AppTest:
    (uploader,) = [u for u in at.file_uploader if str(u.key).startswith(UPLOADER)]
    uploader.set_value((name, data, mime))
    return at.run()


def metrics(at: AppTest) -> dict[str, int]:
    return {metric.label: int(metric.value) for metric in at.metric}


def add_button(at: AppTest) -> object:
    return at.button(key="contacts_in_apply")


def names(live: Context, graduate_id: int) -> list[str]:
    with live.unit_of_work() as session:
        return list(
            session.scalars(
                select(Contact.name).where(Contact.graduate_id == graduate_id).order_by(Contact.id)
            )
        )


def test_upload_a_linkedin_export_check_it_and_add_the_new_contacts(
    open_app: Opener, live: Context
) -> None:
    at, _me, my_id = my_interviews(open_app, live)
    factories.contact(live, my_id, "Priya Shah", organization="ACME corp")
    assert not at.metric  # nothing uploaded: no dry run
    at = upload(at, "Connections.csv", (FILES / "Connections.csv").read_bytes())
    assert not at.exception and not at.error
    assert metrics(at) == {"New": 3, "Already known": 1, "Bad rows": 0}
    new, known = at.dataframe
    assert list(new.value["Name"]) == ["Tomás García", "Mei Lin", "Sam O'Neil"]
    assert list(known.value["Matched by"]) == ["name and organization"]
    assert names(live, my_id) == ["Priya Shah"]  # the dry run wrote nothing

    assert add_button(at).label == "Add 3 new contacts"
    at = add_button(at).click().run()
    assert not at.exception and not at.error
    assert "Added 3 new contacts (1 already known)" in at.success[-1].value
    assert names(live, my_id) == ["Priya Shah", "Tomás García", "Mei Lin", "Sam O'Neil"]
    assert not at.metric  # a fresh uploader: the file is gone

    # The same file again: nothing new, and the button cannot add anything.
    at = upload(at, "Connections.csv", (FILES / "Connections.csv").read_bytes())
    assert metrics(at) == {"New": 0, "Already known": 4, "Bad rows": 0}
    assert add_button(at).disabled
    assert any("Nothing new to add" in info.value for info in at.info)
    assert len(names(live, my_id)) == 4


def test_a_vcard_with_a_bad_card_adds_nothing_until_it_is_left_out(
    open_app: Opener, live: Context
) -> None:
    at, _me, my_id = my_interviews(open_app, live)
    at = upload(at, "iphone.vcf", (FILES / "iphone.vcf").read_bytes(), "text/vcard")
    assert not at.exception
    assert metrics(at) == {"New": 2, "Already known": 0, "Bad cards": 1}
    listed = [plain(m.value) for m in at.markdown if m.value.startswith("- ")]
    assert listed == [
        "- Card 3: no name: a contact needs at least a first or a last name (line 26)"
    ]
    assert add_button(at).disabled
    at.checkbox(key="contacts_in_leave_out").check().run()
    assert not add_button(at).disabled
    at = add_button(at).click().run()
    assert "1 bad one left out" in at.success[-1].value
    assert names(live, my_id) == ["Adaeze Okafor", "Björn Lindqvist"]
    with live.unit_of_work() as session:
        sources = set(session.scalars(select(Contact.source)))
        imported = session.scalars(
            select(AuditEntry.detail).where(
                AuditEntry.action == "import", AuditEntry.entity == "contacts"
            )
        ).all()
    assert sources == {ContactSource.VCARD}
    assert [(d["added"], d["left_out"]) for d in imported] == [(2, 1)]


def test_markup_in_a_file_shows_as_text_and_an_unreadable_file_is_named(
    open_app: Opener, live: Context
) -> None:
    at, _me, my_id = my_interviews(open_app, live)
    hostile = (
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        '"**Bold** <img src=x onerror=alert(1)>",":red[Red]",,,"[x](javascript:alert(1))",,\n'
        "Big,Cell,,," + "x" * (1 << 20) + ",,\n"
        '"**Evil**",<b>x</b>,,not-mail,,,\n'
    ).encode()
    at = upload(at, "Connections.csv", hostile)
    assert not at.exception
    (new,) = at.dataframe
    assert list(new.value["Name"]) == ["**Bold** <img src=x onerror=alert(1)> :red[Red]"]
    assert list(new.value["Organization"]) == ["[x](javascript:alert(1))"]
    (listed,) = [m.value for m in at.markdown if m.value.startswith("- ")]
    # The bad rows' names and reasons are Markdown-escaped: the markup reads as typed.
    assert listed.split("\n") == [
        "- Row 3 (Big Cell): Company is too long: 1,048,576 characters, at most 160",
        "- "
        + escape(
            "Row 4 (**Evil** <b>x</b>): Email Address 'not-mail' is not a valid e-mail address"
        ),
    ]
    assert "\\*\\*Evil\\*\\* \\<b\\>x\\</b\\>" in listed

    at = upload(at, "Connections.csv", b"Name,Phone\nAna,555\n")
    assert not at.metric
    assert [plain(e.value) for e in at.error] == [
        "no header row found: a LinkedIn Connections.csv has the columns First Name, Last Name, "
        "URL, Email Address, Company, Position, Connected On in one of its first 20 rows"
    ]
    assert names(live, my_id) == []


def test_the_new_interview_form_picks_an_imported_contact(open_app: Opener, live: Context) -> None:
    at, me, my_id = my_interviews(open_app, live)
    import_contacts(live, me, "android.vcf", (FILES / "android.vcf").read_bytes())
    at.query_params.clear()
    at.switch_page(INTERVIEW).run()
    assert at.radio(key="new_interview_who").value == "One of my contacts"
    pick(at, "new_interview_contact", "Grace Hopper (US Navy)")
    at.date_input(key="new_interview_date").set_value(live.clock.today() + timedelta(days=2))
    next(b for b in at.button if b.label == "Save interview").click()
    at.run()
    assert not at.exception and not at.error
    with live.unit_of_work() as session:
        (saved,) = session.scalars(select(Interview))
        assert (saved.contact.name, saved.contact.source) == ("Grace Hopper", ContactSource.VCARD)
        assert saved.graduate_id == my_id
        assert len(names(live, my_id)) == 3  # picked, not typed again
    # Typing someone new is still possible.
    at.query_params.clear()
    at.switch_page(INTERVIEW).run()
    assert at.radio(key="new_interview_who").options == ["One of my contacts", "Someone new"]


@pytest.mark.parametrize("role", [Role.ADVISOR, Role.ADMIN])
def test_advisors_and_admins_never_see_the_import(
    open_app: Opener, live: Context, role: Role
) -> None:
    at = sign_in(open_app(), account(live, role))
    at.switch_page(INTERVIEWS).run()
    assert not at.exception
    assert [plain(e.value) for e in at.error] == [
        "This page is for graduates. Use the menu to find your own pages."
    ]
    assert not at.file_uploader and not at.subheader
