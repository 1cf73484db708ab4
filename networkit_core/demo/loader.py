"""Write the drawn demo into an empty database: a few bulk inserts in one transaction."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.orm import Session

from networkit_core import audit_log
from networkit_core.content import STARTER_BANK_NAME
from networkit_core.context import Context
from networkit_core.demo.accounts import DEMO_GRADUATES, DEMO_PASSWORD, encode_showcase
from networkit_core.demo.generator import RECENT_DAYS, Row, build_plan
from networkit_core.demo.outcomes import add_outcomes
from networkit_core.demo.profiles import Profile
from networkit_core.errors import NetworkitError
from networkit_core.interchange.importers.bulk import insert_returning_ids, insert_rows
from networkit_core.models import (
    DEMO_MODE,
    ChecklistItem,
    ChecklistKind,
    ChecklistTick,
    CoachingComment,
    Cohort,
    CohortAdvisor,
    CohortGoal,
    Contact,
    Destination,
    FollowUp,
    Graduate,
    InstanceSetting,
    Interview,
    InterviewQuestion,
    Question,
    QuestionBank,
    QuestionBankShare,
    Role,
    User,
)
from networkit_core.passwords import hash_password

Progress = Callable[[int, int, str], None]
STEPS = 7


@dataclass(frozen=True)
class DemoSummary:
    seed: int
    cohorts: int
    advisors: int
    graduates: int
    interviews: int
    recent: int  # met in the last six months
    upcoming: int
    contacts: int
    follow_ups: int
    admin_email: str
    # Each graduate's habit by email: what the demo's descriptions promise of their data.
    profiles: dict[str, Profile] = field(default_factory=dict, repr=False)

    def __str__(self) -> str:
        return (
            f"{self.graduates} graduates in {self.cohorts} cohorts with {self.advisors} advisors, "
            f"{self.interviews} interviews ({self.recent} in the last 6 months, "
            f"{self.upcoming} upcoming), {self.contacts} contacts, {self.follow_ups} follow-ups "
            f"(seed {self.seed}). Sign in as {self.admin_email} or any demo account "
            f"with the password {DEMO_PASSWORD!r}."
        )


def load_demo(ctx: Context, *, seed: int = 2026, progress: Progress | None = None) -> DemoSummary:
    """Load the demo drawn from `seed` relative to today into a database with no accounts,
    and mark the database as demo."""
    report: Progress = progress or (lambda _done, _total, _what: None)
    report(0, STEPS, "hashing the demo password")
    # One slow argon2 hash shared by every demo account.
    password_hash = hash_password(DEMO_PASSWORD)
    today = ctx.clock.today()
    with ctx.unit_of_work() as session:
        if session.scalar(select(func.count()).select_from(User)):
            raise NetworkitError(
                "the database already has accounts: load the demo into an empty one"
            )
        prep = item_ids(session, ChecklistKind.PREP)
        conduct = item_ids(session, ChecklistKind.CONDUCT)
        starter = _starter_question_ids(session)
        plan = build_plan(
            random.Random(seed),
            today,
            prep_items=len(prep),
            conduct_items=len(conduct),
            starter_questions=len(starter),
        )
        # Its own generator: the rest of the demo stays what the seed drew before.
        add_outcomes(
            plan, random.Random(seed + 19), today, window=ctx.settings.thank_you_window_days
        )

        report(1, STEPS, "accounts and cohorts")
        users = _insert(session, User, [{**u, "password_hash": password_hash} for u in plan.users])
        cohorts = _insert(session, Cohort, plan.cohorts)
        _bulk(
            session,
            CohortAdvisor,
            _remap(plan.cohort_advisors, cohort_id=cohorts, advisor_id=users),
        )
        graduates = _insert(
            session, Graduate, _remap(plan.graduates, user_id=users, cohort_id=cohorts)
        )

        report(2, STEPS, "contacts")
        contacts = _insert(
            session, Contact, _remap(plan.contacts, graduate_id=graduates, added_by_id=users)
        )
        if plan.referrals:
            # On the table: the ORM's bulk update by id would ask for each row's version
            # (Contact has one); these rows were just inserted, at version 1.
            table = Contact.__table__
            session.execute(
                update(table)
                .where(table.c.id == bindparam("b_id"))
                .values(referred_by_id=bindparam("b_referrer")),
                [{"b_id": contacts[c], "b_referrer": contacts[r]} for c, r in plan.referrals],
            )

        report(3, STEPS, "interviews")
        interviews = _insert(
            session, Interview, _remap(plan.interviews, graduate_id=graduates, contact_id=contacts)
        )

        _bulk(
            session,
            Destination,
            _remap(
                plan.destinations,
                graduate_id=graduates,
                found_through_interview_id=interviews,
                recorded_by_id=users,
            ),
        )

        report(4, STEPS, "checklists")
        _bulk(
            session,
            ChecklistTick,
            _remap(plan.ticks, interview_id=interviews, item_id=prep + conduct),
        )

        report(5, STEPS, "question banks")
        (bank,) = _insert(session, QuestionBank, _remap([plan.bank], owner_id=users))
        _bulk(
            session,
            QuestionBankShare,
            [{"bank_id": bank, "cohort_id": cohorts[plan.bank_share_cohort]}],
        )
        own = _insert(session, Question, [{**q, "bank_id": bank} for q in plan.bank_questions])
        _bulk(
            session,
            InterviewQuestion,
            _remap(plan.interview_questions, interview_id=interviews, question_id=starter + own),
        )

        report(6, STEPS, "follow-ups and coaching")
        _bulk(session, FollowUp, _remap(plan.follow_ups, interview_id=interviews))
        _bulk(
            session,
            CoachingComment,
            _remap(plan.comments, graduate_id=graduates, interview_id=interviews, author_id=users),
        )
        _bulk(session, CohortGoal, _remap(plan.goals, cohort_id=cohorts, set_by_id=users))
        session.merge(InstanceSetting(key=DEMO_MODE, value="true"))
        session.merge(InstanceSetting(key=DEMO_GRADUATES, value=encode_showcase(plan.showcase)))
        recent_from = today - timedelta(days=RECENT_DAYS)
        summary = DemoSummary(
            seed=seed,
            cohorts=len(plan.cohorts),
            advisors=sum(u["role"] is Role.ADVISOR for u in plan.users),
            graduates=len(plan.graduates),
            interviews=len(plan.interviews),
            recent=sum(recent_from <= i["meeting_date"] < today for i in plan.interviews),
            upcoming=sum(i["meeting_date"] >= today for i in plan.interviews),
            contacts=len(plan.contacts),
            follow_ups=len(plan.follow_ups),
            admin_email=plan.users[0]["email"],
            profiles=plan.profiles,
        )
        audit_log.record(
            session,
            None,
            "load_demo",
            "instance",
            None,
            seed=seed,
            graduates=summary.graduates,
            interviews=summary.interviews,
        )
    report(STEPS, STEPS, "done")
    return summary


def item_ids(session: Session, kind: ChecklistKind) -> list[int]:
    return list(
        session.scalars(
            select(ChecklistItem.id)
            .where(ChecklistItem.kind == kind, ChecklistItem.is_active.is_(True))
            .order_by(ChecklistItem.position, ChecklistItem.id)
        )
    )


def _starter_question_ids(session: Session) -> list[int]:
    return list(
        session.scalars(
            select(Question.id)
            .join(QuestionBank, QuestionBank.id == Question.bank_id)
            .where(
                QuestionBank.name == STARTER_BANK_NAME,
                QuestionBank.owner_id.is_(None),
                Question.deleted_at.is_(None),
            )
            .order_by(Question.position, Question.id)
        )
    )


def _remap(rows: list[Row], **ids: Sequence[int]) -> list[Row]:
    """Swap the positions a plan row holds for the database ids inserted at those positions."""
    return [
        {
            **row,
            **{
                column: None if row[column] is None else table_ids[row[column]]
                for column, table_ids in ids.items()
            },
        }
        for row in rows
    ]


# The importers' bulk writer (COPY on PostgreSQL), as the bench's populations and the tests'
# factories write their made-up rows too.
def _insert(session: Session, model: type[Any], rows: list[Row]) -> list[int]:
    return insert_returning_ids(session, model.__table__, rows)


def _bulk(session: Session, model: type[Any], rows: list[Row]) -> None:
    insert_rows(session, model.__table__, rows)
