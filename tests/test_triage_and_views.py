"""The triage table's core (figures/triage.py: filter by reason, pages, who to start with) and
an advisor's saved dashboard views (services/saved_views.py: own views only, names as given)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.errors import AccessDenied, InvalidInput
from networkit_core.figures.due import DueReason
from networkit_core.figures.nudges import needs_nudge
from networkit_core.figures.scope import FigureScope
from networkit_core.figures.triage import triage
from networkit_core.models import AuditEntry, FollowUpPermission, Role
from networkit_core.read_models.dashboard import advisor_dashboard
from networkit_core.services.saved_views import delete_view, save_view, saved_views
from tests import factories


@pytest.fixture
def listed(ctx: Context) -> tuple[Actor, list[int]]:
    """An advisor with 30 graduates on the nudge list: 30 thank-yous overdue by 10 to 39
    days, and every third graduate's follow-up due too."""
    advisor = factories.user(ctx, Role.ADVISOR)
    cohort = factories.cohort(ctx, "Spring 2026", advisors=(advisor,))
    ids = []
    for n in range(30):
        _, graduate_id = factories.graduate(ctx, cohort)
        factories.interview(ctx, graduate_id, days_ago=12 + n)
        if n % 3 == 0:
            factories.interview(
                ctx,
                graduate_id,
                days_ago=45,
                thank_you_after=1,
                permission=FollowUpPermission.GRANTED,
            )
        ids.append(graduate_id)
    return advisor, ids


def test_the_list_pages_most_overdue_first(ctx: Context, listed: tuple[Actor, list[int]]) -> None:
    advisor, ids = listed
    lines = needs_nudge(ctx, advisor, FigureScope.caseload(advisor.id))
    first = triage(lines)
    assert (first.matching, first.everyone, first.page, first.pages) == (30, 30, 1, 2)
    assert len(first.lines) == 25 and first.lead == lines[0] and first.first == 1
    assert first.lead is not None and first.lead.graduate_id == ids[-1]  # 39 days overdue
    days = [line.most_overdue_days for line in first.lines]
    assert days == sorted(days, reverse=True)
    second = triage(lines, page="2")
    assert len(second.lines) == 5 and second.first == 26
    assert second.lead == first.lead  # who to start with does not change with the page
    assert triage(lines, page="9").page == 2  # past the end: the last page
    assert triage(lines, page="x").page == 1


def test_the_list_filters_by_reason(ctx: Context, listed: tuple[Actor, list[int]]) -> None:
    advisor, ids = listed
    lines = needs_nudge(ctx, advisor, FigureScope.caseload(advisor.id))
    due = triage(lines, reason="follow_up_due")
    assert due.reason is DueReason.FOLLOW_UP_DUE
    assert {line.graduate_id for line in due.lines} == set(ids[::3])
    assert due.matching == 10 and due.everyone == 30 and due.pages == 1
    assert triage(lines, reason="meeting_soon_unprepared").lead is None
    with pytest.raises(InvalidInput, match="no reason 'bogus'"):
        triage(lines, reason="bogus")


def test_the_dashboard_gives_its_triage(ctx: Context, listed: tuple[Actor, list[int]]) -> None:
    advisor, _ = listed
    board = advisor_dashboard(ctx, advisor, cohort="Spring 2026")
    shown = board.triage(reason="thank_you_overdue", page=2)
    assert shown.matching == 30 and len(shown.lines) == 5


def test_an_advisor_saves_opens_and_deletes_their_own_views(ctx: Context) -> None:
    me = factories.user(ctx, Role.ADVISOR)
    other = factories.user(ctx, Role.ADVISOR)
    name = "![x](http://e.x/y.png) <b>late</b>"
    view = save_view(
        ctx,
        me,
        name,
        {"cohort": "Spring & Co", "reason": "inactive", "page": "3", "from": "", "x": "y"},
    )
    assert view.name == name
    assert view.query == "cohort=Spring+%26+Co&reason=inactive"  # the filters only
    assert view.params == {"cohort": "Spring & Co", "reason": "inactive"}
    assert [v.name for v in saved_views(ctx, me)] == [name]
    assert saved_views(ctx, other) == []
    with pytest.raises(InvalidInput, match="already have a view"):
        save_view(ctx, me, name.upper(), {})
    with pytest.raises(InvalidInput, match="no reason"):
        save_view(ctx, me, "Odd", {"reason": "sleepy"})
    with pytest.raises(InvalidInput, match="name is required"):
        save_view(ctx, me, " ", {})
    with pytest.raises(AccessDenied):
        delete_view(ctx, other, view.id)
    assert [v.id for v in saved_views(ctx, me)] == [view.id]
    assert delete_view(ctx, me, view.id) == name
    assert saved_views(ctx, me) == []
    with ctx.unit_of_work() as session:
        actions = session.scalars(
            select(AuditEntry.action).where(AuditEntry.entity == "saved_view")
        ).all()
    assert sorted(actions) == ["create", "delete", "delete_refused"]


def test_a_graduate_has_no_saved_views(ctx: Context) -> None:
    advisor = factories.user(ctx, Role.ADVISOR)
    graduate, _ = factories.graduate(ctx, factories.cohort(ctx, advisors=(advisor,)))
    with pytest.raises(AccessDenied):
        save_view(ctx, graduate, "Mine", {})
    with pytest.raises(AccessDenied):
        saved_views(ctx, graduate)
