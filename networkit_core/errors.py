"""The errors the core raises for a user to read. Each message names what is wrong."""

from __future__ import annotations

from typing import Any


class NetworkitError(Exception):
    """Base of every error meant for a user: its message is safe to show as it is."""


class AccessDenied(NetworkitError):
    """Out of the acting user's scope, or missing: the two look the same so ids cannot be probed."""

    def __init__(self, what: str = "record") -> None:
        super().__init__(f"No such {what}, or you do not have access to it.")
        self.what = what


class InvalidInput(NetworkitError):
    """A value a user gave is not acceptable; the message says which and why."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class ConflictError(NetworkitError):
    """A save over a newer version: nothing was written. Carries both versions."""

    def __init__(self, what: str, mine: Any, theirs: Any) -> None:
        super().__init__(
            f"This {what} was changed by someone else since you opened it; "
            "nothing was saved. Review their version and apply your changes again."
        )
        self.mine = mine
        self.theirs = theirs


class AuthenticationFailed(NetworkitError):
    """Wrong email or password, locked or inactive account: one message for all."""
