"""University sign-in in Chromium, against a local OpenID Connect provider started here
(`oidc-provider-mock`): a known e-mail lands on its role's page, an unknown or deactivated one
is refused and nothing is created, local passwords keep working, sign-out ends both."""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import quote

import oidc_provider_mock
import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import func, select

from networkit_core import startup
from networkit_core.context import Context
from networkit_core.models import AuditEntry, Role, User, UserSession
from networkit_core.services import accounts
from networkit_core.services.accounts import admin
from networkit_core.settings import Settings
from tests.browser_support import (
    WAIT_MS,
    browser_or_skip,
    free_port,
    session_cookie,
    settled,
    shot,
    streamlit_server,
    wait_for_no_session_cookie,
    wait_for_session_cookie,
)

ADVISOR = "ana.advisor@uni.example.org"
GRADUATE = "kim.graduate@uni.example.org"
GONE = "gone@uni.example.org"
STRANGER = "stranger@uni.example.org"
PASSWORD = "a local passphrase"


@dataclass(frozen=True)
class UniversityApp:
    url: str
    provider: str
    ctx: Context


def _claims(provider: str, email: str, *, verified: bool = True) -> None:
    """Tell the provider who `email` is (its `sub`), with a verified e-mail claim."""
    body = json.dumps({"email": email, "email_verified": verified, "name": email}).encode()
    request = urllib.request.Request(f"{provider}/users/{quote(email)}", data=body, method="PUT")
    request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 204


@pytest.fixture(scope="module")
def university(tmp_path_factory: pytest.TempPathFactory) -> Iterator[UniversityApp]:
    browser_or_skip()
    workdir = tmp_path_factory.mktemp("university")
    database_url = f"sqlite:///{workdir / 'app.db'}"
    ctx = Context.from_settings(Settings(database_url=database_url))
    startup.prepare(ctx)
    boss = accounts.add_user(
        ctx, None, email="admin@uni.example.org", first_name="Ada", role=Role.ADMIN,
        password=PASSWORD,
    )  # fmt: skip
    accounts.add_user(ctx, boss, email=ADVISOR, first_name="Ana", role=Role.ADVISOR)
    accounts.add_user(ctx, boss, email=GRADUATE, first_name="Kim", role=Role.GRADUATE)
    gone = accounts.add_user(ctx, boss, email=GONE, first_name="Gone", role=Role.ADVISOR)
    admin.deactivate_user(ctx, boss, gone.id)

    port = free_port()
    with oidc_provider_mock.run_server_in_thread() as provider_server:
        provider = f"http://localhost:{provider_server.server_port}"
        for email in (ADVISOR, GRADUATE, GONE, STRANGER):
            _claims(provider, email)
        secrets = workdir / "secrets.toml"
        secrets.write_text(
            "[auth]\n"
            f'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
            'cookie_secret = "a long random secret for the test only, 0123456789"\n'
            'client_id = "networkit"\n'
            'client_secret = "networkit-secret"\n'
            f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n'
        )
        try:
            with streamlit_server(
                database_url, workdir / "streamlit.log", f"--secrets.files={secrets}", port=port
            ) as url:
                yield UniversityApp(url, provider, ctx)
        finally:
            ctx.engine.dispose()


@pytest.fixture
def page(new_tab: Callable[..., Page], university: UniversityApp) -> Page:
    tab = new_tab(university.url, width=1280, height=900)
    # The server's first page prepares the database: give it longer on a busy machine.
    tab.get_by_role("heading", name="Sign in").wait_for(timeout=4 * WAIT_MS)
    return tab


def _university_sign_in(page: Page, email: str) -> None:
    page.get_by_role("button", name="Sign in with your university account").click()
    page.get_by_placeholder("sub").first.fill(email)
    page.get_by_role("button", name="Authorize").click()


def _sessions(ctx: Context) -> int:
    with ctx.unit_of_work() as session:
        return session.scalar(select(func.count()).select_from(UserSession)) or 0


def _users(ctx: Context) -> int:
    with ctx.unit_of_work() as session:
        return session.scalar(select(func.count()).select_from(User)) or 0


def test_a_known_email_lands_on_its_roles_page_and_signs_out_of_both(
    page: Page, university: UniversityApp
) -> None:
    _university_sign_in(page, ADVISOR)
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    expect(page.get_by_text("Signed in as Ana")).to_be_visible()
    shot(page, "identity-university-advisor")
    cookie = wait_for_session_cookie(page)
    assert cookie.get("httpOnly") is True and cookie.get("sameSite") == "Strict"
    before = _sessions(university.ctx)
    page.reload()  # our session survives a reload like any other
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    settled(page)
    # The cookie's session, resumed: not a new one from the university identity.
    assert _sessions(university.ctx) == before and session_cookie(page) == cookie
    page.get_by_role("button", name="Sign out").click()
    # Signing out of the app signs out at the provider too (OIDC RP-initiated logout); the
    # mock asks to confirm, then sends the browser back to the app.
    page.get_by_role("button", name="End session").click()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    wait_for_no_session_cookie(page)
    # The university identity is gone too: nothing signs the browser back in by itself.
    page.reload()
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)


@pytest.mark.parametrize("email", [STRANGER, GONE])
def test_an_unknown_or_deactivated_email_is_refused_and_nothing_is_created(
    page: Page, university: UniversityApp, email: str
) -> None:
    before = _users(university.ctx)
    _university_sign_in(page, email)
    expect(page.get_by_text(f"No active account here has the email {email}")).to_be_visible()
    expect(page.get_by_role("button", name="Sign out of the university account")).to_be_visible()
    expect(page.get_by_role("button", name="Sign out", exact=True)).to_have_count(0)
    if email == STRANGER:
        shot(page, "identity-university-refused")
    assert _users(university.ctx) == before
    with university.ctx.unit_of_work() as session:
        reasons = [
            entry.detail.get("reason")
            for entry in session.scalars(
                select(AuditEntry).where(AuditEntry.action == "sign_in_failed")
            )
            if entry.detail.get("email") == email
        ]
    assert reasons and set(reasons) <= {"university_unknown", "university_inactive"}


def test_local_passwords_keep_working_beside_it(page: Page, university: UniversityApp) -> None:
    page.get_by_label("Email").fill("admin@uni.example.org")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page.get_by_role("heading", name="Overview")).to_be_visible()
