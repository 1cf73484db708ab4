"""A first draft of the request for an informational interview, as plain text to edit and copy
(nothing is sent): from the contact and how the graduate came to know them."""

from __future__ import annotations

from networkit_core.models import Connection
from networkit_core.services.contacts import ContactView

SUBJECT = "Could I buy you a coffee and ask about your work?"
THANK_YOU_SUBJECT = "Thank you for your time"

# How the first line places the graduate beside the contact, per way they came to know them
# (a referral names the referrer instead).
HOW_WE_MET = {
    Connection.EVENT: "We met at a recent event, and I enjoyed our conversation.",
    Connection.ALUMNI: "I found you through our alumni network.",
    Connection.COLD_OUTREACH: "I came across your work and wanted to reach out.",
    Connection.SOCIAL_MEDIA: "We are connected online, and I have followed your work with "
    "interest.",
    Connection.OTHER: "I hope you do not mind me reaching out.",
}


def outreach_draft(contact: ContactView, graduate_name: str, *, referred_by: str | None) -> str:
    """A short, friendly request: how we are connected, what I am exploring, twenty minutes
    over a coffee (mine to buy) to hear about their work, and the graduate's name."""
    first_name = contact.name.split()[0] if contact.name.split() else contact.name
    role = _role(contact).rstrip(".")  # "at Acme Co." ends the sentence with one full stop
    if referred_by:
        met = f"{referred_by} suggested I get in touch with you."
    else:
        met = HOW_WE_MET.get(contact.how_connected, HOW_WE_MET[Connection.OTHER])
    field = f" in {contact.industry}" if contact.industry else ""
    lines = [
        f"Dear {first_name},",
        "",
        met,
        "",
        f"I am exploring a career{field}, and I would value hearing about your experience"
        f"{role}. Would you be open to a short informational interview: twenty minutes or so "
        "over a coffee (my treat), or a call if that is easier? I would love to pick your brain "
        "on the industry and how you got where you are. I am not asking for a job, only for "
        "your advice.",
        "",
        "I can fit around your schedule; just let me know a day and time that suit you.",
        "",
        "Thank you for considering it,",
        graduate_name,
    ]
    return "\n".join(lines)


def _role(contact: ContactView) -> str:
    """ " as Product Manager at Acme", " at Acme", " as Product Manager", or ""."""
    title = f" as {contact.title}" if contact.title else ""
    where = f" at {contact.organization}" if contact.organization else ""
    return title + where
