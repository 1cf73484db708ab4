"""Issue 17, item 10, in the core: every service that changes an existing record from a page
takes the version the page read, and a save over a newer one writes nothing and raises
`ConflictError` with the user's values (`mine`) and the record as saved now (`theirs`). One test
per service; on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import event, select, update

from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.errors import ConflictError
from networkit_core.models import (
    CoachingComment,
    Contact,
    FollowUpPermission,
    GoalMetric,
    InterviewStatus,
    Role,
    ThankYouMethod,
)
from networkit_core.read_models.cohort_board import cohort_board
from networkit_core.read_models.interview_page import open_interview
from networkit_core.services import coaching, cohorts, contacts, interviews, questions
from networkit_core.services.accounts import admin
from networkit_core.services.interviews import follow_ups
from tests import factories
from tests.csv_support import dump


@pytest.fixture
def grad(ctx: Context) -> tuple[Actor, int, int]:
    """A graduate with a completed interview (version 1): (actor, graduate id, interview id)."""
    actor, graduate_id = factories.graduate(ctx, factories.cohort(ctx))
    return actor, graduate_id, factories.interview(ctx, graduate_id, days_ago=10)


def _conflict(ctx: Context, save: Callable[[], object]) -> ConflictError:
    """`save` is refused as a conflict, and writes nothing."""
    before = dump(ctx, audit=True)
    with pytest.raises(ConflictError) as refused:
        save()
    assert dump(ctx, audit=True) == before
    assert "changed by someone else" in str(refused.value)
    return refused.value


def _bump(ctx: Context, grad: tuple[Actor, int, int]) -> None:
    """Another tab saves the interview's notes: version 1 becomes 2."""
    actor, _, interview_id = grad
    interviews.edit_interview(
        ctx, actor, interview_id, expected_version=1, changes={"notes": "another tab"}
    )


# --- the interview's after-the-meeting writes -----------------------------------------------


def test_a_stale_thank_you_is_refused(ctx: Context, grad: tuple[Actor, int, int]) -> None:
    actor, _, interview_id = grad
    _bump(ctx, grad)
    conflict = _conflict(
        ctx,
        lambda: follow_ups.record_thank_you(
            ctx, actor, interview_id, sent_on="2026-03-10", method="card", expected_version=1
        ),
    )
    assert conflict.mine["thank_you_method"] is ThankYouMethod.CARD
    assert (conflict.theirs.notes, conflict.theirs.thank_you_sent_on) == ("another tab", None)


def test_a_stale_follow_up_permission_is_refused(
    ctx: Context, grad: tuple[Actor, int, int]
) -> None:
    actor, _, interview_id = grad
    _bump(ctx, grad)
    conflict = _conflict(
        ctx,
        lambda: follow_ups.set_follow_up_permission(
            ctx, actor, interview_id, "granted", expected_version=1
        ),
    )
    assert conflict.mine == {"follow_up_permission": FollowUpPermission.GRANTED}
    assert conflict.theirs.follow_up_permission is FollowUpPermission.NOT_ASKED


def test_stale_outcomes_are_refused(ctx: Context, grad: tuple[Actor, int, int]) -> None:
    actor, _, interview_id = grad
    follow_ups.record_outcomes(ctx, actor, interview_id, trends="theirs", expected_version=1)
    conflict = _conflict(
        ctx,
        lambda: follow_ups.record_outcomes(
            ctx, actor, interview_id, trends="mine", expected_version=1
        ),
    )
    assert conflict.mine == {"outcome_trends": "mine"}
    assert conflict.theirs.outcome_trends == "theirs"


@pytest.mark.parametrize(
    "service",
    [interviews.complete_interview, interviews.cancel_interview, interviews.mark_no_show],
    ids=["held", "cancelled", "missed"],
)
def test_a_stale_outcome_of_the_meeting_is_refused(
    ctx: Context, grad: tuple[Actor, int, int], service: Callable[..., Any]
) -> None:
    actor, graduate_id, _ = grad
    planned = factories.interview(ctx, graduate_id, days_ago=2, status=InterviewStatus.PLANNED)
    interviews.edit_interview(
        ctx, actor, planned, expected_version=1, changes={"notes": "another tab"}
    )
    conflict = _conflict(ctx, lambda: service(ctx, actor, planned, expected_version=1))
    assert conflict.theirs.status is InterviewStatus.PLANNED


