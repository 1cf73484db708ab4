"""Issue 17 against a running server (`streamlit run serve.py`) and real HTTP, as the prober
went at it: forged X-Forwarded-For from a loopback script (item 14), a locked-out owner with
the e-mailed link (item 14), and replayed uploads (item 15)."""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
import uvicorn.config
from playwright.sync_api import BrowserContext, Page, Request, expect
from sqlalchemy import delete, select

import serve
from networkit_core import startup
from networkit_core.context import Context
from networkit_core.interchange.formats import MAX_IMPORT_BYTES
from networkit_core.models import AuditEntry, Role, SignInThrottle, ThrottleScope
from networkit_core.services import accounts
from networkit_core.services.accounts.throttle import NO_ADDRESS
from networkit_core.settings import Settings
from tests.browser_support import (
    PROJECT,
    browser_or_skip,
    free_port,
    settled,
    sign_in,
    streamlit_process,
    wait_for_session_cookie,
)
from tests.smtp_server import SmtpServer, smtp_server

PASSWORD = "correct horse battery"
MB = 1024 * 1024


@dataclass
class Server:
    url: str
    pid: int
    ctx: Context
    mail: SmtpServer
    log: Path


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    browser_or_skip()
    workdir = tmp_path_factory.mktemp("security")
    database_url = f"sqlite:///{workdir / 'security.db'}"
    ctx = Context.from_settings(Settings(database_url=database_url))
    startup.prepare(ctx)
    for email, role in [("ada@example.org", Role.ADMIN), ("kim@example.org", Role.ADVISOR)]:
        accounts.add_user(ctx, None, email=email, first_name="Test", role=role, password=PASSWORD)
    port = free_port()
    mail_server = smtp_server(workdir)
    mail = next(mail_server)
    with pytest.MonkeyPatch.context() as env:
        env.setenv("NETWORKIT_SMTP_URL", mail.url)
        env.setenv("NETWORKIT_SMTP_CA_FILE", str(mail.ca_file))
        env.setenv("NETWORKIT_MAIL_FROM", "coach@example.edu")
        env.setenv("NETWORKIT_BASE_URL", f"http://127.0.0.1:{port}")
        env.delenv("NETWORKIT_TRUSTED_PROXIES", raising=False)
        try:
            log = workdir / "streamlit.log"
            with streamlit_process(database_url, log, port=port) as (url, pid):
                yield Server(url, pid, ctx, mail, log)
        finally:
            next(mail_server, None)
            ctx.engine.dispose()


@pytest.fixture
def fresh(server: Server) -> None:
    """Each test starts with no failures counted (they all come from the loopback)."""
    with server.ctx.unit_of_work() as session:
        session.execute(delete(SignInThrottle))
    server.mail.inbox.messages.clear()


def _tab(new_tab: Callable[..., Page], url: str) -> tuple[BrowserContext, Page]:
    page = new_tab(url, width=1280, height=900)
    page.get_by_label("Email").wait_for()
    return page.context, page


def _delay_passes(server: Server, email: str) -> None:
    """What waiting out the e-mail's delay does, at once: its next try falls after it. (The
    server runs on the system clock, so its throttle row is moved instead of the clock.)"""
    with server.ctx.unit_of_work() as session:
        row = session.scalars(
            select(SignInThrottle).where(
                SignInThrottle.scope == ThrottleScope.EMAIL, SignInThrottle.key == email
            )
        ).one()
        assert row.retry_after is not None, "a failure sets a delay"
        row.retry_after -= timedelta(seconds=2**row.failures)  # the delay is 2 ** (failures - 1)


def _error(page: Page, containing: str = "") -> str:
    """The sign-in form's message, once the try has been answered (its callback empties the
    password field) and the run is done."""
    expect(page.get_by_label("Password", exact=True)).to_have_value("")
    settled(page)
    alert = page.get_by_test_id("stAlertContentError")
    expect(alert).to_contain_text(containing)
    return alert.inner_text().strip()


def _rss_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    found = re.search(r"VmRSS:\s+(\d+) kB", status)
    assert found
    return int(found.group(1)) / 1024


