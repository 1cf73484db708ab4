"""The questions page in AppTest, per role: who sees which bank, who may curate, the ranking's
order, suggestions answered, a question taken to an interview.

The app runs on the system clock, so interviews are built relative to the real today.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Any

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from networkit_core.actor import Actor
from networkit_core.context import Context
from networkit_core.figures.questions import ranking_in
from networkit_core.figures.scope import FigureScope
from networkit_core.models import Role
from networkit_core.read_models.my_interviews import my_interviews
from networkit_core.read_models.question_browser import _vocabulary, questions_page
from networkit_core.services import questions
from networkit_core.services.contacts import NewContact
from networkit_core.services.interviews import get_interview_detail, log_interview
from networkit_core.services.questions import suggestions as question_suggestions
from tests import factories
from tests.app_session import Opener, set_password, sign_in

PAGE = "pages/shared/questions/page.py"


@pytest.fixture
def live(ctx: Context) -> Context:
    """The test database on the system clock, as the app sees it."""
    return Context(ctx.engine, ctx.settings)


def staff(ctx: Context, role: Role) -> Actor:
    return factories.user(ctx, role, password=factories.PASSWORD)


def graduate_of(ctx: Context, cohort_id: int) -> Actor:
    actor, _ = factories.graduate(ctx, cohort_id)
    set_password(ctx, actor.id)
    return actor


def open_questions(open_app: Opener, actor: Actor, **params: str) -> AppTest:
    at = sign_in(open_app(), actor.email)
    at.switch_page(PAGE)
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    assert not at.exception, at.exception
    return at


def frames(at: AppTest) -> list[pd.DataFrame]:
    return [frame.value for frame in at.dataframe]


def everything_shown(at: AppTest) -> str:
    """Every table cell, option, heading and line of text on the page, as one string."""
    parts = [frame.to_string() for frame in frames(at)]
    for box in [*at.selectbox, *at.multiselect]:
        parts += [str(option) for option in box.options]
    parts += [element.value for element in [*at.markdown, *at.caption, *at.info, *at.title]]
    return "\n".join(parts)


def button(at: AppTest, label: str) -> Any:
    return next(b for b in at.button if b.label == label)


def bank(ctx: Context, owner: Actor, name: str, text: str, **sharing: object) -> int:
    made = questions.create_bank(ctx, owner, name=name)
    questions.add_question(ctx, owner, made.id, text=text, category="Secrets", tags="hidden")
    if sharing:
        questions.set_bank_visibility(ctx, owner, made.id, **sharing)  # type: ignore[arg-type]
    return made.id


def test_a_private_bank_never_appears_to_anyone_else(open_app: Opener, live: Context) -> None:
    owner = staff(live, Role.ADVISOR)
    colleague = staff(live, Role.ADVISOR)
    group = factories.cohort(live, advisors=(owner, colleague))
    coached = graduate_of(live, group)
    admin = staff(live, Role.ADMIN)
    bank_id = bank(live, owner, "Owner's private bank", "A private question?")

    mine = open_questions(open_app, owner, manage=str(bank_id))
    assert "A private question?" in everything_shown(mine)
    for someone in (coached, colleague, admin):
        # Even asked for by its address, on every tab.
        at = open_questions(open_app, someone, bank=str(bank_id), manage=str(bank_id))
        shown = everything_shown(at)
        assert "A private question?" not in shown, someone.role
        assert "Owner's private bank" not in shown, someone.role
        assert "Secrets" not in shown and "hidden" not in shown  # not even its category or tag


def test_a_bank_shared_with_a_cohort_appears_to_its_graduates_and_advisors_only(
    open_app: Opener, live: Context
) -> None:
    owner = staff(live, Role.ADVISOR)
    co_advisor = staff(live, Role.ADVISOR)
    other_advisor = staff(live, Role.ADVISOR)
    spring = factories.cohort(live, "Spring", advisors=(owner, co_advisor))
    autumn = factories.cohort(live, "Autumn", advisors=(other_advisor,))
    inside, outside = graduate_of(live, spring), graduate_of(live, autumn)
    bank(
        live,
        owner,
        "Spring bank",
        "A question for Spring?",
        visibility="cohorts",
        cohort_ids=[spring],
    )

    for reader in (owner, co_advisor, inside):
        at = open_questions(open_app, reader)
        assert "A question for Spring?" in everything_shown(at), reader.email
        found = next(f for f in frames(at) if "From" in f.columns)
        row = found[found["Question"] == "A question for Spring?"].iloc[0]
        assert (row["Bank"], row["From"]) == ("Spring bank", owner.display_name)
    for stranger in (other_advisor, outside):
        at = open_questions(open_app, stranger)
        assert "A question for Spring?" not in everything_shown(at), stranger.email


def test_a_graduate_cannot_edit_a_bank(open_app: Opener, live: Context) -> None:
    owner = staff(live, Role.ADVISOR)
    group = factories.cohort(live, advisors=(owner,))
    graduate = graduate_of(live, group)
    bank_id = bank(live, owner, "Shared bank", "Shared question?", visibility="everyone")

    at = open_questions(open_app, graduate, tab="Manage banks", manage=str(bank_id))
    assert [tab.label for tab in at.tabs] == ["Find questions", "What works", "Suggest a question"]
    labels = {button.label for button in at.button}
    assert not labels & {"Create bank", "Add question", "Save sharing", "Rename", "Delete bank"}
    assert "Bank to work on" not in [box.label for box in at.selectbox]
    # The advisor, on the same address, gets the curating tools.
    mine = open_questions(open_app, owner, tab="Manage banks", manage=str(bank_id))
    assert {"Create bank", "Add question", "Save sharing", "Rename", "Delete bank"} <= {
        button.label for button in mine.button
    }


def wilson(useful: int, rated: int) -> float:
    """The rule's key, written independently: the smaller root p of
    (share - p)^2 = z^2 p (1 - p) / n at 95 %."""
    z2, share = 1.959964**2, useful / rated
    a, b, c = 1 + z2 / rated, -(2 * share + z2 / rated), share * share
    return (-b - math.sqrt(b * b - 4 * a * c)) / (2 * a)


def test_the_ranking_follows_the_wilson_rule(open_app: Opener, live: Context) -> None:
    advisor = staff(live, Role.ADVISOR)
    group = factories.cohort(live, "Ranked", advisors=(advisor,))
    _, graduate_id = factories.graduate(live, group)
    made = questions.create_bank(live, advisor, name="Ranked bank")
    # (text, ratings): useful = 4 or 5.
    seeded = {
        "One of one?": [5],
        "Forty of fifty?": [5] * 30 + [4] * 10 + [2] * 10,
        "Three of three?": [4, 5, 4],
        "Eight of twenty?": [5] * 8 + [1] * 12,
        "Two of two?": [5, 5],
    }
    for text, ratings in seeded.items():
        question = questions.add_question(live, advisor, made.id, text=text, category="Ranked")
        factories.ratings(live, graduate_id, question.id, ratings)  # type: ignore[arg-type]
    useful = {text: sum(r >= 4 for r in ratings) for text, ratings in seeded.items()}
    expected = sorted(seeded, key=lambda text: -wilson(useful[text], len(seeded[text])))
    assert expected[0] == "Forty of fifty?" and expected.index("One of one?") > 0

    at = open_questions(
        open_app, advisor, tab="What works", cohort="Ranked", rank_category="Ranked"
    )
    ranking = next(f for f in frames(at) if "Rank" in f.columns)
    assert list(ranking["Question"]) == expected
    assert list(ranking["Rank"]) == list(range(1, len(expected) + 1))
    first = ranking.iloc[0]
    assert (first["Useful"], first["Used"]) == ("40 of 50", 50)
    assert first["At least useful"] == f"{wilson(40, 50) * 100:.1f} %"
    assert "4 or 5" in everything_shown(at)  # the page says what "useful" means
    # The sentence that names the best question (tables on a phone add their own lines).
    best = [m.value for m in at.markdown if "Works best:" in m.value]
    assert len(best) == 1 and "Forty of fifty?" in best[0]
    # Unfiltered, the ranking and the vocabulary come from the search's rows: as read apart.
    for who in (advisor, staff(live, Role.ADMIN)):
        page = questions_page(live, who)
        assert len(page.ranking) == len(seeded) or who.is_admin
        with live.unit_of_work() as session:
            assert page.ranking == tuple(ranking_in(session, who, FigureScope.everything()))
            assert (page.categories, page.tags) == _vocabulary(session, who)


def test_a_graduate_suggests_and_the_advisor_accepts(open_app: Opener, live: Context) -> None:
    advisor = staff(live, Role.ADVISOR)
    group = factories.cohort(live, advisors=(advisor,))
    graduate = graduate_of(live, group)
    bank_id = bank(
        live, advisor, "Suggestible", "First question?", visibility="cohorts", cohort_ids=[group]
    )

    at = open_questions(open_app, graduate, tab="Suggest a question")
    at.selectbox(key="suggest_bank").select(bank_id)
    at.text_area(key="suggest_text").input("What do you read to keep up?")
    at.text_input(key="suggest_tags").input("learning")
    button(at, "Suggest").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    mine = next(f for f in frames(at) if "Status" in f.columns)
    assert list(mine["Status"]) == ["Pending"]

    review = open_questions(open_app, advisor, tab="Suggestions")
    assert "1 suggested question waits" in review.info[0].value
    (pending,) = question_suggestions.list_suggestions(live, advisor)
    review.button(key=f"suggestion_{pending.id}_accept").click().run()
    assert not review.exception and not review.error
    detail = questions.bank_detail(live, advisor, bank_id)
    assert [q.text for q in detail.questions] == ["First question?", "What do you read to keep up?"]


def test_a_graduate_takes_a_question_found_by_tag_to_an_interview(
    open_app: Opener, live: Context
) -> None:
    advisor = staff(live, Role.ADVISOR)
    group = factories.cohort(live, advisors=(advisor,))
    graduate = graduate_of(live, group)
    bank(live, advisor, "Tagged", "Tagged question?", visibility="everyone")
    log_interview(
        live,
        graduate,
        meeting_date=date.today(),
        new_contact=NewContact(name="Ada <Lovelace>", organization="Engines"),
    )
    (interview,) = my_interviews(live, graduate).upcoming

    at = open_questions(open_app, graduate, tag="hidden")
    found = next(f for f in frames(at) if "From" in f.columns)
    assert list(found["Question"]) == ["Tagged question?"]
    button(at, "Add to the interview").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    detail = get_interview_detail(live, graduate, interview.id)
    assert [q.text for q in detail.questions] == ["Tagged question?"]
    assert "1 question ready" in at.caption[0].value


def test_a_new_bank_and_a_copy_open_to_be_worked_on(open_app: Opener, live: Context) -> None:
    """Issue 17, 7b: after "Create bank" (or "Copy to my banks") the bank just made is the one
    chosen to work on, in the address and the select, with its panel open."""
    advisor = staff(live, Role.ADVISOR)
    at = open_questions(open_app, advisor, tab="Manage banks")
    at.text_input(key="bank_new_name").input("Interview openers")
    at = button(at, "Create bank").click().run()
    assert not at.exception and not at.error
    made = next(b for b in questions.list_banks(live, advisor) if b.name == "Interview openers")
    assert at.query_params["manage"] == str(made.id)
    assert at.selectbox(key="manage_bank").value == made.id
    assert "#### Interview openers" in [m.value for m in at.markdown]

    at = button(at, "Copy to my banks").click().run()
    assert not at.exception and not at.error
    copy = next(b for b in questions.list_banks(live, advisor) if b.name.endswith("(copy)"))
    assert at.query_params["manage"] == str(copy.id)
    assert at.selectbox(key="manage_bank").value == copy.id