def test_a_stale_delete_is_refused(ctx: Context, grad: tuple[Actor, int, int]) -> None:
    actor, _, interview_id = grad
    _bump(ctx, grad)
    conflict = _conflict(
        ctx, lambda: interviews.delete_interview(ctx, actor, interview_id, expected_version=1)
    )
    assert (conflict.mine, conflict.theirs.deleted) == ({"deleted": True}, False)
    # From the version saved now, it is deleted.
    assert interviews.delete_interview(ctx, actor, interview_id, expected_version=2).deleted


# --- contacts ------------------------------------------------------------------------------


def test_a_stale_contact_edit_is_refused(ctx: Context, grad: tuple[Actor, int, int]) -> None:
    actor, graduate_id, _ = grad
    contact_id = factories.contact(ctx, graduate_id, organization="Acme")
    read = next(c for c in open_interview(ctx, actor, None).contacts if c.id == contact_id)
    assert read.version == 1
    contacts.edit_contact(
        ctx, actor, contact_id, {"organization": "Initech"}, expected_version=read.version
    )
    conflict = _conflict(
        ctx,
        lambda: contacts.edit_contact(
            ctx, actor, contact_id, {"organization": "Globex"}, expected_version=read.version
        ),
    )
    assert conflict.mine == {"organization": "Globex"}
    assert (conflict.theirs.organization, conflict.theirs.version) == ("Initech", 2)


@pytest.fixture
def sneaky_contact_save(ctx: Context) -> Iterator[None]:
    """Another save lands between our version check and our UPDATE (as tests/test_conflict)."""

    def bump(_mapper: Any, connection: Any, target: Contact) -> None:
        table = Contact.__table__
        connection.execute(
            update(table)
            .where(table.c.id == target.id)
            .values(version=table.c.version + 1, organization="sneaked in")
        )

    event.listen(Contact, "before_update", bump)
    try:
        yield
    finally:
        event.remove(Contact, "before_update", bump)


def test_a_race_past_the_check_is_the_same_conflict(
    ctx: Context, grad: tuple[Actor, int, int], sneaky_contact_save: None
) -> None:
    actor, graduate_id, _ = grad
    contact_id = factories.contact(ctx, graduate_id, organization="Acme")
    with pytest.raises(ConflictError) as conflict:
        contacts.edit_contact(ctx, actor, contact_id, {"organization": "Mine"}, expected_version=1)
    assert conflict.value.mine == {"organization": "Mine"}
    # Our whole unit of work rolled back, the sneaked-in write with it.
    assert conflict.value.theirs.organization == "Acme"


# --- admin and advisor pages ------------------------------------------------------------------


def test_a_stale_cohort_rename_is_refused(ctx: Context) -> None:
    admin_actor = factories.user(ctx, Role.ADMIN)
    cohort_id = factories.cohort(ctx, "Spring")
    cohorts.rename_cohort(ctx, admin_actor, cohort_id, name="Spring 2026", expected_version=1)
    conflict = _conflict(
        ctx,
        lambda: cohorts.rename_cohort(
            ctx, admin_actor, cohort_id, name="Spring Business", expected_version=1
        ),
    )
    assert conflict.mine == {"name": "Spring Business"}
    assert (conflict.theirs.name, conflict.theirs.version) == ("Spring 2026", 2)


def test_a_stale_goal_is_refused(ctx: Context) -> None:
    admin_actor = factories.user(ctx, Role.ADMIN)
    cohort_id = factories.cohort(ctx)
    metric = GoalMetric.THANK_YOU_RATE

    def set_goal(target: float, read: int) -> object:
        return cohorts.set_cohort_goal(
            ctx, admin_actor, cohort_id, metric=metric, target=target, expected_version=read
        )

    set_goal(0.8, 0)  # none was shown: a new goal
    # A tab that showed no goal either, or the first version of it, is behind now.
    for read in (0, 2):
        conflict = _conflict(ctx, lambda read=read: set_goal(0.6, read))
        assert conflict.mine["target"] == 0.6
        assert (conflict.theirs.target, conflict.theirs.version) == (0.8, 1)
    assert set_goal(0.7, 1).version == 2  # type: ignore[attr-defined]
    [goal] = cohort_board(ctx, admin_actor).goals
    conflict = _conflict(
        ctx, lambda: cohorts.remove_cohort_goal(ctx, admin_actor, goal.goal_id, expected_version=1)
    )
    assert conflict.theirs.target == 0.7


