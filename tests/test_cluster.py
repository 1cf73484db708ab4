"""The cluster (`make cluster`, deploy/cluster.py): HAProxy in front of two app processes on a
fresh PostgreSQL database. A browser signs in through the balancer; the process serving it is
killed (kill -9); the browser reconnects to the other one still signed in, on its page.

Not a `browser` test (it is in `make test`): it needs HAProxy, Chromium and PostgreSQL, and is
skipped without them, unless NETWORKIT_REQUIRE_BROWSER=1 (as in CI), where that fails.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import signal
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
import trustme
from playwright.sync_api import BrowserContext, Page, expect
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from networkit_core import startup
from networkit_core.context import Context
from networkit_core.db import make_engine
from networkit_core.models import Interview, InterviewStatus, Role
from networkit_core.passwords import hash_password
from networkit_core.services import accounts
from networkit_core.settings import Settings
from tests import factories
from tests.browser_support import CHROMIUM, PROJECT, WAIT_MS, chromium, free_port, sign_in

pytestmark = pytest.mark.cluster

PG_SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
SERVER_COOKIE = "NETWORKIT_SERVER"  # HAProxy's, naming the process (deploy/haproxy-local.cfg)
SESSION_COOKIE = "networkit_session"
EMAIL, PASSWORD = "ada.admin@example.edu", "a long enough passphrase"
SETTLED = '[data-testid="stApp"][data-test-script-state="notRunning"]'
# Counts the page's runs from now on: each time Streamlit marks it running.
COUNT_RUNS = """() => {
  window.runsSeen = 0;
  const app = document.querySelector('[data-testid="stApp"]');
  new MutationObserver(() => {
    if (app.getAttribute('data-test-script-state') === 'running') window.runsSeen += 1;
  }).observe(app, {attributes: true, attributeFilter: ['data-test-script-state']});
}"""
START_SECONDS = 300  # make cluster's own bound is 120 s for the apps, 120 s for HAProxy


def _cluster_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("cluster", PROJECT / "deploy" / "cluster.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("database_url", "said"),
    [
        (None, "DATABASE_URL is not set"),
        ("sqlite:///data/networkit.db", "DATABASE_URL is a sqlite database: the cluster needs"),
        ("not a url", "DATABASE_URL is not a database address"),
    ],
)
def test_the_cluster_needs_postgresql(
    database_url: str | None,
    said: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    if database_url is None:
        monkeypatch.delenv("DATABASE_URL", raising=False)
    else:
        monkeypatch.setenv("DATABASE_URL", database_url)
    cluster_dir = tmp_path / "cluster"
    assert _cluster_module().main(["start", f"--dir={cluster_dir}"]) == 1
    error = capsys.readouterr().err
    assert error.startswith(f"cluster: {said}") and "Traceback" not in error
    assert not cluster_dir.exists()  # nothing started, nothing written


def _directives(config: Path, section: str) -> set[str]:
    """The lines of a section of an HAProxy configuration, without comments and servers."""
    lines, inside = set(), False
    for line in config.read_text().splitlines():
        if line and not line[0].isspace():
            inside = line.strip() == section
        elif inside and line.strip() and not line.strip().startswith(("#", "server ")):
            lines.add(line.strip())
    return lines


def test_the_universitys_balancer_is_the_clusters_with_tls(tmp_path: Path) -> None:
    """deploy/haproxy.cfg: what `make cluster` runs, plus TLS (its cookie Secure), and valid."""
    local, university = PROJECT / "deploy" / "haproxy-local.cfg", PROJECT / "deploy" / "haproxy.cfg"
    assert _directives(local, "defaults") == _directives(university, "defaults")
    secure = {
        line.replace(" httponly ", " httponly secure ")
        for line in _directives(local, "backend apps")
    }
    assert secure == _directives(university, "backend apps")
    assert "http-request set-header X-Forwarded-Proto https" in _directives(
        university, "frontend networkit"
    )
    haproxy = shutil.which("haproxy") or shutil.which("haproxy", path="/usr/sbin")
    if haproxy is None:
        _require("haproxy is not installed (apt-get install haproxy)")
        return
    authority = trustme.CA()
    certificate = tmp_path / "coach.pem"
    authority.issue_cert("coach.uni.edu").private_key_and_cert_chain_pem.write_to_path(
        str(certificate)
    )
    text = university.read_text().replace("/etc/haproxy/certs/coach.uni.edu.pem", str(certificate))
    config = tmp_path / "haproxy.cfg"
    config.write_text(text.replace("/run/haproxy/admin.sock", str(tmp_path / "admin.sock")))
    check = subprocess.run(
        [haproxy, "-c", "-f", str(config)], capture_output=True, text=True, check=False
    )
    assert check.returncode == 0, check.stdout + check.stderr


def _missing() -> str | None:
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is not installed (apt-get install chromium)"
    if not (shutil.which("haproxy") or shutil.which("haproxy", path="/usr/sbin")):
        return "haproxy is not installed (apt-get install haproxy)"
    return None


def _require(problem: str | None) -> None:
    if problem is None:
        return
    if os.environ.get("NETWORKIT_REQUIRE_BROWSER") == "1":
        pytest.fail(f"NETWORKIT_REQUIRE_BROWSER=1 but {problem}")
    pytest.skip(problem)


@pytest.fixture
def cluster_database() -> Iterator[str]:
    """A new PostgreSQL database on the test server, migrated, with one admin; dropped after."""
    _require(_missing())
    server = make_url(os.environ.get("NETWORKIT_TEST_DATABASE_URL") or PG_SERVER)
    name = f"networkit_cluster_{uuid.uuid4().hex[:10]}"
    admin = make_engine(server.render_as_string(False), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except OperationalError as error:
        admin.dispose()
        _require(f"PostgreSQL at {server.host}:{server.port} cannot be used: {error.orig}")
    url = server.set(database=name).render_as_string(False)
    try:
        ctx = Context.from_settings(Settings(database_url=url))
        startup.prepare(ctx)
        accounts.add_user(
            ctx, None, email=EMAIL, first_name="Ada", role=Role.ADMIN, password=PASSWORD
        )
        ctx.engine.dispose()
        yield url
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _make(target: str, cluster_dir: Path, database_url: str, *ports: int) -> str:
    variables = [f"CLUSTER_DIR={cluster_dir}"]
    if ports:
        variables += [f"LB_PORT={ports[0]}", f"APP_PORTS={ports[1]} {ports[2]}"]
    env = {**os.environ, "DATABASE_URL": database_url}
    env.pop("NETWORKIT_CONTENT_DIR", None)
    env.pop("STREAMLIT_SERVER_COOKIE_SECRET", None)
    done = subprocess.run(
        ["make", "--no-print-directory", target, *variables],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=START_SECONDS,
        check=False,
    )
    assert done.returncode == 0, f"make {target} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture
def cluster(cluster_database: str, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """`make cluster` on free ports and a folder of the test's own; `make cluster-stop` after."""
    cluster_dir = tmp_path / "cluster"
    lb_port, *app_ports = (free_port() for _ in range(3))
    pids: list[int] = []
    try:
        print(_make("cluster", cluster_dir, cluster_database, lb_port, *app_ports))
        pids = [int(path.read_text()) for path in cluster_dir.glob("*.pid")]
        assert len(pids) == 3, "pid files: app-1, app-2 and haproxy"
        yield f"http://127.0.0.1:{lb_port}", cluster_dir
    finally:
        print(_make("cluster-stop", cluster_dir, cluster_database))
        assert not list(cluster_dir.glob("*.pid")), "make cluster-stop left pid files"
        assert not [pid for pid in pids if _running(pid)], "make cluster-stop left processes"


