"""Contacts in: a graduate brings their LinkedIn connections or a phone's contacts into their own
contacts. `check_contact_file` is the dry run (new, already known, bad: writes nothing);
`import_contacts` adds the new ones in one transaction, matched again inside it, so a second
import of the same file adds nothing.

Only the graduate imports, into their own contacts: an address book is theirs, and an admin who
could fill a graduate's network with people the graduate never saw would make the contacts (and
the figures counting them) say something the graduate did not. Interviews and follow-ups, which
advisors' figures count, stay importable by an admin on the CSV import page.

A file with bad rows changes nothing unless the graduate asks to leave them out
(`leave_out_bad`): the house rule for files (DESIGN.md, "CSV interchange"), with one explicit
exception the page offers beside the list of bad rows, since a phone's export cannot always be
corrected by hand."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from networkit_core import audit_log
from networkit_core.access import own_graduate, require_role
from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.errors import InvalidInput
from networkit_core.interchange.contacts_in import (
    BadRow,
    Candidate,
    UnreadableContactFile,
    read_contact_file,
)
from networkit_core.models import Connection, Contact, ContactSource, Graduate, Role

# How a matched row says what it matched on.
BY_EMAIL = "e-mail"
BY_URL = "LinkedIn URL"
BY_NAME = "name and organization"


@dataclass(frozen=True)
class KnownRow:
    """A row of the file that is a contact already: one of the graduate's (`contact_id`), or an
    earlier row of the same file (`contact_id` None, `same_as_row` set)."""

    row: int
    name: str
    organization: str
    matched_by: str
    contact_id: int | None
    contact_name: str
    same_as_row: int | None = None


@dataclass(frozen=True)
class ContactImportCheck:
    """The dry run of one file: what an import would add, what it knows already, what it refuses."""

    file_name: str
    source: ContactSource
    row_word: str  # "row" or "card"
    new: tuple[Candidate, ...]
    known: tuple[KnownRow, ...]
    bad: tuple[BadRow, ...]


@dataclass(frozen=True)
class ContactImportResult:
    added: int
    known: int
    left_out: int  # bad rows left out at the graduate's request


class ContactImportRefused(InvalidInput):
    """A file with bad rows and no leave to leave them out: nothing was added."""

    def __init__(self, check: ContactImportCheck) -> None:
        count = len(check.bad)
        rows = "; ".join(f"{check.row_word} {bad.row}: {bad.reason}" for bad in check.bad[:20])
        more = f"; and {count - 20} more" if count > 20 else ""
        super().__init__(
            f"{count} {check.row_word}{'s' if count != 1 else ''} cannot be imported, so nothing "
            f"was added: {rows}{more}. Correct the file, or leave the bad "
            f"{check.row_word}s out.",
            "file",
        )
        self.check = check


_SPACES = re.compile(r"\s+")


def _words(text: str) -> str:
    """A name or an organization compared without case or spacing."""
    return _SPACES.sub(" ", text).strip().casefold()


def url_key(url: str) -> str:
    """A profile address compared without scheme, `www.`, case, query or trailing slash:
    http://www.linkedin.com/in/jane/ is https://linkedin.com/in/jane."""
    bare = re.sub(r"^https?://", "", url.strip().casefold())
    bare = bare.removeprefix("www.").split("?", 1)[0].split("#", 1)[0]
    return bare.rstrip("/")


class _Index:
    """The graduate's contacts by each key a row may match, and the file's new rows too."""

    def __init__(self) -> None:
        self.by: dict[str, dict[str, tuple[int | None, str, int | None]]] = {
            BY_EMAIL: {},
            BY_URL: {},
            BY_NAME: {},
        }

    @staticmethod
    def keys(email: str | None, url: str | None, name: str, organization: str) -> dict[str, str]:
        keys = {BY_NAME: f"{_words(name)}\x1f{_words(organization)}"}
        if email:
            keys[BY_EMAIL] = email.casefold()
        if url:
            keys[BY_URL] = url_key(url)
        return keys

    def add(self, keys: dict[str, str], contact_id: int | None, name: str, row: int | None) -> None:
        for by, key in keys.items():
            self.by[by].setdefault(key, (contact_id, name, row))

    def match(self, keys: dict[str, str]) -> tuple[str, tuple[int | None, str, int | None]] | None:
        for by in (BY_EMAIL, BY_URL, BY_NAME):
            if by in keys and keys[by] in self.by[by]:
                return by, self.by[by][keys[by]]
        return None


