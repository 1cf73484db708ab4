"""Settings in one place (issue 18, item 3): every variable read by settings.py alone, listed in
the README, checked with a message naming it; the content found through the package."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from networkit_core.reminders.mailer import MailSettings
from networkit_core.settings import PREFIX, Settings, shipped_content_dir

ROOT = Path(__file__).resolve().parent.parent
PRODUCT = [ROOT / "app.py", ROOT / "serve.py", *(ROOT / "networkit_core").rglob("*.py")]
PRODUCT += [*(ROOT / "pages").rglob("*.py")]


def _variable(field: str) -> str:
    return "DATABASE_URL" if field == "database_url" else f"{PREFIX}{field.upper()}"


def test_only_settings_reads_the_environment() -> None:
    reading = re.compile(r"os\.environ|getenv\(")
    readers = {p.relative_to(ROOT).as_posix() for p in PRODUCT if reading.search(p.read_text())}
    # settings.py keys its cache on the variables it reads; nothing else looks at them.
    assert readers <= {"networkit_core/settings.py"}


def test_every_setting_is_in_the_readme_table() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = set(re.findall(r"^\| `([A-Z_]+)` \|", readme, flags=re.MULTILINE))
    assert {_variable(field) for field in Settings.model_fields} <= rows


def test_a_bad_count_names_its_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NETWORKIT_LOCKOUT_MINUTES", "soon")
    with pytest.raises(ValueError, match=r"^NETWORKIT_LOCKOUT_MINUTES must be a whole number"):
        Settings.from_env()
    monkeypatch.setenv("NETWORKIT_LOCKOUT_MINUTES", "-1")
    with pytest.raises(
        ValueError, match=r"^NETWORKIT_LOCKOUT_MINUTES must not be negative, got -1"
    ):
        Settings.from_env()
    monkeypatch.setenv("NETWORKIT_LOCKOUT_MINUTES", "20")
    assert Settings.from_env().lockout_minutes == 20


def test_the_database_is_found_without_the_checkout(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("NETWORKIT_DATA_DIR", raising=False)
    # From a checkout (as `make run`): its data/, as before.
    assert Settings.from_env().database_url == f"sqlite:///{ROOT / 'data' / 'networkit.db'}"
    monkeypatch.setenv("NETWORKIT_DATA_DIR", str(tmp_path))
    assert Settings.from_env().database_url == f"sqlite:///{tmp_path / 'networkit.db'}"
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://someone@db/networkit")
    assert Settings.from_env().database_url == "postgresql+psycopg://someone@db/networkit"


def test_the_content_ships_in_the_package(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("NETWORKIT_CONTENT_DIR", raising=False)
    shipped = Settings.from_env().content_dir
    assert shipped == shipped_content_dir() == ROOT / "networkit_core" / "content"
    assert {"checklists.toml", "starter_questions.csv"} <= {p.name for p in shipped.iterdir()}
    monkeypatch.setenv("NETWORKIT_CONTENT_DIR", str(tmp_path))
    assert Settings.from_env().content_dir == tmp_path


def test_mail_settings_from_a_mapping_leave_the_environment_out(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("NETWORKIT_SMTP_CA_FILE", "/not/this/one.pem")
    given = {"NETWORKIT_SMTP_URL": "smtps://relay.example.org", "NETWORKIT_MAIL_FROM": "c@x.org"}
    mail = MailSettings.from_env(given)
    assert (mail.host, mail.port, mail.security, mail.ca_file) == (
        "relay.example.org",
        465,
        "tls",
        None,
    )
