"""The acting user that every service call names."""

from __future__ import annotations

from dataclasses import dataclass, field

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
    # Signed in with a temporary password: the app asks for a new one before any page.
    must_change_password: bool = field(default=False, compare=False)

    @classmethod
    def of(cls, user: User) -> Actor:
        return cls(
            user.id,
            user.role,
            user.email,
            user.display_name,
            must_change_password=bool(user.must_change_password),
        )

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN

    @property
    def is_advisor(self) -> bool:
        return self.role is Role.ADVISOR

    @property
    def is_graduate(self) -> bool:
        return self.role is Role.GRADUATE