def _analyse(
    session: Session, graduate: Graduate, file_name: str, data: bytes, ctx: Context
) -> ContactImportCheck:
    read = read_contact_file(file_name, data, ctx.clock.today())
    index = _Index()
    # The graduate's own live contacts only: another graduate's are never read, let alone matched.
    mine = session.execute(
        select(
            Contact.id, Contact.name, Contact.organization, Contact.email, Contact.linkedin_url
        ).where(Contact.graduate_id == graduate.id, Contact.deleted_at.is_(None))
    )
    for contact_id, name, organization, email, url in mine:
        index.add(index.keys(email, url, name, organization), contact_id, name, None)
    new: list[Candidate] = []
    known: list[KnownRow] = []
    for candidate in read.candidates:
        keys = index.keys(
            candidate.email, candidate.linkedin_url, candidate.name, candidate.organization
        )
        found = index.match(keys)
        if found is None:
            new.append(candidate)
            index.add(keys, None, candidate.name, candidate.row)
            continue
        by, (contact_id, contact_name, same_as_row) = found
        known.append(
            KnownRow(
                candidate.row,
                candidate.name,
                candidate.organization,
                by,
                contact_id,
                contact_name,
                same_as_row,
            )
        )
    return ContactImportCheck(
        file_name=file_name,
        source=read.source,
        row_word=read.row_word,
        new=tuple(new),
        known=tuple(known),
        bad=tuple(read.bad),
    )


def _importing_graduate(session: Session, actor: Actor) -> Graduate:
    require_role(actor, Role.GRADUATE)
    return own_graduate(session, actor)


def _file_detail(file_name: str, *_args: object, **_kwargs: object) -> dict[str, object]:
    return {"file": file_name[:200]}


@audit_log.refusals_logged("import", "contacts", detail=_file_detail)
def check_contact_file(
    ctx: Context, actor: Actor, file_name: str, data: bytes
) -> ContactImportCheck:
    """The dry run: each row of the file new, already known (and by what) or bad (and why).
    Writes nothing."""
    with ctx.sessions() as session:
        try:
            return _analyse(session, _importing_graduate(session, actor), file_name, data, ctx)
        finally:
            session.rollback()


@audit_log.refusals_logged(
    "import",
    "contacts",
    also=(ContactImportRefused, UnreadableContactFile),
    detail=_file_detail,
)
def import_contacts(
    ctx: Context,
    actor: Actor,
    file_name: str,
    data: bytes,
    *,
    leave_out_bad: bool = False,
) -> ContactImportResult:
    """Add the file's new contacts to the graduate's own, in one transaction. The file is read and
    matched again here (another tab may have imported it meanwhile). Bad rows refuse the whole
    file unless `leave_out_bad`."""
    with ctx.unit_of_work() as session:
        graduate = _importing_graduate(session, actor)
        # One import at a time per graduate (PostgreSQL; SQLite writes one at a time anyway),
        # so two presses of the button cannot both add the same rows.
        session.execute(select(Graduate.id).where(Graduate.id == graduate.id).with_for_update())
        check = _analyse(session, graduate, file_name, data, ctx)
        if check.bad and not leave_out_bad:
            raise ContactImportRefused(check)
        how = (
            Connection.SOCIAL_MEDIA if check.source is ContactSource.LINKEDIN else Connection.OTHER
        )
        session.add_all(
            Contact(
                graduate_id=graduate.id,
                added_by_id=actor.id,
                name=candidate.name,
                title=candidate.title,
                organization=candidate.organization,
                industry="",
                email=candidate.email,
                how_connected=how,
                linkedin_url=candidate.linkedin_url,
                connected_on=candidate.connected_on,
                source=check.source,
            )
            for candidate in check.new
        )
        session.flush()
        audit_log.record(
            session,
            actor,
            "import",
            "contacts",
            None,
            graduate_id=graduate.id,
            source=check.source.value,
            file=file_name[:200],
            added=len(check.new),
            known=len(check.known),
            left_out=len(check.bad),
        )
        return ContactImportResult(len(check.new), len(check.known), len(check.bad))
