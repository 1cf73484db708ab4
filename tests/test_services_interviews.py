"""Interviews: logging, editing, status changes, soft delete and restore, lists, the detail view,
the private-notes rule, validation messages and the audit trail."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.errors import InvalidInput
from networkit_core.models import AuditEntry, InterviewStatus, Role
from networkit_core.read_models.interview_page import open_interview
from networkit_core.services import coaching, contacts, interviews, questions
from networkit_core.services.contacts import NewContact
from networkit_core.services.interviews import follow_ups
from tests import factories
from tests.conftest import TODAY


@pytest.fixture
def people(ctx: Context) -> tuple[Actor, int, Actor]:
    """A graduate (actor, graduate id) and the advisor of their cohort."""
    advisor = factories.user(ctx, Role.ADVISOR)
    actor, graduate_id = factories.graduate(ctx, factories.cohort(ctx, advisors=(advisor,)))
    return actor, graduate_id, advisor


def _audit(ctx: Context, entity: str) -> list[tuple[str, str | None, int | None]]:
    with ctx.unit_of_work() as session:
        rows = session.execute(
            select(AuditEntry.action, AuditEntry.entity_id, AuditEntry.actor_id)
            .where(AuditEntry.entity == entity)
            .order_by(AuditEntry.id)
        )
        return [tuple(row) for row in rows]  # type: ignore[misc]


def test_log_with_a_new_contact_then_with_an_existing_one(
    ctx: Context, people: tuple[Actor, int, Actor]
) -> None:
    graduate, graduate_id, _ = people
    first = interviews.log_interview(
        ctx,
        graduate,
        meeting_date=TODAY + timedelta(days=3),
        new_contact=NewContact("Dana Reyes", organization="Acme", email="Dana@Acme.COM"),
        location_type="video",
    )
    assert (first.graduate_id, first.contact_name, first.status) == (
        graduate_id,
        "Dana Reyes",
        InterviewStatus.PLANNED,
    )
    assert first.public_id.startswith("NW-") and first.version == 1
    second = interviews.log_interview(
        ctx, graduate, meeting_date="2026-03-01", contact_id=first.contact_id, status="completed"
    )
    assert second.contact_id == first.contact_id
    [contact] = open_interview(ctx, graduate, None).contacts
    assert contact.email == "dana@acme.com"
    assert [entry[0] for entry in _audit(ctx, "interview")] == ["create", "create"]
    assert _audit(ctx, "contact") == [("create", str(first.contact_id), graduate.id)]


def test_logging_refuses_bad_input_with_clear_messages(
    ctx: Context, people: tuple[Actor, int, Actor]
) -> None:
    graduate, graduate_id, _ = people
    contact_id = factories.contact(ctx, graduate_id)
    with pytest.raises(InvalidInput, match="cannot be in the future: the meeting date 2026-03-20"):
        interviews.log_interview(
            ctx, graduate, meeting_date="2026-03-20", contact_id=contact_id, status="completed"
        )
    with pytest.raises(InvalidInput) as bad_place:
        interviews.log_interview(
            ctx, graduate, meeting_date=TODAY, contact_id=contact_id, location_type="pub"
        )
    assert str(bad_place.value) == (
        "'pub' is not a valid location type: use one of office, coffee_shop, video, phone, other."
    )
    with pytest.raises(InvalidInput, match="one contact"):
        interviews.log_interview(
            ctx, graduate, meeting_date=TODAY, contact_id=contact_id, new_contact=NewContact("X")
        )
    with pytest.raises(InvalidInput, match="must be a date"):
        interviews.log_interview(ctx, graduate, meeting_date="next week", contact_id=contact_id)
    assert _listed(ctx, graduate) == []


def _listed(ctx: Context, actor: Actor, graduate_id: int | None = None) -> list[int | None]:
    """The live interviews on the graduate's timeline, as `actor` reads it."""
    entries = coaching.graduate_timeline(ctx, actor, graduate_id).entries
    return [entry.interview_id for entry in entries if entry.kind == "interview"]


def test_private_notes_reach_only_the_graduate(
    ctx: Context, people: tuple[Actor, int, Actor]
) -> None:
    graduate, graduate_id, advisor = people
    admin = factories.user(ctx, Role.ADMIN)
    logged = interviews.log_interview(
        ctx,
        graduate,
        meeting_date="2026-03-10",
        new_contact=NewContact("Lee"),
        status="completed",
        notes="They hire in May.",
        private_notes="I was nervous.",
    )
    assert logged.private_notes == "I was nervous."
    mine = interviews.get_interview_detail(ctx, graduate, logged.id).interview
    assert mine.private_notes == "I was nervous."
    for other in (advisor, admin):
        view = interviews.get_interview_detail(ctx, other, logged.id).interview
        assert view.notes == "They hire in May."
        assert view.private_notes is None
        [entry] = [e for e in coaching.graduate_timeline(ctx, other, graduate_id).entries]
        assert entry.private_notes is None
    [own_entry] = coaching.graduate_timeline(ctx, graduate).entries
    assert own_entry.private_notes == "I was nervous."
    # An admin may fix an interview but not write the graduate's private notes.
    with pytest.raises(InvalidInput, match="only they can write them"):
        interviews.edit_interview(
            ctx, admin, logged.id, expected_version=1, changes={"private_notes": "x"}
        )
    # The audit log names the fields changed, never the private text.
    interviews.edit_interview(
        ctx, graduate, logged.id, expected_version=1, changes={"private_notes": "Calmer now."}
    )
    with ctx.unit_of_work() as session:
        details = session.scalars(select(AuditEntry.detail)).all()
    assert {"fields": ["private_notes"]} in details
    assert "Calmer now." not in str(details)


