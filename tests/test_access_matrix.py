"""Every public service function, for each role, against its own / a foreign / a missing record.

Allowed calls succeed; everything else raises `AccessDenied`, and a foreign record gives the
same message as a missing one, so ids cannot be probed. The table must name every public
service function: a new one without a row fails `test_the_table_covers_every_service`.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select, update

import networkit_core.read_models as read_models_package
import networkit_core.services as services_package
from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.errors import AccessDenied
from networkit_core.models import Contact, Interview, Role, User
from networkit_core.read_models import (
    calendar_files,
    card,
    cohort_board,
    contact_page,
    dashboard,
    evidence_page,
    graduate_file,
    interview_page,
    my_destination,
    my_interviews,
    my_progress,
    outcomes_page,
    overview,
    question_browser,
)
from networkit_core.reminders.mailer import Mailer, MailSettings
from networkit_core.services import (
    accounts,
    audit,
    calendar_feed,
    coaching,
    cohorts,
    contact_imports,
    contacts,
    destinations,
    erasure,
    interviews,
    nudges,
    questions,
    reminders,
    saved_views,
)
from networkit_core.services.accounts import admin
from networkit_core.services.interviews import checklists, follow_ups
from networkit_core.services.questions import suggestions as question_suggestions
from tests import factories
from tests.app_session import set_password
from tests.conftest import TODAY

MISSING = 10**8


class _NoMail(Mailer):
    """A mailer that takes every message and sends none: access is what is checked here."""

    def __init__(self) -> None:
        super().__init__(MailSettings("127.0.0.1", 25, "plain", "", "", "c@example.org"))

    def send(self, message: object) -> None:
        return None


def public_services() -> Iterator[str]:
    """`module.function` for each function of a service or read model module (packages
    included, named by their last part) taking (ctx, actor, ...)."""
    for package in (services_package, read_models_package):
        for info in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
            short = info.name.rsplit(".", 1)[-1]
            if short.startswith("_"):
                continue
            module = importlib.import_module(info.name)
            for name, function in inspect.getmembers(module, inspect.isfunction):
                if function.__module__ != module.__name__ or name.startswith("_"):
                    continue
                if list(inspect.signature(function).parameters)[:2] == ["ctx", "actor"]:
                    yield f"{short}.{name}"


@dataclass(frozen=True)
class Side:
    """One graduate's world: their cohort, its advisor, their records."""

    graduate_id: int
    graduate_user_id: int
    cohort_id: int
    advisor_id: int
    interview_id: int
    # Held, nothing recorded after it yet: its status may still change (a completed interview
    # with a follow-up may not be cancelled).
    bare_interview_id: int
    contact_id: int
    second_contact_id: int
    follow_up_id: int
    comment_id: int
    goal_id: int
    grad_bank_id: int
    grad_question_id: int
    advisor_bank_id: int
    advisor_question_id: int
    shared_bank_id: int  # the advisor's bank shared with the cohort
    shared_question_id: int
    suggestion_id: int  # the graduate's suggestion to it, pending
    spare_advisor_id: int
    spare_cohort_id: int
    unenrolled_user_id: int

    @classmethod
    def missing(cls) -> Side:
        return cls(**{field.name: MISSING for field in fields(cls)})

    def bank_for(self, actor: Actor) -> int:
        """A bank `actor` may curate: their own private one; an admin's, a shared one (a
        private bank is its owner's alone)."""
        if actor.is_admin:
            return self.shared_bank_id
        return self.grad_bank_id if actor.is_graduate else self.advisor_bank_id

    def question_for(self, actor: Actor) -> int:
        if actor.is_admin:
            return self.shared_question_id
        return self.grad_question_id if actor.is_graduate else self.advisor_question_id

    def question_to_attach(self, actor: Actor) -> int:
        """A question `actor` may read, to take to the graduate's interview."""
        return self.shared_question_id if actor.is_admin else self.grad_question_id


@dataclass(frozen=True)
class World:
    actors: dict[Role, Actor]
    own: Side
    foreign: Side
    prep_item_id: int

    def side(self, target: str) -> Side:
        return {"own": self.own, "foreign": self.foreign, "missing": Side.missing()}[target]


