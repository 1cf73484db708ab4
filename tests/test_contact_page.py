"""A contact's page in the core (`read_models/contact_page.py`), the outreach draft and the
printable card: everything with one contact, scoped to who reads it (issue 21, items 3 and 5)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest
from sqlalchemy import select

from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.errors import AccessDenied
from networkit_core.figures.due import DueReason
from networkit_core.models import (
    AuditEntry,
    Connection,
    Contact,
    FollowUpPermission,
    Interview,
    InterviewStatus,
    Role,
)
from networkit_core.read_models.card import printable_card
from networkit_core.read_models.contact_page import contact_page
from networkit_core.read_models.outreach import outreach_draft
from networkit_core.services.contacts import contact_view
from tests import factories


@dataclass(frozen=True)
class Network:
    me: Actor
    graduate_id: int
    coach: Actor  # coaches my cohort
    referrer: int  # Rosa, who referred me to Dana
    dana: int  # the contact whose page is read
    sam: int  # Dana referred me to Sam
    held: int  # held 40 days ago, thank-you sent, a follow-up 10 days later
    planned: int  # in 10 days
    elsewhere: int  # held with Rosa 5 days ago, no thank-you yet


def network(ctx: Context) -> Network:
    coach = factories.user(ctx, Role.ADVISOR)
    me, graduate_id = factories.graduate(ctx, factories.cohort(ctx, "Spring", (coach,)))
    rosa = factories.contact(ctx, graduate_id, "Rosa Ortiz", organization="Acme")
    dana = factories.contact(
        ctx,
        graduate_id,
        "Dana Reyes",
        title="Analyst",
        organization="Globex",
        industry="consulting",
        email="dana@globex.example",
        how_connected=Connection.REFERRAL,
        referred_by_id=rosa,
    )
    sam = factories.contact(ctx, graduate_id, "Sam Park", referred_by_id=dana)
    held = factories.interview(
        ctx,
        graduate_id,
        contact_id=dana,
        days_ago=40,
        thank_you_after=1,
        permission=FollowUpPermission.GRANTED,
        notes="Spring is when they hire.",
        follow_ups_after=(10,),
    )
    planned = factories.interview(
        ctx, graduate_id, contact_id=dana, days_ago=-10, status=InterviewStatus.PLANNED
    )
    elsewhere = factories.interview(ctx, graduate_id, contact_id=rosa, days_ago=5)
    with ctx.unit_of_work() as session:
        session.get_one(Interview, held).private_notes = "I was nervous."
    return Network(me, graduate_id, coach, rosa, dana, sam, held, planned, elsewhere)


def public_ids(ctx: Context, *row_ids: int) -> list[str]:
    with ctx.unit_of_work() as session:
        return [session.get_one(Interview, row_id).public_id for row_id in row_ids]


def test_the_graduate_sees_every_interview_referral_and_what_is_next(ctx: Context) -> None:
    net = network(ctx)
    page = contact_page(ctx, net.me, net.dana)
    today = ctx.clock.today()

    assert page.mine and page.contact.name == "Dana Reyes"
    # Every interview with Dana, newest first; none with anyone else.
    assert [i.interview.public_id for i in page.interviews] == public_ids(
        ctx, net.planned, net.held
    )
    held = page.interviews[1]
    assert held.interview.thank_you_sent_on == today - timedelta(days=39)
    assert [f.date for f in held.follow_ups] == [today - timedelta(days=30)]
    assert held.interview.notes == "Spring is when they hire."
    assert held.interview.private_notes == "I was nervous."  # my own
    # Who referred me to Dana, and whom Dana referred me to.
    assert page.referred_by is not None and page.referred_by.id == net.referrer
    assert page.referred_by.name == "Rosa Ortiz"
    assert [(link.id, link.name) for link in page.referred] == [(net.sam, "Sam Park")]
    # Due now: the follow-up with Dana (30 days since the last one); the thank-you owed to Rosa
    # is not Dana's business.
    assert [(item.reason, item.interview_row_id) for item in page.due] == [
        (DueReason.FOLLOW_UP_DUE, net.held)
    ]
    assert page.next_due.startswith("Follow-up due")
    assert "Dana Reyes" in page.next_due
    # The plan's next day: the thank-you after the planned meeting (window: 2 days).
    assert [(day.on, day.what, day.interview.id) for day in page.plan_ahead] == [
        (today + timedelta(days=12), "thank_you", net.planned)
    ]


def test_nothing_due_then_the_next_plan_day_is_when_to_reach_out(ctx: Context) -> None:
    net = network(ctx)
    with ctx.unit_of_work() as session:  # no follow-ups welcome: only the thank-you is ahead
        session.get_one(Interview, net.held).follow_up_permission = FollowUpPermission.DECLINED
    page = contact_page(ctx, net.me, net.dana)
    assert page.due == ()
    assert page.next_due.startswith("By ")
    assert "Send the thank-you to Dana Reyes (Globex)" in page.next_due
    # A contact with nothing planned says nothing is due.
    lone = factories.contact(ctx, net.graduate_id, "Lee Kim")
    assert contact_page(ctx, net.me, lone).next_due == ""


def test_an_advisor_reads_their_graduates_contact_without_private_notes(ctx: Context) -> None:
    net = network(ctx)
    page = contact_page(ctx, net.coach, net.dana)
    assert not page.mine
    assert page.graduate_name == net.me.display_name
    assert page.graduate_email == net.me.email
    assert len(page.interviews) == 2
    assert all(item.interview.private_notes is None for item in page.interviews)
    assert page.interviews[1].interview.notes == "Spring is when they hire."
    assert [item.reason for item in page.due] == [DueReason.FOLLOW_UP_DUE]
    assert "I was nervous." not in repr(page)


def refusal(ctx: Context, actor: Actor, contact_id: int) -> str:
    with pytest.raises(AccessDenied) as refused:
        contact_page(ctx, actor, contact_id)
    return str(refused.value)


def test_another_graduates_contact_is_refused_as_an_unknown_id(ctx: Context) -> None:
    net = network(ctx)
    other, _ = factories.graduate(ctx, factories.cohort(ctx))
    unknown = refusal(ctx, other, 10_000_000)
    assert refusal(ctx, other, net.dana) == unknown
    assert "Dana" not in unknown
    with ctx.unit_of_work() as session:
        logged = session.scalars(
            select(AuditEntry).where(
                AuditEntry.actor_id == other.id, AuditEntry.action == "read_refused"
            )
        ).all()
        assert {entry.entity_id for entry in logged} == {"10000000", str(net.dana)}


def test_an_advisor_of_another_cohort_and_an_admin_are_refused(ctx: Context) -> None:
    net = network(ctx)
    stranger = factories.user(ctx, Role.ADVISOR)
    factories.cohort(ctx, "Autumn", (stranger,))
    assert refusal(ctx, stranger, net.dana) == refusal(ctx, stranger, 10_000_000)
    # The admin reads figures, not a graduate's network.
    refusal(ctx, factories.user(ctx, Role.ADMIN), net.dana)


def test_a_deleted_contact_and_a_deleted_referrer_are_left_out(ctx: Context) -> None:
    net = network(ctx)
    with ctx.unit_of_work() as session:
        session.get_one(Contact, net.referrer).deleted_at = ctx.clock.now()
        session.get_one(Contact, net.sam).deleted_at = ctx.clock.now()
    page = contact_page(ctx, net.me, net.dana)
    assert page.referred_by is None and page.referred == ()
    assert "suggested" not in page.outreach_draft
    refusal(ctx, net.me, net.sam)


def test_the_outreach_draft_names_the_contact_and_who_referred_them(ctx: Context) -> None:
    net = network(ctx)
    draft = contact_page(ctx, net.me, net.dana).outreach_draft
    lines = draft.splitlines()
    assert lines[0] == "Dear Dana,"
    assert "Rosa Ortiz suggested I get in touch with you." in draft
    assert "as Analyst at Globex" in draft and "in consulting" in draft
    assert "coffee" in draft and "pick your brain" in draft
    assert lines[-1] == net.me.display_name


def test_the_outreach_draft_says_how_they_met_when_nobody_referred_them(ctx: Context) -> None:
    net = network(ctx)
    met = factories.contact(
        ctx, net.graduate_id, "Ana Lopez", organization="Initech", how_connected=Connection.EVENT
    )
    with ctx.unit_of_work() as session:
        person = contact_view(session.get_one(Contact, met))
    draft = outreach_draft(person, "Sam Lee", referred_by=None)
    assert draft.startswith("Dear Ana,")
    assert "We met at a recent event" in draft and "at Initech" in draft
    assert "suggested" not in draft
    alumni = outreach_draft(
        contact_view_of(ctx, met, how_connected=Connection.ALUMNI), "Sam Lee", referred_by=None
    )
    assert "alumni network" in alumni


def contact_view_of(ctx: Context, contact_id: int, **changes: object) -> object:
    with ctx.unit_of_work() as session:
        row = session.get_one(Contact, contact_id)
        for field, value in changes.items():
            setattr(row, field, value)
        session.flush()
        return contact_view(row)


def test_the_card_prints_the_thank_you_or_the_request_of_ones_own_only(ctx: Context) -> None:
    net = network(ctx)
    (held_id,) = public_ids(ctx, net.held)
    thanks = printable_card(ctx, net.me, interview=held_id)
    assert thanks.text.startswith("Dear Dana,") and "Thank you for taking the time" in thanks.text
    assert thanks.back_to_interview == held_id
    ask = printable_card(ctx, net.me, contact=net.dana)
    assert ask.text == contact_page(ctx, net.me, net.dana).outreach_draft
    other, _ = factories.graduate(ctx, factories.cohort(ctx))
    for asked in ({"interview": held_id}, {"contact": net.dana}, {}):
        with pytest.raises(AccessDenied):
            printable_card(ctx, other, **asked)  # type: ignore[arg-type]
    with pytest.raises(AccessDenied):
        printable_card(ctx, net.coach, contact=net.dana)  # the graduate's to send


def test_an_organisation_ending_in_a_full_stop_gets_one_full_stop(ctx: Context) -> None:
    net = network(ctx)
    with ctx.unit_of_work() as session:
        row = session.get_one(Contact, net.dana)
        row.organization = "Juniper Market Co."
        session.flush()
        person = contact_view(row)
    draft = outreach_draft(person, "Sam Lee", referred_by=None)
    assert "at Juniper Market Co. Would you" in draft and ".." not in draft
