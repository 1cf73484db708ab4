"""What the load benchmark's browser sessions do (bench/cluster.py drives them), timed.

A graduate signs in, then over and over: opens a new interview, logs it with a new contact, ticks
two checklist items, records it as held, marks the thank-you sent, says the contact welcomes a
follow-up, logs one, and opens My interviews. An advisor signs in, then over and over: opens the
dashboard, ticks the first graduate of the nudge list and records the nudge.

Each step is a page load (an address opened afresh: a new websocket and a first run) or a save (a
click until its confirmation shows), timed until the page has settled. A step fails when it takes
longer than STEP_SECONDS, or when the page shows an exception box or an error; the session then
opens its home page again (signing in again if it was signed out, itself an error) and goes on.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from playwright.async_api import Locator, Page

STEP_SECONDS = 60.0  # a step slower than this is an error (a person would have given up)
BROWSERS = 3  # Chromium processes the sessions' contexts are spread over
ACTIVE = 12  # steps in flight at once, across every session
GRADUATE_THINK = (2.0, 5.0)  # seconds a graduate pauses between two steps
ADVISOR_THINK = (4.0, 10.0)  # an advisor reads the dashboard longer
RAMP_SECONDS = 60.0  # the sessions start one after another over this time
SERVER_COOKIE = "NETWORKIT_SERVER"  # HAProxy's sticky cookie (deploy/haproxy-local.cfg)
ROW_PX = 35  # Streamlit's row (and header) height in a table
SETTLED = '[data-testid="stApp"][data-test-script-state="notRunning"]'
TABLES_DRAWN = """() => [...document.querySelectorAll('[data-testid="stDataFrame"]')].every(
  (grid) => grid.getClientRects().length === 0 || grid.querySelector(".dvn-scroller"))"""
# What a person would read as the page going wrong: an exception box, an error message.
TROUBLE = '[data-testid="stException"], [data-testid="stAlertContentError"]'


@dataclass(frozen=True)
class Timing:
    kind: str  # "page load", "save" or "sign-in" (a password checked: slow on purpose)
    step: str
    seconds: float
    at: float  # seconds since the run started


@dataclass(frozen=True)
class Failure:
    session: str
    step: str
    what: str
    at: float


@dataclass
class Record:
    """Every timing and every failure of a run, and the run's clock."""

    started: float = field(default_factory=time.monotonic)
    timings: list[Timing] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    # The app process each session was last seen on (the balancer's cookie), behind a cluster.
    on: dict[str, str] = field(default_factory=dict)

    def now(self) -> float:
        return time.monotonic() - self.started


class StepFailed(Exception):
    """A step failed (recorded): the session opens its home page again."""


class RunOver(Exception):
    """The run's time is up: the session stops before its next step."""