def build_side(ctx: Context, advisor: Actor) -> tuple[Side, Actor]:
    cohort = factories.cohort(ctx, advisors=(advisor,))
    graduate_actor, graduate = factories.graduate(ctx, cohort)
    contact = factories.contact(ctx, graduate, "Met Person")
    second = factories.contact(ctx, graduate, "Next Person")
    interview = factories.interview(ctx, graduate, contact_id=contact, days_ago=3)
    with ctx.unit_of_work() as session:
        from networkit_core.models import FollowUp, FollowUpKind

        follow_up = FollowUp(interview_id=interview, date=TODAY, kind=FollowUpKind.ARTICLE)
        session.add(follow_up)
        session.flush()
        follow_up_id = follow_up.id
    grad_bank, grad_questions = factories.bank(ctx, graduate_actor.id, name="Grad bank")
    advisor_bank, advisor_questions = factories.bank(ctx, advisor.id, name="Advisor bank")
    factories.use_question(ctx, interview, grad_questions[0])
    shared_bank, shared_questions = factories.bank(
        ctx, advisor.id, name="Shared bank", visibility="cohorts", shared_with=(cohort,)
    )
    side = Side(
        graduate_id=graduate,
        graduate_user_id=graduate_actor.id,
        cohort_id=cohort,
        advisor_id=advisor.id,
        interview_id=interview,
        bare_interview_id=factories.interview(ctx, graduate, contact_id=second, days_ago=2),
        contact_id=contact,
        second_contact_id=second,
        follow_up_id=follow_up_id,
        comment_id=factories.comment(ctx, graduate, advisor.id),
        goal_id=factories.goal(ctx, cohort),
        grad_bank_id=grad_bank,
        grad_question_id=grad_questions[0],
        advisor_bank_id=advisor_bank,
        advisor_question_id=advisor_questions[0],
        shared_bank_id=shared_bank,
        shared_question_id=shared_questions[0],
        suggestion_id=factories.suggestion(ctx, shared_bank, graduate_actor.id),
        spare_advisor_id=factories.user(ctx, Role.ADVISOR).id,
        spare_cohort_id=factories.cohort(ctx),
        unenrolled_user_id=factories.user(ctx, Role.GRADUATE).id,
    )
    return side, graduate_actor


def build_world(ctx: Context) -> World:
    advisor = factories.user(ctx, Role.ADVISOR)
    own, graduate = build_side(ctx, advisor)
    foreign, _ = build_side(ctx, factories.user(ctx, Role.ADVISOR))
    prep_item = factories.checklist_item(ctx, "prep", "research_company")
    actors = {
        Role.GRADUATE: graduate,
        Role.ADVISOR: advisor,
        Role.ADMIN: factories.user(ctx, Role.ADMIN),
    }
    return World(actors, own, foreign, prep_item)


def _soft_delete(ctx: Context, model: type[Interview] | type[Contact], record_id: int) -> None:
    with ctx.unit_of_work() as session:
        session.execute(
            update(model).where(model.id == record_id).values(deleted_at=ctx.clock.now())
        )


Call = Callable[[Context, Actor, World, Side], Any]

GRADUATE_OWN = frozenset({("graduate", "own")})
ADVISOR_OWN = frozenset({("advisor", "own")})
ADMIN_ANY = frozenset({("admin", "own"), ("admin", "foreign")})
READ = GRADUATE_OWN | ADVISOR_OWN | ADMIN_ANY  # the graduate, their advisor, admins
GRADUATE_WRITE = GRADUATE_OWN | ADMIN_ANY  # advisors never change a graduate's records
COACH = ADVISOR_OWN | ADMIN_ANY
OWNER = READ  # a bank's owner (the graduate's own, the advisor's own) or an admin
ANYONE = frozenset({("graduate", None), ("advisor", None), ("admin", None)})
ADMIN_ONLY = frozenset({("admin", None)})


@dataclass(frozen=True)
class Row:
    call: Call
    allowed: frozenset[tuple[str, str | None]]

    @property
    def targets(self) -> tuple[str | None, ...]:
        if any(target is None for _, target in self.allowed):
            return (None,)
        return ("own", "foreign", "missing")


LATER = TODAY + timedelta(days=7)
CONNECTIONS = b"First Name,Last Name\nAna,Lima\n"

