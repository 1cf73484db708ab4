"""Erasure in Chromium (issue 20), on a demo server of its own (it erases a demo graduate): an
admin erases a graduate on /users, then a roster import on the import page holding that e-mail
is refused by name while its other row is imported. Screenshots: users-erase-1280,
users-erase-390, import-erased-1280."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from playwright.sync_api import Page, expect

from networkit_core.demo import DEMO_PASSWORD
from networkit_core.models import Role
from tests.browser_support import DemoServer, settled, shot, sign_in, wait_for_session_cookie
from tests.test_browser_phone import CUT

PHONE, WIDE = 390, 1280


def _signed_in(tab: Page, server: DemoServer, email: str) -> None:
    tab.goto(server.url)
    tab.get_by_label("Email").wait_for()
    sign_in(tab, email, DEMO_PASSWORD)
    settled(tab)
    wait_for_session_cookie(tab)


def test_an_admin_erases_a_graduate_and_a_reimport_refuses_them_by_name(
    new_tab: Callable[..., Page], own_demo_server: DemoServer
) -> None:
    server = own_demo_server
    admin = server.account(Role.ADMIN)
    graduate = server.account(Role.GRADUATE)
    tab = new_tab(width=WIDE, height=900)
    _signed_in(tab, server, admin.email)

    tab.goto(f"{server.url}/users?email={graduate.email}")
    expect(tab.get_by_role("heading", name="Users", level=1)).to_be_visible()
    tab.get_by_text("Erase on request").click()
    expect(tab.get_by_text("interviews", exact=False).first).to_be_visible()
    shot(tab, "users-erase-1280")
    tab.set_viewport_size({"width": PHONE, "height": 900})
    settled(tab)
    assert tab.evaluate(CUT) == [], "/users erase section at 390 px"
    shot(tab, "users-erase-390")
    tab.set_viewport_size({"width": WIDE, "height": 900})

    tab.get_by_role("textbox", name="Type their e-mail to confirm").fill(graduate.email)
    tab.get_by_role("button", name="Erase for good").click()
    expect(tab.get_by_text("every record naming them is gone")).to_be_visible()
    assert graduate.email not in [a.email for a in server.accounts]

    tab.goto(f"{server.url}/import?kind=roster")
    expect(tab.get_by_role("heading", name="Import", level=1)).to_be_visible()
    settled(tab)
    roster = (
        "email,first_name,last_name,cohort\n"
        f"new.person@example.org,New,Person,Erasure Journey\n"
        f"{graduate.email},Back,Again,Erasure Journey\n"
    ).encode()
    tab.locator('input[type="file"]').set_input_files(
        files=[{"name": "roster.csv", "mimeType": "text/csv", "buffer": roster}]
    )
    refused = f"row 3: {graduate.email} was erased on request on {date.today().isoformat()}"
    expect(tab.get_by_text(refused, exact=False).first).to_be_visible()
    tab.get_by_role("button", name="Apply").click()
    expect(tab.get_by_text("1 new, 0 updated, 0 unchanged, 1 refused")).to_be_visible()
    expect(tab.get_by_text(refused, exact=False).first).to_be_visible()
    shot(tab, "import-erased-1280")
    assert graduate.email not in [a.email for a in server.accounts]
