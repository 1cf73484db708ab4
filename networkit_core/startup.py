"""Bring a database to a usable state: migrate to head, then load the shipped content."""

from __future__ import annotations

from sqlalchemy import func, select

from networkit_core import migrate
from networkit_core.content import ContentLoad, load_content
from networkit_core.context import Context
from networkit_core.models import DEMO_MODE, InstanceSetting, User


def prepare(ctx: Context) -> ContentLoad:
    migrate.upgrade(ctx.engine)
    with ctx.unit_of_work() as session:
        return load_content(session, ctx.settings.content_dir)


def has_users(ctx: Context) -> bool:
    with ctx.unit_of_work() as session:
        return bool(session.scalar(select(func.count()).select_from(User)))


def is_demo(ctx: Context) -> bool:
    """True for a database loaded by `networkit demo`: only then are demo accounts listed."""
    with ctx.unit_of_work() as session:
        setting = session.get(InstanceSetting, DEMO_MODE)
        return setting is not None and setting.value == "true"
