"""The demo: realistic shape, reproducible from its seed, demo accounts, and `networkit demo`."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, func, select

from networkit_core.actor import Actor
from networkit_core.cli.main import main
from networkit_core.content import load_content
from networkit_core.context import Context
from networkit_core.demo import DEMO_PASSWORD, DemoSummary, demo_accounts, load_demo
from networkit_core.demo.profiles import Profile
from networkit_core.errors import NetworkitError
from networkit_core.figures.due import DueItem, DueReason, due_today
from networkit_core.figures.evidence import Habit, Outcome, evidence
from networkit_core.figures.nudges import needs_nudge
from networkit_core.figures.outcomes import outcomes
from networkit_core.figures.scope import FigureScope
from networkit_core.models import (
    Base,
    ChecklistItem,
    ChecklistKind,
    ChecklistTick,
    CoachingComment,
    Cohort,
    CohortAdvisor,
    CohortGoal,
    CommentKind,
    Contact,
    Destination,
    DestinationSource,
    FollowUp,
    FollowUpPermission,
    Graduate,
    Interview,
    InterviewQuestion,
    InterviewStatus,
    Question,
    QuestionBank,
    QuestionBankShare,
    Role,
    User,
    Visibility,
)
from networkit_core.services.accounts import authenticate
from networkit_core.startup import is_demo
from tests import factories
from tests.conftest import empty_all_tables

EXAMPLE_DOMAINS = ("example.com", "example.org", "example.net")


def _load(ctx: Context, seed: int = 2026) -> DemoSummary:
    return load_demo(ctx, seed=seed)


def _count(ctx: Context, model: type[Any], *where: Any) -> int:
    with ctx.unit_of_work() as session:
        return session.scalar(select(func.count()).select_from(model).where(*where)) or 0


def test_people_and_cohorts(ctx: Context) -> None:
    summary = _load(ctx)
    with ctx.unit_of_work() as session:
        roles = dict(session.execute(select(User.role, func.count()).group_by(User.role)).all())
        assert roles[Role.ADMIN] == 1
        assert roles[Role.ADVISOR] == 2
        assert 55 <= roles[Role.GRADUATE] <= 65
        cohorts = session.scalars(select(Cohort.name)).all()
        assert len(cohorts) == 3
        assert all(name.startswith("Demo") for name in cohorts)
        coached = sorted(
            session.scalars(
                select(func.count()).select_from(CohortAdvisor).group_by(CohortAdvisor.advisor_id)
            )
        )
        assert coached == [1, 2]  # one advisor coaches two cohorts, the other one
        per_cohort = session.scalars(
            select(func.count()).select_from(Graduate).group_by(Graduate.cohort_id)
        ).all()
        assert len(per_cohort) == 3 and min(per_cohort) >= 10
        assert session.scalar(select(func.count()).where(Graduate.program == "")) == 0
        emails = session.scalars(select(User.email)).all()
        assert all(email.endswith("@demo.example.org") for email in emails)
    assert summary.graduates == roles[Role.GRADUATE]
    assert f"{summary.graduates} graduates" in str(summary)
    assert "\n" not in str(summary)
    assert is_demo(ctx)


def test_interviews_look_like_six_months_of_real_work(ctx: Context) -> None:
    summary = _load(ctx)
    today = ctx.clock.today()
    with ctx.unit_of_work() as session:
        recent = session.scalar(
            select(func.count()).where(
                Interview.meeting_date >= today - timedelta(days=183),
                Interview.meeting_date < today,
            )
        )
        assert recent is not None and 450 <= recent <= 550
        assert summary.recent == recent
        statuses = dict(
            session.execute(select(Interview.status, func.count()).group_by(Interview.status)).all()
        )
        assert set(statuses) == set(InterviewStatus)
        assert statuses[InterviewStatus.COMPLETED] > statuses[InterviewStatus.CANCELLED]
        upcoming = session.scalars(
            select(Interview).where(
                Interview.meeting_date >= today,
                Interview.meeting_date <= today + timedelta(days=21),
                Interview.status == InterviewStatus.PLANNED,
            )
        ).all()
        assert upcoming
        assert not session.scalar(
            select(func.count()).where(Interview.meeting_date > today + timedelta(days=21))
        )
        # Logged before or on the day of the meeting (upcoming ones before today), never later.
        interviews = session.scalars(select(Interview)).all()
        now = ctx.clock.now()
        for interview in interviews:
            assert interview.created_at <= now and interview.updated_at >= interview.created_at
            assert interview.created_at.date() <= max(interview.meeting_date, today)
        assert any(i.created_at.date() == i.meeting_date for i in interviews)  # back-logged
        assert any(i.created_at.date() < i.meeting_date for i in interviews)  # planned ahead
        completed = [i for i in interviews if i.status is InterviewStatus.COMPLETED]
        assert any(i.notes for i in completed) and any(not i.notes for i in completed)
        assert any(i.private_notes for i in completed)
        assert any(i.outcome_trends or i.outcome_job_leads for i in completed)
        assert {i.follow_up_permission for i in completed} == set(FollowUpPermission)
        delays = {
            (i.thank_you_sent_on - i.meeting_date).days for i in completed if i.thank_you_sent_on
        }
        assert 0 in delays and max(delays) >= 3  # prompt and late thank-yous
        assert all(i.thank_you_sent_on <= today for i in completed if i.thank_you_sent_on)


def test_habits_the_figures_should_show(ctx: Context) -> None:
    _load(ctx)
    today = ctx.clock.today()
    with ctx.unit_of_work() as session:
        # Referral chains of three or more people.
        referred_by = dict(session.execute(select(Contact.id, Contact.referred_by_id)).all())

        def depth(contact: int) -> int:
            parent = referred_by[contact]
            return 1 if parent is None else 1 + depth(parent)

        assert max(depth(c) for c in referred_by) >= 3
        # The same professional asked by several graduates.
        shared = session.execute(
            select(Contact.email)
            .where(Contact.email.is_not(None))
            .group_by(Contact.email)
            .having(func.count(func.distinct(Contact.graduate_id)) >= 2)
        ).all()
        assert shared
        emails = session.scalars(select(Contact.email).where(Contact.email.is_not(None))).all()
        assert all(email.endswith(EXAMPLE_DOMAINS) for email in emails)
        # A graduate with nothing logged or held in the last 14 days.
        last: dict[int, date] = defaultdict(lambda: date.min)
        for graduate, met, logged in session.execute(
            select(Interview.graduate_id, Interview.meeting_date, Interview.created_at).where(
                Interview.meeting_date <= today
            )
        ):
            last[graduate] = max(last[graduate], met, logged.date())
        assert any(today - day > timedelta(days=14) for day in last.values())
        # A meeting within two days with under half the preparation ticked.
        prep = session.scalar(
            select(func.count()).where(
                ChecklistItem.kind == ChecklistKind.PREP, ChecklistItem.is_active.is_(True)
            )
        )
        ticked = (
            select(func.count())
            .select_from(ChecklistTick)
            .join(ChecklistItem, ChecklistItem.id == ChecklistTick.item_id)
            .where(
                ChecklistTick.interview_id == Interview.id,
                ChecklistItem.kind == ChecklistKind.PREP,
            )
            .scalar_subquery()
        )
        soon_unready = session.scalar(
            select(func.count()).where(
                Interview.status == InterviewStatus.PLANNED,
                Interview.meeting_date.between(today, today + timedelta(days=2)),
                ticked * 2 < prep,
            )
        )
        assert soon_unready
        # Follow-ups of every kind, and permission granted without any follow-up (the habit).
        kinds = session.scalars(select(FollowUp.kind).distinct()).all()
        assert len(kinds) == 3
        assert session.scalar(
            select(func.count()).where(
                Interview.follow_up_permission == FollowUpPermission.GRANTED,
                ~Interview.follow_ups.any(),
            )
        )


def test_questions_comments_and_goals(ctx: Context) -> None:
    _load(ctx)
    with ctx.unit_of_work() as session:
        ratings = session.scalars(
            select(InterviewQuestion.usefulness).where(InterviewQuestion.usefulness.is_not(None))
        ).all()
        assert set(ratings) <= {1, 2, 3, 4, 5} and len(set(ratings)) >= 4
        bank = session.scalars(select(QuestionBank).where(QuestionBank.owner_id.is_not(None))).one()
        owner = session.get(User, bank.owner_id)
        assert owner is not None and owner.role is Role.ADVISOR
        assert bank.visibility is Visibility.COHORTS
        assert 6 <= len(bank.questions) <= 10
        shares = session.scalars(select(QuestionBankShare.cohort_id)).all()
        assert len(shares) == 1
        # The shared bank is shared with a cohort its owner coaches, and is used there.
        assert session.get(CohortAdvisor, (shares[0], owner.id)) is not None
        assert session.scalar(
            select(func.count())
            .select_from(InterviewQuestion)
            .join(Question, Question.id == InterviewQuestion.question_id)
            .where(Question.bank_id == bank.id)
        )
        authors = session.scalars(
            select(User.role).join(CoachingComment, CoachingComment.author_id == User.id)
        ).all()
        assert authors and set(authors) == {Role.ADVISOR}
        assert session.scalar(select(func.count()).where(CoachingComment.interview_id.is_not(None)))
        assert session.scalar(select(func.count()).select_from(CohortGoal)) >= 2


def test_demo_accounts_sign_in_with_the_demo_password(ctx: Context) -> None:
    _load(ctx)
    accounts = demo_accounts(ctx)
    roles = [account.role for account in accounts]
    assert roles.count(Role.ADMIN) == 1
    assert roles.count(Role.ADVISOR) == 2
    assert roles.count(Role.GRADUATE) == 3
    graduates = [a.sees for a in accounts if a.role is Role.GRADUATE]
    assert len(set(graduates)) == 3  # three different habits
    advisors = [a.sees for a in accounts if a.role is Role.ADVISOR]
    assert any(" and " in sees for sees in advisors)  # the one coaching two cohorts
    for account in accounts:
        actor = authenticate(ctx, account.email, DEMO_PASSWORD)
        assert actor.email == account.email and actor.role is account.role
    with ctx.unit_of_work() as session:
        hashes = set(session.scalars(select(User.password_hash)))
    assert len(hashes) == 1  # hashed once, shared


def test_no_demo_accounts_outside_demo_mode(ctx: Context) -> None:
    assert demo_accounts(ctx) == []
    factories.user(ctx, Role.ADMIN, password="a real password")
    assert demo_accounts(ctx) == []
    assert not is_demo(ctx)


def test_refuses_a_database_with_accounts(ctx: Context) -> None:
    factories.user(ctx, Role.ADMIN)
    with pytest.raises(NetworkitError, match="already has accounts"):
        _load(ctx)
    assert _count(ctx, Interview) == 0
    assert not is_demo(ctx)


def _dump(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows, with auto ids replaced by their rank, so two loads compare equal."""
    rank: dict[str, dict[int, int]] = {}
    dump: dict[str, list[tuple[Any, ...]]] = {}
    with engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            if "id" in table.c and table.c.id.primary_key:
                ids = connection.scalars(select(table.c.id).order_by(table.c.id)).all()
                rank[table.name] = {value: n for n, value in enumerate(ids)}
        for table in Base.metadata.sorted_tables:
            pointers = {fk.parent.name: fk.column.table.name for fk in table.foreign_keys}
            rows = []
            for row in connection.execute(select(table)).mappings():
                values = []
                for column, value in row.items():
                    if column == "password_hash":
                        continue  # argon2 salts every hash; sign-in is tested above
                    if column == "id" and table.name in rank:
                        value = rank[table.name][value]
                    elif column in pointers and value is not None:
                        value = rank[pointers[column]][value]
                    values.append(value)
                rows.append(tuple(values))
            dump[table.name] = sorted(rows, key=repr)
    return dump


