"""Question banks: who sees what, curating, sharing, copying; questions taken to interviews."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from networkit_core.context import Context
from networkit_core.errors import AccessDenied, InvalidInput
from networkit_core.models import AuditEntry, InterviewStatus, Role, Visibility
from networkit_core.services import questions
from tests import factories


def test_visibility_decides_who_sees_a_bank(ctx: Context) -> None:
    advisor = factories.user(ctx, Role.ADVISOR)
    coached = factories.cohort(ctx, advisors=(advisor,))
    other_cohort = factories.cohort(ctx)
    graduate, _ = factories.graduate(ctx, coached)
    outsider, _ = factories.graduate(ctx, other_cohort)

    bank = questions.create_bank(ctx, advisor, name="Finance questions")
    questions.add_question(ctx, advisor, bank.id, text="What does a first year look like?")
    assert bank.visibility is Visibility.PRIVATE

    def names(actor: object) -> list[str]:
        return [b.name for b in questions.list_banks(ctx, actor)]  # type: ignore[arg-type]

    assert names(graduate) == ["Starter bank"]
    shared = questions.set_bank_visibility(
        ctx, advisor, bank.id, visibility="cohorts", cohort_ids=[coached]
    )
    assert shared.shared_with_cohort_ids == (coached,)
    assert names(graduate) == ["Finance questions", "Starter bank"]
    assert names(outsider) == ["Starter bank"]
    with pytest.raises(AccessDenied) as foreign:
        questions.bank_detail(ctx, outsider, bank.id)
    with pytest.raises(AccessDenied) as missing:
        questions.bank_detail(ctx, outsider, 10**8)
    assert str(foreign.value) == str(missing.value)
    # An advisor shares only with cohorts they coach.
    with pytest.raises(AccessDenied):
        questions.set_bank_visibility(
            ctx, advisor, bank.id, visibility="cohorts", cohort_ids=[coached, other_cohort]
        )
    with pytest.raises(InvalidInput, match="at least one cohort"):
        questions.set_bank_visibility(ctx, advisor, bank.id, visibility="cohorts")
    questions.set_bank_visibility(ctx, advisor, bank.id, visibility="everyone")
    assert names(outsider) == ["Finance questions", "Starter bank"]
    # Graduates keep their own banks private; others' banks they only read.
    own = questions.create_bank(ctx, graduate, name="Mine")
    with pytest.raises(InvalidInput, match="keep their question banks private"):
        questions.set_bank_visibility(ctx, graduate, own.id, visibility="everyone")
    with pytest.raises(AccessDenied):
        questions.rename_bank(ctx, graduate, bank.id, name="Taken over")


def test_curating_questions(ctx: Context) -> None:
    advisor = factories.user(ctx, Role.ADVISOR)
    bank = questions.create_bank(ctx, advisor, name="Tech")
    question = questions.add_question(
        ctx, advisor, bank.id, text=" Which tools do you use? ", category="Tools",
        tags="Daily Work; TOOLS;;tools, Stack",
    )  # fmt: skip
    assert (question.text, question.tags) == ("Which tools do you use?", "daily work;tools;stack")
    assert question.tag_list == ("daily work", "tools", "stack")
    edited = questions.edit_question(ctx, advisor, question.id, tags=["Remote"], category="Work")
    assert (edited.text, edited.category, edited.tags) == (
        "Which tools do you use?",
        "Work",
        "remote",
    )
    with pytest.raises(InvalidInput, match="The question is required"):
        questions.add_question(ctx, advisor, bank.id, text="  ")
    second = questions.add_question(ctx, advisor, bank.id, text="What changed lately?")
    questions.remove_question(ctx, advisor, question.id)
    detail = questions.bank_detail(ctx, advisor, bank.id)
    assert [q.id for q in detail.questions] == [second.id]
    assert detail.bank.question_count == 1
    renamed = questions.rename_bank(ctx, advisor, bank.id, name="Tech roles", description="IT")
    assert (renamed.name, renamed.description) == ("Tech roles", "IT")
    questions.delete_bank(ctx, advisor, bank.id)
    assert [b.name for b in questions.list_banks(ctx, advisor)] == ["Starter bank"]
    with ctx.unit_of_work() as session:
        entities = session.scalars(select(AuditEntry.entity).order_by(AuditEntry.id)).all()
    assert entities.count("question_bank") == 3 and entities.count("question") == 4


def test_copy_a_visible_bank(ctx: Context) -> None:
    graduate, _ = factories.graduate(ctx, factories.cohort(ctx))
    starter = questions.list_banks(ctx, graduate)[0]
    copy = questions.copy_bank(ctx, graduate, starter.id)
    assert (copy.name, copy.owner_id, copy.visibility, copy.can_edit) == (
        "Starter bank (copy)",
        graduate.id,
        Visibility.PRIVATE,
        True,
    )
    assert copy.question_count == starter.question_count > 0
    assert not starter.can_edit


def test_attach_and_rate_questions(ctx: Context) -> None:
    graduate, graduate_id = factories.graduate(ctx, factories.cohort(ctx))
    planned = factories.interview(ctx, graduate_id, days_ago=-3, status=InterviewStatus.PLANNED)
    starter = questions.bank_detail(ctx, graduate, questions.list_banks(ctx, graduate)[0].id)
    first, second = starter.questions[0].id, starter.questions[1].id
    questions.attach_question(ctx, graduate, planned, first)
    attached = questions.attach_question(ctx, graduate, planned, second)
    assert [q.question_id for q in attached] == [first, second]
    with pytest.raises(
        InvalidInput,
        match="Question ratings can only be recorded on a completed interview, and this one is "
        "planned",
    ):
        questions.rate_question(ctx, graduate, planned, first, 4)
    with ctx.unit_of_work() as session:
        from networkit_core.models import Interview

        session.get(Interview, planned).status = InterviewStatus.COMPLETED  # type: ignore[union-attr]
    with pytest.raises(InvalidInput, match="whole number from 1 to 5, not 6"):
        questions.rate_question(ctx, graduate, planned, first, 6)
    rated = questions.rate_question(ctx, graduate, planned, first, 4)
    assert [(q.question_id, q.usefulness) for q in rated] == [(first, 4), (second, None)]
    assert [q.question_id for q in questions.detach_question(ctx, graduate, planned, second)] == [
        first
    ]
    with pytest.raises(InvalidInput, match="not on this interview"):
        questions.rate_question(ctx, graduate, planned, second, 3)
    # A question from a bank the graduate cannot see cannot be attached.
    advisor = factories.user(ctx, Role.ADVISOR)
    hidden = questions.create_bank(ctx, advisor, name="Hidden")
    secret = questions.add_question(ctx, advisor, hidden.id, text="Secret?")
    with pytest.raises(AccessDenied, match="No such question"):
        questions.attach_question(ctx, graduate, planned, secret.id)


def test_bank_list_counts_and_shares_each_bank_on_its_own(ctx: Context) -> None:
    # The list gathers shares and question counts for all banks at once; each bank keeps its own.
    advisor = factories.user(ctx, Role.ADVISOR)
    first, second = factories.cohort(ctx, advisors=(advisor,)), factories.cohort(ctx)
    questions.create_bank(ctx, advisor, name="Empty")
    two = questions.create_bank(ctx, advisor, name="Two questions")
    questions.add_question(ctx, advisor, two.id, text="One?")
    removed = questions.add_question(ctx, advisor, two.id, text="Gone?")
    questions.add_question(ctx, advisor, two.id, text="Two?")
    questions.remove_question(ctx, advisor, removed.id)
    questions.set_bank_visibility(ctx, advisor, two.id, visibility="cohorts", cohort_ids=[first])
    with pytest.raises(AccessDenied):
        questions.set_bank_visibility(
            ctx, advisor, two.id, visibility="cohorts", cohort_ids=[first, second]
        )
    listed = {bank.name: bank for bank in questions.list_banks(ctx, advisor)}
    assert (listed["Empty"].question_count, listed["Empty"].shared_with_cohort_ids) == (0, ())
    assert (listed["Two questions"].question_count, listed["Two questions"].can_edit) == (2, True)
    assert listed["Two questions"].shared_with_cohort_ids == (first,)
    assert listed["Starter bank"].question_count > 0
    assert listed["Starter bank"].can_edit is False
