"""The questions page's core: usefulness ranked by the Wilson lower bound, browsing with
search, suggestions accepted or declined, the read-only starter bank, one bank in CSV."""

from __future__ import annotations

import json
import math

import pytest
from sqlalchemy import func, select

from networkit_core.cli.figures_cmd import figures_report
from networkit_core.context import Context
from networkit_core.errors import AccessDenied, InvalidInput
from networkit_core.figures.questions import USEFUL_FROM, question_ranking, wilson_lower_bound
from networkit_core.figures.scope import ALL_TIME, FigureScope
from networkit_core.interchange import ImportRefused, export, import_now, preview
from networkit_core.models import QuestionBank, Role, SuggestionStatus
from networkit_core.read_models.interview_page import open_interview
from networkit_core.read_models.question_browser import (
    QuestionSearch,
    RankingFilter,
    questions_page,
)
from networkit_core.services import questions
from networkit_core.services.questions import suggestions
from tests import factories

EVERYTHING = FigureScope.everything()


def reference_bound(useful: int, rated: int) -> float:
    """Wilson's lower bound derived independently: the smaller root p of
    (share - p)^2 = z^2 p (1 - p) / n, i.e. of a p^2 + b p + c = 0, z for 95 %."""
    z2, n, share = 1.959964**2, rated, useful / rated
    a, b, c = 1 + z2 / n, -(2 * share + z2 / n), share * share
    return (-b - math.sqrt(b * b - 4 * a * c)) / (2 * a)


def test_wilson_bound_matches_the_formula_and_one_of_one_loses_to_40_of_50() -> None:
    assert wilson_lower_bound(0, 0) is None
    for useful, rated in [(1, 1), (40, 50), (0, 3), (7, 9), (50, 50)]:
        assert wilson_lower_bound(useful, rated) == pytest.approx(reference_bound(useful, rated))
    assert wilson_lower_bound(1, 1) == pytest.approx(0.2065, abs=1e-4)
    assert wilson_lower_bound(40, 50) == pytest.approx(0.6696, abs=1e-4)
    assert wilson_lower_bound(40, 50) > wilson_lower_bound(1, 1)  # type: ignore[operator]


def test_ranking_counts_useful_ratings_and_ranks_by_the_bound(ctx: Context) -> None:
    advisor = factories.user(ctx, Role.ADVISOR)
    group = factories.cohort(ctx, "Spring", advisors=(advisor,))
    other = factories.cohort(ctx, "Autumn", advisors=(advisor,))
    _, grad = factories.graduate(ctx, group)
    _, later = factories.graduate(ctx, other)
    factories.more_graduates(ctx, group, 3)  # a group whose figures the command gives
    bank = questions.create_bank(ctx, advisor, name="Mine")
    ids = {}
    for text, category in [
        ("One of one", "Opening"),
        ("Forty of fifty", "Career path"),
        ("Three of four", "Opening"),
        ("Never rated", "Opening"),
    ]:
        ids[text] = questions.add_question(ctx, advisor, bank.id, text=text, category=category).id
    factories.ratings(ctx, grad, ids["One of one"], [5])
    factories.ratings(ctx, grad, ids["Forty of fifty"], [5] * 25 + [4] * 15 + [3] * 6 + [1] * 4)
    factories.ratings(ctx, later, ids["Three of four"], [4, 4, 5, 2, None])
    factories.ratings(ctx, later, ids["Never rated"], [None])

    ranking = question_ranking(ctx, advisor, EVERYTHING)
    assert [(q.text, q.times_used, q.times_rated, q.times_useful) for q in ranking] == [
        ("Forty of fifty", 50, 50, 40),
        ("Three of four", 5, 4, 3),
        ("One of one", 1, 1, 1),
        ("Never rated", 1, 0, 0),
    ]
    first = ranking[0]
    assert first.useful_share == pytest.approx(0.8)
    assert first.wilson_lower_bound == pytest.approx(reference_bound(40, 50))
    assert ranking[-1].wilson_lower_bound is None and ranking[-1].useful_share is None
    # Filters: one category, one cohort.
    opening = question_ranking(ctx, advisor, EVERYTHING, category="Opening")
    assert [q.text for q in opening] == ["Three of four", "One of one", "Never rated"]
    spring = question_ranking(ctx, advisor, FigureScope.cohort(group))
    assert [q.text for q in spring] == ["Forty of fifty", "One of one"]
    # The command line's JSON carries the same figure, from the same function.
    report = json.loads(json.dumps(figures_report(ctx, advisor, EVERYTHING, ALL_TIME), default=str))
    top = report["question_usefulness"][0]
    assert (top["text"], top["times_useful"], top["times_rated"]) == ("Forty of fifty", 40, 50)
    assert top["wilson_lower_bound"] == pytest.approx(first.wilson_lower_bound)
    assert USEFUL_FROM == 4