def test_edit_validates_fields_and_dates(ctx: Context, people: tuple[Actor, int, Actor]) -> None:
    graduate, graduate_id, _ = people
    interview_id = factories.interview(ctx, graduate_id, days_ago=5, thank_you_after=1)
    with pytest.raises(InvalidInput, match="the fields that can change are meeting_date"):
        interviews.edit_interview(
            ctx, graduate, interview_id, expected_version=1, changes={"status": "x"}
        )
    with pytest.raises(InvalidInput, match="after the thank-you sent on 2026-03-12"):
        interviews.edit_interview(
            ctx, graduate, interview_id, expected_version=1, changes={"meeting_date": "2026-03-14"}
        )
    with pytest.raises(InvalidInput, match="completed interview cannot be in the future"):
        interviews.edit_interview(
            ctx, graduate, interview_id, expected_version=1, changes={"meeting_date": "2026-04-01"}
        )
    saved = interviews.edit_interview(
        ctx,
        graduate,
        interview_id,
        expected_version=1,
        changes={"meeting_date": "2026-03-10", "meeting_time": "09:30", "location_type": "office"},
    )
    assert (saved.meeting_date.isoformat(), str(saved.meeting_time), saved.version) == (
        "2026-03-10",
        "09:30:00",
        2,
    )


def test_status_changes(ctx: Context, people: tuple[Actor, int, Actor]) -> None:
    graduate, graduate_id, _ = people
    future = factories.interview(ctx, graduate_id, days_ago=-4, status=InterviewStatus.PLANNED)
    with pytest.raises(InvalidInput, match="completed interview cannot be in the future"):
        interviews.complete_interview(ctx, graduate, future)
    with pytest.raises(InvalidInput, match="no-show interview cannot be in the future"):
        interviews.mark_no_show(ctx, graduate, future)
    assert interviews.cancel_interview(ctx, graduate, future).status is InterviewStatus.CANCELLED
    past = factories.interview(ctx, graduate_id, days_ago=1, status=InterviewStatus.PLANNED)
    assert interviews.mark_no_show(ctx, graduate, past).status is InterviewStatus.NO_SHOW
    done = interviews.complete_interview(ctx, graduate, past)
    assert (done.status, done.version) == (InterviewStatus.COMPLETED, 3)
    actions = [action for action, *_ in _audit(ctx, "interview")]
    assert actions == ["status", "status", "status"]


def test_soft_delete_and_restore(ctx: Context, people: tuple[Actor, int, Actor]) -> None:
    graduate, graduate_id, advisor = people
    interview_id = factories.interview(ctx, graduate_id)
    deleted = interviews.delete_interview(ctx, graduate, interview_id)
    assert deleted.deleted
    assert _listed(ctx, graduate) == []
    assert _listed(ctx, advisor, graduate_id) == []
    restored = interviews.restore_interview(ctx, graduate, interview_id)
    assert not restored.deleted
    assert _listed(ctx, graduate) == [interview_id]
    assert [action for action, *_ in _audit(ctx, "interview")] == ["delete", "restore"]


def test_detail_brings_everything_together(ctx: Context, people: tuple[Actor, int, Actor]) -> None:
    graduate, graduate_id, advisor = people
    interview_id = factories.interview(
        ctx, graduate_id, days_ago=6, prep_ticked=3, follow_ups_after=(2,), notes="Brain dump"
    )
    follow_ups.record_thank_you(ctx, graduate, interview_id, sent_on="2026-03-11", method="card")
    follow_ups.record_outcomes(ctx, graduate, interview_id, job_leads="Junior analyst role")
    referred = contacts.record_referral(
        ctx, graduate, interview_id, new_contact=NewContact("Sam Ortiz")
    )
    question_id = questions.bank_detail(ctx, graduate, questions.list_banks(ctx, graduate)[0].id)
    first_question = question_id.questions[0].id
    questions.attach_question(ctx, graduate, interview_id, first_question)
    questions.rate_question(ctx, graduate, interview_id, first_question, 5)

    detail = interviews.get_interview_detail(ctx, advisor, interview_id)
    assert detail.checklists.prep_ticked == 3
    assert len(detail.checklists.prep) == 8 and len(detail.checklists.conduct) == 5
    done = {step.key: step.done for step in detail.checklists.after}
    assert done == {
        "brain_dump": True,
        "thank_you": True,
        "follow_up_asked": False,
        "follow_up_logged": True,
        "outcomes_recorded": True,
    }
    assert [(q.question_id, q.usefulness) for q in detail.questions] == [(first_question, 5)]
    assert [f.date.isoformat() for f in detail.follow_ups] == ["2026-03-12"]
    assert [c.id for c in detail.referrals] == [referred.id]
    assert detail.interview.thank_you_sent_on.isoformat() == "2026-03-11"  # type: ignore[union-attr]
    assert detail.interview.outcome_job_leads == "Junior analyst role"
    assert detail.contact.id == detail.interview.contact_id
