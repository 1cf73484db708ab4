"""The demo accounts: one shared password, and the handful the login page lists in demo mode."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from networkit_core.context import Context
from networkit_core.demo.names import ACCOUNT_DOMAIN
from networkit_core.demo.profiles import HABITS, Profile
from networkit_core.models import Cohort, CohortAdvisor, Graduate, InstanceSetting, Role, User
from networkit_core.startup import is_demo

# Public on purpose: the demo is for trying the app, and the login page shows this password.
DEMO_PASSWORD = "networkit-demo"
# InstanceSetting: the graduates worth showing, "email=profile;email=profile".
DEMO_GRADUATES = "demo_graduates"


@dataclass(frozen=True)
class DemoAccount:
    email: str
    role: Role
    name: str
    sees: str  # what signing in as this account shows, in a sentence


def encode_showcase(showcase: list[tuple[str, Profile]]) -> str:
    return ";".join(f"{email}={profile.value}" for email, profile in showcase)


def demo_accounts(ctx: Context) -> list[DemoAccount]:
    """The admin, both advisors and three graduates with different habits; [] unless the
    database holds the demo."""
    if not is_demo(ctx):
        return []
    with ctx.unit_of_work() as session:
        staff = session.scalars(
            select(User)
            .where(
                User.role.in_([Role.ADMIN, Role.ADVISOR]),
                User.is_active.is_(True),
                User.email.like(f"%@{ACCOUNT_DOMAIN}"),
            )
            .order_by(User.role, User.id)
        ).all()
        coached: dict[int, list[str]] = {}
        for advisor_id, cohort in session.execute(
            select(CohortAdvisor.advisor_id, Cohort.name)
            .join(Cohort, Cohort.id == CohortAdvisor.cohort_id)
            .where(CohortAdvisor.advisor_id.in_([u.id for u in staff if u.role is Role.ADVISOR]))
            .order_by(Cohort.name)
        ):
            coached.setdefault(advisor_id, []).append(cohort)
        accounts = []
        for user in staff:
            if user.role is Role.ADMIN:
                sees = "Everything: accounts, every cohort, imports and exports."
            else:
                names = " and ".join(coached.get(user.id, []))
                sees = f"Coaches {names}: sees those graduates only."
            accounts.append(DemoAccount(user.email, user.role, user.display_name, sees))
        setting = session.get(InstanceSetting, DEMO_GRADUATES)
        profiles = {p.value for p in Profile}
        entries = setting.value.split(";") if setting and setting.value else []
        showcase = [entry.partition("=") for entry in entries]  # (email, "=", profile)
        graduates = {
            user.email: (user, cohort)
            for user, cohort in session.execute(
                select(User, Cohort.name)
                .join(Graduate, Graduate.user_id == User.id)
                .join(Cohort, Cohort.id == Graduate.cohort_id)
                .where(User.email.in_([email for email, _, _ in showcase]))
                .where(User.is_active.is_(True))
            )
        }
        for email, _, profile in showcase:
            if email not in graduates or profile not in profiles:
                continue
            user, cohort = graduates[email]
            habit = HABITS[Profile(profile)].describe
            sees = f"Graduate in {cohort} ({habit}); sees only their own interviews."
            accounts.append(DemoAccount(user.email, user.role, user.display_name, sees))
        return accounts
