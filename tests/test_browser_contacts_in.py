"""Contacts in from a phone and a wide screen (issue 21): a graduate of the demo opens /interviews,
uploads LinkedIn's Connections.csv, reads the dry run whole at 390 px and adds the new contacts;
at 1280 px the same file again finds nothing new. Screenshots: contacts-in-390,
contacts-in-1280 (under artifacts/screenshots/ with NETWORKIT_SCREENSHOTS=1)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, expect

from networkit_core.models import Role
from tests.browser_support import DemoServer, settled, shot
from tests.test_browser_outcomes import PHONE, WIDE, _reads_whole, _signed_in

CONNECTIONS = Path(__file__).parent / "contact_files" / "Connections.csv"


def _check_file(tab: Page, server: DemoServer) -> None:
    tab.goto(f"{server.url}/interviews")
    expect(tab.get_by_role("heading", name="Bring in my contacts")).to_be_visible()
    tab.get_by_text("From LinkedIn or my phone").click()
    tab.locator('input[type="file"]').set_input_files(str(CONNECTIONS))
    expect(tab.get_by_text("Already known")).to_be_visible()
    settled(tab)


def test_a_graduate_brings_in_their_linkedin_connections(
    new_tab: Callable[..., Page], own_demo_server: DemoServer
) -> None:
    # Its own server: the contacts added change what the other journeys read.
    server = own_demo_server
    tab = new_tab(width=PHONE, height=900)
    _signed_in(tab, server, Role.GRADUATE)
    _check_file(tab, server)
    add = tab.get_by_role("button", name="Add 4 new contacts")
    expect(add).to_be_enabled()
    tab.get_by_text("4 new contacts to add").click()  # the list stacks its rows on a phone
    expect(tab.get_by_text("Northwind Traders, Inc.", exact=False).first).to_be_visible()
    _reads_whole(tab, "/interviews with a dry run")
    shot(tab, f"contacts-in-{PHONE}")
    add.click()
    expect(tab.get_by_text("Added 4 new contacts", exact=False)).to_be_visible()

    tab.set_viewport_size({"width": WIDE, "height": 900})
    _check_file(tab, server)
    expect(tab.get_by_text("Nothing new to add", exact=False)).to_be_visible()
    expect(tab.get_by_role("button", name="Add 0 new contacts")).to_be_disabled()
    shot(tab, f"contacts-in-{WIDE}")
