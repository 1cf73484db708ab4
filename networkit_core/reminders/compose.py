"""The words of each e-mail, in a plain-text and an HTML part. User text (names, contacts,
notes) is escaped in the HTML part; every item links to the page where it is done."""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date
from email.message import EmailMessage
from urllib.parse import quote, urlencode

from networkit_core.dates import written
from networkit_core.figures.due import DueItem
from networkit_core.figures.rates import RATE_NAMES, rate_text

APP_NAME = "NetWorkIt Coach"


@dataclass(frozen=True)
class Letter:
    """One composed e-mail, before it is stored or sent."""

    recipient: str
    subject: str
    text: str
    html: str

    def message(self) -> EmailMessage:
        message = EmailMessage()
        message["To"] = self.recipient
        message["Subject"] = self.subject
        message.set_content(self.text)
        message.add_alternative(self.html, subtype="html")
        return message


@dataclass(frozen=True)
class CohortWeek:
    """One cohort's rates now and a week ago (None: undefined, shown as "—")."""

    name: str
    now: dict[str, float | None]
    week_before: dict[str, float | None]


@dataclass(frozen=True)
class NudgeNote:
    graduate_name: str
    advisor_name: str
    on: date
    note: str


@dataclass(frozen=True)
class NudgeWant:
    graduate_name: str
    graduate_email: str
    reasons: tuple[str, ...]
    overdue_since: date


def _opt_out(base_url: str) -> tuple[str, str]:
    """Every e-mail says how to stop them: as text, and as HTML with the address as a link."""
    words = (
        "You get these e-mails because reminders are on for your account. To turn them off, "
        'sign in at {} and untick "E-mail reminders" in the side bar.'
    )
    return words.format(base_url), html.escape(words).format(_link(base_url, base_url))


def _link(url: str, label: str) -> str:
    return f'<a href="{html.escape(url, quote=True)}">{html.escape(label)}</a>'


def interview_url(base_url: str, interview_id: object) -> str:
    return f"{base_url}/interview?{urlencode({'id': str(interview_id)}, quote_via=quote)}"


def daily_reminder(
    recipient: str, first_name: str, items: list[DueItem], base_url: str, today: date
) -> Letter:
    count = len(items)
    subject = f"{APP_NAME}: {count} thing{'s' * (count != 1)} to do today"
    lines = [f"Hello {first_name},", "", f"This fell due today ({written(today)}):", ""]
    rows = []
    for item in items:
        url = (
            interview_url(base_url, item.interview_id)
            if item.interview_id
            else f"{base_url}/interviews"
        )
        lines += [f"- {item.name}: {item.message}", f"  {url}"]
        rows.append(
            f"<li><b>{html.escape(item.name)}</b>: {html.escape(item.message)} — "
            f"{_link(url, 'open it')}</li>"
        )
    opt_out_text, opt_out_html = _opt_out(base_url)
    lines += ["", f"Your interviews: {base_url}/interviews", "", "-- ", opt_out_text]
    body_html = (
        f"<p>Hello {html.escape(first_name)},</p>"
        f"<p>This fell due today ({written(today)}):</p>"
        f"<ul>{''.join(rows)}</ul>"
        f"<p>{_link(base_url + '/interviews', 'Your interviews')}</p>"
        f"<hr><p><small>{opt_out_html}</small></p>"
    )
    return Letter(recipient, subject, "\n".join(lines) + "\n", body_html)


