"""Ticking the preparation and conduct checklists; after-steps follow the interview's fields."""

from __future__ import annotations

import pytest
from sqlalchemy import select, update

from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.errors import InvalidInput
from networkit_core.models import AuditEntry, ChecklistItem
from networkit_core.services import interviews
from networkit_core.services.interviews import checklists, follow_ups
from networkit_core.services.interviews.checklists import InterviewChecklists
from tests import factories


def _lists(ctx: Context, actor: Actor, interview_id: int) -> InterviewChecklists:
    return interviews.get_interview_detail(ctx, actor, interview_id).checklists


@pytest.fixture
def met(ctx: Context) -> tuple[Actor, int]:
    actor, graduate_id = factories.graduate(ctx, factories.cohort(ctx))
    return actor, factories.interview(ctx, graduate_id, days_ago=3)


def test_tick_and_untick(ctx: Context, met: tuple[Actor, int]) -> None:
    actor, interview_id = met
    wallet = factories.checklist_item(ctx, "prep", "wallet")
    listened = factories.checklist_item(ctx, "conduct", "listened")
    checklists.set_item_ticked(ctx, actor, interview_id, wallet, True)
    view = checklists.set_item_ticked(ctx, actor, interview_id, listened, True)
    assert [i.key for i in view.prep if i.ticked] == ["wallet"]
    assert [i.key for i in view.conduct if i.ticked] == ["listened"]
    # Ticking twice is harmless; unticking removes it.
    checklists.set_item_ticked(ctx, actor, interview_id, wallet, True)
    view = checklists.set_item_ticked(ctx, actor, interview_id, wallet, False)
    assert view.prep_ticked == 0
    with ctx.unit_of_work() as session:
        details = session.scalars(
            select(AuditEntry.detail).where(AuditEntry.action.in_(["tick", "untick"]))
        ).all()
    assert {"item": "conduct_listened"} in details and {"item": "prep_wallet"} in details


def test_after_steps_are_not_ticked_but_follow_the_fields(
    ctx: Context, met: tuple[Actor, int]
) -> None:
    actor, interview_id = met
    thank_you = factories.checklist_item(ctx, "after", "thank_you")
    with pytest.raises(InvalidInput, match="done by filling in the interview's thank_you"):
        checklists.set_item_ticked(ctx, actor, interview_id, thank_you, True)
    before = {s.key: s.done for s in _lists(ctx, actor, interview_id).after}
    assert not any(before.values())
    follow_ups.record_thank_you(ctx, actor, interview_id, sent_on="2026-03-14", method="card")
    follow_ups.set_follow_up_permission(ctx, actor, interview_id, "declined")
    after = {s.key: s.done for s in _lists(ctx, actor, interview_id).after}
    assert after == {
        "brain_dump": False,
        "thank_you": True,
        "follow_up_asked": True,
        "follow_up_logged": False,
        "outcomes_recorded": False,
    }


def test_retired_items_cannot_be_ticked(ctx: Context, met: tuple[Actor, int]) -> None:
    actor, interview_id = met
    wallet = factories.checklist_item(ctx, "prep", "wallet")
    with ctx.unit_of_work() as session:
        session.execute(
            update(ChecklistItem).where(ChecklistItem.id == wallet).values(is_active=False)
        )
    with pytest.raises(InvalidInput, match="not in the current checklists"):
        checklists.set_item_ticked(ctx, actor, interview_id, wallet, True)
    assert "wallet" not in [i.key for i in _lists(ctx, actor, interview_id).prep]