ROWS: dict[str, Row] = {
    # accounts
    "accounts.add_user": Row(
        lambda c, a, w, s: accounts.add_user(
            c, a, email="new.person@example.org", first_name="New", role=Role.ADVISOR
        ),
        ADMIN_ONLY,
    ),
    # Anyone changes their own password, and only their own: there is no one else to name.
    "accounts.change_password": Row(
        lambda c, a, w, s: (
            set_password(c, a.id, "the old password"),
            accounts.change_password(
                c, a, current="the old password", new="a new password", repeat="a new password"
            ),
        )[1],
        ANYONE,
    ),
    # interviews
    "interviews.log_interview": Row(
        lambda c, a, w, s: interviews.log_interview(
            c, a, meeting_date=LATER, contact_id=s.contact_id, graduate_id=s.graduate_id
        ),
        GRADUATE_WRITE,
    ),
    "interviews.edit_interview": Row(
        lambda c, a, w, s: interviews.edit_interview(
            c, a, s.interview_id, expected_version=1, changes={"notes": "Edited"}
        ),
        GRADUATE_WRITE,
    ),
    "interviews.complete_interview": Row(
        lambda c, a, w, s: interviews.complete_interview(c, a, s.interview_id), GRADUATE_WRITE
    ),
    "interviews.cancel_interview": Row(
        lambda c, a, w, s: interviews.cancel_interview(c, a, s.bare_interview_id), GRADUATE_WRITE
    ),
    "interviews.mark_no_show": Row(
        lambda c, a, w, s: interviews.mark_no_show(c, a, s.bare_interview_id), GRADUATE_WRITE
    ),
    "interviews.delete_interview": Row(
        lambda c, a, w, s: interviews.delete_interview(c, a, s.interview_id), GRADUATE_WRITE
    ),
    "interviews.restore_interview": Row(
        lambda c, a, w, s: (
            _soft_delete(c, Interview, s.interview_id),
            interviews.restore_interview(c, a, s.interview_id),
        ),
        GRADUATE_WRITE,
    ),
    "interviews.get_interview_detail": Row(
        lambda c, a, w, s: interviews.get_interview_detail(c, a, s.interview_id), READ
    ),
    "checklists.set_item_ticked": Row(
        lambda c, a, w, s: checklists.set_item_ticked(c, a, s.interview_id, w.prep_item_id, True),
        GRADUATE_WRITE,
    ),
    # after the meeting
    "follow_ups.record_thank_you": Row(
        lambda c, a, w, s: follow_ups.record_thank_you(
            c, a, s.interview_id, sent_on=TODAY, method="card"
        ),
        GRADUATE_WRITE,
    ),
    "follow_ups.set_follow_up_permission": Row(
        lambda c, a, w, s: follow_ups.set_follow_up_permission(c, a, s.interview_id, "granted"),
        GRADUATE_WRITE,
    ),
    "follow_ups.record_outcomes": Row(
        lambda c, a, w, s: follow_ups.record_outcomes(c, a, s.interview_id, trends="AI"),
        GRADUATE_WRITE,
    ),
    "follow_ups.add_follow_up": Row(
        lambda c, a, w, s: follow_ups.add_follow_up(c, a, s.interview_id, on=TODAY, kind="article"),
        GRADUATE_WRITE,
    ),
    "follow_ups.remove_follow_up": Row(
        lambda c, a, w, s: follow_ups.remove_follow_up(c, a, s.follow_up_id), GRADUATE_WRITE
    ),
    # contacts in: a graduate into their own contacts only (no graduate id to name)
    **{
        f"contact_imports.{name}": Row(
            lambda c, a, w, s, name=name: getattr(contact_imports, name)(
                c, a, "Connections.csv", CONNECTIONS
            ),
            frozenset({("graduate", None)}),
        )
        for name in ("check_contact_file", "import_contacts")
    },
    "contacts.edit_contact": Row(
        lambda c, a, w, s: contacts.edit_contact(c, a, s.contact_id, {"title": "CTO"}),
        GRADUATE_WRITE,
    ),
    "contacts.record_referral": Row(
        lambda c, a, w, s: contacts.record_referral(
            c, a, s.interview_id, contact_id=s.second_contact_id
        ),
        GRADUATE_WRITE,
    ),
    # questions
    "questions.list_banks": Row(lambda c, a, w, s: questions.list_banks(c, a), ANYONE),
    "questions.create_bank": Row(
        lambda c, a, w, s: questions.create_bank(c, a, name="Mine"), ANYONE
    ),
    "questions.bank_detail": Row(
        lambda c, a, w, s: questions.bank_detail(c, a, s.bank_for(a)), OWNER
    ),
    "questions.rename_bank": Row(
        lambda c, a, w, s: questions.rename_bank(c, a, s.bank_for(a), name="Renamed"), OWNER
    ),
    "questions.delete_bank": Row(
        lambda c, a, w, s: questions.delete_bank(c, a, s.bank_for(a)), OWNER
    ),
    "questions.set_bank_visibility": Row(
        lambda c, a, w, s: questions.set_bank_visibility(
            c,
            a,
            s.bank_for(a),
            visibility="private" if a.is_graduate else "cohorts",
            cohort_ids=() if a.is_graduate else (s.cohort_id,),
        ),
        OWNER,
    ),
    "questions.copy_bank": Row(lambda c, a, w, s: questions.copy_bank(c, a, s.bank_for(a)), OWNER),
    "questions.add_question": Row(
        lambda c, a, w, s: questions.add_question(c, a, s.bank_for(a), text="Why?"), OWNER
    ),
    "questions.edit_question": Row(
        lambda c, a, w, s: questions.edit_question(c, a, s.question_for(a), text="How?"), OWNER
    ),
    "questions.remove_question": Row(
        lambda c, a, w, s: questions.remove_question(c, a, s.question_for(a)), OWNER
    ),
    "questions.attach_question": Row(
        lambda c, a, w, s: questions.attach_question(c, a, s.interview_id, s.question_to_attach(a)),
        GRADUATE_WRITE,
    ),
    "questions.detach_question": Row(
        lambda c, a, w, s: questions.detach_question(c, a, s.interview_id, s.grad_question_id),
        GRADUATE_WRITE,
    ),
    "questions.rate_question": Row(
        lambda c, a, w, s: questions.rate_question(c, a, s.interview_id, s.grad_question_id, 4),
        GRADUATE_WRITE,
    ),
    "suggestions.suggest_question": Row(
        lambda c, a, w, s: question_suggestions.suggest_question(
            c, a, s.shared_bank_id, text="What surprised you?"
        ),
        GRADUATE_OWN,  # graduates suggest; a bank's curators add questions themselves
    ),
    "suggestions.list_suggestions": Row(
        lambda c, a, w, s: question_suggestions.list_suggestions(c, a), ANYONE
    ),
    "suggestions.accept_suggestion": Row(
        lambda c, a, w, s: question_suggestions.accept_suggestion(c, a, s.suggestion_id), COACH
    ),
    "suggestions.decline_suggestion": Row(
        lambda c, a, w, s: question_suggestions.decline_suggestion(c, a, s.suggestion_id), COACH
    ),
    "question_browser.questions_page": Row(
        lambda c, a, w, s: question_browser.questions_page(c, a), ANYONE
    ),
    # coaching
    "cohorts.list_cohorts": Row(lambda c, a, w, s: cohorts.list_cohorts(c, a), ANYONE),
    "cohorts.cohort_names": Row(lambda c, a, w, s: cohorts.cohort_names(c, a), ANYONE),
    "coaching.add_comment": Row(
        lambda c, a, w, s: coaching.add_comment(c, a, s.graduate_id, "Keep going"), COACH
    ),
    "coaching.record_nudge": Row(
        lambda c, a, w, s: coaching.record_nudge(c, a, s.graduate_id, "Reminded by e-mail"), COACH
    ),
    # nudges at once: an advisor, to the graduates they coach
    "nudges.send_nudges": Row(
        lambda c, a, w, s: nudges.send_nudges(c, a, [s.graduate_id], "Hi", mailer=_NoMail()),
        ADVISOR_OWN,
    ),
    "nudges.nudge_drafts": Row(
        lambda c, a, w, s: nudges.nudge_drafts(c, a, [s.graduate_id], "Hi"), ADVISOR_OWN
    ),
    "nudges.record_nudges": Row(
        lambda c, a, w, s: nudges.record_nudges(c, a, [s.graduate_id]), ADVISOR_OWN
    ),
    # saved views: an advisor's own (another's is refused in tests/test_triage_and_views.py)
    "saved_views.saved_views": Row(
        lambda c, a, w, s: saved_views.saved_views(c, a), frozenset({("advisor", None)})
    ),
    "saved_views.save_view": Row(
        lambda c, a, w, s: saved_views.save_view(c, a, "Mine", {"reason": "inactive"}),
        frozenset({("advisor", None)}),
    ),
    "saved_views.delete_view": Row(
        lambda c, a, w, s: saved_views.delete_view(
            c, a, saved_views.save_view(c, a, "Gone", {}).id
        ),
        frozenset({("advisor", None)}),
    ),
    # reminders: each user switches only their own (the service takes no one else's id)
    "reminders.reminders_on": Row(lambda c, a, w, s: reminders.reminders_on(c, a), ANYONE),
    "reminders.set_reminders": Row(lambda c, a, w, s: reminders.set_reminders(c, a, False), ANYONE),
    "coaching.edit_comment": Row(
        lambda c, a, w, s: coaching.edit_comment(c, a, s.comment_id, "Edited"), COACH
    ),
    "coaching.delete_comment": Row(
        lambda c, a, w, s: coaching.delete_comment(c, a, s.comment_id), COACH
    ),
    "coaching.list_comments": Row(
        lambda c, a, w, s: coaching.list_comments(c, a, s.graduate_id), READ
    ),
    "cohorts.set_cohort_goal": Row(
        lambda c, a, w, s: cohorts.set_cohort_goal(
            c, a, s.cohort_id, metric="notes_rate", target=0.5
        ),
        COACH,
    ),
    "cohorts.remove_cohort_goal": Row(
        lambda c, a, w, s: cohorts.remove_cohort_goal(c, a, s.goal_id), COACH
    ),
    "coaching.graduate_timeline": Row(
        lambda c, a, w, s: coaching.graduate_timeline(c, a, s.graduate_id), READ
    ),
    "coaching.timeline_and_comments": Row(
        lambda c, a, w, s: coaching.timeline_and_comments(c, a, s.graduate_id), READ
    ),
    # admin
    "admin.list_users": Row(lambda c, a, w, s: admin.list_users(c, a), ADMIN_ONLY),
    "admin.create_account": Row(
        lambda c, a, w, s: admin.create_account(
            c, a, email="fresh@example.org", first_name="Fresh", role="graduate"
        ),
        ADMIN_ONLY,
    ),
    "admin.deactivate_user": Row(
        lambda c, a, w, s: admin.deactivate_user(c, a, s.graduate_user_id), ADMIN_ANY
    ),
    "admin.reactivate_user": Row(
        lambda c, a, w, s: admin.reactivate_user(c, a, s.graduate_user_id), ADMIN_ANY
    ),
    "admin.reset_password": Row(
        lambda c, a, w, s: admin.reset_password(c, a, s.graduate_user_id, "a long new password"),
        ADMIN_ANY,
    ),
    "admin.change_role": Row(
        lambda c, a, w, s: admin.change_role(c, a, s.unenrolled_user_id, "advisor"), ADMIN_ANY
    ),
    "admin.find_user": Row(lambda c, a, w, s: admin.find_user(c, a, a.email), ADMIN_ONLY),
    # Erasure on request and retention: admins only (an admin erases anyone but themselves).
    "erasure.erasure_preview": Row(
        lambda c, a, w, s: erasure.erasure_preview(c, a, w.actors[Role.GRADUATE].email),
        ADMIN_ONLY,
    ),
    "erasure.erase": Row(
        lambda c, a, w, s: erasure.erase(
            c, a, w.actors[Role.GRADUATE].email, confirm_email=w.actors[Role.GRADUATE].email
        ),
        ADMIN_ONLY,
    ),
    "erasure.retention": Row(
        lambda c, a, w, s: erasure.retention(c, a, 12, dry_run=True), ADMIN_ONLY
    ),
    "admin.set_local_passwords": Row(
        lambda c, a, w, s: admin.set_local_passwords(c, a, True), ADMIN_ONLY
    ),
    "admin.local_passwords": Row(lambda c, a, w, s: admin.local_passwords(c, a), ADMIN_ONLY),
    "admin.unlock_user": Row(
        lambda c, a, w, s: admin.unlock_user(c, a, s.graduate_user_id), ADMIN_ANY
    ),
    "cohorts.create_cohort": Row(
        lambda c, a, w, s: cohorts.create_cohort(c, a, name="Autumn 2026"), ADMIN_ONLY
    ),
    "cohorts.rename_cohort": Row(
        lambda c, a, w, s: cohorts.rename_cohort(c, a, s.cohort_id, name=f"Renamed {s.cohort_id}"),
        ADMIN_ANY,
    ),
    "cohorts.archive_cohort": Row(
        lambda c, a, w, s: cohorts.archive_cohort(c, a, s.cohort_id), ADMIN_ANY
    ),
    "cohorts.unarchive_cohort": Row(
        lambda c, a, w, s: cohorts.unarchive_cohort(c, a, s.cohort_id), ADMIN_ANY
    ),
    "cohorts.assign_advisor": Row(
        lambda c, a, w, s: cohorts.assign_advisor(c, a, s.cohort_id, s.spare_advisor_id), ADMIN_ANY
    ),
    "cohorts.unassign_advisor": Row(
        lambda c, a, w, s: cohorts.unassign_advisor(c, a, s.cohort_id, s.advisor_id), ADMIN_ANY
    ),
    "cohorts.move_graduate": Row(
        lambda c, a, w, s: cohorts.move_graduate(c, a, s.graduate_id, s.spare_cohort_id),
        ADMIN_ANY,
    ),
}

