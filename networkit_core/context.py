"""What every service call runs against: the database, the clock and the settings."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from networkit_core.clock import Clock, SystemClock
from networkit_core.db import make_engine, make_sessions, unit_of_work
from networkit_core.settings import Settings


@dataclass
class Context:
    engine: Engine
    settings: Settings
    clock: Clock = field(default_factory=SystemClock)
    sessions: sessionmaker[Session] = field(init=False)

    def __post_init__(self) -> None:
        self.sessions = make_sessions(self.engine)

    @classmethod
    def from_settings(cls, settings: Settings, clock: Clock | None = None) -> Context:
        return cls(make_engine(settings.database_url), settings, clock or SystemClock())

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        with unit_of_work(self.sessions) as session:
            # Timestamps are stamped from this clock (models.base.stamp_times).
            session.info["clock"] = self.clock
            yield session
