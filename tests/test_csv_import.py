"""Importing: header variants, dry runs, all-or-nothing, scope, matching, warnings."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from networkit_core.context import Context
from networkit_core.errors import AccessDenied
from networkit_core.interchange import Action, ImportRefused, apply, export, import_now, preview
from networkit_core.models import (
    ChecklistTick,
    Cohort,
    CohortAdvisor,
    Contact,
    Graduate,
    Interview,
    Question,
    QuestionBank,
    Role,
    User,
)
from tests.csv_support import dump, populate

ROSTER = "email,first_name,last_name,cohort,program,graduation_year,advisor_email\n"
INTERVIEW_HEADER = (
    "interview_id,graduate_email,contact_name,contact_title,contact_organization,"
    "contact_industry,contact_email,meeting_date,location_type,status,prep_research_company,"
    "prep_wallet,notes,thank_you_sent_on,thank_you_method,follow_up_permission\n"
)


def test_header_variants_semicolons_and_bom_are_accepted(ctx: Context) -> None:
    people = populate(ctx)
    data = (
        "\ufeffE-mail Address; First Name ;SURNAME;Cohort;Programme;Grad Year\r\n"
        "Zoe.New@Example.org;Zoe;Ng;Spring 2026 Business;MBA;2025\r\n"
    ).encode()
    result = import_now(ctx, people["admin"], "roster", data)
    assert (result.counts.new, result.counts.refused) == (1, 0)
    with ctx.unit_of_work() as session:
        user = session.scalar(select(User).where(User.email == "zoe.new@example.org"))
        assert user is not None and user.password_hash is None and user.role is Role.GRADUATE
        graduate = session.scalar(select(Graduate).where(Graduate.user_id == user.id))
        assert graduate is not None
        assert (graduate.program, graduate.graduation_year) == ("MBA", 2025)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_a_bom_is_read_like_utf8(ctx: Context, codec: str) -> None:
    """Issue 17, 7h: a UTF-16 file (Excel's "Unicode text") was refused as binary data."""
    people = populate(ctx)
    text = (
        "email,first_name,last_name,cohort\r\nzoë@example.org,Zoë,Ng·Lee,Spring 2026 Business\r\n"
    )
    data = "\ufeff".encode(codec) + text.encode(codec)
    result = import_now(ctx, people["admin"], "roster", data)
    assert (result.counts.new, result.counts.refused) == (1, 0)
    with ctx.unit_of_work() as session:
        user = session.scalars(select(User).where(User.email == "zoë@example.org")).one()
        assert (user.first_name, user.last_name) == ("Zoë", "Ng·Lee")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            "email,first_name\nzoe@example.org,Zoe\n".encode("utf-16-le"),
            "the file is UTF-16 text without a byte-order mark: save it as CSV UTF-8",
        ),
        (
            b"PK\x03\x04\x00\x00\xa5M\xca\x18%0",
            "the file is not UTF-8 or UTF-16 text (it holds binary data): save it as CSV UTF-8",
        ),
        (
            "email,first_name\nzoe@example.org,Zoé\n".encode("cp1252"),
            "the file is not UTF-8 or UTF-16 text (byte 0xe9 at row 2): save it as CSV UTF-8",
        ),
        (
            b"\xff\xfe" + "email\n".encode("utf-16-le") + b"\x00\xd8z\x00",  # a lone surrogate
            "the file starts as UTF-16 (LE) but is not UTF-16 text (at row 2): save it as CSV",
        ),
    ],
)
def test_a_file_that_is_not_text_says_which_encoding_it_is_or_is_not(
    ctx: Context, data: bytes, message: str
) -> None:
    people = populate(ctx)
    checked = preview(ctx, people["admin"], "roster", data)
    (problem,) = checked.errors
    assert problem.row is None and str(problem).startswith(message), str(problem)


def test_unknown_header_is_listed_with_suggestions_and_can_be_mapped(ctx: Context) -> None:
    people = populate(ctx)
    data = b"emial,first_name,last_name,cohort\nzoe@example.org,Zoe,Ng,Spring 2026 Business\n"
    checked = preview(ctx, people["admin"], "roster", data)
    assert [(h.header, h.suggestions) for h in checked.unrecognised_headers] == [
        ("emial", ("email",))
    ]
    assert "did you mean email?" in str(checked.errors[0])
    mapped = preview(ctx, people["admin"], "roster", data, header_mapping={"emial": "email"})
    assert mapped.ok and mapped.counts.new == 1