def test_a_graduate_sees_counts_from_every_graduate_but_no_foreign_cohort_scope(
    ctx: Context,
) -> None:
    advisor = factories.user(ctx, Role.ADVISOR)
    group = factories.cohort(ctx, advisors=(advisor,))
    me, my_id = factories.graduate(ctx, group)
    _, elsewhere = factories.graduate(ctx, factories.cohort(ctx))
    starter = questions.list_banks(ctx, me)[0]
    question = questions.bank_detail(ctx, me, starter.id).questions[0]
    factories.ratings(ctx, my_id, question.id, [5])
    factories.ratings(ctx, elsewhere, question.id, [4, 2])
    (line,) = [q for q in questions_page(ctx, me).questions if q.id == question.id]
    assert (line.times_used, line.times_rated, line.times_useful) == (3, 3, 2)
    # The advisor counts their own cohorts' ratings only.
    (coached,) = [q for q in questions_page(ctx, advisor).questions if q.id == question.id]
    assert (coached.times_rated, coached.times_useful) == (1, 1)
    factories.cohort(ctx, "Not mine")
    for name in ("Not mine", "No such cohort"):
        with pytest.raises(AccessDenied):
            questions_page(ctx, me, ranking=RankingFilter(cohort=name))


def test_search_by_text_category_and_tag_shows_bank_and_owner(ctx: Context) -> None:
    advisor = factories.user(ctx, Role.ADVISOR)
    group = factories.cohort(ctx, advisors=(advisor,))
    graduate, _ = factories.graduate(ctx, group)
    bank = questions.create_bank(ctx, advisor, name="Finance 100%")
    questions.add_question(
        ctx, advisor, bank.id, text="What is 100% of your week?", category="Day", tags="time;week"
    )
    questions.add_question(
        ctx, advisor, bank.id, text="Who hires juniors?", category="Hiring", tags="timeline"
    )
    questions.set_bank_visibility(ctx, advisor, bank.id, visibility="cohorts", cohort_ids=[group])

    def found(**search: object) -> list[str]:
        page = questions_page(ctx, graduate, QuestionSearch(**search))  # type: ignore[arg-type]
        return [q.text for q in page.questions if q.bank_id == bank.id]

    assert found() == ["What is 100% of your week?", "Who hires juniors?"]
    assert found(text="  100%  ") == ["What is 100% of your week?"]
    assert found(text="10_%") == []  # LIKE wildcards are taken literally
    assert found(text="HIRES") == ["Who hires juniors?"]
    assert found(category="Hiring") == ["Who hires juniors?"]
    assert found(tag="time") == ["What is 100% of your week?"]  # whole tags: not "timeline"
    assert found(tag="Timeline") == ["Who hires juniors?"]
    page = questions_page(ctx, graduate)
    line = next(q for q in page.questions if q.bank_id == bank.id)
    assert (line.bank_name, line.owner_name) == ("Finance 100%", advisor.display_name)
    starter_line = next(q for q in page.questions if q.bank_id != bank.id)
    assert starter_line.owner_name == questions.STARTER_OWNER
    assert {"Day", "Hiring"} <= set(page.categories)
    assert {"time", "timeline", "week"} <= set(page.tags)


def test_one_search_matches_text_category_and_tags_on_both_pages(ctx: Context) -> None:
    """/questions and the interview page search alike: each word in the question, its category
    or its tags (issue 17, item 7a: /questions matched the question's text only)."""
    advisor = factories.user(ctx, Role.ADVISOR)
    group = factories.cohort(ctx, advisors=(advisor,))
    graduate, _ = factories.graduate(ctx, group)
    bank = questions.create_bank(ctx, advisor, name="Paths")
    questions.add_question(
        ctx, advisor, bank.id, text="How did you start?", category="Career path", tags="origins"
    )
    questions.add_question(ctx, advisor, bank.id, text="Who hires?", tags="hiring;entry_level")
    questions.set_bank_visibility(ctx, advisor, bank.id, visibility="cohorts", cohort_ids=[group])

    def on_questions_page(text: str) -> list[str]:
        page = questions_page(ctx, graduate, QuestionSearch(text=text))
        return [q.text for q in page.questions if q.bank_id == bank.id]

    def on_interview_page(text: str) -> list[str]:
        page = open_interview(ctx, graduate, None, search=text)
        return [q.text for q in page.questions if q.bank_name == "Paths"]

    for search, expected in [
        ("career PATH", ["How did you start?"]),  # the category, word by word
        ("origins", ["How did you start?"]),  # a tag
        ("hiring who", ["Who hires?"]),  # a tag and a word of the text
        ("entry_level", ["Who hires?"]),
        ("entry%level", []),  # wildcards are characters
        ("career hiring", []),  # every word must match
    ]:
        assert on_questions_page(search) == expected, search
        assert on_interview_page(search) == expected, search


def test_the_starter_bank_is_read_only_for_everyone_and_can_be_copied(ctx: Context) -> None:
    admin = factories.user(ctx, Role.ADMIN)
    starter = next(b for b in questions.list_banks(ctx, admin) if b.is_starter)
    assert not starter.can_edit
    with pytest.raises(AccessDenied):
        questions.rename_bank(ctx, admin, starter.id, name="Mine now")
    with pytest.raises(AccessDenied):
        questions.add_question(ctx, admin, starter.id, text="Extra?")
    copy = questions.copy_bank(ctx, admin, starter.id, name="Our starter")
    assert copy.can_edit and copy.question_count == starter.question_count


