"""Every export, for every role: exactly the graduates that role may see, and a cohort out of
reach refused the same way as a cohort that does not exist."""

from __future__ import annotations

import csv
import io

import pytest

from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.errors import AccessDenied
from networkit_core.interchange import export
from tests import factories
from tests.csv_support import populate

SPRING = {"ana.lima@example.org", "ben.okafor@example.org"}
EVERYONE = SPRING | {"chloe.durand@example.org"}
# Where each export names the graduate: roster and cohort report by email, interviews by
# graduate_email, follow-ups by interview_id (mapped back through the interviews export).
EMAIL_COLUMN = {
    "roster": "email",
    "interviews": "graduate_email",
    "cohort-report": "graduate_email",
}


def _records(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


def _graduates_in(ctx: Context, actor: Actor, kind: str) -> set[str]:
    if kind == "follow-ups":
        owner = {
            row["interview_id"]: row["graduate_email"]
            for row in _records(export(ctx, actor, "interviews"))
        }
        rows = _records(export(ctx, actor, kind))
        return {owner[row["interview_id"]] for row in rows}
    rows = _records(export(ctx, actor, kind))
    return {row[EMAIL_COLUMN[kind]] for row in rows}


@pytest.mark.parametrize("kind", ["roster", "interviews", "follow-ups", "cohort-report"])
def test_each_role_exports_exactly_whom_it_may_see(ctx: Context, kind: str) -> None:
    people = populate(ctx)
    ana = people["grads"][0][0]
    assert _graduates_in(ctx, people["admin"], kind) == EVERYONE
    assert _graduates_in(ctx, people["advisor"], kind) == SPRING
    assert _graduates_in(ctx, ana, kind) == {"ana.lima@example.org"}


@pytest.mark.parametrize("kind", ["roster", "interviews", "follow-ups", "cohort-report"])
def test_a_cohort_out_of_reach_looks_like_a_missing_one(ctx: Context, kind: str) -> None:
    people = populate(ctx)
    ana = people["grads"][0][0]
    for actor, foreign in ((people["advisor"], "Autumn 2025 Design"), (ana, "Autumn 2025 Design")):
        with pytest.raises(AccessDenied) as out_of_reach:
            export(ctx, actor, kind, cohort=foreign)
        with pytest.raises(AccessDenied) as missing:
            export(ctx, actor, kind, cohort="No Such Cohort")
        assert str(out_of_reach.value) == str(missing.value)


def test_questions_export_holds_only_visible_banks(ctx: Context) -> None:
    people = populate(ctx)
    private = "Private: which of my cohorts is quietest?"
    spring_only = "Shared with Spring: what does a week in your role look like?"
    factories.bank(ctx, people["other_advisor"].id, questions=(private,))
    factories.bank(
        ctx,
        people["advisor"].id,
        visibility="cohorts",
        questions=(spring_only,),
        shared_with=(people["spring"],),
    )

    def questions(actor: Actor) -> set[str]:
        return {row["question"] for row in _records(export(ctx, actor, "questions"))}

    ana, chloe = people["grads"][0][0], people["grads"][2][0]
    # Private means the owner alone: an admin exports every shared bank, no private one.
    assert spring_only in questions(people["admin"]) and private not in questions(people["admin"])
    assert spring_only in questions(people["advisor"]) and private not in questions(
        people["advisor"]
    )
    assert private in questions(people["other_advisor"])
    assert spring_only not in questions(people["other_advisor"])
    assert spring_only in questions(ana) and private not in questions(ana)
    assert not {private, spring_only} & questions(chloe)
    assert "What surprised you most in your first year?" in questions(chloe)  # shared with all
