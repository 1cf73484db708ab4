"""The Users page, a temporary password at first sign-in, and one's own password (AppTest)."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from networkit_core.context import Context
from networkit_core.models import AuditEntry, Role, User
from networkit_core.services import accounts
from networkit_core.services.accounts import admin
from pages.ui.text import escape
from tests import factories
from tests.app_session import Opener, account, sign_in, titles, unfold

USERS = "pages/admin/users/page.py"


def _admin(ctx: Context, open_app: Opener) -> AppTest:
    at = sign_in(open_app(), account(ctx, Role.ADMIN))
    return at.switch_page(USERS).run()


def _rows(at: AppTest) -> list[dict[str, object]]:
    return at.dataframe[0].value.to_dict("records")


def _user(ctx: Context, email: str) -> User:
    with ctx.unit_of_work() as session:
        return session.scalars(select(User).where(User.email == email)).one()


def test_create_an_account_with_a_temporary_password(open_app: Opener, ctx: Context) -> None:
    at = _admin(ctx, open_app)
    assert titles(at) == ["Users"]
    at.selectbox(key="new_role").set_value(Role.ADVISOR)
    at.text_input(key="new_first_name").input("Nia")
    at.text_input(key="new_last_name").input("Okafor")
    at.text_input(key="new_email").input("Nia.Okafor@Example.org")
    at = at.button(key="FormSubmitter:new_account-Create account").click().run()
    assert not at.exception and not at.error
    assert escape("nia.okafor@example.org") in at.success[0].value
    temporary = at.code[0].value  # made for the admin, shown once
    assert len(temporary) == 19
    assert at.query_params["email"] == "nia.okafor@example.org"
    made = _user(ctx, "nia.okafor@example.org")
    assert (made.role, made.must_change_password) == (Role.ADVISOR, True)
    assert accounts.authenticate(ctx, made.email, temporary).must_change_password
    at = at.run()
    assert not at.code  # not shown again


def test_a_bad_account_is_refused_beside_the_form(open_app: Opener, ctx: Context) -> None:
    at = _admin(ctx, open_app)
    count = len(_rows(at))
    at.text_input(key="new_first_name").input("X")
    at.text_input(key="new_email").input("not-an-email")
    at = at.button(key="FormSubmitter:new_account-Create account").click().run()
    assert "is not a valid email address" in at.error[0].value
    assert not at.code
    assert len(_rows(at)) == count


def test_search_choose_deactivate_reactivate_reset_and_role(open_app: Opener, ctx: Context) -> None:
    boss = factories.user(ctx, Role.ADMIN, password=factories.PASSWORD)
    kim = factories.user(ctx, Role.GRADUATE, "kim@example.org", factories.PASSWORD)
    factories.user(ctx, Role.ADVISOR, "other@example.org")
    at = sign_in(open_app(), boss.email).switch_page(USERS).run()
    at.text_input(key="users_search").input("kim").run()
    assert at.query_params["q"] == "kim"
    assert [row["Email"] for row in _rows(at)] == ["kim@example.org"]
    at = at.selectbox(key="users_chosen").set_value("kim@example.org").run()
    assert at.query_params["email"] == "kim@example.org"

    at = at.button(key=_button_key(at, "Deactivate")).click().run()
    assert not _user(ctx, kim.email).is_active
    assert _rows(at)[0]["Status"] == "Deactivated"
    at = at.button(key=_button_key(at, "Reactivate")).click().run()
    assert _user(ctx, kim.email).is_active

    at.text_input(key="reset_password").input("a temporary phrase")
    at = at.button(key="FormSubmitter:reset-Set a temporary password").click().run()
    assert at.code[0].value == "a temporary phrase"
    assert _rows(at)[0]["Status"] == "Temporary password"

    at.selectbox(key=f"role_{kim.id}").set_value(Role.ADVISOR)
    at = at.button(key="FormSubmitter:role-Change role").click().run()
    assert not at.error
    assert _user(ctx, kim.email).role is Role.ADVISOR
    with ctx.unit_of_work() as session:
        actions = list(
            session.scalars(select(AuditEntry.action).where(AuditEntry.actor_id == boss.id))
        )
    assert {"deactivate", "reactivate", "reset_password", "change_role"} <= set(actions)


def test_own_role_cannot_change_and_the_message_shows(open_app: Opener, ctx: Context) -> None:
    boss = factories.user(ctx, Role.ADMIN, password=factories.PASSWORD)
    at = sign_in(open_app(), boss.email).switch_page(USERS).run()
    at = at.selectbox(key="users_chosen").set_value(boss.email).run()
    at.selectbox(key=f"role_{boss.id}").set_value(Role.ADVISOR)
    at = at.button(key="FormSubmitter:role-Change role").click().run()
    assert "cannot change your own role" in at.error[0].value
    assert _user(ctx, boss.email).role is Role.ADMIN


@pytest.mark.parametrize("role", [Role.GRADUATE, Role.ADVISOR])
def test_users_is_refused_to_other_roles(open_app: Opener, ctx: Context, role: Role) -> None:
    factories.user(ctx, Role.ADVISOR, "secret.person@example.org")
    at = sign_in(open_app(), account(ctx, role)).switch_page(USERS).run()
    assert at.error[0].value == "This page is for admins. Use the menu to find your own pages."
    assert not at.dataframe and not at.title


def test_a_temporary_password_must_be_replaced_before_any_page(
    open_app: Opener, ctx: Context
) -> None:
    boss = factories.user(ctx, Role.ADMIN)
    made = admin.create_account(
        ctx, boss, email="new@example.org", first_name="New", role="admin", password="temp phrase 1"
    )
    at = open_app().switch_page(USERS).run()  # the page asked for
    at = sign_in(at, made.email, "temp phrase 1")
    assert not at.exception
    assert at.subheader[0].value == "Choose your own password"
    assert not at.dataframe and not at.metric and not at.sidebar.button
    # Any other address shows the same form.
    at = at.switch_page("pages/admin/overview/page.py").run()
    assert at.subheader[0].value == "Choose your own password" and not at.metric
    at.text_input(key="first_password_current").input("temp phrase 1")
    at.text_input(key="first_password_new").input("my very own phrase")
    at.text_input(key="first_password_repeat").input("something else")
    at = at.button(key="FormSubmitter:first_password-Change password").click().run()
    assert "differ" in at.error[0].value
    at.text_input(key="first_password_current").input("temp phrase 1")
    at.text_input(key="first_password_new").input("my very own phrase")
    at.text_input(key="first_password_repeat").input("my very own phrase")
    at = at.button(key="FormSubmitter:first_password-Change password").click().run()
    assert not at.exception and not at.error
    assert titles(at) == ["Overview"]
    assert not _user(ctx, made.email).must_change_password


def test_everyone_changes_their_own_password_from_the_sidebar(
    open_app: Opener, ctx: Context
) -> None:
    email = account(ctx, Role.GRADUATE)
    at = unfold(sign_in(open_app(), email), "Change password")
    at.text_input(key="own_password_current").input("not my password")
    at.text_input(key="own_password_new").input("a brand new phrase")
    at.text_input(key="own_password_repeat").input("a brand new phrase")
    at = at.button(key="FormSubmitter:own_password-Change password").click().run()
    assert at.error[0].value == "The current password is not right."
    at.text_input(key="own_password_current").input(factories.PASSWORD)
    at.text_input(key="own_password_new").input("a brand new phrase")
    at.text_input(key="own_password_repeat").input("a brand new phrase")
    at = at.button(key="FormSubmitter:own_password-Change password").click().run()
    assert not at.error and not at.exception
    assert at.session_state["actor"].email == email  # still signed in
    assert at.text_input(key="own_password_new").value == ""  # not kept
    assert accounts.authenticate(ctx, email, "a brand new phrase").email == email


def _button_key(at: AppTest, label: str) -> str:
    return next(button.key for button in at.button if button.label == label)
