"""A contact file's bytes to its candidates: the size and the text checked first (as the CSV
interchange does), then the format by the file's name or, without one, by its content."""

from __future__ import annotations

from datetime import date
from pathlib import PurePath

from networkit_core.interchange.contacts_in.candidates import ContactFile, UnreadableContactFile
from networkit_core.interchange.contacts_in.linkedin import read_linkedin
from networkit_core.interchange.contacts_in.vcard import looks_like_vcard, read_vcards
from networkit_core.interchange.formats import too_big
from networkit_core.interchange.reading import decode

ACCEPTED_SUFFIXES = ("csv", "vcf", "vcard")


def read_contact_file(file_name: str, data: bytes, today: date) -> ContactFile:
    """The file's candidates and bad rows; a file that cannot be read at all raises
    `UnreadableContactFile` naming why (too big: before a byte of it is decoded)."""
    refusal = too_big(len(data))
    if refusal:
        raise UnreadableContactFile(refusal)
    suffix = PurePath(file_name).suffix.lower().lstrip(".")
    if suffix and suffix not in ACCEPTED_SUFFIXES:
        raise UnreadableContactFile(
            f"{file_name!r} is not a contact file: import LinkedIn's Connections.csv or a .vcf file"
        )
    text, problem = decode(data)
    if text is None:
        raise UnreadableContactFile(problem.message if problem else "the file is empty")
    if suffix in ("vcf", "vcard") or (not suffix and looks_like_vcard(text)):
        return read_vcards(text, today)
    return read_linkedin(text, today)