def weekly_digest(
    recipient: str,
    first_name: str,
    wants: list[NudgeWant],
    cohorts: list[CohortWeek],
    nudged: list[NudgeNote],
    base_url: str,
    today: date,
) -> Letter:
    who = f"{len(wants)} graduate{'s' * (len(wants) != 1)} need{'s' * (len(wants) == 1)} a nudge"
    subject = f"{APP_NAME}: your week — {who}"
    text = [f"Hello {first_name},", "", f"Your weekly digest for {written(today)}.", ""]
    parts = [
        f"<p>Hello {html.escape(first_name)},</p>",
        f"<p>Your weekly digest for {written(today)}.</p>",
    ]

    text.append(f"Needs a nudge ({len(wants)}):")
    parts.append(f"<h3>Needs a nudge ({len(wants)})</h3>")
    if wants:
        items = []
        for want in wants:
            url = f"{base_url}/graduate?{urlencode({'email': want.graduate_email})}"
            reasons = "; ".join(want.reasons)
            since = written(want.overdue_since)
            text += [f"- {want.graduate_name}: {reasons} (since {since})", f"  {url}"]
            items.append(
                f"<li>{_link(url, want.graduate_name)}: {html.escape(reasons)} (since {since})</li>"
            )
        parts.append(f"<ul>{''.join(items)}</ul>")
    else:
        text.append("- Nobody: every graduate is on track or was nudged this week.")
        parts.append("<p>Nobody: every graduate is on track or was nudged this week.</p>")

    text += ["", "Your cohorts, against the week before:"]
    parts.append("<h3>Your cohorts, against the week before</h3>")
    for cohort in cohorts:
        text.append(f"- {cohort.name}")
        cells = []
        for key, name in RATE_NAMES.items():
            now, before = rate_text(cohort.now.get(key)), rate_text(cohort.week_before.get(key))
            text.append(f"    {name}: {now} (a week before: {before})")
            cells.append(f"<li>{name}: {now} (a week before: {before})</li>")
        parts.append(f"<p><b>{html.escape(cohort.name)}</b></p><ul>{''.join(cells)}</ul>")
    if not cohorts:
        text.append("- You coach no active cohort.")
        parts.append("<p>You coach no active cohort.</p>")

    text += ["", f"Nudged this week ({len(nudged)}):"]
    parts.append(f"<h3>Nudged this week ({len(nudged)})</h3>")
    if nudged:
        text += [
            f"- {n.graduate_name}, by {n.advisor_name} on {written(n.on)}: {n.note}" for n in nudged
        ]
        parts.append(
            "<ul>"
            + "".join(
                f"<li>{html.escape(n.graduate_name)}, by {html.escape(n.advisor_name)} "
                f"on {written(n.on)}: {html.escape(n.note)}</li>"
                for n in nudged
            )
            + "</ul>"
        )
    else:
        text.append("- No nudges recorded this week.")
        parts.append("<p>No nudges recorded this week.</p>")

    opt_out_text, opt_out_html = _opt_out(base_url)
    text += ["", f"Your dashboard: {base_url}/dashboard", "", "-- ", opt_out_text]
    parts += [
        f"<p>{_link(base_url + '/dashboard', 'Your dashboard')}</p>",
        f"<hr><p><small>{opt_out_html}</small></p>",
    ]
    return Letter(recipient, subject, "\n".join(text) + "\n", "".join(parts))


# An advisor's nudge (services/nudges.py): a common message the advisor edits, around which each
# graduate's e-mail lists that graduate's own items, and nobody else's.
NUDGE_SUBJECT = "Checking in on your informational interviews"
NUDGE_MESSAGE = (
    "Just checking in on your networking — you're doing the hard part by meeting people! "
    "A few things are waiting for you; they are listed below.\n\n"
    "A short thank-you or a friendly follow-up goes a long way. If anything is in the way, "
    "reply to this e-mail and we'll sort it out together."
)
NOTHING_WAITING = "Nothing is overdue right now: keep going!"


def _item_url(base_url: str, item: DueItem) -> str:
    if item.interview_id:
        return interview_url(base_url, item.interview_id)
    return f"{base_url}/interviews"


def nudge_text(
    first_name: str, message: str, items: list[DueItem], advisor_name: str, base_url: str
) -> str:
    """The plain text of one graduate's nudge: the same words in the e-mail and in `mailto:`."""
    points = [f"- {item.message}\n  {_item_url(base_url, item)}" for item in items]
    return (
        f"Hi {first_name},\n\n{message.strip()}\n\nWhat is waiting for you:\n"
        + ("\n".join(points) if points else f"- {NOTHING_WAITING}")
        + f"\n\nBest,\n{advisor_name}\n"
    )


def nudge_letter(
    recipient: str,
    first_name: str,
    message: str,
    items: list[DueItem],
    advisor_name: str,
    base_url: str,
) -> Letter:
    rows = [
        f"<li>{html.escape(item.message)} — {_link(_item_url(base_url, item), 'open it')}</li>"
        for item in items
    ] or [f"<li>{html.escape(NOTHING_WAITING)}</li>"]
    paragraphs = "".join(
        f"<p>{html.escape(part).replace(chr(10), '<br>')}</p>"
        for part in message.strip().split("\n\n")
    )
    body_html = (
        f"<p>Hi {html.escape(first_name)},</p>{paragraphs}"
        f"<p>What is waiting for you:</p><ul>{''.join(rows)}</ul>"
        f"<p>Best,<br>{html.escape(advisor_name)}</p>"
    )
    text = nudge_text(first_name, message, items, advisor_name, base_url)
    return Letter(recipient, NUDGE_SUBJECT, text, body_html)