def _running(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"  # a zombie has ended, unreaped


def _cookie(context: BrowserContext, name: str) -> str | None:
    return next((c["value"] for c in context.cookies() if c["name"] == name), None)


def _wait_for_cookie(context: BrowserContext, name: str, other_than: str | None = None) -> str:
    """The cookie's value once the browser holds one (other than `other_than`)."""
    deadline = time.monotonic() + WAIT_MS / 1000
    while time.monotonic() < deadline:
        value = _cookie(context, name)
        if value and value != other_than:
            return value
        time.sleep(0.1)
    raise AssertionError(f"the browser never got a {name} cookie (other than {other_than!r})")


def _signed_in_on_users(page: Page) -> None:
    expect(page.get_by_role("heading", name="Users")).to_be_visible()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    expect(page.get_by_role("heading", name="Sign in")).to_have_count(0)
    assert page.url.endswith("/users")


def _process_secret(pid: int) -> bytes:
    environ = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    return next(entry for entry in environ if entry.startswith(b"STREAMLIT_SERVER_COOKIE_SECRET="))


def test_a_browser_stays_signed_in_when_its_process_is_killed(
    cluster: tuple[str, Path],
) -> None:
    url, cluster_dir = cluster
    pids = {name: int((cluster_dir / f"{name}.pid").read_text()) for name in ("app-1", "app-2")}
    # One cookieSecret for both processes, kept where only its owner reads it.
    assert _process_secret(pids["app-1"]) == _process_secret(pids["app-2"])
    assert (cluster_dir / "cookie-secret").stat().st_mode & 0o777 == 0o600

    with chromium() as browser:
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        context.set_default_timeout(WAIT_MS)
        page = context.new_page()
        page.goto(url)
        sign_in(page, EMAIL, PASSWORD)
        expect(page.get_by_role("button", name="Sign out")).to_be_visible()
        _wait_for_cookie(context, SESSION_COOKIE)
        page.goto(f"{url}/users")
        _signed_in_on_users(page)
        serving = _wait_for_cookie(context, SERVER_COOKIE)
        assert serving in pids, f"HAProxy's cookie names no process: {serving!r}"

        os.kill(pids[serving], signal.SIGKILL)
        # Without a reload, the page's websocket reconnects through the balancer to the other
        # process (which HAProxy's new cookie names) and the new session resumes the sign-in:
        # going to another page from the menu needs that new session.
        survivor = _wait_for_cookie(context, SERVER_COOKIE, other_than=serving)
        assert survivor in pids and survivor != serving
        _signed_in_on_users(page)
        page.get_by_role("link", name="Overview").click()
        expect(page.get_by_role("heading", name="Overview")).to_be_visible()
        expect(page.get_by_role("button", name="Sign out")).to_be_visible()
        page.get_by_role("link", name="Users").click()
        _signed_in_on_users(page)
        # A reload, now a new page load on the surviving process: still signed in, same page.
        page.reload()
        _signed_in_on_users(page)
        assert _cookie(context, SERVER_COOKIE) == survivor
        context.close()


def _ticks(url: str, interview_id: int) -> int:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            query = text("SELECT count(*) FROM checklist_ticks WHERE interview_id = :id")
            return int(connection.execute(query, {"id": interview_id}).scalar_one())
    finally:
        engine.dispose()


def _wait_for_ticks(url: str, interview_id: int, count: int) -> None:
    deadline = time.monotonic() + WAIT_MS / 1000
    while _ticks(url, interview_id) != count:
        assert time.monotonic() < deadline, f"never {count} ticks saved"
        time.sleep(0.2)


def test_the_first_click_after_a_process_dies_saves(
    cluster_database: str, cluster: tuple[str, Path]
) -> None:
    """Once its process is killed, the page reruns on the other one as soon as it reconnects
    (pages/shell/watch.py), so that process's session has drawn its widgets: the very next tick
    is saved. Without that rerun, the first click reached a session that had drawn nothing, and
    was lost."""
    url, cluster_dir = cluster
    ctx = Context.from_settings(Settings(database_url=cluster_database))
    try:
        cohort = factories.cohort(ctx)
        actor, graduate_id = factories.graduate(ctx, cohort)
        with ctx.unit_of_work() as session:
            session.execute(
                text("UPDATE users SET password_hash = :hash WHERE id = :id"),
                {"hash": hash_password(PASSWORD), "id": actor.id},
            )
        interview_id = factories.interview(
            ctx, graduate_id, days_ago=-3, status=InterviewStatus.PLANNED
        )
        with ctx.unit_of_work() as session:
            public_id = session.get_one(Interview, interview_id).public_id
    finally:
        ctx.engine.dispose()
    pids = {name: int((cluster_dir / f"{name}.pid").read_text()) for name in ("app-1", "app-2")}

    with chromium() as browser:
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        context.set_default_timeout(WAIT_MS)
        page = context.new_page()
        page.goto(url)
        sign_in(page, actor.email, PASSWORD)
        expect(page.get_by_role("button", name="Sign out")).to_be_visible()
        page.goto(f"{url}/interview?id={public_id}")
        # A planned meeting opens on its checklist.
        checklist = page.get_by_test_id("stExpander").filter(has_text="Preparation checklist")
        checklist.get_by_text("Researched the company", exact=True).click()
        expect(checklist.get_by_test_id("stProgress").filter(has_text="1 of ")).to_be_visible()
        _wait_for_ticks(cluster_database, interview_id, 1)
        # A tick reruns only the checklist, and a page whose last run was a fragment's reruns
        # on reconnecting anyway: a reload makes the last run a whole page's, as most are.
        page.reload()
        expect(checklist.get_by_test_id("stProgress").filter(has_text="1 of ")).to_be_visible()
        expect(page.locator(SETTLED)).to_have_count(1)
        serving = _wait_for_cookie(context, SERVER_COOKIE)

        page.evaluate(COUNT_RUNS)
        os.kill(pids[serving], signal.SIGKILL)
        _wait_for_cookie(context, SERVER_COOKIE, other_than=serving)
        # The page runs again on its own (no click, no reload), which it did not before.
        page.wait_for_function("() => window.runsSeen > 0")
        expect(page.locator(SETTLED)).to_have_count(1)
        checklist.get_by_text("Researched the industry", exact=True).click()
        _wait_for_ticks(cluster_database, interview_id, 2)
        expect(checklist.get_by_test_id("stProgress").filter(has_text="2 of ")).to_be_visible()
        expect(checklist.get_by_role("checkbox", name="Researched the company")).to_be_checked()
        context.close()