def test_dry_run_gives_counts_and_writes_nothing(ctx: Context) -> None:
    people = populate(ctx)
    admin = people["admin"]
    lines = export(ctx, admin, "roster").decode().splitlines()
    lines[1] = lines[1].replace(",Graduate,", ",Anabela,")  # one updated
    lines.append("yan.li@example.org,Yan,Li,Spring 2026 Business,MBA,2024,,")  # one new
    before = dump(ctx)
    progress: list[tuple[int, int]] = []
    checked = preview(
        ctx,
        admin,
        "roster",
        "\n".join(lines).encode(),
        progress=lambda done, total: progress.append((done, total)),
    )
    assert dump(ctx) == before
    assert (checked.counts.new, checked.counts.updated, checked.counts.unchanged) == (1, 1, 2)
    assert checked.counts.refused == 0
    assert progress[-1] == (4, 4)
    updated = [row for row in checked.rows if row.action is Action.UPDATED]
    assert updated[0].changed == ("first_name",)

    result = apply(ctx, admin, checked)
    assert (result.counts.new, result.counts.updated) == (1, 1)
    assert dump(ctx) != before


def test_apply_refuses_a_preview_with_errors_and_another_users_preview(ctx: Context) -> None:
    people = populate(ctx)
    bad = preview(ctx, people["admin"], "roster", (ROSTER + "x,Zoe,,Nowhere,,,\n").encode())
    with pytest.raises(ImportRefused):
        apply(ctx, people["admin"], bad)
    good = preview(ctx, people["admin"], "roster", (ROSTER + "z@example.org,Z,,C1,,,\n").encode())
    with pytest.raises(AccessDenied):
        apply(ctx, people["advisor"], good)


def test_a_file_with_one_bad_row_writes_none_of_the_good_rows(ctx: Context) -> None:
    people = populate(ctx)
    before = dump(ctx)
    data = ROSTER + "good@example.org,Good,Row,Spring 2026 Business,,,\nbad,Bad,Row,X,,,\n"
    with pytest.raises(ImportRefused) as refused:
        import_now(ctx, people["admin"], "roster", data.encode())
    assert [str(p) for p in refused.value.problems] == [
        "row 3, column email: 'bad' is not a valid email address: An email address must "
        "have an @-sign."
    ]
    assert dump(ctx) == before


def test_admin_roster_creates_cohort_and_advisor_account_with_a_warning(ctx: Context) -> None:
    people = populate(ctx)
    data = ROSTER + "zoe@example.org,Zoe,Ng,Summer 2026 Law,LLM,2026,new.coach@example.org\n"
    result = import_now(ctx, people["admin"], "roster", data.encode())
    assert [str(w) for w in result.warnings] == [
        "row 2, column advisor_email: no account for new.coach@example.org: an advisor account "
        "without a password will be created"
    ]
    with ctx.unit_of_work() as session:
        coach = session.scalar(select(User).where(User.email == "new.coach@example.org"))
        assert coach is not None and coach.role is Role.ADVISOR and coach.password_hash is None
        cohort = session.scalar(select(Cohort).where(Cohort.name == "Summer 2026 Law"))
        assert cohort is not None
        assert session.scalar(
            select(CohortAdvisor).where(
                CohortAdvisor.cohort_id == cohort.id, CohortAdvisor.advisor_id == coach.id
            )
        )


def test_advisor_imports_only_into_cohorts_they_coach(ctx: Context) -> None:
    people = populate(ctx)
    advisor = people["advisor"]
    before = dump(ctx)
    # A cohort coached by someone else reads as one that does not exist (access.py).
    for cohort in ("Autumn 2025 Design", "Brand New Cohort"):
        data = f"{ROSTER}zoe@example.org,Zoe,Ng,{cohort},,,\n".encode()
        with pytest.raises(ImportRefused) as refused:
            import_now(ctx, advisor, "roster", data)
        message = f"there is no cohort named '{cohort}' that you coach"
        assert message in str(refused.value.problems[0])
    moving = f"{ROSTER}chloe.durand@example.org,Chloe,D,Spring 2026 Business,,,\n".encode()
    with pytest.raises(ImportRefused) as refused:
        import_now(ctx, advisor, "roster", moving)
    assert str(refused.value.problems[0]) == (
        "row 2, column email: no graduate chloe.durand@example.org in the cohorts you coach: an "
        "admin adds new accounts"
    )
    assert dump(ctx) == before
    # Issue 17, item 13: an advisor's roster creates no account (it would tell who has one);
    # it changes the graduates they coach.
    ok = f"{ROSTER}ben.okafor@example.org,Benjamin,O,Spring 2026 Business,,,coach.a@example.org\n"
    assert import_now(ctx, advisor, "roster", ok.encode()).counts.updated == 1


def test_advisors_and_graduates_cannot_import_for_others(ctx: Context) -> None:
    people = populate(ctx)
    row = "HX-77,ben.okafor@example.org,Ravi,,Initech,,,2026-02-01,office,completed,1,0,,,,\n"
    with pytest.raises(ImportRefused) as refused:
        import_now(ctx, people["advisor"], "interviews", (INTERVIEW_HEADER + row).encode())
    assert "advisors read interviews but do not change them" in str(refused.value.problems[0])
    ana = people["grads"][0][0]
    with pytest.raises(ImportRefused) as refused:
        import_now(ctx, ana, "interviews", (INTERVIEW_HEADER + row).encode())
    assert "no graduate ben.okafor@example.org that you may import" in str(
        refused.value.problems[0]
    )
    own = row.replace("ben.okafor", "ana.lima")
    assert import_now(ctx, ana, "interviews", (INTERVIEW_HEADER + own).encode()).counts.new == 1
    with pytest.raises(ImportRefused):
        import_now(
            ctx,
            people["advisor"],
            "roster",
            f"{ROSTER}x@example.org,X,,Y,,,\n".encode().replace(b"Y", b"Autumn 2025 Design"),
        )


