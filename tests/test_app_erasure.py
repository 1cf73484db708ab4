"""Erase on request on the Users page, and erased people refused by the import page and the new
account form unless brought back (AppTest)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from networkit_core.context import Context
from networkit_core.models import Role, User
from networkit_core.services.erasure import erase
from tests import factories
from tests.app_session import Opener, account, click, set_password, sign_in, titles
from tests.erasure_support import populated_graduate, roster_file
from tests.person_rows import rows_naming

USERS = "pages/admin/users/page.py"
IMPORT = "pages/shared/import/page.py"
EMAIL = "kim.erased@example.org"


@pytest.fixture
def live(ctx: Context) -> Context:
    """The test database on the system clock, as the app sees it."""
    return Context(ctx.engine, ctx.settings)


@pytest.fixture
def people(live: Context) -> dict[str, Any]:
    admin = factories.user(live, Role.ADMIN, password=factories.PASSWORD)
    advisor = factories.user(live, Role.ADVISOR, password=factories.PASSWORD)
    cohort_id = factories.cohort(live, "Spring", (advisor,))
    kim = populated_graduate(live, cohort_id, advisor, admin, EMAIL)
    return {"admin": admin, "advisor": advisor, "kim": kim}


def _naming(ctx: Context, people: dict[str, Any]) -> dict[str, set[Any]]:
    with ctx.unit_of_work() as session:
        return rows_naming(session, people["kim"].actor.id, EMAIL)


def _users_page(open_app: Opener, email: str, chosen: str | None = None) -> AppTest:
    at = sign_in(open_app(), email)
    if chosen is not None:
        at.query_params["email"] = chosen
    return at.switch_page(USERS).run()


def _text(at: AppTest) -> str:
    return "\n".join(str(node.value) for node in at.markdown)


def test_the_admin_sees_the_counts_and_erases_after_typing_the_email(
    open_app: Opener, live: Context, people: dict[str, Any]
) -> None:
    at = _users_page(open_app, people["admin"].email, EMAIL)
    assert not at.exception
    shown = _text(at)
    assert "- Interviews: 1" in shown and "- Contacts: 2" in shown and "- Follow-ups: 2" in shown
    assert "- Comments they wrote about others" not in shown  # a graduate wrote none
    assert "**Kept, without their name**" in shown

    at.text_input(key="erase_confirm").input("someone@example.org")
    at = click(at, "Erase for good")
    assert "does not match. Nothing was erased." in at.error[0].value
    assert _naming(live, people)["interviews"]

    at.text_input(key="erase_confirm").input(EMAIL)
    at = click(at, "Erase for good")
    assert not at.exception and not at.error
    assert "Erased" in at.success[0].value and "kim" in at.success[0].value
    assert "email" not in at.query_params
    assert _naming(live, people) == {}
    emails = [row["Email"] for row in at.dataframe[0].value.to_dict("records")]
    assert EMAIL not in emails


def test_the_admin_cannot_erase_themselves_on_the_page(
    open_app: Opener, people: dict[str, Any]
) -> None:
    admin = people["admin"].email
    at = _users_page(open_app, admin, admin)
    assert not at.exception
    assert not [b for b in at.button if b.label == "Erase for good"]


@pytest.mark.parametrize("role", [Role.ADVISOR, Role.GRADUATE])
def test_an_advisor_or_a_graduate_gets_no_erase_section(
    open_app: Opener, live: Context, people: dict[str, Any], role: Role
) -> None:
    at = _users_page(open_app, account(live, role), EMAIL)
    assert titles(at) == []
    assert "This page is for" in at.error[0].value
    assert not [b for b in at.button if b.label == "Erase for good"]
    assert _naming(live, people)["interviews"]


def test_a_new_account_for_an_erased_email_needs_bring_back(
    open_app: Opener, live: Context, people: dict[str, Any]
) -> None:
    erase(live, people["admin"], EMAIL, confirm_email=EMAIL)
    at = _users_page(open_app, people["admin"].email)
    at.text_input(key="new_first_name").input("Kim")
    at.text_input(key="new_email").input(EMAIL)
    at = at.button(key="FormSubmitter:new_account-Create account").click().run()
    assert f"{EMAIL} was erased on request on {date.today().isoformat()}" in at.error[0].value
    at.checkbox(key="new_bring_back").check()
    at = at.button(key="FormSubmitter:new_account-Create account").click().run()
    assert not at.error
    with live.unit_of_work() as session:
        assert session.scalars(select(User.email).where(User.email == EMAIL)).one()


def test_the_import_page_refuses_the_erased_row_by_name_and_imports_the_rest(
    open_app: Opener, live: Context, people: dict[str, Any]
) -> None:
    erase(live, people["admin"], EMAIL, confirm_email=EMAIL)
    set_password(live, people["admin"].id)
    at = sign_in(open_app(), people["admin"].email).switch_page(IMPORT).run()
    data = roster_file(("new.one@example.org", "New", "Spring"), (EMAIL, "Kim", "Spring"))
    at.file_uploader[0].set_value(("roster.csv", data, "text/csv"))
    at = at.run()
    message = f"row 3: {EMAIL} was erased on request on {date.today().isoformat()}"
    assert any(message in w.value for w in at.warning)
    at = click(at, "Apply")
    assert not at.exception and not at.error
    assert "1 new, 0 updated, 0 unchanged, 1 refused" in at.success[0].value
    assert any(message in w.value for w in at.warning)
    with live.unit_of_work() as session:
        emails = set(session.scalars(select(User.email)))
    assert "new.one@example.org" in emails and EMAIL not in emails


def test_the_import_page_brings_back_when_ticked(
    open_app: Opener, live: Context, people: dict[str, Any]
) -> None:
    erase(live, people["admin"], EMAIL, confirm_email=EMAIL)
    at = sign_in(open_app(), people["admin"].email).switch_page(IMPORT).run()
    at.checkbox(key="import_bring_back").check().run()
    at.file_uploader[0].set_value(("roster.csv", roster_file((EMAIL, "Kim", "Spring")), "text/csv"))
    at = at.run()
    assert not at.warning
    at = click(at, "Apply")
    assert "1 new, 0 updated, 0 unchanged, 0 refused" in at.success[0].value
    with live.unit_of_work() as session:
        assert session.scalars(select(User.email).where(User.email == EMAIL)).one()
