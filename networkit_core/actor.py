"""The acting user that every service call names."""

from __future__ import annotations

from dataclasses import dataclass

from networkit_core.models import Role, User


@dataclass(frozen=True)
class Actor:
    id: int
    role: Role
    email: str
    display_name: str
    # How this user came to act when it was not by signing in (the command line's `--as` asks
    # for no password): the audit log writes it beside every entry.
    via: str | None = None

    @classmethod
    def of(cls, user: User) -> Actor:
        return cls(user.id, user.role, user.email, user.display_name)

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN

    @property
    def is_advisor(self) -> bool:
        return self.role is Role.ADVISOR

    @property
    def is_graduate(self) -> bool:
        return self.role is Role.GRADUATE