def test_a_role_that_may_not_import_a_kind_is_refused_before_the_file_is_read(
    ctx: Context,
) -> None:
    people = populate(ctx)
    ana = people["grads"][0][0]
    broken = b"interview_id,date,kind\nHX-0000,14 Feb 2026,postcard\n"
    before = dump(ctx)
    checked = preview(ctx, people["advisor"], "follow-ups", broken)
    # One refusal, and nothing about rows the advisor has no business checking.
    assert [str(p) for p in checked.errors] == [
        "advisors read follow-ups but do not change them: only the graduate or an admin "
        "imports follow-ups"
    ]
    with pytest.raises(ImportRefused) as refused:
        import_now(
            ctx, ana, "roster", f"{ROSTER}x@example.org,X,,Spring 2026 Business,,,\n".encode()
        )
    assert [str(p) for p in refused.value.problems] == ["only admins and advisors import rosters"]
    assert dump(ctx) == before


def test_interviews_keep_their_ids_match_contacts_and_parse_booleans(ctx: Context) -> None:
    people = populate(ctx)
    rows = (
        # the existing contact, matched by email in another case
        'HX-0042,ana.lima@example.org,Dana Reyes,Brand manager,"Acme; Sons, ""Ltd""",'
        "Retail,DANA0@ACME.EXAMPLE,2026-01-10,video,completed,YES,1,Good chat,2026-01-11,email,"
        "granted\n"
        # the existing contact without email, matched by name and organization
        "HX-0043,ana.lima@example.org,sam lee,,STUDIO 9,,,2026-01-12,phone,no_show,no,0,,,,\n"
        # a new contact
        "HX-0044,ana.lima@example.org,Ravi Patel,CTO,Initech,Software,,2026-01-13,other,"
        "cancelled,True,FALSE,,,,declined\n"
    )
    result = import_now(ctx, people["admin"], "interviews", (INTERVIEW_HEADER + rows).encode())
    assert result.counts.new == 3
    graduate_id = people["grads"][0][1]
    with ctx.unit_of_work() as session:
        contacts = session.scalars(
            select(Contact.name).where(Contact.graduate_id == graduate_id).order_by(Contact.name)
        ).all()
        # Matched contacts take the file's details (here the name's spelling).
        assert contacts == ["Dana Reyes", "Ravi Patel", "sam lee"]
        interview = session.scalar(select(Interview).where(Interview.public_id == "HX-0042"))
        assert interview is not None and interview.notes == "Good chat"
        ticks = session.scalars(
            select(ChecklistTick.item_id).where(ChecklistTick.interview_id == interview.id)
        ).all()
        assert len(ticks) == 2


def test_likely_duplicates_are_warnings(ctx: Context) -> None:
    people = populate(ctx)
    # HX-0000 already records Ana meeting Dana Reyes on 2026-02-04.
    row = (
        'HX-NEW,ana.lima@example.org,Dana Reyes,Brand manager,"Acme; Sons, ""Ltd""",'
        "Retail,dana0@acme.example,2026-02-04,office,completed,1,0,,,,\n"
    )
    checked = preview(ctx, people["admin"], "interviews", (INTERVIEW_HEADER + row).encode())
    assert checked.ok
    assert [str(w) for w in checked.warnings] == [
        "row 2, column interview_id: likely a duplicate of the existing interview HX-0000: "
        "same graduate, contact and meeting date"
    ]


def test_questions_go_to_the_actors_imported_bank(ctx: Context) -> None:
    people = populate(ctx)
    advisor = people["advisor"]
    data = b"Question,Category,Tags\nWhat would you do differently?,Advice, Hindsight ;ADVICE;\n"
    assert import_now(ctx, advisor, "questions", data).counts.new == 1
    assert import_now(ctx, advisor, "questions", data).counts.unchanged == 1
    changed = data.replace(b"Advice,", b"Reflection,")
    assert import_now(ctx, advisor, "questions", changed).counts.updated == 1
    with ctx.unit_of_work() as session:
        bank = session.scalar(
            select(QuestionBank).where(
                QuestionBank.owner_id == advisor.id, QuestionBank.name == "Imported questions"
            )
        )
        assert bank is not None
        question = session.scalar(select(Question).where(Question.bank_id == bank.id))
        assert question is not None
        assert (question.category, question.tags) == ("Reflection", "hindsight;advice")
