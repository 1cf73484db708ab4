"""Contacts and referrals: adds and edits, the referral links, no cycles."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.errors import AccessDenied, InvalidInput
from networkit_core.models import AuditEntry, Connection
from networkit_core.read_models.interview_page import open_interview
from networkit_core.read_models.my_progress import my_progress
from networkit_core.services import contacts, interviews
from networkit_core.services.contacts import ContactView, NewContact
from tests import factories


@pytest.fixture
def graduate(ctx: Context) -> tuple[Actor, int]:
    return factories.graduate(ctx, factories.cohort(ctx))


def _add(ctx: Context, actor: Actor, contact: NewContact) -> ContactView:
    """A new contact as the interview page adds one: met at a new interview."""
    met = interviews.log_interview(ctx, actor, meeting_date="2026-03-01", new_contact=contact)
    return next(c for c in open_interview(ctx, actor, None).contacts if c.id == met.contact_id)


def test_add_and_edit(ctx: Context, graduate: tuple[Actor, int]) -> None:
    actor, _ = graduate
    added = _add(ctx, actor, NewContact(" Ana Lima ", title="Designer", how_connected="alumni"))
    assert (added.name, added.how_connected) == ("Ana Lima", Connection.ALUMNI)
    edited = contacts.edit_contact(
        ctx, actor, added.id, {"email": "Ana@Studio.io", "title": "Lead"}
    )
    assert (edited.email, edited.title) == ("ana@studio.io", "Lead")
    with pytest.raises(InvalidInput, match="is not a valid email address"):
        contacts.edit_contact(ctx, actor, added.id, {"email": "not-an-email"})
    with pytest.raises(InvalidInput, match="use one of event, referral, alumni"):
        contacts.edit_contact(ctx, actor, added.id, {"how_connected": "luck"})
    with pytest.raises(InvalidInput, match="The name is required"):
        contacts.edit_contact(ctx, actor, added.id, {"name": "  "})
    with pytest.raises(InvalidInput, match="the fields that can change are name"):
        contacts.edit_contact(ctx, actor, added.id, {"graduate_id": 3})

    with ctx.unit_of_work() as session:
        actions = session.scalars(
            select(AuditEntry.action).where(AuditEntry.entity == "contact").order_by(AuditEntry.id)
        ).all()
    assert actions == ["create", "update"]


def test_referral_chain_and_referrals(ctx: Context, graduate: tuple[Actor, int]) -> None:
    actor, graduate_id = graduate
    first = factories.contact(ctx, graduate_id, "Ann First")
    met_first = factories.interview(ctx, graduate_id, contact_id=first)
    second = contacts.record_referral(ctx, actor, met_first, new_contact=NewContact("Ben Second"))
    assert (second.referred_by_id, second.referred_by_name) == (first, "Ann First")
    assert second.how_connected is Connection.REFERRAL
    met_second = factories.interview(ctx, graduate_id, contact_id=second.id)
    existing = factories.contact(ctx, graduate_id, "Cy Third")
    third = contacts.record_referral(ctx, actor, met_second, contact_id=existing)
    assert third.referred_by_id == second.id

    links = [(link.referred_by_name, link.name) for link in my_progress(ctx, actor).referrals]
    assert links == [("Ann First", "Ben Second"), ("Ben Second", "Cy Third")]
    detail = interviews.get_interview_detail(ctx, actor, met_second)
    assert [c.name for c in detail.referrals] == ["Cy Third"]

    # Third cannot refer back to First: that would close a circle.
    met_third = factories.interview(ctx, graduate_id, contact_id=third.id)
    with pytest.raises(InvalidInput, match="cannot go round in a circle"):
        contacts.record_referral(ctx, actor, met_third, contact_id=first)
    with pytest.raises(InvalidInput, match="cannot refer you to themselves"):
        contacts.record_referral(ctx, actor, met_third, contact_id=third.id)
    with pytest.raises(InvalidInput, match="Cy Third was already referred by Ben Second"):
        contacts.record_referral(ctx, actor, met_first, contact_id=third.id)
    assert [link.name for link in my_progress(ctx, actor).referrals] == ["Ben Second", "Cy Third"]


def test_referral_to_another_graduates_contact_is_refused(
    ctx: Context, graduate: tuple[Actor, int]
) -> None:
    actor, graduate_id = graduate
    _, other_id = factories.graduate(ctx, factories.cohort(ctx))
    foreign = factories.contact(ctx, other_id, "Not Yours")
    interview_id = factories.interview(ctx, graduate_id)
    with pytest.raises(AccessDenied) as refused:
        contacts.record_referral(ctx, actor, interview_id, contact_id=foreign)
    with pytest.raises(AccessDenied) as missing:
        contacts.record_referral(ctx, actor, interview_id, contact_id=10**8)
    assert str(refused.value) == str(missing.value)


def test_field_lengths_follow_the_columns(ctx: Context, graduate: tuple[Actor, int]) -> None:
    # The industry column holds 120 characters, the title 160: a longer value is refused by name
    # (PostgreSQL would otherwise fail the whole save with a database error).
    actor, _ = graduate
    added = _add(ctx, actor, NewContact("Ana", title="t" * 160))
    with pytest.raises(InvalidInput, match="industry is too long: at most 120"):
        contacts.edit_contact(ctx, actor, added.id, {"industry": "i" * 121})
    with pytest.raises(InvalidInput, match="industry is too long"):
        _add(ctx, actor, NewContact("Bea", industry="i" * 150))
    assert contacts.edit_contact(ctx, actor, added.id, {"industry": "i" * 120}).industry == (
        "i" * 120
    )