@dataclass
class Session:
    """One browser session: its page, whose account, the run's record and its limits."""

    name: str
    page: Page
    url: str
    email: str
    password: str
    record: Record
    active: asyncio.Semaphore  # at most this many steps in flight across all sessions
    deadline: float  # on the run's clock: no step starts after it
    think: tuple[float, float]  # seconds a person pauses between steps
    rng: random.Random
    signed_in: bool = False  # once its sign-in has gone through

    async def step(self, kind: str, name: str, action: Callable[[], Awaitable[None]]) -> None:
        """Time `action` (bounded by STEP_SECONDS), then look for trouble on the page."""
        if self.record.now() >= self.deadline:
            raise RunOver
        async with self.active:
            began = time.monotonic()
            try:
                await asyncio.wait_for(_then_settled(action, self.page), STEP_SECONDS)
            except TimeoutError:  # asyncio's: the step's own bound
                shows = await _what_shows(self.page)
                raise self._failed(name, f"no answer within {STEP_SECONDS:g} s ({shows})") from None
            except Exception as error:
                raise self._failed(name, _first_line(error)) from None
            seconds = time.monotonic() - began
        trouble = self.page.locator(TROUBLE)
        if await trouble.count():
            shown = _first_line(await trouble.first.inner_text())
            raise self._failed(name, f"the page shows: {shown}")
        self.record.timings.append(Timing(kind, name, seconds, self.record.now()))

    async def placed(self) -> None:
        """Note which app process the balancer keeps this session on."""
        for cookie in await self.page.context.cookies():
            if cookie.get("name") == SERVER_COOKIE:
                self.record.on[self.name] = str(cookie.get("value"))

    def _failed(self, step: str, what: str) -> StepFailed:
        self.record.failures.append(Failure(self.name, step, what, self.record.now()))
        return StepFailed(what)

    async def pause(self) -> None:
        """A person's pause between two steps."""
        await asyncio.sleep(self.rng.uniform(*self.think))

    async def sign_in(self, heading: str) -> None:
        page = self.page

        async def form() -> None:
            await page.goto(self.url)
            await page.get_by_label("Email").wait_for()

        await self.step("page load", "sign-in page", form)

        async def submitted() -> None:
            await page.get_by_label("Email").fill(self.email)
            await page.get_by_label("Password", exact=True).fill(self.password)
            await page.get_by_role("button", name="Sign in").click()
            await page.get_by_role("heading", name=heading).first.wait_for()

        await self.step("sign-in", "sign in", submitted)
        self.signed_in = True
        await self.placed()

    async def open(self, step: str, address: str, heading: str) -> None:
        """A page load: `address` opened afresh, until `heading` shows and the run has ended."""

        async def load() -> None:
            await self.page.goto(f"{self.url}/{address}")
            await self.page.get_by_role("heading", name=heading).first.wait_for()

        await self.step("page load", step, load)
        await self.placed()

    async def recover(self, address: str, heading: str) -> None:
        """After a failure: the home page again, signing in again if the session was lost."""
        page = self.page
        for _ in range(3):
            if self.record.now() >= self.deadline:
                return
            try:
                await asyncio.wait_for(page.goto(f"{self.url}/{address}"), STEP_SECONDS)
                home = page.get_by_role("heading", name=heading).first
                form = page.get_by_label("Email")
                await home.or_(form).first.wait_for(timeout=STEP_SECONDS * 1000)
                await settled(page)
                if await home.count():
                    await self.placed()
                    return
                if self.signed_in:  # a sign-in that timed out leaves the form: nothing was lost
                    self._failed("recover", "signed out")
                await self.sign_in(heading)
                return
            except RunOver:
                return
            except StepFailed:
                await asyncio.sleep(2)
            except Exception as error:
                self._failed("recover", _first_line(error))
                await asyncio.sleep(2)


async def _then_settled(action: Callable[[], Awaitable[None]], page: Page) -> None:
    await action()
    await settled(page)


async def _what_shows(page: Page) -> str:
    """What a step that timed out left on the page: Streamlit's run or connection state and
    the address, so a reader can tell a slow run from a page that lost its server."""
    try:
        state = await asyncio.wait_for(page.evaluate(SHOWS), 5)
    except Exception:  # a page too busy to answer, or gone
        return "the page did not answer"
    script, status = state
    path = page.url.split("/", 3)[-1].split("?")[0] or "/"
    return f"run {script}, status {status or 'none'}, at /{path.lstrip('/')}"


SHOWS = """() => {
          const app = document.querySelector('[data-testid="stApp"]');
          const status = document.querySelector('[data-testid="stStatusWidget"]');
          return [app ? app.getAttribute('data-test-script-state') : 'no app',
                  status ? status.innerText.replace(/\\s+/g, ' ').trim() : ''];
        }"""


def _first_line(error: object) -> str:
    text = str(error).strip()
    return (text.splitlines() or [type(error).__name__])[0][:160]


async def settled(page: Page) -> None:
    """The run has finished and no placeholder is left."""
    await page.locator(SETTLED).wait_for()
    await page.locator('[data-testid="stSkeleton"]').first.wait_for(state="detached")


async def _type_date(page: Page, label: str, day: date) -> None:
    """Type a date into Streamlit's date field (segments year, month, day)."""
    field_ = page.get_by_role("group", name=label, exact=True)
    await field_.get_by_role("spinbutton").first.click()
    await page.keyboard.type(f"{day:%Y%m%d}")
    await page.keyboard.press("Tab")


def _summary(page: Page, text: str) -> Locator:
    return page.locator("summary").filter(has_text=text).first


# --- a graduate ------------------------------------------------------------------------------

HOME = "Hello,"  # My interviews' heading ("Hello, Ada")


