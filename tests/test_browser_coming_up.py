"""Issue 17, item 3, in Debian's Chromium: a graduate holds a meeting, says the contact welcomes
follow-ups, and finds the thank-you-by and follow-up-by days under "Coming up" on the home
page: the days of the plan's .ics and of the calendar feed (one plan, `my_interviews.plan`).
The browser console is recorded on the way (artifacts/coming-up-console-*.txt); it must hold no
error of the app's own."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import ConsoleMessage, Page, expect

from networkit_core import startup
from networkit_core.context import Context
from networkit_core.dates import written
from networkit_core.models import InterviewStatus
from networkit_core.read_models.my_interviews import my_interviews
from networkit_core.settings import Settings
from tests import factories
from tests.app_session import set_password
from tests.browser_support import (
    WAIT_MS,
    browser_or_skip,
    chromium,
    settled,
    shot,
    sign_in,
    streamlit_server,
)

pytestmark = pytest.mark.browser
expect.set_options(timeout=WAIT_MS)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Context]]:
    browser_or_skip()
    workdir = tmp_path_factory.mktemp("coming-up")
    database_url = f"sqlite:///{workdir / 'app.db'}"
    ctx = Context.from_settings(Settings(database_url=database_url))
    startup.prepare(ctx)
    try:
        with streamlit_server(database_url, workdir / "streamlit.log") as url:
            yield url, ctx
    finally:
        ctx.engine.dispose()


def _coming_up(page: Page) -> str:
    """The text of the home page between "Coming up" and "Past"."""
    settled(page)
    text = page.get_by_test_id("stMain").inner_text()
    return text.split("Coming up", 1)[1].split("Past", 1)[0]


@pytest.mark.parametrize("width", [1280, 390])
def test_after_holding_a_meeting_coming_up_shows_the_plans_days(
    served: tuple[str, Context], width: int
) -> None:
    url, ctx = served
    me, my_id = factories.graduate(ctx, factories.cohort(ctx, f"Cohort {width}"))
    set_password(ctx, me.id)
    contact = f"Priya Shah {width}"
    factories.interview(
        ctx,
        my_id,
        days_ago=1,  # yesterday, still marked planned: "What happened?"
        status=InterviewStatus.PLANNED,
        contact_id=factories.contact(ctx, my_id, contact, organization="Acme"),
    )
    met = ctx.clock.today() - timedelta(days=1)
    thank_you_by = written(met + timedelta(days=ctx.settings.thank_you_window_days))
    follow_up_by = written(met + timedelta(days=ctx.settings.follow_up_cadence_days))
    problems: list[str] = []

    def console(message: ConsoleMessage) -> None:
        if message.type == "error":
            problems.append(f"{message.text} ({message.location.get('url', '')})")

    with chromium() as browser:
        tab = browser.new_context(viewport={"width": width, "height": 900})
        tab.set_default_timeout(WAIT_MS)
        page = tab.new_page()
        page.on("console", console)
        page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
        try:
            page.goto(f"{url}/interviews")
            sign_in(page, me.email, factories.PASSWORD)
            expect(page.get_by_role("heading", name="Coming up")).to_be_visible()
            # Not held yet, so nothing to follow up; the thank-you-by day is in the plan already.
            assert "Follow up with" not in _coming_up(page)

            # Held: from the due card on the home page itself.
            page.get_by_role("button", name="It took place").click()
            expect(page.get_by_text("Recorded as held.")).to_be_visible()
            held = _coming_up(page)
            assert f"By {thank_you_by} (tomorrow) · Send the thank-you to {contact} (Acme)" in held
            assert "Nothing planned yet" not in held

            # Follow-ups welcome: set on the interview's page, then back home.
            page.get_by_test_id("stMain").get_by_role("link", name=contact).first.click()
            expect(page.get_by_role("heading", name=f"Interview with {contact}")).to_be_visible()
            page.get_by_text("Yes, they welcome it", exact=True).click()
            expect(page.get_by_text("Saved.", exact=True)).to_be_visible()
            page.get_by_test_id("stMain").get_by_role("link", name="My interviews").click()
            expect(page.get_by_role("heading", name="Coming up")).to_be_visible()
            planned = _coming_up(page)
            assert f"By {thank_you_by} (tomorrow) · Send the thank-you to {contact}" in planned
            assert f"By {follow_up_by} (in 29 days) · Follow up with {contact} (Acme)" in planned
            shot(page, f"coming-up-{width}")
        finally:
            tab.close()

    # The page shows the plan's own days: those the .ics and the feed are made from.
    plan = {(day.what, written(day.on)) for day in my_interviews(ctx, me).plan}
    assert plan == {("thank_you", thank_you_by), ("follow_up", follow_up_by)}
    save_console(problems, width)
    assert not problems, problems  # no console error, no request that failed


def save_console(problems: list[str], width: int) -> None:
    """The console's errors of the journey, kept beside the screenshots for the record."""
    folder = Path(__file__).resolve().parent.parent / "artifacts"
    folder.mkdir(exist_ok=True)
    (folder / f"coming-up-console-{width}.txt").write_text("\n".join(problems) + "\n")
