"""/my-records in Chromium (issue 20): a graduate of the demo signs in, opens the page at its
address, downloads their archive, and the ZIP opens with its README and their interviews.
Screenshots: my-records-1280, my-records-390 (with NETWORKIT_SCREENSHOTS=1).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, expect
from sqlalchemy import select

from networkit_core.demo import DEMO_PASSWORD
from networkit_core.models import Graduate, Interview, Role, User
from tests.browser_support import DemoServer, settled, shot, sign_in, wait_for_session_cookie
from tests.records_support import csv_rows, open_archive
from tests.test_browser_phone import CUT, TABLES_DRAWN


def test_a_graduate_downloads_their_records(
    new_tab: Callable[..., Page], own_demo_server: DemoServer, tmp_path: Path
) -> None:
    # Its own server: the download writes an audit entry, which the admin journeys read.
    server = own_demo_server
    graduate = server.account(Role.GRADUATE)
    with server.ctx.unit_of_work() as session:
        theirs = set(
            session.scalars(
                select(Interview.public_id)
                .join(Graduate, Graduate.id == Interview.graduate_id)
                .join(User, User.id == Graduate.user_id)
                .where(User.email == graduate.email, Interview.deleted_at.is_(None))
            )
        )
    assert theirs  # the demo's graduate has interviews, or the check below proves nothing
    tab = new_tab(width=1280, height=900, accept_downloads=True)
    tab.goto(server.url)
    tab.get_by_label("Email").wait_for()
    sign_in(tab, graduate.email, DEMO_PASSWORD)
    settled(tab)
    wait_for_session_cookie(tab)
    tab.goto(f"{server.url}/my-records")
    expect(tab.get_by_role("heading", name="My records", level=1)).to_be_visible()
    settled(tab)
    shot(tab, "my-records-1280")

    with tab.expect_download() as download:
        tab.get_by_role("button", name="Download my records (ZIP)").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.suffix == ".zip"
    files = open_archive(saved.read_bytes())
    assert "README.txt" in files and "interviews.csv" in files
    rows = csv_rows(files["interviews.csv"])
    assert {row["interview_id"] for row in rows} == theirs
    assert {row["graduate_email"] for row in rows} == {graduate.email}

    # The download shows in the table of who did what to their records.
    tab.reload()
    settled(tab)
    tab.wait_for_function(TABLES_DRAWN)
    expect(tab.get_by_text("Records downloaded").first).to_be_attached()
    tab.set_viewport_size({"width": 390, "height": 900})
    settled(tab)
    assert tab.evaluate(CUT) == [], "/my-records at 390 px"
    shot(tab, "my-records-390")