def _reset(ctx: Context) -> None:
    empty_all_tables(ctx.engine)
    with ctx.unit_of_work() as session:
        load_content(session, ctx.settings.content_dir)


def test_same_seed_same_demo_other_seed_other_demo(ctx: Context) -> None:
    _load(ctx, seed=7)
    first = _dump(ctx.engine)
    assert len(first["interviews"]) > 450
    _reset(ctx)
    _load(ctx, seed=7)
    assert _dump(ctx.engine) == first
    _reset(ctx)
    _load(ctx, seed=8)
    other = _dump(ctx.engine)
    assert other["interviews"] != first["interviews"]
    assert other["users"] != first["users"]


@pytest.fixture
def cli_database(ctx: Context, monkeypatch: pytest.MonkeyPatch) -> Context:
    monkeypatch.setenv("DATABASE_URL", ctx.settings.database_url)
    return ctx


def test_cli_loads_the_demo_once(cli_database: Context, capsys: pytest.CaptureFixture[str]) -> None:
    ctx = cli_database
    assert main(["demo", "--seed", "11"]) == 0
    out = capsys.readouterr().out
    assert "Demo loaded: " in out and "graduates" in out
    assert is_demo(ctx)
    users = _count(ctx, User)
    interviews = _count(ctx, Interview)
    assert users > 60 and interviews > 450

    assert main(["demo"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "already has accounts" in err

    assert main(["demo", "--if-empty"]) == 0
    assert "not loaded" in capsys.readouterr().out
    assert (_count(ctx, User), _count(ctx, Interview)) == (users, interviews)


def test_each_profile_shows_what_its_description_says(ctx: Context) -> None:
    """The descriptions on the login page are true of the data, as the figures read it."""
    summary = _load(ctx)
    today = ctx.clock.today()
    with ctx.unit_of_work() as session:
        admin = Actor.of(session.scalars(select(User).where(User.role == Role.ADMIN)).one())
        emails = dict(
            session.execute(
                select(Graduate.id, User.email).join(User, User.id == Graduate.user_id)
            ).all()
        )
        interviews = session.execute(
            select(Interview.graduate_id, Interview, func.count(FollowUp.id))
            .outerjoin(FollowUp, FollowUp.interview_id == Interview.id)
            .group_by(Interview.graduate_id, Interview.id)
        ).all()
        joined = dict(session.execute(select(User.email, User.created_at)).all())
    habit = {graduate: summary.profiles[email] for graduate, email in emails.items()}
    due: dict[int, list[DueItem]] = defaultdict(list)
    for item in due_today(ctx, admin, FigureScope.everything()):
        due[item.graduate_id].append(item)
    recorded_soon = today - timedelta(days=3)  # a meeting of the last days may be unrecorded
    for graduate, profile in habit.items():
        reasons = {item.reason for item in due[graduate]}
        mine = [(interview, follow_ups) for g, interview, follow_ups in interviews if g == graduate]
        done = [i for i, _ in mine if i.status is InterviewStatus.COMPLETED]
        where = f"{emails[graduate]} ({profile.value})"
        if profile is not Profile.GONE_QUIET:
            assert DueReason.INACTIVE not in reasons, where
        if profile is not Profile.OVER_PLANNER:
            assert all(
                item.fell_due_on >= recorded_soon
                for item in due[graduate]
                if item.reason is DueReason.OUTCOME_MISSING
            ), where
        if profile in (Profile.DILIGENT, Profile.LATE_THANK_YOU, Profile.NEWCOMER):
            assert DueReason.FOLLOW_UP_DUE not in reasons, where
        if profile is Profile.DILIGENT:  # thanks on time, follows up
            assert DueReason.THANK_YOU_OVERDUE not in reasons, where
            assert all(
                i.thank_you_sent_on is not None
                for i in done
                if i.meeting_date < today - timedelta(1)
            ), where
            assert all(
                (i.thank_you_sent_on - i.meeting_date).days <= 2
                for i in done
                if i.thank_you_sent_on
            ), where
        if profile is Profile.LATE_THANK_YOU:  # sends thank-yous late (3-10 days)
            assert all(
                3 <= (i.thank_you_sent_on - i.meeting_date).days <= 10
                for i in done
                if i.thank_you_sent_on
            ), where
        if profile is Profile.NEVER_FOLLOWS_UP:  # gets permission, never follows up
            assert sum(follow_ups for _, follow_ups in mine) == 0, where
            assert any(i.follow_up_permission is FollowUpPermission.GRANTED for i in done), where
        if profile is Profile.GONE_QUIET:  # nothing in the last 3-6 weeks
            assert DueReason.INACTIVE in reasons, where
            latest = max(i.meeting_date for i, _ in mine)
            assert today - timedelta(days=50) <= latest < today - timedelta(days=21), where
        if profile is Profile.NEWCOMER:  # started a few weeks ago
            assert today - joined[emails[graduate]].date() <= timedelta(days=50), where
        if profile is Profile.OVER_PLANNER:  # many booked, few held
            assert sum(i.meeting_date >= today for i, _ in mine) >= 3, where


def test_each_advisors_nudge_list_names_a_handful(ctx: Context) -> None:
    summary = _load(ctx)
    laggards = {Profile.NEVER_FOLLOWS_UP, Profile.GONE_QUIET, Profile.OVER_PLANNER}
    with ctx.unit_of_work() as session:
        advisors = [
            Actor.of(user)
            for user in session.scalars(select(User).where(User.role == Role.ADVISOR))
        ]
    for advisor in advisors:
        lines = needs_nudge(ctx, advisor, FigureScope.everything())
        coached = _count(
            ctx,
            Graduate,
            Graduate.cohort_id.in_(
                select(CohortAdvisor.cohort_id).where(CohortAdvisor.advisor_id == advisor.id)
            ),
        )
        # A handful: at most a quarter of the caseload (it was nearly everyone).
        assert 1 <= len(lines) <= max(5, coached // 4), (advisor.email, len(lines), coached)
        for line in lines:
            assert summary.profiles[line.graduate_email] in laggards, line.graduate_email
            assert line.reasons and line.overdue_since <= ctx.clock.today()
    # Some were nudged lately: the list says when.
    assert _count(ctx, CoachingComment, CoachingComment.kind == CommentKind.NUDGE) > 0


def test_destinations_and_the_evidence_tell_a_story(ctx: Context) -> None:
    """Graduates have destinations (some with a history), and on first start the evidence shows
    both a habit that went with referrals (a card on time) and rows with no clear difference."""
    _load(ctx)
    with ctx.unit_of_work() as session:
        admin = Actor.of(session.scalar(select(User).where(User.role == Role.ADMIN)))
        per_graduate = session.execute(
            select(Destination.graduate_id, func.count()).group_by(Destination.graduate_id)
        ).all()
        sources = set(session.scalars(select(Destination.source)))
    assert len(per_graduate) >= 40 and any(count > 1 for _, count in per_graduate)
    assert sources == set(DestinationSource)
    landed = outcomes(ctx, admin, FigureScope.everything())
    assert landed.knowledge_rate is not None and landed.knowledge_rate >= 0.65
    assert landed.through_networking > 0 and landed.time_to_destination.still_seeking > 0
    assert landed.time_to_destination.median_days is not None
    rows = {(r.habit, r.outcome): r for r in evidence(ctx, admin, FigureScope.everything())}
    card = rows[Habit.THANKED_WITH_CARD, Outcome.REFERRAL]
    assert card.clear and card.difference is not None and card.difference > 0
    assert any(not r.clear and not r.too_few for r in rows.values())
