"""/my-records in AppTest (issue 20): every role has the page, with one download of their own
archive and the audit entries that name them; an address asking for someone else changes
nothing, and the page's download takes no person at all."""

from __future__ import annotations

import inspect

import pytest
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from networkit_core import audit_log
from networkit_core.context import Context
from networkit_core.models import AuditEntry, Role
from networkit_core.records.archive import records_archive
from pages.ui.downloads import records_zip
from tests import factories
from tests.app_session import Opener, sign_in
from tests.records_support import ANA, ZED, ZED_SECRETS, People, open_archive, people

RECORDS = "pages/shared/records/page.py"


@pytest.fixture
def cast(ctx: Context) -> People:
    return people(ctx)


def _records_page(open_app: Opener, who: str, **query: str) -> AppTest:
    at = sign_in(open_app(), who)
    for name, value in query.items():
        at.query_params[name] = value
    return at.switch_page(RECORDS).run()


def _shown(at: AppTest) -> str:
    tables = "\n".join(frame.value.to_csv() for frame in at.dataframe)
    return "\n".join([*(m.value for m in at.markdown), tables])


@pytest.mark.parametrize("role", list(Role))
def test_every_role_has_the_page_with_one_download(
    open_app: Opener, ctx: Context, cast: People, role: Role
) -> None:
    email = {Role.GRADUATE: ANA, Role.ADVISOR: "coach@example.org"}.get(role, "admin@example.org")
    at = _records_page(open_app, email)
    assert not at.exception
    assert [title.value for title in at.title] == ["My records"]
    buttons = at.get("download_button")
    assert [button.proto.label for button in buttons] == ["Download my records (ZIP)"]
    assert "Who exported or changed your records" in [h.value for h in at.subheader]
    # Drawing the page downloads nothing: only a press of the button is logged.
    with ctx.unit_of_work() as session:
        assert not session.scalars(
            select(AuditEntry).where(AuditEntry.action == "records_export")
        ).all()


def test_a_graduate_sees_who_touched_their_records_and_nobody_elses(
    open_app: Opener, ctx: Context, cast: People
) -> None:
    records_archive(ctx, cast.admin, ANA)
    # An address naming someone else is not read: the page is the signed-in user's own.
    at = _records_page(open_app, ANA, email=ZED)
    assert not at.exception
    shown = _shown(at)
    assert "admin@example.org" in shown and "Records downloaded" in shown
    assert "coach@example.org" in shown
    for secret in ZED_SECRETS:
        assert secret not in shown
    assert "interviews.csv" in shown  # what the archive holds, in words


def test_the_page_download_is_the_signed_in_users_own(ctx: Context, cast: People) -> None:
    # It takes the actor and nothing else: no address, widget or argument can ask for another.
    assert list(inspect.signature(records_zip).parameters) == ["ctx", "actor"]
    files = open_archive(records_zip(ctx, cast.ana)())
    assert cast.held in files["interviews.csv"]
    assert ZED not in "".join(files.values())
    zed_files = open_archive(records_zip(ctx, cast.zed)())
    assert ANA not in "".join(zed_files.values())


def test_an_advisor_sees_their_own_files_and_entries(open_app: Opener, cast: People) -> None:
    at = _records_page(open_app, "coach@example.org")
    shown = _shown(at)
    assert "cohorts_coached.csv" in shown and "interviews.csv" not in shown
    who = list(at.dataframe[0].value["Who"])
    assert who and set(who) == {"coach@example.org"}  # their own comments, nudge and export


def test_user_text_in_the_audit_table_is_text(open_app: Opener, ctx: Context) -> None:
    """An entry's details are shown in a table, never as Markdown."""
    advisor = factories.user(ctx, Role.ADVISOR, "md@example.org", password=factories.PASSWORD)
    with ctx.unit_of_work() as session:
        audit_log.record(session, advisor, "update", "user", advisor.id, note="**bold** <b>x</b>")
    at = _records_page(open_app, "md@example.org")
    assert not at.exception
    assert "**bold** <b>x</b>" in _shown(at)
    assert not any("<b>" in m.value for m in at.markdown)
