"""Append to the audit log: every write and export (`record`, in its unit of work) and every
privileged refusal (`refusals_logged`, in its own). The log keeps codes; their words for people
are kept here beside them, so a new action gets its words where it is made.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, Concatenate, ParamSpec, TypeVar

from sqlalchemy.orm import Session

from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.errors import AccessDenied, NetworkitError
from networkit_core.models import AuditEntry
from networkit_core.models.base import session_now

P = ParamSpec("P")
R = TypeVar("R")
Service = Callable[Concatenate[Context, Actor, P], R]


def record(
    session: Session,
    actor: Actor | None,
    action: str,
    entity: str,
    entity_id: object = None,
    **detail: Any,
) -> None:
    session.add(
        AuditEntry(
            at=session_now(session),
            actor_id=actor.id if actor else None,
            action=action,
            entity=entity,
            entity_id=None if entity_id is None else str(entity_id),
            detail={**detail, "via": actor.via} if actor and actor.via else detail,
        )
    )


def record_refused(
    ctx: Context,
    actor: Actor | None,
    action: str,
    entity: str,
    reason: str,
    entity_id: object = None,
    **detail: Any,
) -> None:
    """A refused attempt (`<action>_refused`), in a transaction of its own: the attempt's own
    transaction rolled back, and the log must still say that someone tried."""
    with ctx.unit_of_work() as session:
        record(session, actor, f"{action}_refused", entity, entity_id, reason=reason, **detail)


# Each action code in the users' words (the audit page shows these; the CSV keeps the codes).
ACTION_WORDS = {
    "accept_suggestion": "Suggested question accepted",
    "archive": "Archived",
    "assign_advisor": "Advisor assigned",
    "attach_question": "Question attached",
    "bring_back": "Brought back after erasure",
    "calendar_feed_started": "Calendar address made",
    "calendar_feed_stopped": "Calendar address stopped",
    "change_password": "Password changed",
    "change_role": "Role changed",
    "clear_thank_you": "Thank-you cleared",
    "copy": "Copied",
    "create": "Created",
    "deactivate": "Deactivated",
    "decline_suggestion": "Suggested question declined",
    "delete": "Deleted",
    "detach_question": "Question removed",
    "enrol": "Enrolled",
    "erase": "Erased on request",
    "export": "Exported",
    "follow_up_permission": "Follow-up permission set",
    "import": "Imported",
    "load_demo": "Demo loaded",
    "local_passwords": "Local passwords turned on or off",
    "move": "Moved to another cohort",
    "nudge": "Nudge recorded",
    "outcomes": "Outcomes recorded",
    "rate_question": "Question rated",
    "reactivate": "Reactivated",
    "records_export": "Records downloaded",
    "referral": "Referral set",
    "reminders_off": "E-mail reminders turned off",
    "reminders_on": "E-mail reminders turned on",
    "rename": "Renamed",
    "reset_password": "Password reset",
    "restore": "Restored",
    "session_expired": "Session expired",
    "set_goal": "Goal set",
    "sign_in": "Signed in",
    "sign_in_failed": "Sign-in failed",
    "sign_in_link_sent": "Sign-in link e-mailed",
    "sign_out": "Signed out",
    "status": "Status changed",
    "suggest_question": "Question suggested",
    "thank_you": "Thank-you recorded",
    "tick": "Checklist item ticked",
    "unarchive": "Unarchived",
    "unassign_advisor": "Advisor unassigned",
    "unlock": "Unlocked",
    "untick": "Checklist item unticked",
    "update": "Changed",
    "visibility": "Sharing changed",
}
REFUSED = "_refused"  # `record_refused` adds it to the action that was refused


def _plain(code: str) -> str:
    return code.replace("_", " ").strip()


def action_words(action: str) -> str:
    """ "sign_in_failed" reads "Sign-in failed"; a refused action "Refused: change role"; a code
    without words of its own its code in words ("Some new thing")."""
    if action in ACTION_WORDS:
        return ACTION_WORDS[action]
    if action.endswith(REFUSED):
        return f"Refused: {_plain(action.removesuffix(REFUSED))}"
    return _plain(action).capitalize()


def record_words(entity: str) -> str:
    """ "question_bank" reads "Question bank"."""
    return _plain(entity).capitalize()


def detail_text(detail: dict[str, Any] | None) -> str:
    """The details as "key: value" text, one pair after another: `{"address": null, "via":
    "university"}` reads "address: none; via: university"."""
    if not detail:
        return ""
    return "; ".join(f"{_plain(key)}: {_value(detail[key])}" for key in sorted(detail))


def _value(value: Any) -> str:
    if value is None or value == "":
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | tuple):
        return ", ".join(_value(item) for item in value) or "none"
    if isinstance(value, dict):
        return ", ".join(f"{_plain(k)} {_value(v)}" for k, v in sorted(value.items()))
    return str(value)


def refusals_logged(
    action: str,
    entity: str,
    *,
    also: tuple[type[NetworkitError], ...] = (),
    detail: Callable[..., dict[str, Any]] | None = None,
) -> Callable[[Service[P, R]], Service[P, R]]:
    """Records each `AccessDenied` (and error of `also`) of a privileged service as
    `<action>_refused` on `entity`, with the target id (or `detail`: never a password), in a
    transaction of its own (the service's has rolled back)."""
    refused = (AccessDenied, *also)

    def decorate(service: Service[P, R]) -> Service[P, R]:
        @functools.wraps(service)
        def logged(ctx: Context, actor: Actor, *args: P.args, **kwargs: P.kwargs) -> R:
            try:
                return service(ctx, actor, *args, **kwargs)
            except refused as error:
                target = args[0] if args and isinstance(args[0], int) else None
                asked = detail(*args, **kwargs) if detail is not None else {}
                record_refused(ctx, actor, action, entity, str(error), target, **asked)
                raise

        return logged

    return decorate
