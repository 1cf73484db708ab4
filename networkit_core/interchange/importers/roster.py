"""Roster import: graduate accounts (no password yet), their records, cohorts and advisors.

An admin may name new cohorts and new advisors (created without a password, with a warning).
An advisor changes only the graduates of cohorts they coach and creates no account: creating
one would tell which e-mails outside their cohorts have one, so such an e-mail does nothing.
A row naming someone erased on request is refused by name and left out, while the rest of the
file applies (an export from another system would otherwise bring them back); the file is not
bad for it. With `bring_back_erased` such rows import and the people are no longer erased.
Only an admin is told so: to an advisor, an erased e-mail is any account outside their cohorts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from networkit_core import audit_log, bounds
from networkit_core.access import cohort_scope, graduate_scope
from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.interchange.importers import Analysis, Job, chunks
from networkit_core.interchange.outcomes import Action, Problem
from networkit_core.interchange.values import Cells
from networkit_core.models import Cohort, CohortAdvisor, Graduate, Role, User
from networkit_core.services import erased


@dataclass
class _Plan:
    new_cohorts: list[str] = field(default_factory=list)
    new_advisors: list[str] = field(default_factory=list)
    new_graduates: list[dict[str, object]] = field(default_factory=list)
    updates: list[tuple[User, Graduate | None, dict[str, object]]] = field(default_factory=list)
    assignments: set[tuple[str, str]] = field(default_factory=set)  # (cohort, advisor email)
    brought_back: set[str] = field(default_factory=set)  # erased e-mails imported again


def analyse(job: Job) -> Analysis:
    result = Analysis()
    session, actor, table = job.session, job.actor, job.table
    emails = sorted({r.cells.get("email", "").strip().lower() for r in table.records})
    advisor_emails = sorted(
        {
            part.strip().lower()
            for r in table.records
            for part in r.cells.get("advisor_email", "").split(";")
            if part.strip()
        }
    )
    users: dict[str, User] = {}
    for batch in chunks(sorted(set(emails) | set(advisor_emails))):
        users.update(
            {u.email: u for u in session.scalars(select(User).where(User.email.in_(batch)))}
        )
    graduates = {
        g.user_id: g
        for batch in chunks([u.id for u in users.values()])
        for g in session.scalars(select(Graduate).where(Graduate.user_id.in_(batch)))
    }
    # Only an admin creates accounts, so only an admin is told who was erased: to an advisor an
    # erased e-mail is one more account outside their cohorts (refused as any other).
    erased_days = (
        erased.erased_on(session, job.ctx.settings, [*emails, *advisor_emails])
        if actor.is_admin
        else {}
    )
    cohorts = {c.name: c for c in session.scalars(select(Cohort))}
    cohorts_folded = {name.casefold(): c for name, c in cohorts.items()}
    cohort_names = {c.id: c.name for c in cohorts.values()}
    coached = set(session.scalars(cohort_scope(actor)))
    graduates_in_scope = set(session.scalars(graduate_scope(actor)))
    advisors_of: dict[int, set[int]] = {}
    for link in session.scalars(select(CohortAdvisor)):
        advisors_of.setdefault(link.cohort_id, set()).add(link.advisor_id)

    plan = _Plan()
    seen: dict[str, int] = {}
    for cells in job.cells(result.errors):
        held = [e for e in _emails_of(cells) if e in erased_days]
        if held and not job.bring_back_erased:
            result.warnings.append(Problem(cells.row, None, _held_back(held[0], erased_days)))
            result.outcome(cells.row, held[0], Action.REFUSED)
            continue
        plan.brought_back.update(held)
        email = cells.email("email", required=True)
        first_name = cells.text("first_name", required=True)
        last_name = cells.text("last_name")
        cohort_name = cells.text("cohort", required=True)
        program = cells.text("program")
        year = cells.whole_number("graduation_year", *bounds.GRADUATION_YEARS)
        graduated = _graduation_date(cells)
        if graduated is not None and year is None and not cells.text("graduation_year"):
            year = graduated.year  # a date alone gives the year too (Handshake's files)
        elif graduated is not None and year is not None and year != graduated.year:
            cells.fail(
                "graduation_date",
                f"{graduated.isoformat()} is not in the graduation year {year}",
            )
        if email and email in seen:
            cells.fail("email", f"{email} appears also on row {seen[email]}")
        elif email:
            seen[email] = cells.row

        cohort = cohort_name and (
            cohorts.get(cohort_name) or cohorts_folded.get(cohort_name.casefold())
        )
        # To anyone but an admin, a cohort they do not coach reads as one that does not exist,
        # and so does a graduate of another cohort, any other account, and no account at all.
        if cohort_name and not cohort and actor.is_admin:
            if cohort_name not in plan.new_cohorts:
                plan.new_cohorts.append(cohort_name)
        elif cohort_name and (not cohort or cohort.id not in coached):
            cells.fail("cohort", f"there is no cohort named {cohort_name!r} that you coach")
        cohort_key = cohort.name if cohort else cohort_name

        user = users.get(email or "")
        graduate = graduates.get(user.id) if user else None
        if (
            email
            and not actor.is_admin
            and (graduate is None or graduate.id not in graduates_in_scope)
        ):
            cells.fail(
                "email", f"no graduate {email} in the cohorts you coach: an admin adds new accounts"
            )
        elif user is not None and user.role is not Role.GRADUATE:
            cells.fail("email", f"{email} is an {user.role.value} account, not a graduate")

        wanted_advisors: list[str] = []
        for part in cells.text("advisor_email").split(";"):
            if not part.strip():
                continue
            advisor_email = cells.check_email("advisor_email", part.strip())
            if advisor_email is None:
                continue
            advisor = users.get(advisor_email)
            assigned = (
                advisor is not None and cohort and advisor.id in advisors_of.get(cohort.id, set())
            )
            if not actor.is_admin and advisor_email != actor.email and not assigned:
                cells.fail(
                    "advisor_email",
                    f"only an admin assigns another advisor ({advisor_email}) to a cohort",
                )
            elif advisor is not None and advisor.role is not Role.ADVISOR:
                cells.fail("advisor_email", f"{advisor_email} is not an advisor account")
            elif advisor is None and advisor_email not in plan.new_advisors:
                plan.new_advisors.append(advisor_email)
                result.warnings.append(
                    Problem(
                        cells.row,
                        "advisor_email",
                        f"no account for {advisor_email}: an advisor account without a password "
                        "will be created",
                    )
                )
            if not assigned:
                wanted_advisors.append(advisor_email)

        if cells.refused or email is None:
            result.outcome(cells.row, email or "", Action.REFUSED)
            continue
        for advisor_email in wanted_advisors:
            plan.assignments.add((cohort_key, advisor_email))
        values: dict[str, object] = {"first_name": first_name, "cohort": cohort_key}
        if table.has("last_name"):
            values["last_name"] = last_name
        if table.has("program"):
            values["program"] = program
        if table.has("graduation_year") or table.has("graduation_date"):
            values["graduation_year"] = year
        if table.has("graduation_date"):
            values["graduation_date"] = graduated
        if user is None:
            plan.new_graduates.append({"email": email, **values})
            result.outcome(cells.row, email, Action.NEW)
            continue
        changed = _changes(user, graduate, values, cohort_names)
        if wanted_advisors:
            changed.append("advisor_email")
        if changed:
            plan.updates.append((user, graduate, values))
        result.outcome(cells.row, email, Action.UPDATED if changed else Action.UNCHANGED, changed)

    result.write = lambda s: _write(s, job.ctx, actor, plan, result)
    return result


def _emails_of(cells: Cells) -> list[str]:
    """The e-mails a row names (the graduate's, then its advisors'), lower-cased."""
    advisors = cells.text("advisor_email").split(";")
    return [e.strip().lower() for e in (cells.text("email"), *advisors) if e.strip()]


def _held_back(email: str, erased_days: dict[str, date]) -> str:
    return (
        f"{erased.erased_message(email, erased_days[email])}; this row is left out and the "
        f"rest of the file is imported (tick “{erased.BRING_BACK}”, or --bring-back-erased, "
        "to import it)"
    )


def _changes(
    user: User, graduate: Graduate | None, values: dict[str, object], cohort_names: dict[int, str]
) -> list[str]:
    current: dict[str, object] = {
        "first_name": user.first_name,
        "last_name": user.last_name,
        "cohort": cohort_names.get(graduate.cohort_id) if graduate else None,
        "program": graduate.program if graduate else None,
        "graduation_year": graduate.graduation_year if graduate else None,
        "graduation_date": graduate.graduation_date if graduate else None,
    }
    return [name for name, value in values.items() if current[name] != value]


def _write(session: Session, ctx: Context, actor: Actor, plan: _Plan, result: Analysis) -> None:
    if plan.brought_back:
        erased.forget(session, ctx.settings, sorted(plan.brought_back))
    cohorts = {c.name: c for c in session.scalars(select(Cohort))}
    for name in plan.new_cohorts:
        cohort = Cohort(name=name, description="")
        session.add(cohort)
        session.flush()
        cohorts[name] = cohort
        audit_log.record(session, actor, "create", "cohort", cohort.id, source="roster import")
        result.wrote("cohort", [cohort.id], new=True)
    accounts: dict[str, int] = {}
    for email in plan.new_advisors:
        advisor = _new_user(email, email.split("@")[0], "", Role.ADVISOR)
        session.add(advisor)
        session.flush()
        accounts[email] = advisor.id
        audit_log.record(session, actor, "create", "user", advisor.id, role="advisor")
        _note_brought_back(session, actor, plan, email, advisor.id)
        result.wrote("user", [advisor.id], new=True)
    for values in plan.new_graduates:
        account = _new_user(
            str(values["email"]),
            str(values["first_name"]),
            str(values.get("last_name", "")),
            Role.GRADUATE,
        )
        session.add(account)
        session.flush()
        session.add(_graduate_of(account.id, cohorts[str(values["cohort"])].id, values))
        audit_log.record(session, actor, "create", "user", account.id, role="graduate")
        _note_brought_back(session, actor, plan, account.email, account.id)
        result.wrote("user", [account.id], new=True)
    result.wrote("user", [user.id for user, _graduate, _values in plan.updates], new=False)
    for user, graduate, values in plan.updates:
        user.first_name = str(values["first_name"])
        if "last_name" in values:
            user.last_name = str(values["last_name"])
        cohort_id = cohorts[str(values["cohort"])].id
        if graduate is None:
            session.add(_graduate_of(user.id, cohort_id, values))
            continue
        graduate.cohort_id = cohort_id
        if "program" in values:
            graduate.program = str(values["program"])
        if "graduation_year" in values:
            year = values["graduation_year"]
            graduate.graduation_year = year if isinstance(year, int) else None
        if "graduation_date" in values:
            day = values["graduation_date"]
            graduate.graduation_date = day if isinstance(day, date) else None
    if plan.assignments:
        emails = sorted({email for _cohort, email in plan.assignments} - set(accounts))
        for batch in chunks(emails):
            accounts.update(
                dict(
                    session.execute(select(User.email, User.id).where(User.email.in_(batch))).all()
                )
            )
        for cohort_name, email in sorted(plan.assignments):
            cohort_id, advisor_id = cohorts[cohort_name].id, accounts[email]
            assigned_at = ctx.clock.now()
            session.add(
                CohortAdvisor(cohort_id=cohort_id, advisor_id=advisor_id, assigned_at=assigned_at)
            )
            audit_log.record(
                session,
                actor,
                "assign_advisor",
                "cohort",
                cohort_id,
                advisor_id=advisor_id,
                source="roster import",
            )
    session.flush()


def _note_brought_back(
    session: Session, actor: Actor, plan: _Plan, email: str, user_id: int
) -> None:
    if email in plan.brought_back:
        audit_log.record(session, actor, "bring_back", "user", user_id, source="roster import")


def _new_user(email: str, first_name: str, last_name: str, role: Role) -> User:
    return User(
        email=email,
        first_name=first_name,
        last_name=last_name,
        role=role,
        password_hash=None,
        failed_login_count=0,
        is_active=True,
    )


def _graduate_of(user_id: int, cohort_id: int, values: dict[str, object]) -> Graduate:
    year = values.get("graduation_year")
    day = values.get("graduation_date")
    return Graduate(
        user_id=user_id,
        cohort_id=cohort_id,
        program=str(values.get("program", "")),
        graduation_year=year if isinstance(year, int) else None,
        graduation_date=day if isinstance(day, date) else None,
    )


_DATE_TIME = re.compile(r"^(\d{4}-\d{2}-\d{2})[ T]")


def _graduation_date(cells: Cells) -> date | None:
    """The graduation date of the row: ISO, or the date of an ISO date-time (other systems
    write "2025-12-20 00:00:00"); its year within the plausible graduation years."""
    raw = cells.text("graduation_date")
    match = _DATE_TIME.match(raw)
    text = match.group(1) if match else raw
    if not text:
        return None
    try:
        day = date.fromisoformat(text) if len(text) == 10 else None
    except ValueError:
        day = None
    if day is None:
        cells.fail("graduation_date", f"{raw!r} is not a date: write it as YYYY-MM-DD")
        return None
    low, high = bounds.GRADUATION_YEARS
    if not low <= day.year <= high:
        cells.fail("graduation_date", f"{day.isoformat()} is out of range ({low} to {high})")
        return None
    return day
