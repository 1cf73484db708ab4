"""A graduate's contacts, and the referrals that lead from one contact to the next."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from networkit_core import audit_log, bounds
from networkit_core.access import (
    get_contact,
    get_interview,
)
from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.errors import InvalidInput
from networkit_core.models import Connection, Contact, ContactSource
from networkit_core.services._input import choice, only_known_fields, required_text, text_or_empty
from networkit_core.services._versions import saving
from networkit_core.services.accounts import normalize_email


@dataclass(frozen=True)
class ContactView:
    id: int
    graduate_id: int
    name: str
    title: str
    organization: str
    industry: str
    email: str | None
    how_connected: Connection
    referred_by_id: int | None
    referred_by_name: str | None
    deleted: bool
    version: int = 1  # the version read: a save over a newer one is refused
    # Where the contact came from (an import keeps the profile address and the day connected).
    linkedin_url: str | None = None
    connected_on: date | None = None
    source: ContactSource = ContactSource.APP


EDITABLE_FIELDS = ("name", "title", "organization", "industry", "email", "how_connected")
# The limits of the free-text fields (bounds.py: shared with the forms and the import).
LIMITS = {
    "title": bounds.JOB_TITLE,
    "organization": bounds.ORGANIZATION,
    "industry": bounds.INDUSTRY,
}


@dataclass(frozen=True)
class NewContact:
    """What a user types to add a contact."""

    name: str
    title: str = ""
    organization: str = ""
    industry: str = ""
    email: str | None = None
    how_connected: Connection | str = Connection.OTHER
    # Another contact of the same graduate who introduced them ("who referred me").
    referred_by_id: int | None = None


def make_contact(
    session: Session,
    actor: Actor,
    graduate_id: int,
    data: NewContact,
    *,
    referred_by_id: int | None = None,
) -> Contact:
    """A new contact row for `graduate_id` (scope already checked by the caller)."""
    if referred_by_id is None and data.referred_by_id is not None:
        referrer = get_contact(
            session, actor, data.referred_by_id, for_write=True, of_graduate=graduate_id
        )
        referred_by_id = referrer.id
    contact = Contact(
        graduate_id=graduate_id,
        added_by_id=actor.id,
        referred_by_id=referred_by_id,
        **_clean({field: getattr(data, field) for field in EDITABLE_FIELDS}),
    )
    session.add(contact)
    session.flush()
    audit_log.record(session, actor, "create", "contact", contact.id, graduate_id=graduate_id)
    return contact


def _clean(values: Mapping[str, object]) -> dict[str, object]:
    clean: dict[str, object] = {}
    for field, value in values.items():
        if field == "name":
            clean[field] = required_text(value, "name", bounds.CONTACT_NAME)
        elif field == "email":
            raw = text_or_empty(value, "email", bounds.EMAIL)
            clean[field] = normalize_email(raw) if raw else None
        elif field == "how_connected":
            clean[field] = choice(Connection, value, "how_connected")
        else:
            clean[field] = text_or_empty(value, field, LIMITS[field])
    return clean


@audit_log.refusals_logged("update", "contact")
def edit_contact(
    ctx: Context,
    actor: Actor,
    contact_id: int,
    changes: Mapping[str, object],
    *,
    expected_version: int | None = None,
) -> ContactView:
    """Save `changes` over the version the caller read (`expected_version`)."""
    only_known_fields(changes, EDITABLE_FIELDS, "a contact")

    with saving(
        ctx, "contact", get_contact, actor, contact_id, _view, changes, expected_version
    ) as (session, contact):
        for field, value in _clean(changes).items():
            setattr(contact, field, value)
        session.flush()
        audit_log.record(session, actor, "update", "contact", contact.id, fields=sorted(changes))
        return contact_view(contact)


@audit_log.refusals_logged("referral", "interview")
def record_referral(
    ctx: Context,
    actor: Actor,
    interview_id: int,
    *,
    contact_id: int | None = None,
    new_contact: NewContact | None = None,
) -> ContactView:
    """The contact met at `interview_id` referred the graduate to another contact: an existing
    one of theirs (`contact_id`) or a new one. Self-referrals and cycles are refused."""
    if (contact_id is None) == (new_contact is None):
        raise InvalidInput(
            "Name the referred contact: choose one of your contacts or add a new one.",
            "contact",
        )
    with ctx.unit_of_work() as session:
        interview = get_interview(session, actor, interview_id, for_write=True)
        referrer = interview.contact
        if new_contact is not None:
            referred = make_contact(
                session, actor, interview.graduate_id, new_contact, referred_by_id=referrer.id
            )
            if referred.how_connected is Connection.OTHER:
                referred.how_connected = Connection.REFERRAL
        else:
            assert contact_id is not None
            referred = get_contact(
                session, actor, contact_id, for_write=True, of_graduate=interview.graduate_id
            )
            _check_can_refer(session, referrer, referred)
            referred.referred_by_id = referrer.id
        session.flush()
        audit_log.record(
            session, actor, "referral", "contact", referred.id, referred_by=referrer.id
        )
        return contact_view(referred)


def _check_can_refer(session: Session, referrer: Contact, referred: Contact) -> None:
    if referred.id == referrer.id:
        raise InvalidInput(f"{referrer.name} cannot refer you to themselves.", "contact")
    if referred.referred_by_id not in (None, referrer.id):
        current = session.get(Contact, referred.referred_by_id)
        name = current.name if current is not None else "someone else"
        raise InvalidInput(f"{referred.name} was already referred by {name}.", "contact")
    if any(ancestor.id == referred.id for ancestor in _chain(session, referrer)):
        raise InvalidInput(
            f"{referred.name} is already up the referral chain that led to {referrer.name}: "
            "a referral cannot go round in a circle.",
            "contact",
        )


def _chain(session: Session, contact: Contact) -> list[Contact]:
    """The contacts above `contact`, nearest first (a visited set guards bad data)."""
    chain: list[Contact] = []
    seen = {contact.id}
    current = contact.referred_by
    while current is not None and current.id not in seen:
        chain.append(current)
        seen.add(current.id)
        current = current.referred_by
    return chain


def _view(_session: Session, contact: Contact) -> ContactView:
    return contact_view(contact)


# The columns of a ContactView (but the referrer's name), for `contact_view_of`.
CONTACT_COLUMNS = (
    *(
        getattr(Contact, field)
        for field in ContactView.__dataclass_fields__
        if field not in {"referred_by_name", "deleted"}
    ),
    Contact.deleted_at,
)


def contact_view_of(row: Any) -> ContactView:
    """The view of a row of CONTACT_COLUMNS with the referrer's `referred_by_name`."""
    fields = dict(row._mapping)
    fields["deleted"] = fields.pop("deleted_at") is not None
    return ContactView(**fields)


def contact_view(contact: Contact) -> ContactView:
    referrer = contact.referred_by
    return ContactView(
        id=contact.id,
        graduate_id=contact.graduate_id,
        name=contact.name,
        title=contact.title,
        organization=contact.organization,
        industry=contact.industry,
        email=contact.email,
        how_connected=contact.how_connected,
        referred_by_id=contact.referred_by_id,
        referred_by_name=referrer.name if referrer is not None else None,
        deleted=contact.deleted_at is not None,
        version=contact.version,
        linkedin_url=contact.linkedin_url,
        connected_on=contact.connected_on,
        source=contact.source,
    )


def referrals_of(session: Session, contact_id: int) -> list[Contact]:
    return list(
        session.scalars(
            select(Contact)
            .where(Contact.referred_by_id == contact_id, Contact.deleted_at.is_(None))
            .order_by(Contact.name, Contact.id)
        )
    )
