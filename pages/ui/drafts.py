"""A draft (a thank-you, a request for an informational interview) with its three one-click
ways out: copy it (the code block's own copy button), open it in the mail program (a `mailto:`
link, subject and body encoded) and print it as a card (`/card`)."""

from __future__ import annotations

from urllib.parse import quote

import streamlit as st

from pages.ui.links import linked

CARD_PAGE = "pages/graduate/card/page.py"


def mailto(address: str, subject: str, body: str) -> str:
    """A `mailto:` link with the subject and body percent-encoded (RFC 6068), as the advisor's
    nudge links are (`pages/advisor/nudges.py`)."""
    return f"mailto:{quote(address, safe='@')}?subject={quote(subject)}&body={quote(body)}"


def draft_actions(
    text: str, *, subject: str, to: str | None, card: dict[str, str], key: str
) -> None:
    """`text` shown as it will be sent (plain text: a code block draws no Markdown), then a
    mail and a print button side by side."""
    with st.container(key=f"draft_{key}"):
        st.code(text, language=None, wrap_lines=True)
    st.caption(
        "Copy it with the button at the top right of the draft, or open it in your mail "
        "program to edit and send it."
        + ("" if to else " No e-mail address is known for them: add it in the mail program.")
    )
    mail, print_card = st.columns(2)
    mail.link_button(
        "Open in my mail program",
        mailto(to or "", subject, text),
        icon=":material/forward_to_inbox:",
        width="stretch",
    )
    print_card.page_link(
        linked(CARD_PAGE),
        label="Print as a card",
        icon=":material/print:",
        query_params=card,
        width="stretch",
    )