# The home pages' summaries (services/overview.py): each for one role, scoped to the actor.
ROWS |= {
    "overview.coached_cohorts": Row(
        lambda c, a, w, s: overview.coached_cohorts(c, a),
        frozenset({("advisor", None), ("admin", None)}),
    ),
    "overview.admin_summary": Row(lambda c, a, w, s: overview.admin_summary(c, a), ADMIN_ONLY),
}

# The admin's cohorts page (the board, the opened cohort's graduates) and audit log: an
# admin's alone.
ROWS |= {
    "cohort_board.cohort_board": Row(
        lambda c, a, w, s: cohort_board.cohort_board(c, a), ADMIN_ONLY
    ),
    "cohort_board.cohort_members": Row(
        lambda c, a, w, s: cohort_board.cohort_members(c, a, s.cohort_id), ADMIN_ONLY
    ),
    "audit.audit_entries": Row(lambda c, a, w, s: audit.audit_entries(c, a), ADMIN_ONLY),
    "audit.audit_csv": Row(lambda c, a, w, s: audit.audit_csv(c, a), ADMIN_ONLY),
}


def _public_id(ctx: Context, side: Side) -> str:
    """The side's interview by its text id (a made-up one for the missing side)."""
    with ctx.unit_of_work() as session:
        found = session.get(Interview, side.interview_id)
        return found.public_id if found is not None else "NW-MISSING"


