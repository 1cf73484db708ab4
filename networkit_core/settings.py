"""Every setting the product reads from the environment, in one typed place (the README's
"Settings" table lists them). Each is `NETWORKIT_<FIELD>`, except `DATABASE_URL`."""

from __future__ import annotations

import os
from collections.abc import Mapping
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_BASE_URL = "http://localhost:8501"
# The checkout an editable install (`make run`) runs from: the folder holding app.py.
PROJECT_DIR = Path(__file__).resolve().parent.parent
PREFIX = "NETWORKIT_"


def shipped_content_dir() -> Path:
    """The checklists and starter bank shipped inside the package (found through it, so an
    installed package has them; an installed wheel unpacks to real folders)."""
    return Path(str(files("networkit_core") / "content"))


def default_data_dir() -> Path:
    """Where the SQLite database lives unless NETWORKIT_DATA_DIR or DATABASE_URL say: the
    checkout's data/ when running from one (as `make run` does), else data/ in the current
    folder (an installed package has no checkout, and site-packages is no place for it)."""
    if (PROJECT_DIR / "app.py").is_file():
        return PROJECT_DIR / "data"
    return Path.cwd() / "data"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix=PREFIX, env_ignore_empty=True, frozen=True)

    # DATABASE_URL (an alias takes no prefix); unset: SQLite at data_dir/networkit.db.
    database_url: str = Field("", validation_alias="database_url")
    data_dir: Path = Field(default_factory=default_data_dir)
    content_dir: Path = Field(default_factory=shipped_content_dir)
    # Where users reach the app (links in e-mails, calendar addresses), without a trailing /.
    base_url: str = ""
    # E-mail (reminders/mailer.py checks them when mail is needed).
    smtp_url: str = ""
    mail_from: str = ""
    smtp_ca_file: str = ""
    # Proxies whose X-Forwarded-For is believed, comma-separated (serve.py checks them).
    trusted_proxies: str = ""
    # The figures' tunables (DESIGN.md, "Figures, defined once").
    thank_you_window_days: int = 2
    follow_up_cadence_days: int = 30
    # A follow-up plan ends after this many follow-ups, or this many days after the meeting.
    follow_up_limit: int = 3
    follow_up_plan_days: int = 180
    inactivity_days: int = 14
    meeting_soon_days: int = 2
    # Needs a nudge: an item overdue this long, and no nudge recorded in this many days.
    nudge_overdue_days: int = 7
    nudge_quiet_days: int = 7
    # Login throttling: lock an e-mail for a while after this many failures in a row ...
    max_failed_logins: int = 5
    lockout_minutes: int = 15
    # ... and before that, wait a growing delay (doubling from 1 s, up to this) between tries
    # for the same e-mail, and, after `address_free_failures`, for the same client address.
    max_delay_seconds: int = 300
    address_free_failures: int = 5
    # Failures older than this are forgotten (and a burst ends).
    throttle_window_minutes: int = 60
    # An e-mailed one-time sign-in link (the owner's way in during a lock) works this long.
    sign_in_link_minutes: int = 15
    # A signed-in session ends after this long without activity.
    session_idle_minutes: int = 60
    # The key of the hash that remembers who was erased (services/erased.py): kept out of the
    # database, a copy of it cannot test e-mails against the erased. Unset: a random key kept
    # in the database is made at the first erasure. Changing it forgets who was erased.
    erasure_secret: str = ""
    # Retention (`networkit retention`): when set, the daily `networkit remind` also erases the
    # graduates who graduated and last signed in more than this many months ago. 0: off.
    retention_months: int = 0

    @model_validator(mode="before")
    @classmethod
    def _default_database(cls, values: Any) -> Any:
        if isinstance(values, dict) and not values.get("database_url"):
            data_dir = Path(values.get("data_dir") or default_data_dir())
            values = {**values, "database_url": f"sqlite:///{data_dir / 'networkit.db'}"}
        return values

    @field_validator("base_url")
    @classmethod
    def _no_trailing_slash(cls, value: str) -> str:
        return value.strip().rstrip("/")

    # Every count (the int fields above), checked with a message naming its variable.
    @field_validator(
        *(name for name, field in __annotations__.items() if field == "int"), mode="before"
    )
    @classmethod
    def _count(cls, raw: object, info: Any) -> object:
        if not isinstance(raw, str):
            return raw
        name = _variable(info.field_name)
        try:
            value = int(raw)
        except ValueError:
            raise ValueError(f"{name} must be a whole number, got {raw!r}") from None
        if value < 0:
            raise ValueError(f"{name} must not be negative, got {value}")
        return value

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """The settings from the environment (or from `environ` alone); a bad value is a
        ValueError naming its variable, for the page and the command to show."""
        try:
            if environ is None:
                return cls(**overrides)
            return _Given(**_named(environ), **overrides)
        except ValidationError as error:
            raise ValueError("; ".join(_message(e) for e in error.errors())) from None

    @classmethod
    def parsed_once(cls) -> Settings:
        """`from_env()`, parsed once per environment: a page's run asks a dozen times, and
        parsing takes about 5 ms."""
        return _parsed(
            tuple(
                sorted(
                    (name, value)
                    for name, value in os.environ.items()
                    if name.upper().startswith(PREFIX) or name.upper() == "DATABASE_URL"
                )
            )
        )


@lru_cache(maxsize=16)
def _parsed(_environ: tuple[tuple[str, str], ...]) -> Settings:
    return Settings.from_env()


class _Given(Settings):
    """Settings from a mapping the caller passes, with the process's environment left out."""

    @classmethod
    def settings_customise_sources(cls, settings_cls: Any, init_settings: Any, **_: Any) -> Any:
        return (init_settings,)


def _named(environ: Mapping[str, str]) -> dict[str, str]:
    """`environ`'s values by field name."""
    names = {_variable(name): name for name in Settings.model_fields}
    return {names[key]: value for key, value in environ.items() if key in names and value}


def _variable(field: str) -> str:
    return "DATABASE_URL" if field == "database_url" else f"{PREFIX}{field.upper()}"


def _message(error: Any) -> str:
    cause = error.get("ctx", {}).get("error")
    return str(cause) if cause else f"{_variable(str(error['loc'][0]))}: {error['msg']}"


def configured_base_url() -> str | None:
    """NETWORKIT_BASE_URL without a trailing slash; None when it is not set."""
    return Settings.from_env().base_url or None
