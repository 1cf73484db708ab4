"""`make cluster` / `make cluster-stop`: on this machine, HAProxy in front of one `networkit
serve` process per app port, all on the PostgreSQL of DATABASE_URL, as a university runs it on
several hosts (README, "Running on several hosts"). A development and test tool, so it lives
beside the deployment files rather than in the `networkit` command a university installs.

    python deploy/cluster.py start --lb-port 8080 --app-ports "8601 8602" --dir data/cluster
    python deploy/cluster.py stop --dir data/cluster

Everything it starts writes a pid file and a log into --dir; `stop` ends only those processes.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from string import Template

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

DEPLOY = Path(__file__).resolve().parent
PROJECT = DEPLOY.parent
TEMPLATE = DEPLOY / "haproxy-local.cfg"
START_SECONDS = 120  # two Streamlit processes starting at once on a busy two-core machine
STOP_SECONDS = 10
SECRET_ENV = "STREAMLIT_SERVER_COOKIE_SECRET"  # Streamlit's own variable for server.cookieSecret
HAPROXY = "haproxy"


class Refused(Exception):
    """Said to the person running `make cluster`, without a stack trace."""


# --- start ------------------------------------------------------------------------------------


def database_url() -> str:
    raw = os.environ.get("DATABASE_URL", "").strip()
    example = "DATABASE_URL=postgresql+psycopg://user@db-host:5432/networkit make cluster"
    if not raw:
        raise Refused(
            f"DATABASE_URL is not set: the cluster's processes share one PostgreSQL ({example})"
        )
    try:
        backend = make_url(raw).get_backend_name()
    except ArgumentError:
        raise Refused(f"DATABASE_URL is not a database address ({example})") from None
    if backend != "postgresql":
        raise Refused(
            f"DATABASE_URL is a {backend} database: the cluster needs PostgreSQL, which several "
            f"processes can share ({example})"
        )
    return raw


def haproxy_binary() -> str:
    found = shutil.which(HAPROXY) or shutil.which(HAPROXY, path="/usr/sbin:/usr/local/sbin")
    if found is None:
        raise Refused("HAProxy is not installed (apt-get install haproxy)")
    return found


def cookie_secret(cluster_dir: Path) -> str:
    """The same Streamlit cookieSecret for every process (it signs the XSRF cookie a browser
    brings to whichever process it lands on): from the environment, else made once into
    the cluster folder, readable by its owner only."""
    given = os.environ.get(SECRET_ENV, "").strip()
    if given:
        return given
    path = cluster_dir / "cookie-secret"
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text(encoding="utf-8").strip()
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        file.write(secrets.token_hex(32))
    return path.read_text(encoding="utf-8").strip()


def prepare_database(url: str) -> None:
    """Migrate to head and load the shipped content."""
    # Imported here: a refusal before this point comes at once.
    from networkit_core import startup
    from networkit_core.context import Context
    from networkit_core.settings import Settings

    try:
        ctx = Context.from_settings(Settings.from_env(database_url=url))
    except ValueError as error:
        raise Refused(str(error)) from None
    try:
        startup.prepare(ctx)
    except SQLAlchemyError as error:
        first = str(getattr(error, "orig", error)).strip().splitlines()
        raise Refused(f"cannot use the database: {first[0] if first else error}") from None
    finally:
        ctx.engine.dispose()


def spawn(
    command: list[str], log: Path, pid_file: Path, env: dict[str, str]
) -> subprocess.Popen[bytes]:
    with log.open("ab") as sink:
        process = subprocess.Popen(
            command,
            cwd=PROJECT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=sink,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # outlives `make cluster`, and no terminal's Ctrl-C reaches it
        )
    pid_file.write_text(f"{process.pid}\n", encoding="utf-8")
    return process


def app_env(url: str, secret: str) -> dict[str, str]:
    env = {
        **os.environ,
        "DATABASE_URL": url,
        SECRET_ENV: secret,
        "STREAMLIT_SERVER_ADDRESS": "127.0.0.1",  # reached through the balancer only
        "STREAMLIT_SERVER_HEADLESS": "true",
        "STREAMLIT_SERVER_FILE_WATCHER_TYPE": "none",
    }
    env.setdefault("NETWORKIT_TRUSTED_PROXIES", "127.0.0.1")  # the balancer, on this machine
    return env


def haproxy_config(cluster_dir: Path, lb_port: int, app_ports: list[int]) -> Path:
    servers = "\n".join(
        f"    server app-{number} 127.0.0.1:{port} check cookie app-{number}"
        for number, port in enumerate(app_ports, start=1)
    )
    text = Template(TEMPLATE.read_text(encoding="utf-8")).substitute(
        lb_port=lb_port, servers=servers, stats_socket=cluster_dir / "haproxy.sock"
    )
    path = cluster_dir / "haproxy.cfg"
    path.write_text(text, encoding="utf-8")
    return path


def free(port: int) -> bool:
    """Nothing listens on the port (else a health check could reach another program)."""
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def wait_until_up(processes: dict[str, tuple[subprocess.Popen[bytes], str, Path]]) -> None:
    """Until every process answers its address; a process that exits, or the time running
    out, is a failure naming its log."""
    waiting = dict(processes)
    deadline = time.monotonic() + START_SECONDS
    while waiting:
        for name, (process, url, log) in list(waiting.items()):
            if process.poll() is not None:
                raise Refused(
                    f"{name} exited with code {process.returncode}; see {log}:\n{tail(log)}"
                )
            if answers(url):
                del waiting[name]
        if waiting and time.monotonic() > deadline:
            names = ", ".join(waiting)
            logs = " ".join(str(log) for _, _, log in waiting.values())
            raise Refused(f"{names} did not answer within {START_SECONDS} s; see {logs}")
        time.sleep(0.25)


def tail(log: Path, lines: int = 15) -> str:
    try:
        return "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def start(cluster_dir: Path, lb_port: int, app_ports: list[int]) -> None:
    began = time.monotonic()
    url = database_url()
    haproxy = haproxy_binary()
    if len(set(app_ports)) != len(app_ports) or lb_port in app_ports or not app_ports:
        raise Refused(f"give distinct ports: LB_PORT={lb_port}, APP_PORTS={app_ports}")
    running = [name for name, pid in started(cluster_dir) if alive(pid, name)]
    if running:
        raise Refused(
            f"a cluster from {cluster_dir} is running already ({', '.join(running)}): "
            f"make cluster-stop CLUSTER_DIR={cluster_dir} first"
        )
    taken = [port for port in (lb_port, *app_ports) if not free(port)]
    if taken:
        raise Refused(f"port {' '.join(map(str, taken))} in use on 127.0.0.1: choose others")
    cluster_dir.mkdir(parents=True, exist_ok=True)
    env = app_env(url, cookie_secret(cluster_dir))
    processes: dict[str, tuple[subprocess.Popen[bytes], str, Path]] = {}
    try:
        for number, port in enumerate(app_ports, start=1):
            name = f"app-{number}"
            log = cluster_dir / f"{name}.log"
            # What `networkit serve --port` executes (cli/admin_cmds.run_serve), without first
            # loading every command.
            command = [sys.executable, "-m", "streamlit", "run", str(PROJECT / "serve.py")]
            command.append(f"--server.port={port}")
            process = spawn(command, log, cluster_dir / f"{name}.pid", env)
            processes[name] = (process, f"http://127.0.0.1:{port}/_stcore/health", log)
        # While they start (a process migrates only at its first page): migrate once, since
        # two processes migrating at once would race.
        prepare_database(url)
        wait_until_up(processes)  # before the balancer, whose first checks would fail
        config = haproxy_config(cluster_dir, lb_port, app_ports)
        check = subprocess.run(
            [haproxy, "-c", "-q", "-f", str(config)], capture_output=True, text=True, check=False
        )
        if check.returncode != 0:
            raise Refused(f"HAProxy refused {config}:\n{check.stderr.strip()}")
        log = cluster_dir / "haproxy.log"
        balancer = spawn(
            [haproxy, "-db", "-f", str(config)],
            log,
            cluster_dir / "haproxy.pid",
            dict(os.environ),
        )
        processes["haproxy"] = (balancer, f"http://127.0.0.1:{lb_port}/_stcore/health", log)
        wait_until_up({"haproxy": processes["haproxy"]})
    except BaseException:
        stop(cluster_dir, quiet=True)
        raise
    pids = ", ".join(f"{name} pid {process.pid}" for name, (process, _, _) in processes.items())
    print(
        f"cluster: http://127.0.0.1:{lb_port} in front of {len(app_ports)} app processes "
        f"(ports {' '.join(map(str, app_ports))}; {pids}), up in {time.monotonic() - began:.1f} s. "
        f"Logs and pid files in {cluster_dir}; stop it with make cluster-stop"
        + ("" if str(cluster_dir) == "data/cluster" else f" CLUSTER_DIR={cluster_dir}")
    )


# --- stop -------------------------------------------------------------------------------------


def started(cluster_dir: Path) -> list[tuple[str, int]]:
    """(name, pid) of each pid file in the folder: the balancer first, so it stops sending."""
    found = []
    for pid_file in sorted(cluster_dir.glob("*.pid"), key=lambda path: path.stem != "haproxy"):
        try:
            found.append((pid_file.stem, int(pid_file.read_text(encoding="utf-8").strip())))
        except (OSError, ValueError):
            continue
    return found


def alive(pid: int, name: str) -> bool:
    """Whether `pid` is still the process this folder started: the leader of its own session
    (started so), running HAProxy or serve.py; a pid reused by another process is left alone."""
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        state = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8").rsplit(")", 1)[1].split()[0]
        leader = os.getsid(pid) == pid
    except (OSError, IndexError):
        return False
    expected = b"haproxy" if name == "haproxy" else b"serve.py"
    return state != "Z" and leader and any(expected in part for part in command)


def stop(cluster_dir: Path, *, quiet: bool = False) -> None:
    ended = []
    for name, pid in started(cluster_dir):
        if alive(pid, name):
            os.kill(pid, signal.SIGTERM)
            deadline = time.monotonic() + STOP_SECONDS
            while alive(pid, name) and time.monotonic() < deadline:
                time.sleep(0.1)
            if alive(pid, name):
                os.kill(pid, signal.SIGKILL)
            ended.append(f"{name} (pid {pid})")
        (cluster_dir / f"{name}.pid").unlink(missing_ok=True)
    (cluster_dir / "haproxy.sock").unlink(missing_ok=True)
    if not quiet:
        print(
            f"cluster: stopped {', '.join(ended)}"
            if ended
            else f"cluster: nothing running from {cluster_dir}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="deploy/cluster.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=["start", "stop"])
    parser.add_argument("--dir", type=Path, default=Path("data/cluster"), help="pid files and logs")
    parser.add_argument("--lb-port", type=int, default=8080)
    parser.add_argument("--app-ports", default="8601 8602", help='e.g. "8601 8602"')
    args = parser.parse_args(argv)
    try:
        if args.action == "stop":
            stop(args.dir)
            return 0
        try:
            ports = [int(port) for port in args.app_ports.split()]
        except ValueError:
            raise Refused(f"APP_PORTS must be port numbers, got {args.app_ports!r}") from None
        start(args.dir, args.lb_port, ports)
    except Refused as refusal:
        print(f"cluster: {refusal}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("cluster: interrupted; what had started was stopped", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