def test_a_suggestion_is_accepted_into_the_bank_or_declined(ctx: Context) -> None:
    advisor = factories.user(ctx, Role.ADVISOR)
    group = factories.cohort(ctx, advisors=(advisor,))
    graduate, _ = factories.graduate(ctx, group)
    outsider, _ = factories.graduate(ctx, factories.cohort(ctx))
    bank = questions.create_bank(ctx, advisor, name="Shared")
    questions.set_bank_visibility(ctx, advisor, bank.id, visibility="cohorts", cohort_ids=[group])

    good = suggestions.suggest_question(
        ctx, graduate, bank.id, text=" What would you do differently? ", tags="Reflection"
    )
    meh = suggestions.suggest_question(ctx, graduate, bank.id, text="What is your salary?")
    assert good.status is SuggestionStatus.PENDING and not good.can_decide
    # Pending suggestions are not questions of the bank yet.
    assert questions.bank_detail(ctx, advisor, bank.id).questions == ()
    waiting = suggestions.list_suggestions(ctx, advisor)
    assert [(s.text, s.suggested_by, s.can_decide) for s in waiting] == [
        ("What is your salary?", graduate.display_name, True),
        ("What would you do differently?", graduate.display_name, True),
    ]
    with pytest.raises(AccessDenied):
        suggestions.accept_suggestion(ctx, graduate, good.id)  # a graduate never curates
    with pytest.raises(AccessDenied):
        suggestions.suggest_question(ctx, outsider, bank.id, text="Can I?")
    with pytest.raises(AccessDenied):
        suggestions.suggest_question(ctx, advisor, bank.id, text="Mine?")
    starter = next(b for b in questions.list_banks(ctx, graduate) if b.is_starter)
    with pytest.raises(InvalidInput, match="starter bank is read-only"):
        suggestions.suggest_question(ctx, graduate, starter.id, text="More?")
    with pytest.raises(InvalidInput, match="question is required"):
        suggestions.suggest_question(ctx, graduate, bank.id, text="  ")

    accepted = suggestions.accept_suggestion(ctx, advisor, good.id)
    declined = suggestions.decline_suggestion(ctx, advisor, meh.id)
    assert (accepted.status, declined.status) == (
        SuggestionStatus.ACCEPTED,
        SuggestionStatus.DECLINED,
    )
    (added,) = questions.bank_detail(ctx, advisor, bank.id).questions
    assert (added.text, added.tags) == ("What would you do differently?", "reflection")
    with pytest.raises(InvalidInput, match="already declined"):
        suggestions.accept_suggestion(ctx, advisor, meh.id)
    assert suggestions.list_suggestions(ctx, advisor) == []
    mine = suggestions.list_suggestions(ctx, graduate, status=None)
    assert {(s.text, s.status) for s in mine} == {
        ("What would you do differently?", SuggestionStatus.ACCEPTED),
        ("What is your salary?", SuggestionStatus.DECLINED),
    }
    assert suggestions.list_suggestions(ctx, outsider, status=None) == []


def test_one_bank_exports_and_imports_into_a_new_bank(ctx: Context) -> None:
    advisor = factories.user(ctx, Role.ADVISOR)
    bank = questions.create_bank(ctx, advisor, name="Finance")
    questions.add_question(ctx, advisor, bank.id, text="=Why finance?", category="Opening")
    questions.add_question(ctx, advisor, bank.id, text="Which desk?", tags="desk;markets")
    other = questions.create_bank(ctx, advisor, name="Other")
    questions.add_question(ctx, advisor, other.id, text="Not this one")

    data = export(ctx, advisor, "questions", bank_id=bank.id)
    assert data.decode().splitlines() == [
        "question,category,tags",
        "'=Why finance?,Opening,",  # a formula neutralised
        "Which desk?,,desk;markets",
    ]
    checked = preview(ctx, advisor, "questions", data, new_bank="Finance again")
    assert checked.ok and checked.counts.new == 2
    result = import_now(ctx, advisor, "questions", data, new_bank="Finance again")
    assert result.counts.new == 2
    copy = next(b for b in questions.list_banks(ctx, advisor) if b.name == "Finance again")
    assert copy.question_count == 2 and copy.can_edit

    stranger = factories.user(ctx, Role.ADVISOR)
    with pytest.raises(AccessDenied):
        export(ctx, stranger, "questions", bank_id=bank.id)
    banks_before = _bank_count(ctx)
    with pytest.raises(ImportRefused):
        import_now(ctx, advisor, "questions", b"question,tags\n,x\n", new_bank="Broken")
    assert _bank_count(ctx) == banks_before  # nothing half-written
    with pytest.raises(InvalidInput, match="bank name is required"):
        import_now(ctx, advisor, "questions", data, new_bank="  ")


def _bank_count(ctx: Context) -> int:
    with ctx.unit_of_work() as session:
        return int(session.scalar(select(func.count()).select_from(QuestionBank)) or 0)
