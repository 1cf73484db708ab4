"""Helpers for the CSV tests: a realistic population, and a dump of every table."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select

from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.models import (
    Base,
    ChecklistItem,
    ChecklistTick,
    Contact,
    FollowUp,
    FollowUpKind,
    FollowUpPermission,
    Interview,
    InterviewStatus,
    LocationType,
    Question,
    QuestionBank,
    Role,
    ThankYouMethod,
    Visibility,
)
from tests import factories


def dump(ctx: Context, *, audit: bool = False) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in a stable order: equal dumps mean nothing changed. The audit
    log only when asked: a refused import is recorded there (tests/test_audit_trail.py)."""
    tables: dict[str, list[tuple[Any, ...]]] = {}
    with ctx.engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            if table.name == "audit_log" and not audit:
                continue
            rows = connection.execute(select(table)).all()
            tables[table.name] = sorted((tuple(row) for row in rows), key=repr)
    return tables


def populate(ctx: Context) -> dict[str, Any]:
    """Two cohorts with an advisor each, graduates with interviews of every kind, follow-ups,
    checklist ticks and a shared question bank."""
    admin = factories.user(ctx, Role.ADMIN, "admin@example.org")
    advisor = factories.user(ctx, Role.ADVISOR, "coach.a@example.org")
    other_advisor = factories.user(ctx, Role.ADVISOR, "coach.b@example.org")
    spring = factories.cohort(ctx, "Spring 2026 Business", (advisor,))
    autumn = factories.cohort(ctx, "Autumn 2025 Design", (other_advisor,))
    grads: list[tuple[Actor, int]] = [
        factories.graduate(ctx, spring, "ana.lima@example.org"),
        factories.graduate(ctx, spring, "ben.okafor@example.org"),
        factories.graduate(ctx, autumn, "chloe.durand@example.org"),
    ]
    today = ctx.clock.today()
    with ctx.unit_of_work() as session:
        items = list(
            session.scalars(
                select(ChecklistItem.id)
                .where(ChecklistItem.is_active.is_(True))
                .order_by(ChecklistItem.id)
            )
        )
        for n, (_actor, graduate_id) in enumerate(grads):
            known = Contact(
                graduate_id=graduate_id,
                name="Dana Reyes",
                title="Brand manager",
                organization='Acme; Sons, "Ltd"',
                industry="Retail",
                email=f"dana{n}@acme.example",
            )
            unknown = Contact(graduate_id=graduate_id, name="Sam Lee", organization="Studio 9")
            session.add_all([known, unknown])
            session.flush()
            plans = [
                (known, 40, InterviewStatus.COMPLETED, "Learned about trends,\nand hiring.", 41),
                (unknown, 20, InterviewStatus.COMPLETED, "", None),
                (known, 3, InterviewStatus.CANCELLED, "", None),
                (unknown, -5, InterviewStatus.PLANNED, "", None),
            ]
            for k, (contact, days_ago, status, notes, thanks_day) in enumerate(plans):
                met = today - timedelta(days=days_ago)
                interview = Interview(
                    public_id=f"HX-{n}{k:03d}",
                    graduate_id=graduate_id,
                    contact_id=contact.id,
                    meeting_date=met,
                    location_type=list(LocationType)[k % 5],
                    status=status,
                    notes=notes,
                    private_notes="my secret thoughts",
                    thank_you_sent_on=today - timedelta(days=39) if thanks_day else None,
                    thank_you_method=ThankYouMethod.CARD if thanks_day else None,
                    follow_up_permission=(
                        FollowUpPermission.GRANTED if k == 0 else FollowUpPermission.NOT_ASKED
                    ),
                )
                session.add(interview)
                session.flush()
                for item in items[: 3 + k]:
                    session.add(
                        ChecklistTick(
                            interview_id=interview.id, item_id=item, ticked_at=ctx.clock.now()
                        )
                    )
                if k == 0:
                    session.add_all(
                        [
                            FollowUp(
                                interview_id=interview.id,
                                date=met + timedelta(days=10),
                                kind=FollowUpKind.ARTICLE,
                                note="Sent the piece on retail trends",
                            ),
                            FollowUp(
                                interview_id=interview.id,
                                date=met + timedelta(days=30),
                                kind=FollowUpKind.JOB_SEARCH_UPDATE,
                                note="",
                            ),
                        ]
                    )
        bank = QuestionBank(
            name="Coach A's bank", owner_id=advisor.id, visibility=Visibility.EVERYONE
        )
        session.add(bank)
        session.flush()
        session.add_all(
            [
                Question(
                    bank_id=bank.id,
                    text="What surprised you most in your first year?",
                    category="Career path",
                    tags="career-path;surprise",
                    position=0,
                ),
                Question(
                    bank_id=bank.id,
                    text="Which skills matter most, day to day?",
                    category="Skills",
                    tags="skills",
                    position=1,
                ),
            ]
        )
    return {
        "admin": admin,
        "advisor": advisor,
        "other_advisor": other_advisor,
        "grads": grads,
        "spring": spring,
        "autumn": autumn,
    }