def test_a_script_rotating_x_forwarded_for_gets_no_new_address(
    new_tab: Callable[..., Page], server: Server, fresh: None
) -> None:
    """Issue 17: from the loopback, X-Forwarded-For named a fresh address at every try, so a
    script dodged the address throttle (10 of 10 accounts locked in 25 s). Now only a
    configured proxy is believed: six forged addresses are one client, one throttle bucket,
    which after its free failures holds password sign-in back (tests/test_sign_in_links.py
    plays the whole script against the core)."""
    context, page = _tab(new_tab, server.url)
    for n in range(6):
        page.set_extra_http_headers({"X-Forwarded-For": f"203.0.113.{n + 1}"})
        page.reload()  # a new connection, with the header
        page.get_by_label("Email").wait_for()
        sign_in(page, f"guess{n}@example.org", "wrong guess 123")
        assert "do not match" in _error(page)
    context.close()
    with server.ctx.unit_of_work() as session:
        buckets = {
            row.key: row.failures
            for row in session.scalars(
                select(SignInThrottle).where(SignInThrottle.scope == ThrottleScope.ADDRESS)
            )
        }
        seen = {
            entry.detail.get("address")
            for entry in session.scalars(
                select(AuditEntry).where(AuditEntry.action == "sign_in_failed")
            )
        }
    assert buckets == {NO_ADDRESS: 6}  # the connection's own (loopback), never a forged one
    assert seen == {NO_ADDRESS}
    assert "X-Forwarded-For ignored" in server.log.read_text()  # and the operator is told


def test_a_locked_out_owner_signs_in_with_the_e_mailed_link(
    new_tab: Callable[..., Page], server: Server, fresh: None
) -> None:
    attacker, attack = _tab(new_tab, server.url)
    for _ in range(4):  # the attacker's script, obeying each growing delay
        sign_in(attack, "kim@example.org", "wrong guess 123")
        assert "do not match" in _error(attack)
        _delay_passes(server, "kim@example.org")
    sign_in(attack, "kim@example.org", "wrong guess 123")
    locked = _error(attack, "locked")
    assert "locked" in locked and "one-time sign-in link" in locked

    owner, tab = _tab(new_tab, server.url)
    sign_in(tab, "kim@example.org", PASSWORD)
    assert _error(tab) == locked  # the page says no more to the owner than to the attacker
    deadline = time.monotonic() + 20
    while not server.mail.inbox.messages and time.monotonic() < deadline:
        time.sleep(0.1)
    [message] = server.mail.inbox.messages
    body = message.get_body(preferencelist=("plain",))
    assert body is not None
    found = re.search(re.escape(server.url) + r"/\?link=[A-Za-z0-9_\-]+", body.get_content())
    assert found, body.get_content()
    tab.goto(found.group(0))
    expect(tab.get_by_role("button", name="Sign out")).to_be_visible()
    expect(tab.get_by_role("heading", name="Dashboard")).to_be_visible()
    assert "link=" not in tab.url
    # The attacker: still locked out, and the used link in their hands opens nothing.
    sign_in(attack, "kim@example.org", "another guess 456")
    assert _error(attack) == locked
    attack.goto(found.group(0))
    assert "does not work" in _error(attack, "does not work")
    expect(attack.get_by_role("button", name="Sign out")).to_have_count(0)
    attacker.close()
    owner.close()