def test_stale_bank_changes_are_refused(ctx: Context) -> None:
    advisor = factories.user(ctx, Role.ADVISOR)
    cohort_id = factories.cohort(ctx, advisors=(advisor,))
    bank_id, _ = factories.bank(ctx, advisor.id, name="Mine")
    questions.rename_bank(ctx, advisor, bank_id, name="Ours", expected_version=1)
    conflict = _conflict(
        ctx, lambda: questions.rename_bank(ctx, advisor, bank_id, name="Yours", expected_version=1)
    )
    assert (conflict.theirs.name, conflict.theirs.version) == ("Ours", 2)
    # Sharing with other cohorts alone is a new version too.
    shared = questions.set_bank_visibility(
        ctx, advisor, bank_id, visibility="cohorts", cohort_ids=[cohort_id], expected_version=2
    )
    assert shared.version == 3
    conflict = _conflict(
        ctx,
        lambda: questions.set_bank_visibility(
            ctx, advisor, bank_id, visibility="everyone", expected_version=2
        ),
    )
    assert conflict.theirs.shared_with_cohort_ids == (cohort_id,)
    _conflict(ctx, lambda: questions.delete_bank(ctx, advisor, bank_id, expected_version=2))


def test_stale_question_changes_are_refused(ctx: Context) -> None:
    advisor = factories.user(ctx, Role.ADVISOR)
    _, (question_id,) = factories.bank(ctx, advisor.id, questions=("What do you do?",))
    questions.edit_question(ctx, advisor, question_id, text="What do you do all day?")
    conflict = _conflict(
        ctx,
        lambda: questions.edit_question(
            ctx, advisor, question_id, category="Day to day", expected_version=1
        ),
    )
    assert conflict.mine == {"category": "Day to day"}
    assert conflict.theirs.text == "What do you do all day?"
    _conflict(ctx, lambda: questions.remove_question(ctx, advisor, question_id, expected_version=1))


def test_a_stale_comment_edit_is_refused(ctx: Context, grad: tuple[Actor, int, int]) -> None:
    _, graduate_id, _ = grad
    advisor = factories.user(ctx, Role.ADMIN)
    comment_id = factories.comment(ctx, graduate_id, advisor.id, "Well done")
    coaching.edit_comment(ctx, advisor, comment_id, "Well done!", expected_version=1)
    conflict = _conflict(
        ctx, lambda: coaching.edit_comment(ctx, advisor, comment_id, "Good", expected_version=1)
    )
    assert (conflict.mine, conflict.theirs.body) == ({"body": "Good"}, "Well done!")
    _conflict(ctx, lambda: coaching.delete_comment(ctx, advisor, comment_id, expected_version=1))
    with ctx.unit_of_work() as session:
        assert session.scalar(select(CoachingComment.body)) == "Well done!"


def test_a_stale_role_change_is_refused(ctx: Context) -> None:
    admin_actor = factories.user(ctx, Role.ADMIN)
    other = factories.user(ctx, Role.ADVISOR)
    read = Role.ADVISOR
    admin.change_role(ctx, admin_actor, other.id, "admin", expected_role=read)
    conflict = _conflict(
        ctx, lambda: admin.change_role(ctx, admin_actor, other.id, "graduate", expected_role=read)
    )
    assert (conflict.mine, conflict.theirs.role) == ({"role": Role.GRADUATE}, Role.ADMIN)


def test_a_stale_rating_is_refused(ctx: Context, grad: tuple[Actor, int, int]) -> None:
    actor, _, interview_id = grad
    advisor = factories.user(ctx, Role.ADVISOR)
    _, (question_id,) = factories.bank(ctx, advisor.id, visibility="everyone", questions=("Q?",))
    factories.use_question(ctx, interview_id, question_id, usefulness=3)
    questions.rate_question(ctx, actor, interview_id, question_id, 5, expected_usefulness=3)
    conflict = _conflict(
        ctx,
        lambda: questions.rate_question(
            ctx, actor, interview_id, question_id, 4, expected_usefulness=3
        ),
    )
    assert (conflict.mine, conflict.theirs.usefulness) == ({"usefulness": 4}, 5)
