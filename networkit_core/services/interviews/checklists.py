"""Ticking an interview's preparation and conduct checklists; an after-meeting step is done
when the field it tracks is filled (`after_step_done`), never ticked."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from networkit_core import audit_log
from networkit_core.access import get_interview
from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.errors import InvalidInput
from networkit_core.models import (
    ChecklistItem,
    ChecklistKind,
    ChecklistTick,
    FollowUpPermission,
    Interview,
)
from networkit_core.services.contacts import referrals_of
from networkit_core.services.interviews import rules
from networkit_core.services.interviews.follow_ups import live_follow_ups


@dataclass(frozen=True)
class ChecklistItemView:
    item_id: int
    kind: ChecklistKind
    key: str
    label: str
    hint: str
    ticked: bool


@dataclass(frozen=True)
class AfterStepView:
    """An after-meeting step: done when the interview field it tracks is filled."""

    item_id: int
    key: str
    label: str
    hint: str
    tracks: str
    done: bool


@dataclass(frozen=True)
class InterviewChecklists:
    interview_id: int
    prep: tuple[ChecklistItemView, ...]
    conduct: tuple[ChecklistItemView, ...]
    after: tuple[AfterStepView, ...]

    @property
    def prep_ticked(self) -> int:
        return sum(item.ticked for item in self.prep)


@audit_log.refusals_logged("tick", "interview")
def set_item_ticked(
    ctx: Context, actor: Actor, interview_id: int, item_id: int, ticked: bool
) -> InterviewChecklists:
    """Tick (or untick) an active preparation or conduct item on the interview."""
    with ctx.unit_of_work() as session:
        interview = get_interview(session, actor, interview_id, for_write=True)
        item = session.get(ChecklistItem, item_id)
        if item is None or not item.is_active:
            raise InvalidInput("That checklist item is not in the current checklists.", "item")
        if item.kind is ChecklistKind.AFTER:
            raise InvalidInput(
                f"{item.label!r} is done by filling in the interview's {item.tracks}, "
                "not by ticking it.",
                "item",
            )
        if ticked and item.kind is ChecklistKind.CONDUCT:
            rules.refuse(rules.only_when_completed(interview.status, rules.CONDUCT), "status")
        tick = session.get(ChecklistTick, (interview.id, item.id))
        if ticked and tick is None:
            session.add(
                ChecklistTick(interview_id=interview.id, item_id=item.id, ticked_at=ctx.clock.now())
            )
        elif not ticked and tick is not None:
            session.execute(
                delete(ChecklistTick).where(
                    ChecklistTick.interview_id == interview.id, ChecklistTick.item_id == item.id
                )
            )
        session.flush()
        audit_log.record(
            session,
            actor,
            "tick" if ticked else "untick",
            "interview",
            interview.id,
            item=f"{item.kind.value}_{item.key}",
        )
        return checklists_view(session, interview)


def after_step_done(
    session: Session,
    interview: Interview,
    tracks: str,
    *,
    follow_ups: Sequence[object] | None = None,
    referrals: Sequence[object] | None = None,
) -> bool:
    """Whether the interview field an after-step tracks is filled (see data/checklists.toml);
    the interview's live `follow_ups` and its contact's `referrals`, when the caller has read
    them, are not read again."""
    if tracks == "notes":
        return bool(interview.notes.strip())
    if tracks == "thank_you":
        return interview.thank_you_sent_on is not None
    if tracks == "follow_up_permission":
        return interview.follow_up_permission is not FollowUpPermission.NOT_ASKED
    if tracks == "follow_ups":
        return bool(live_follow_ups(session, interview.id) if follow_ups is None else follow_ups)
    if tracks == "outcomes":
        texts = (
            interview.outcome_trends,
            interview.outcome_hiring,
            interview.outcome_marketability,
            interview.outcome_job_leads,
        )
        if any(text.strip() for text in texts):
            return True
        return bool(referrals_of(session, interview.contact_id) if referrals is None else referrals)
    return False


def checklists_view(
    session: Session,
    interview: Interview,
    *,
    follow_ups: Sequence[object] | None = None,
    referrals: Sequence[object] | None = None,
) -> InterviewChecklists:
    """The checklists of `interview` (`follow_ups` and `referrals`: see `after_step_done`)."""
    items = session.scalars(
        select(ChecklistItem)
        .where(ChecklistItem.is_active.is_(True))
        .order_by(ChecklistItem.kind, ChecklistItem.position, ChecklistItem.id)
    ).all()
    ticked = set(
        session.scalars(
            select(ChecklistTick.item_id).where(ChecklistTick.interview_id == interview.id)
        )
    )

    def tickable(kind: ChecklistKind) -> tuple[ChecklistItemView, ...]:
        return tuple(
            ChecklistItemView(
                item.id, item.kind, item.key, item.label, item.hint, item.id in ticked
            )
            for item in items
            if item.kind is kind
        )

    after = tuple(
        AfterStepView(
            item.id,
            item.key,
            item.label,
            item.hint,
            item.tracks or "",
            after_step_done(
                session, interview, item.tracks or "", follow_ups=follow_ups, referrals=referrals
            ),
        )
        for item in items
        if item.kind is ChecklistKind.AFTER
    )
    return InterviewChecklists(
        interview.id, tickable(ChecklistKind.PREP), tickable(ChecklistKind.CONDUCT), after
    )
