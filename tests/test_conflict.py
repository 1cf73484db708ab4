"""Two people edit the same interview from version 1: the second save is refused, not lost."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import event, select, update

from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.errors import AccessDenied, ConflictError
from networkit_core.models import AuditEntry, Interview, Role
from networkit_core.services import interviews
from networkit_core.services.interviews import InterviewView, follow_ups
from tests import factories


@pytest.fixture
def graduate(ctx: Context) -> tuple[Actor, int]:
    actor, graduate_id = factories.graduate(ctx, factories.cohort(ctx))
    return actor, factories.interview(ctx, graduate_id, notes="first draft")


def _saved(ctx: Context, interview_id: int) -> tuple[str, int]:
    with ctx.unit_of_work() as session:
        row = session.execute(
            select(Interview.notes, Interview.version).where(Interview.id == interview_id)
        ).one()
        return row[0], row[1]


def test_second_save_over_version_1_is_refused(ctx: Context, graduate: tuple[Actor, int]) -> None:
    actor, interview_id = graduate
    # Two tabs open the interview: each loads version 1 in its own service call.
    first_tab = interviews.get_interview_detail(ctx, actor, interview_id).interview
    second_tab = interviews.get_interview_detail(ctx, actor, interview_id).interview
    assert first_tab.version == second_tab.version == 1

    saved = interviews.edit_interview(
        ctx,
        actor,
        interview_id,
        expected_version=first_tab.version,
        changes={"notes": "from the first tab"},
    )
    assert saved.version == 2

    with pytest.raises(ConflictError) as conflict:
        interviews.edit_interview(
            ctx,
            actor,
            interview_id,
            expected_version=second_tab.version,
            changes={"notes": "from the second tab", "location_detail": "Blue Bottle"},
        )
    assert conflict.value.mine == {
        "notes": "from the second tab",
        "location_detail": "Blue Bottle",
    }
    theirs = conflict.value.theirs
    assert isinstance(theirs, InterviewView)
    assert (theirs.version, theirs.notes) == (2, "from the first tab")
    assert "changed by someone else" in str(conflict.value)
    assert _saved(ctx, interview_id) == ("from the first tab", 2)


def test_other_writes_check_the_version_they_were_given(
    ctx: Context, graduate: tuple[Actor, int]
) -> None:
    actor, interview_id = graduate
    interviews.edit_interview(ctx, actor, interview_id, expected_version=1, changes={"notes": "x"})
    with pytest.raises(ConflictError) as conflict:
        follow_ups.set_follow_up_permission(ctx, actor, interview_id, "granted", expected_version=1)
    assert conflict.value.theirs.follow_up_permission.value == "not_asked"
    assert _saved(ctx, interview_id) == ("x", 2)


@pytest.fixture
def sneaky_save(ctx: Context) -> Iterator[None]:
    """Another save lands between our version check and our UPDATE (the race the explicit
    check cannot see): it bumps the row's version on the same connection, just before ours."""

    def bump(_mapper: Any, connection: Any, target: Interview) -> None:
        connection.execute(
            update(Interview.__table__)
            .where(Interview.__table__.c.id == target.id)
            .values(version=Interview.__table__.c.version + 1, notes="sneaked in")
        )

    event.listen(Interview, "before_update", bump)
    try:
        yield
    finally:
        event.remove(Interview, "before_update", bump)


def test_a_race_past_the_check_is_the_same_conflict(
    ctx: Context, graduate: tuple[Actor, int], sneaky_save: None
) -> None:
    actor, interview_id = graduate
    with pytest.raises(ConflictError) as conflict:
        interviews.edit_interview(
            ctx, actor, interview_id, expected_version=1, changes={"notes": "mine"}
        )
    assert conflict.value.mine == {"notes": "mine"}
    # The whole unit of work rolled back: neither write is in the database, nor an audit entry.
    assert _saved(ctx, interview_id) == ("first draft", 1)
    with ctx.unit_of_work() as session:
        assert (
            session.scalars(select(AuditEntry.action).where(AuditEntry.entity == "interview")).all()
            == []
        )


def test_an_advisor_cannot_save_at_all(ctx: Context, graduate: tuple[Actor, int]) -> None:
    _, interview_id = graduate
    advisor = factories.user(ctx, Role.ADVISOR)
    with pytest.raises(AccessDenied):
        interviews.edit_interview(
            ctx, advisor, interview_id, expected_version=1, changes={"notes": "advisor"}
        )
    assert _saved(ctx, interview_id) == ("first draft", 1)
