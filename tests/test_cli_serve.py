"""`networkit serve` serves what `make run` serves: the app and its calendar feed (serve.py)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from networkit_core.cli.main import main
from networkit_core.context import Context
from tests.browser_support import PROJECT, SERVER_START_SECONDS, free_port


def _get(url: str) -> tuple[int, str, str]:
    """Status, content type and body of a GET, error statuses included."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.headers["Content-Type"], response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read().decode()


def _wait_until_up(url: str, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        assert server.poll() is None, f"networkit serve exited:\n{log.read_text()[-3000:]}"
        try:
            if _get(f"{url}/_stcore/health")[0] == 200:
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.25)
    pytest.fail(f"networkit serve did not answer in {SERVER_START_SECONDS} s:\n{log.read_text()}")


def test_networkit_serve_answers_the_health_check_and_the_calendar_feed(
    ctx: Context, tmp_path: Path
) -> None:
    port = free_port()
    log = tmp_path / "serve.log"
    env = {**os.environ, "DATABASE_URL": ctx.settings.database_url}
    with log.open("wb") as sink:
        server = subprocess.Popen(
            [sys.executable, "-m", "networkit_core.cli.main", "serve", "--port", str(port)],
            cwd=tmp_path,  # anywhere: the command finds the app beside the package
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    url = f"http://localhost:{port}"
    try:
        _wait_until_up(url, server, log)
        status, kind, body = _get(f"{url}/calendar/x.ics")
        assert (status, kind.split(";")[0]) == (404, "text/plain"), (status, kind, body[:200])
        assert body.startswith("No calendar at this address")
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_networkit_serve_without_the_app_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", "--app-dir", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"networkit: no serve.py in {tmp_path}: run networkit serve in")
    assert len(err.strip().splitlines()) == 1


def test_make_run_serves_on_the_port_asked_for() -> None:
    planned = subprocess.run(
        ["make", "--dry-run", "run", "PORT=8601"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    assert any("networkit serve" in line and "--port=8601" in line for line in planned), planned
