"""Contacts in: LinkedIn's Connections.csv and vCard files (.vcf) read into candidate contacts,
each checked on its own (a bad one is named with its row or card and why). Nothing here reads or
writes the database: `services/contact_imports.py` matches and stores them."""

from networkit_core.interchange.contacts_in.candidates import (
    BadRow,
    Candidate,
    ContactFile,
    UnreadableContactFile,
)
from networkit_core.interchange.contacts_in.reading import (
    ACCEPTED_SUFFIXES,
    read_contact_file,
)

__all__ = [
    "ACCEPTED_SUFFIXES",
    "BadRow",
    "Candidate",
    "ContactFile",
    "UnreadableContactFile",
    "read_contact_file",
]
