"""Test data built through the ORM, kept short so each test shows what matters to it."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

from sqlalchemy import select

from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.demo.loader import item_ids
from networkit_core.interchange.importers.bulk import insert_returning_ids, insert_rows
from networkit_core.models import (
    ChecklistItem,
    ChecklistKind,
    ChecklistTick,
    CoachingComment,
    Cohort,
    CohortAdvisor,
    CohortGoal,
    Contact,
    FollowUp,
    FollowUpKind,
    FollowUpPermission,
    GoalMetric,
    Graduate,
    Interview,
    InterviewQuestion,
    InterviewStatus,
    Question,
    QuestionBank,
    QuestionBankShare,
    QuestionSuggestion,
    Role,
    User,
    Visibility,
)
from networkit_core.models.interviews import new_public_id
from networkit_core.passwords import hash_password

_serial = itertools.count(1)
PASSWORD = "correct horse battery"


def user(ctx: Context, role: Role, email: str | None = None, password: str | None = None) -> Actor:
    n = next(_serial)
    with ctx.unit_of_work() as session:
        account = User(
            email=(email or f"{role.value}{n}@example.org").lower(),
            first_name=role.value.title(),
            last_name=str(n),
            role=role,
            password_hash=hash_password(password) if password else None,
            failed_login_count=0,
            is_active=True,
        )
        session.add(account)
        session.flush()
        return Actor.of(account)


def cohort(ctx: Context, name: str | None = None, advisors: tuple[Actor, ...] = ()) -> int:
    with ctx.unit_of_work() as session:
        group = Cohort(name=name or f"Cohort {next(_serial)}", description="")
        session.add(group)
        session.flush()
        for advisor in advisors:
            session.add(
                CohortAdvisor(
                    cohort_id=group.id, advisor_id=advisor.id, assigned_at=ctx.clock.now()
                )
            )
        return group.id


def graduate(ctx: Context, cohort_id: int, email: str | None = None) -> tuple[Actor, int]:
    """A graduate account and its graduate record: (actor, graduate id)."""
    actor = user(ctx, Role.GRADUATE, email)
    with ctx.unit_of_work() as session:
        record = Graduate(user_id=actor.id, cohort_id=cohort_id, program="BA", graduation_year=2025)
        session.add(record)
        session.flush()
        return actor, record.id


def more_graduates(ctx: Context, cohort_id: int, count: int) -> list[str]:
    """`count` graduates with nothing recorded, by e-mail: they make a group of at least 5,
    whose figures an export gives (figures/suppression.py), without changing any rate."""
    return [graduate(ctx, cohort_id)[0].email for _ in range(count)]


def contact(ctx: Context, graduate_id: int, name: str = "Dana Reyes", **values: object) -> int:
    with ctx.unit_of_work() as session:
        person = Contact(graduate_id=graduate_id, name=name, **values)
        session.add(person)
        session.flush()
        return person.id


def interview(
    ctx: Context,
    graduate_id: int,
    *,
    days_ago: int = 5,
    status: InterviewStatus = InterviewStatus.COMPLETED,
    contact_id: int | None = None,
    thank_you_after: int | None = None,
    permission: FollowUpPermission = FollowUpPermission.NOT_ASKED,
    notes: str = "",
    follow_ups_after: tuple[int, ...] = (),
    prep_ticked: int = 0,
) -> int:
    """An interview met `days_ago` days before today; thank-you and follow-ups are given in
    days after the meeting; `prep_ticked` ticks that many preparation items."""
    if contact_id is None:
        contact_id = contact(ctx, graduate_id)
    met = ctx.clock.today() - timedelta(days=days_ago)
    with ctx.unit_of_work() as session:
        record = Interview(
            graduate_id=graduate_id,
            contact_id=contact_id,
            meeting_date=met,
            status=status,
            notes=notes,
            thank_you_sent_on=_after(met, thank_you_after),
            follow_up_permission=permission,
        )
        session.add(record)
        session.flush()
        for offset in follow_ups_after:
            session.add(
                FollowUp(
                    interview_id=record.id,
                    date=met + timedelta(days=offset),
                    kind=FollowUpKind.ARTICLE,
                )
            )
        ticks = [
            {"interview_id": record.id, "item_id": item_id, "ticked_at": ctx.clock.now()}
            for item_id in item_ids(session, ChecklistKind.PREP)[:prep_ticked]
        ]
        insert_rows(session, ChecklistTick.__table__, ticks)
        return record.id


def _after(day: date, offset: int | None) -> date | None:
    return None if offset is None else day + timedelta(days=offset)


def retire_prep_items(ctx: Context, count: int) -> None:
    """Retire the first `count` preparation items (as removing them from the content file does)."""
    with ctx.unit_of_work() as session:
        items = session.scalars(
            select(ChecklistItem)
            .where(ChecklistItem.kind == ChecklistKind.PREP)
            .order_by(ChecklistItem.position)
            .limit(count)
        )
        for item in items:
            item.is_active = False


def soft_delete_interview(ctx: Context, interview_id: int) -> None:
    with ctx.unit_of_work() as session:
        record = session.get_one(Interview, interview_id)
        record.deleted_at = ctx.clock.now()


def soft_delete_follow_ups(ctx: Context, interview_id: int) -> None:
    with ctx.unit_of_work() as session:
        for follow_up in session.scalars(
            select(FollowUp).where(FollowUp.interview_id == interview_id)
        ):
            follow_up.deleted_at = ctx.clock.now()


# --- services: banks, comments, goals, follow-ups ---------------------------------------------


def bank(
    ctx: Context,
    owner_id: int | None,
    *,
    name: str = "My bank",
    visibility: str = "private",
    questions: tuple[str, ...] = ("What do you enjoy most about your work?",),
    shared_with: tuple[int, ...] = (),
) -> tuple[int, list[int]]:
    """A question bank and its questions: (bank id, question ids)."""
    with ctx.unit_of_work() as session:
        record = QuestionBank(name=name, owner_id=owner_id, visibility=Visibility(visibility))
        session.add(record)
        session.flush()
        rows = [
            Question(bank_id=record.id, text=text, position=n) for n, text in enumerate(questions)
        ]
        session.add_all(rows)
        for cohort_id in shared_with:
            session.add(QuestionBankShare(bank_id=record.id, cohort_id=cohort_id))
        session.flush()
        return record.id, [row.id for row in rows]


def suggestion(ctx: Context, bank_id: int, by_id: int, text: str = "What changed lately?") -> int:
    """A pending question suggested to a bank."""
    with ctx.unit_of_work() as session:
        record = QuestionSuggestion(bank_id=bank_id, suggested_by_id=by_id, text=text)
        session.add(record)
        session.flush()
        return record.id


def comment(ctx: Context, graduate_id: int, author_id: int, body: str = "Nice work") -> int:
    with ctx.unit_of_work() as session:
        record = CoachingComment(graduate_id=graduate_id, author_id=author_id, body=body)
        session.add(record)
        session.flush()
        return record.id


def goal(ctx: Context, cohort_id: int, metric: str = "thank_you_rate", target: float = 0.8) -> int:
    with ctx.unit_of_work() as session:
        record = CohortGoal(cohort_id=cohort_id, metric=GoalMetric(metric), target=target)
        session.add(record)
        session.flush()
        return record.id


def follow_up_ids(ctx: Context, interview_id: int) -> list[int]:
    with ctx.unit_of_work() as session:
        return list(
            session.scalars(
                select(FollowUp.id)
                .where(FollowUp.interview_id == interview_id)
                .order_by(FollowUp.id)
            )
        )


def backdate_account(ctx: Context, actor: Actor, days: int) -> None:
    """Pretend the account was created `days` days before today."""
    with ctx.unit_of_work() as session:
        account = session.get_one(User, actor.id)
        account.created_at = ctx.clock.now() - timedelta(days=days)


def backdate_logging(ctx: Context, interview_id: int, days: int) -> None:
    """Pretend the interview was logged (created) `days` days before today."""
    with ctx.unit_of_work() as session:
        record = session.get_one(Interview, interview_id)
        record.created_at = ctx.clock.now() - timedelta(days=days)


def use_question(
    ctx: Context, interview_id: int, question_id: int, usefulness: int | None = None
) -> None:
    with ctx.unit_of_work() as session:
        session.add(
            InterviewQuestion(
                interview_id=interview_id,
                question_id=question_id,
                usefulness=usefulness,
                added_at=ctx.clock.now(),
            )
        )


def ratings(ctx: Context, graduate_id: int, question_id: int, usefulness: list[int | None]) -> None:
    """The question taken to one completed interview per rating (None: taken, not rated),
    written in one transaction by the demo's bulk writer."""
    contact_id = contact(ctx, graduate_id, "Rated Person")
    met = ctx.clock.today() - timedelta(days=5)
    now = ctx.clock.now()
    held = {"graduate_id": graduate_id, "contact_id": contact_id, "meeting_date": met}
    held |= {
        "status": InterviewStatus.COMPLETED,
        "version": 1,
        "created_at": now,
        "updated_at": now,
    }
    with ctx.unit_of_work() as session:
        rows = [held | {"public_id": new_public_id()} for _ in usefulness]
        ids = insert_returning_ids(session, Interview.__table__, rows)
        taken = [
            {"interview_id": i, "question_id": question_id, "usefulness": u, "added_at": now}
            for i, u in zip(ids, usefulness, strict=True)
        ]
        insert_rows(session, InterviewQuestion.__table__, taken)


def checklist_item(ctx: Context, kind: str, key: str) -> int:
    """The id of the checklist item `kind`/`key` (e.g. prep / research_company)."""
    with ctx.unit_of_work() as session:
        return session.scalars(
            select(ChecklistItem.id).where(
                ChecklistItem.kind == ChecklistKind(kind), ChecklistItem.key == key
            )
        ).one()