async def graduate(session: Session, today: date) -> None:
    """Sign in, then log and complete interviews until the run is over."""
    await _until_over(session, "interviews", HOME, lambda: session.sign_in(HOME))
    number = 0
    while True:
        number += 1
        if not await _until_over(
            session, "interviews", HOME, lambda n=number: _one_interview(session, today, n)
        ):
            return


async def _one_interview(session: Session, today: date, number: int) -> None:
    page = session.page
    contact = f"Load contact {session.name}-{number}"
    await session.pause()
    await session.open("new interview", "interview", "New interview")
    await session.pause()

    async def logged() -> None:
        someone_new = page.get_by_text("Someone new", exact=True)
        if await someone_new.count():
            await someone_new.click()
            await settled(page)
        await page.get_by_label("Contact's name").fill(contact)
        await _type_date(page, "Date", today - timedelta(days=3))
        await page.get_by_role("button", name="Save interview").click()
        await page.get_by_role("heading", name=f"Interview with {contact}").wait_for()

    await session.step("save", "log an interview", logged)
    for done in (1, 2):
        await session.pause()

        async def ticked(done: int = done) -> None:
            checklist = page.get_by_test_id("stExpander").filter(has_text="Preparation checklist")
            await checklist.get_by_test_id("stCheckbox").nth(done - 1).locator("label").click()
            # While open the count is on the list's bar ("2 of 8 done"), not in its title.
            await checklist.get_by_test_id("stProgress").filter(has_text=f"{done} of ").wait_for()

        await session.step("save", "tick a checklist item", ticked)
    await session.pause()

    async def held() -> None:
        await page.get_by_role("button", name="It took place").click()
        await page.get_by_text("Recorded as held.").first.wait_for()

    await session.step("save", "record it as held", held)
    await session.pause()

    async def thanked() -> None:
        await page.get_by_role("button", name="Mark thank-you sent").click()
        await _summary(page, "Thank-you · sent").wait_for()

    await session.step("save", "mark the thank-you sent", thanked)
    await session.pause()

    async def welcomed() -> None:
        await page.get_by_text("Yes, they welcome it", exact=True).click()
        await page.get_by_text("Saved.", exact=True).first.wait_for()

    await session.step("save", "say a follow-up is welcome", welcomed)
    await session.pause()

    async def followed_up() -> None:
        await page.get_by_role("button", name="Log follow-up").click()
        await _summary(page, "Follow-ups · 1 logged").wait_for()

    await session.step("save", "log a follow-up", followed_up)
    await session.pause()
    await session.open("my interviews", "interviews", HOME)


# --- an advisor ------------------------------------------------------------------------------

DASHBOARD = "Who needs a nudge"


async def advisor(session: Session) -> None:
    """Sign in, then open the dashboard and nudge until the run is over."""
    await _until_over(session, "dashboard", DASHBOARD, lambda: session.sign_in(DASHBOARD))
    while await _until_over(session, "dashboard", DASHBOARD, lambda: _one_nudge(session)):
        pass


async def _one_nudge(session: Session) -> None:
    page = session.page
    await session.pause()
    await session.open("dashboard", "dashboard", DASHBOARD)
    if await page.get_by_text("Nobody needs a nudge today.").count():
        return
    await session.pause()

    async def nudged() -> None:
        await page.wait_for_function(TABLES_DRAWN)
        grid = page.locator('[class*="st-key-wide-triage"] [data-testid="stDataFrame"]')
        box = await grid.bounding_box()
        if box is None:
            raise RuntimeError("the nudge list is not drawn")
        await page.mouse.click(box["x"] + 18, box["y"] + ROW_PX * 1.5)  # the first row's box
        await page.get_by_role("button", name="Record 1 nudge").click()
        await page.get_by_text("Nudges recorded.").first.wait_for()

    await session.step("save", "record a nudge", nudged)


async def _until_over(
    session: Session, address: str, heading: str, steps: Callable[[], Awaitable[None]]
) -> bool:
    """Run `steps`; after a failure, the home page again. False once the run is over."""
    try:
        await steps()
    except RunOver:
        return False
    except StepFailed:
        await session.recover(address, heading)
    except Exception as error:  # the browser failing between steps: the same, recorded
        session.record.failures.append(
            Failure(session.name, "between steps", _first_line(error), session.record.now())
        )
        await session.recover(address, heading)
    return session.record.now() < session.deadline