def test_uploads_need_a_signed_in_session_and_at_most_the_import_limit(
    new_tab: Callable[..., Page], server: Server, fresh: None
) -> None:
    """Issue 17: the server took 3 x 150 MB replayed from a tab that never signed in. Now a
    replayed upload from a signed-out session is refused and stores nothing, and a signed-in
    one over the import page's 20 MB is refused by the server itself."""
    page = new_tab(f"{server.url}/import", width=1280, height=900)
    context = page.context
    sign_in(page, "ada@example.org", PASSWORD)
    page.get_by_role("heading", name="Import").wait_for()
    wait_for_session_cookie(page)  # an upload must carry it
    settled(page)
    csv = b"question,category,tags\nWhat surprised you?,Career,\n"
    with page.expect_request(
        lambda r: "/_stcore/upload_file/" in r.url and r.method == "PUT"
    ) as captured:
        page.locator('input[type="file"]').first.set_input_files(
            {"name": "questions.csv", "mimeType": "text/csv", "buffer": csv}
        )
    request: Request = captured.value
    url, xsrf = request.url, request.headers["x-xsrftoken"]

    def replay(on: BrowserContext, size: int, n: int) -> int:
        body = csv if size == 0 else b"q\n" + b"x" * size
        response = on.request.put(
            f"{url.rsplit('/', 1)[0]}/replayed-{n}",
            headers={"X-Xsrftoken": xsrf},
            multipart={"file": {"name": "big.csv", "mimeType": "text/csv", "buffer": body}},
            timeout=120_000,
        )
        return response.status

    assert replay(context, 0, 0) == 204  # signed in, a small file: taken
    assert replay(context, 21 * MB, 1) == 413  # over the limit: refused by the server
    assert MAX_IMPORT_BYTES == 20 * MB

    page.get_by_role("button", name="Sign out").click()
    page.get_by_label("Email").wait_for()
    settled(page)
    before = _rss_mb(server.pid)
    statuses = [replay(context, 15 * MB, n) for n in range(2, 5)]  # the same tab, signed out
    # A tab that never signed in: only Streamlit's own cookie (XSRF), no session of ours.
    stranger = new_tab().context
    stranger.add_cookies(
        [c for c in context.cookies() if c["name"] == "_streamlit_xsrf"]  # type: ignore[misc]
    )
    statuses.append(replay(stranger, 0, 5))
    grown = _rss_mb(server.pid) - before
    assert statuses == [403, 403, 403, 403]
    assert grown < 20, f"the server grew by {grown:.0f} MB"
    stranger.close()
    context.close()


def test_the_server_and_the_import_page_have_one_upload_limit() -> None:
    config = (PROJECT / ".streamlit" / "config.toml").read_text()
    found = re.search(r"^maxUploadSize\s*=\s*(\d+)", config, re.MULTILINE)
    assert found and int(found.group(1)) * MB == MAX_IMPORT_BYTES


def _client_seen(monkeypatch: pytest.MonkeyPatch, proxies: str | None, peer: str) -> str:
    """The client address the app behind serve.py's proxy middleware sees for a request from
    `peer` that says X-Forwarded-For: 198.51.100.23."""
    if proxies is None:
        monkeypatch.delenv(serve.PROXIES_SETTING, raising=False)
    else:
        monkeypatch.setenv(serve.PROXIES_SETTING, proxies)
    seen: list[str] = []

    async def app(scope: dict[str, object], receive: object, send: object) -> None:
        seen.append(scope["client"][0])  # type: ignore[index]

    scope = {
        "type": "http",
        "client": (peer, 5000),
        "headers": [(b"x-forwarded-for", b"198.51.100.23")],
        "scheme": "http",
    }
    middleware = serve.TrustedProxiesOnly(app)  # type: ignore[arg-type]
    # A thread of its own: Playwright's sync API keeps an event loop running in this one.
    with ThreadPoolExecutor(1) as thread:
        thread.submit(asyncio.run, middleware(scope, None, None)).result()  # type: ignore[arg-type]
    return seen[0]


def test_only_a_configured_proxy_may_name_the_client(monkeypatch: pytest.MonkeyPatch) -> None:
    assert uvicorn.config.ProxyHeadersMiddleware is serve.TrustedProxiesOnly  # what uvicorn wraps
    assert _client_seen(monkeypatch, None, "127.0.0.1") == "127.0.0.1"  # uvicorn's default: not
    assert _client_seen(monkeypatch, "10.0.0.5", "127.0.0.1") == "127.0.0.1"
    assert _client_seen(monkeypatch, "10.0.0.5", "10.0.0.5") == "198.51.100.23"
    assert _client_seen(monkeypatch, "10.0.0.0/24, ::1", "10.0.0.9") == "198.51.100.23"
    for bad in ("*", "proxy.local", "10.0.0.5;rm"):
        with pytest.raises(SystemExit, match="not an IP address"):
            serve.trusted_proxies(bad)
