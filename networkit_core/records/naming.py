"""The audit entries that name one person: what they did, what was done to a record of theirs
(who exported or changed it), and any entry quoting their e-mail (a refused sign-in)."""

from __future__ import annotations

import json
import re
from typing import Any

from sqlalchemy import Select, String, Text, cast, func, or_, select
from sqlalchemy.orm import Session

from networkit_core.models import (
    AuditEntry,
    CoachingComment,
    Contact,
    Destination,
    FollowUp,
    Graduate,
    Interview,
    User,
)

NO_ROW = 0  # no row has this id: "no graduate record" in a comparison


def audit_ids_naming(
    session: Session, user_id: int, email: str, graduate_id: int | None
) -> list[int]:
    """The ids of the entries naming the person, oldest first."""
    by_record = or_(
        AuditEntry.actor_id == user_id,
        *(
            (AuditEntry.entity == entity) & AuditEntry.entity_id.in_(_as_text(ids))
            for entity, ids in _records_of(user_id, graduate_id or NO_ROW).items()
        ),
    )
    found = set(session.scalars(select(AuditEntry.id).where(by_record)))
    # A LIKE finds the candidates; the pattern keeps those quoting this e-mail whole.
    like = f"%{email.lower()}%"
    whole = _whole(email)
    for entry_id, entity_id, detail in session.execute(
        select(AuditEntry.id, AuditEntry.entity_id, AuditEntry.detail).where(
            or_(
                func.lower(cast(AuditEntry.detail, Text)).like(like),
                func.lower(AuditEntry.entity_id).like(like),
            )
        )
    ):
        if whole.search(f"{entity_id or ''} {json.dumps(detail, default=str)}"):
            found.add(entry_id)
    return sorted(found)


def _records_of(user_id: int, graduate_id: int) -> dict[str, Select[Any]]:
    """Per audit entity code, the ids of the person's records of that kind: their graduate
    record's, and what their account wrote (the codes tests/person_rows.py walks)."""
    interviews = select(Interview.id).where(Interview.graduate_id == graduate_id)
    return {
        "user": select(User.id).where(User.id == user_id),
        "graduate": select(Graduate.id).where(Graduate.id == graduate_id),
        "contact": select(Contact.id).where(
            (Contact.graduate_id == graduate_id) | (Contact.added_by_id == user_id)
        ),
        "interview": interviews,
        "comment": select(CoachingComment.id).where(
            (CoachingComment.graduate_id == graduate_id) | (CoachingComment.author_id == user_id)
        ),
        "destination": select(Destination.id).where(
            (Destination.graduate_id == graduate_id) | (Destination.recorded_by_id == user_id)
        ),
        "follow_up": select(FollowUp.id).where(FollowUp.interview_id.in_(interviews)),
    }


def _as_text(ids: Select[Any]) -> Select[Any]:
    """The ids as audit_log keeps them (text)."""
    return select(cast(ids.subquery().c[0], String))


def _whole(email: str) -> re.Pattern[str]:
    """The e-mail as a whole: ana@x.org, not diana@x.org nor ana@x.org.uk."""
    return re.compile(rf"(?<![\w.+-]){re.escape(email)}(?![\w-]|\.\w)", re.IGNORECASE)
