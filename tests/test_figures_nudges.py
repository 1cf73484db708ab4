"""Needs a nudge (the advisor's list) and recording a nudge, at the service and the command line."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from networkit_core.cli.main import main
from networkit_core.clock import FixedClock
from networkit_core.context import Context
from networkit_core.errors import AccessDenied, InvalidInput
from networkit_core.figures.due import DueReason, due_items
from networkit_core.figures.nudges import needs_nudge, nudge_lines, puts_on_the_list
from networkit_core.figures.scope import FigureScope
from networkit_core.models import (
    AuditEntry,
    CoachingComment,
    CommentKind,
    FollowUpPermission,
    Graduate,
    InterviewStatus,
    Role,
)
from networkit_core.services import coaching, cohorts
from networkit_core.services.accounts import admin
from tests import factories as f
from tests.conftest import TODAY

EVERYTHING = FigureScope.everything()


def _on(ctx: Context, days_later: int) -> Context:
    return Context(ctx.engine, ctx.settings, FixedClock.on(TODAY + timedelta(days=days_later)))


def test_overdue_a_week_or_inactive_and_not_nudged_lately(ctx: Context) -> None:
    advisor = f.user(ctx, Role.ADVISOR)
    group = f.cohort(ctx, "Spring", advisors=(advisor,))
    _, fresh = f.graduate(ctx, group, "fresh@example.org")
    f.interview(ctx, fresh, days_ago=9)  # thank-you fell due 6 days ago: theirs to do
    _, late = f.graduate(ctx, group, "late@example.org")
    f.interview(ctx, late, days_ago=10)  # fell due 7 days ago: the advisor steps in
    f.interview(ctx, late, days_ago=4)  # due too, not for long: not a reason to nudge
    idle, idle_id = f.graduate(ctx, group, "idle@example.org")
    f.backdate_account(ctx, idle, 14)  # inactive from today on
    lines = needs_nudge(ctx, advisor, EVERYTHING)
    assert [line.graduate_email for line in lines] == ["late@example.org", "idle@example.org"]
    first = lines[0]
    assert first.cohort_name == "Spring" and first.last_nudged_on is None
    assert [item.reason for item in first.reasons] == [DueReason.THANK_YOU_OVERDUE]
    assert first.overdue_since == TODAY - timedelta(days=7)
    assert [item.reason for item in lines[1].reasons] == [DueReason.INACTIVE]

    # A nudge takes the graduate off the list for 7 days; then they are back if nothing moved.
    nudge = coaching.record_nudge(ctx, advisor, late, "Reminded by e-mail")
    assert nudge.kind is CommentKind.NUDGE and nudge.body == "Reminded by e-mail"
    assert [line.graduate_id for line in needs_nudge(ctx, advisor, EVERYTHING)] == [idle_id]
    six_days = needs_nudge(_on(ctx, 6), advisor, EVERYTHING)
    assert late not in {line.graduate_id for line in six_days}
    (back,) = [
        line for line in needs_nudge(_on(ctx, 7), advisor, EVERYTHING) if line.graduate_id == late
    ]
    assert back.last_nudged_on == TODAY
    # Seen from before the nudge, it did not happen yet.
    earlier = needs_nudge(_on(ctx, -1), advisor, EVERYTHING)
    assert late not in {line.graduate_id for line in earlier}  # 6 days overdue then
    # A plain comment is no nudge.
    coaching.add_comment(ctx, advisor, idle_id, "Keep going")
    assert idle_id in {line.graduate_id for line in needs_nudge(ctx, advisor, EVERYTHING)}


def test_the_list_read_in_sql_is_the_list_of_every_due_item(ctx: Context) -> None:
    """The nudge list asks SQL for the long-overdue items only (`due_items(overdue_days=)`); the
    dashboard filters every due item it has read (`puts_on_the_list`). Both are one list: same
    graduates, same reasons in the same order, the same words."""
    advisor = f.user(ctx, Role.ADVISOR)
    group = f.cohort(ctx, "Spring", advisors=(advisor,))
    for n, days_ago in enumerate((8, 9, 10, 11, 40)):  # thank-you due 5 to 37 days ago
        _, graduate = f.graduate(ctx, group, f"g{n}@example.org")
        f.interview(ctx, graduate, days_ago=days_ago)
        f.interview(ctx, graduate, days_ago=days_ago + 1, status=InterviewStatus.PLANNED)
        f.interview(  # a follow-up due since the cadence ran out: 0 to 4 days, or 30 days
            ctx,
            graduate,
            days_ago=30 + days_ago - 8,
            thank_you_after=1,
            permission=FollowUpPermission.GRANTED,
        )
        f.interview(ctx, graduate, days_ago=-1, status=InterviewStatus.PLANNED)  # soon
    idle, _ = f.graduate(ctx, group, "idle@example.org")
    f.backdate_account(ctx, idle, 30)
    with ctx.unit_of_work() as session:
        mine = select(Graduate.id).where(Graduate.cohort_id == group)
        everything_due = due_items(ctx, session, mine)
        kept = [i for i in everything_due if puts_on_the_list(i, TODAY, 7)]
        assert due_items(ctx, session, mine, overdue_days=7) == kept
        assert {i.reason for i in everything_due} == set(DueReason)  # each reason was tried
        assert {i.reason for i in kept} == set(DueReason) - {DueReason.MEETING_SOON_UNPREPARED}
        from_sql = nudge_lines(ctx, session, mine)
        from_all = nudge_lines(ctx, session, mine, everything_due)
    assert [line.graduate_email for line in from_sql] == [
        "g4@example.org",  # a thank-you 37 days overdue
        "idle@example.org",  # inactive since 16 days
        "g3@example.org",
        "g2@example.org",
        "g1@example.org",
        "g0@example.org",
    ]
    assert from_sql == from_all
    assert [[(i.message, i.when) for i in line.reasons] for line in from_sql] == [
        [(i.message, i.when) for i in line.reasons] for line in from_all
    ]


def test_deactivated_graduates_and_archived_cohorts_leave_every_list(ctx: Context) -> None:
    boss = f.user(ctx, Role.ADMIN)
    advisor = f.user(ctx, Role.ADVISOR)
    kept, gone = f.cohort(ctx, advisors=(advisor,)), f.cohort(ctx, advisors=(advisor,))
    _, stays = f.graduate(ctx, kept)
    leaver, leaver_id = f.graduate(ctx, kept)
    _, archived_id = f.graduate(ctx, gone)
    for graduate_id in (stays, leaver_id, archived_id):
        f.interview(ctx, graduate_id, days_ago=30)
    assert len(needs_nudge(ctx, advisor, EVERYTHING)) == 3
    admin.deactivate_user(ctx, boss, leaver.id)
    cohorts.archive_cohort(ctx, boss, gone)
    assert [line.graduate_id for line in needs_nudge(ctx, advisor, EVERYTHING)] == [stays]
    from networkit_core.figures.due import due_today

    assert {item.graduate_id for item in due_today(ctx, boss, EVERYTHING)} == {stays}
    with pytest.raises(InvalidInput, match="deactivated"):
        coaching.record_nudge(ctx, advisor, leaver_id, "Called")
    with pytest.raises(InvalidInput, match="archived"):
        coaching.record_nudge(ctx, advisor, archived_id, "Called")


def test_only_the_cohorts_advisors_and_admins_nudge(ctx: Context) -> None:
    boss = f.user(ctx, Role.ADMIN)
    advisor, stranger = f.user(ctx, Role.ADVISOR), f.user(ctx, Role.ADVISOR)
    group = f.cohort(ctx, advisors=(advisor,))
    graduate, graduate_id = f.graduate(ctx, group)
    for actor in (graduate, stranger):
        with pytest.raises(AccessDenied):
            coaching.record_nudge(ctx, actor, graduate_id, "Reminded")
    with pytest.raises(AccessDenied):
        needs_nudge(ctx, graduate, EVERYTHING)
    with pytest.raises(InvalidInput, match="The note is required"):
        coaching.record_nudge(ctx, advisor, graduate_id, "  ")
    with ctx.unit_of_work() as session:
        assert session.scalars(select(CoachingComment)).all() == []
    by_admin = coaching.record_nudge(ctx, boss, graduate_id, "Phoned")
    with ctx.unit_of_work() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "nudge")).one()
        assert (entry.actor_id, entry.entity_id) == (boss.id, str(by_admin.id))
    # The graduate sees the nudge on their timeline, as a nudge.
    (shown,) = coaching.list_comments(ctx, graduate)
    assert shown.kind is CommentKind.NUDGE
    titles = [entry.title for entry in coaching.graduate_timeline(ctx, graduate).entries]
    assert titles == [f"Nudge from {boss.display_name}"]


@pytest.fixture
def cli_ctx(ctx: Context, monkeypatch: pytest.MonkeyPatch) -> Context:
    monkeypatch.setenv("DATABASE_URL", ctx.settings.database_url)
    return ctx


def test_nudge_from_the_command_line(cli_ctx: Context, capsys: pytest.CaptureFixture[str]) -> None:
    f.user(cli_ctx, Role.ADMIN)
    advisor = f.user(cli_ctx, Role.ADVISOR, "coach@example.org")
    f.user(cli_ctx, Role.ADVISOR, "other@example.org")
    _, graduate_id = f.graduate(cli_ctx, f.cohort(cli_ctx, advisors=(advisor,)), "zoe@example.org")
    argv = ["nudge", "Zoe@Example.org", "--note", "reminded by e-mail"]
    assert main([*argv, "--as", "coach@example.org"]) == 0
    out, _ = capsys.readouterr()
    assert out.startswith("Nudge recorded for zoe@example.org by ")
    assert main([*argv, "--as", "other@example.org"]) == 1
    assert main(["nudge", "nobody@example.org", "--note", "x", "--as", "coach@example.org"]) == 1
    assert main(["nudge", "zoe@example.org", "--note", " ", "--as", "coach@example.org"]) == 1
    _, err = capsys.readouterr()
    lines = err.splitlines()
    assert len(lines) == 3 and all(line.startswith("networkit: ") for line in lines)
    # Someone else's graduate and no graduate at all read the same (access.py).
    assert lines[0] == lines[1] == "networkit: No such graduate, or you do not have access to it."
    assert "note" in lines[2]
    with cli_ctx.unit_of_work() as session:
        kinds = session.scalars(
            select(CoachingComment.kind).where(CoachingComment.graduate_id == graduate_id)
        ).all()
    assert kinds == [CommentKind.NUDGE]
