"""A draft as a card to print (`/card?interview=NW-…` for the thank-you, `/card?contact=N` for the
request for an informational interview): the graduate's own records only."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from networkit_core import audit_log
from networkit_core.access import get_contact, require_role
from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.errors import AccessDenied
from networkit_core.models import Contact, Role
from networkit_core.read_models.outreach import outreach_draft
from networkit_core.read_models.thank_you import thank_you_draft
from networkit_core.services.contacts import contact_view
from networkit_core.services.interviews import interview_by_public_id, interview_view


@dataclass(frozen=True)
class Card:
    title: str  # what the card is, for the page's heading (not printed)
    text: str  # the card's words, plain text, paragraphs split by blank lines
    back_to_interview: str | None  # the interview's text id, for the link back
    back_to_contact: int | None  # the contact's id, for the link back


@audit_log.refusals_logged("read", "card")
def printable_card(
    ctx: Context, actor: Actor, *, interview: str | None = None, contact: int | None = None
) -> Card:
    """The thank-you of `interview` (its text id) or the outreach request to `contact` (its
    id), of the signed-in graduate; anything else is refused like an unknown id."""
    require_role(actor, Role.GRADUATE)
    with ctx.unit_of_work() as session:
        if interview:
            row = interview_by_public_id(session, actor, interview)
            view = interview_view(session, actor, row)
            person = contact_view(row.contact)
            text = thank_you_draft(view, person, actor.display_name, today=ctx.clock.today())
            return Card(f"Thank-you to {person.name}", text, row.public_id, person.id)
        if contact is not None:
            found = get_contact(session, actor, contact)
            referrer = session.scalar(
                select(Contact.name).where(
                    Contact.id == found.referred_by_id,
                    Contact.graduate_id == found.graduate_id,
                    Contact.deleted_at.is_(None),
                )
            )
            person = contact_view(found)
            text = outreach_draft(person, actor.display_name, referred_by=referrer)
            return Card(f"Request to {person.name}", text, None, person.id)
    raise AccessDenied("card")
