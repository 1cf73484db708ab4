"""Issue 17, item 3, in Debian's Chromium: a graduate holds a meeting, says the contact welcomes
follow-ups, and finds the thank-you-by and follow-up-by days under "Coming up" on the home
page: the days of the plan's .ics and of the calendar feed (one plan, `my_interviews.plan`).
The browser console is recorded on the way (artifacts/coming-up-console-*.txt); it must hold no
error of the app's own."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import ConsoleMessage, Page, expect

from networkit_core.dates import written
from networkit_core.models import InterviewStatus
from networkit_core.read_models.my_interviews import my_interviews
from tests import factories
from tests.app_session import set_password
from tests.browser_support import BlankServer, settled, shot, sign_in


def _coming_up(page: Page) -> str:
    """The text of the home page between "Coming up" and "Past"."""
    settled(page)
    text = page.get_by_test_id("stMain").inner_text()
    return text.split("Coming up", 1)[1].split("Past", 1)[0]


@pytest.mark.parametrize("width", [1280, 390])
def test_after_holding_a_meeting_coming_up_shows_the_plans_days(
    new_tab: Callable[..., Page], blank_server: BlankServer, width: int
) -> None:
    url, ctx = blank_server.url, blank_server.ctx
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

    page = new_tab(width=width, height=900)
    page.on("console", console)
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
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