# The graduate's pages (read_models/my_interviews.py, interview_page.py, my_progress.py) and the
# lookup by text id.
ROWS |= {
    "interview_page.open_interview": Row(
        lambda c, a, w, s: interview_page.open_interview(c, a, _public_id(c, s)), GRADUATE_OWN
    ),
    "questions.add_own_question": Row(
        lambda c, a, w, s: questions.add_own_question(
            c, a, s.interview_id, text="What would you do in my place?"
        ),
        GRADUATE_WRITE,
    ),
    "my_interviews.my_interviews": Row(
        lambda c, a, w, s: my_interviews.my_interviews(c, a), frozenset({("graduate", None)})
    ),
    "my_progress.my_progress": Row(
        lambda c, a, w, s: my_progress.my_progress(c, a), frozenset({("graduate", None)})
    ),
    "dashboard.advisor_dashboard": Row(
        lambda c, a, w, s: dashboard.advisor_dashboard(c, a), frozenset({("advisor", None)})
    ),
    # The nudge list read again for the cohort a dashboard showed: the advisor's own alone.
    "dashboard.dashboard_nudges": Row(
        lambda c, a, w, s: dashboard.dashboard_nudges(
            c, a, dashboard.CohortChoice(s.cohort_id, "", archived=False)
        ),
        ADVISOR_OWN,
    ),
}

