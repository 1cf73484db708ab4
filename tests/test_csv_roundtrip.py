"""Round trip: everything exported from the demo, imported into an empty database (roster,
interviews, follow-ups, questions, destinations in that order) and exported again gives the same
bytes."""

from __future__ import annotations

from sqlalchemy import select

from networkit_core.actor import Actor
from networkit_core.content import load_content
from networkit_core.context import Context
from networkit_core.demo import DemoSummary, load_demo
from networkit_core.interchange import Action, export, import_now, preview
from networkit_core.models import Role, User
from tests import factories
from tests.conftest import empty_all_tables
from tests.csv_support import dump

KINDS = ("roster", "interviews", "follow-ups", "questions", "destinations")


def _admin(ctx: Context, demo: DemoSummary) -> Actor:
    with ctx.unit_of_work() as session:
        user = session.scalar(select(User).where(User.email == demo.admin_email))
        assert user is not None and user.role is Role.ADMIN
        return Actor.of(user)


def test_demo_round_trip_is_byte_for_byte(ctx: Context) -> None:
    admin = _admin(ctx, load_demo(ctx, seed=7, progress=None))
    first = {kind: export(ctx, admin, kind) for kind in KINDS}
    assert all(len(data.splitlines()) > 2 for data in first.values())

    empty_all_tables(ctx.engine)
    with ctx.unit_of_work() as session:
        load_content(session, ctx.settings.content_dir)
    importer = factories.user(ctx, Role.ADMIN, "importer@example.org")
    for kind in KINDS:
        result = import_now(ctx, importer, kind, first[kind])
        assert result.counts.refused == 0
        assert result.counts.new > 0
    second = {kind: export(ctx, importer, kind) for kind in KINDS}

    for kind in KINDS:
        assert second[kind] == first[kind], kind


def test_importing_the_same_files_again_changes_nothing(ctx: Context) -> None:
    admin = _admin(ctx, load_demo(ctx, seed=11, progress=None))
    files = {kind: export(ctx, admin, kind) for kind in KINDS}
    for kind in ("questions",):  # the demo's questions go into the admin's import bank once
        import_now(ctx, admin, kind, files[kind])
    before = dump(ctx, audit=True)
    for kind in KINDS:
        checked = preview(ctx, admin, kind, files[kind])
        assert checked.ok, checked.errors[:3]
        assert {row.action for row in checked.rows} == {Action.UNCHANGED}, kind
        result = import_now(ctx, admin, kind, files[kind])
        assert (result.counts.new, result.counts.updated) == (0, 0)
    after = dump(ctx, audit=True)
    # The imports are audit-logged; every other table is exactly as it was.
    assert len(after.pop("audit_log")) == len(before.pop("audit_log")) + len(KINDS)
    assert after == before