# A graduate's own calendar address (the feed itself is read by token, with no actor).
ROWS |= {
    f"calendar_feed.{name}": Row(
        lambda c, a, w, s, name=name: getattr(calendar_feed, name)(c, a),
        frozenset({("graduate", None)}),
    )
    for name in ("start_feed", "stop_feed")
} | {
    "calendar_files.my_calendar": Row(
        lambda c, a, w, s: calendar_files.my_calendar(c, a), frozenset({("graduate", None)})
    ),
}


def _email_of(ctx: Context, user_id: int) -> str:
    with ctx.unit_of_work() as session:
        return session.scalar(select(User.email).where(User.id == user_id)) or "nobody@example.org"


# A contact's page: the graduate's own contacts, and their advisor's (without private notes);
# admins are not shown a graduate's network. The printable card is the graduate's alone.
ROWS |= {
    "contact_page.contact_page": Row(
        lambda c, a, w, s: contact_page.contact_page(c, a, s.contact_id),
        GRADUATE_OWN | ADVISOR_OWN,
    ),
    "card.printable_card": Row(
        lambda c, a, w, s: card.printable_card(c, a, interview=_public_id(c, s)), GRADUATE_OWN
    ),
}


# One graduate's file (the advisor's /graduate page), found by e-mail: their coach and admins.
ROWS |= {
    "graduate_file.graduate_file": Row(
        lambda c, a, w, s: graduate_file.graduate_file(c, a, _email_of(c, s.graduate_user_id)),
        COACH,
    ),
    "graduate_file.coaching_file": Row(
        lambda c, a, w, s: graduate_file.coaching_file(c, a, s.graduate_id), COACH
    ),
}

# Where a graduate landed: the graduate, their coach (who may record it too) and admins.
ROWS |= {
    "destinations.record_destination": Row(
        lambda c, a, w, s: destinations.record_destination(
            c, a, destinations.DestinationInput("still_seeking"), graduate_id=s.graduate_id
        ),
        READ,
    ),
    **{
        f"destinations.{name}": Row(
            lambda c, a, w, s, name=name: getattr(destinations, name)(
                c, a, graduate_id=s.graduate_id
            ),
            READ,
        )
        for name in ("destination_form", "destination_history")
    },
    # Recorded by an admin first: "nothing recorded" would read the same as a refusal.
    "destinations.current_destination": Row(
        lambda c, a, w, s: (
            s.graduate_id != MISSING
            and destinations.record_destination(
                c,
                w.actors[Role.ADMIN],
                destinations.DestinationInput("still_seeking"),
                graduate_id=s.graduate_id,
            ),
            destinations.current_destination(c, a, graduate_id=s.graduate_id),
        )[1],
        READ,
    ),
    "outcomes_page.outcomes_page": Row(
        lambda c, a, w, s: outcomes_page.outcomes_page(c, a),
        frozenset({("advisor", None), ("admin", None)}),
    ),
    "evidence_page.evidence_page": Row(
        lambda c, a, w, s: evidence_page.evidence_page(c, a),
        frozenset({("advisor", None), ("admin", None)}),
    ),
    "my_destination.my_destination": Row(
        lambda c, a, w, s: my_destination.my_destination(c, a), frozenset({("graduate", None)})
    ),
}

ROLES = ("graduate", "advisor", "admin")


def test_the_table_covers_every_service() -> None:
    found = set(public_services())
    assert found, "no service functions found"
    assert sorted(found - set(ROWS)) == [], "service functions without a row in ROWS"
    assert sorted(set(ROWS) - found) == [], "rows for functions that no longer exist"


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(ROWS))
def test_access(ctx: Context, name: str, role: str) -> None:
    row = ROWS[name]
    world = build_world(ctx)
    actor = world.actors[Role(role)]
    denied_messages: dict[str | None, str] = {}
    # Refusals first: they must change nothing the allowed calls below rely on.
    targets = sorted(row.targets, key=lambda target: (role, target) in row.allowed)
    for target in targets:
        side = world.side(target) if target is not None else world.own
        if (role, target) in row.allowed:
            result = row.call(ctx, actor, world, side)
            assert result is not None, f"{name} as {role} on {target} returned nothing"
        else:
            with pytest.raises(AccessDenied) as refused:
                row.call(ctx, actor, world, side)
            denied_messages[target] = str(refused.value)
    if "foreign" in denied_messages and "missing" in denied_messages:
        assert denied_messages["foreign"] == denied_messages["missing"]
    if role == "admin" or row.targets == (None,):
        return
    # A graduate or an advisor never reaches the other graduate's record.
    assert "foreign" in denied_messages, f"{role} reached a foreign record through {name}"
