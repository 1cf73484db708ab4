"""A draft as a card to print (`/card?interview=NW-…`: the thank-you; `/card?contact=N`: the
request for an informational interview). Only the card's words print: the browser's print hides
the menu, the header and the buttons."""

from __future__ import annotations

import streamlit as st

from networkit_core.errors import AccessDenied
from networkit_core.models import Role
from networkit_core.read_models.card import printable_card
from pages.ui.params import int_param, param
from pages.ui.session import call, context, require, stop_with
from pages.ui.text import escape

# No user text in here: the card's words are drawn by st.markdown, escaped.
PRINT_STYLE = """
<style>
.st-key-card { max-width: 38rem; margin: 1rem auto; padding: 2rem 2.5rem;
  border: 1px solid #d0d0d0; border-radius: 0.5rem; }
/* Streamlit sets the font on the paragraphs themselves: the card's words are set here. */
.st-key-card, .st-key-card p, .st-key-card [data-testid="stMarkdownContainer"] {
  font-family: Georgia, "Times New Roman", "DejaVu Serif", serif !important;
  font-size: 1.4rem !important; line-height: 1.6 !important; }
@media print {
  header, [data-testid="stHeader"], [data-testid="stSidebar"], [data-testid="stToolbar"],
  [data-testid="stExpandSidebarButton"],
  [data-testid="stToast"], .st-key-card_controls { display: none !important; }
  .st-key-card { border: none; margin: 0 auto; padding: 0; }
  [data-testid="stMain"], [data-testid="stAppViewContainer"] { overflow: visible !important; }
}
</style>
"""

actor = require(Role.GRADUATE)
interview = param("interview") or None
contact = int_param("contact")
if interview is None and contact is None:
    if param("contact"):
        stop_with(str(AccessDenied("contact")))
    stop_with("Open a card from an interview or a contact: this address names neither.")
card = call(printable_card, context(), actor, interview=interview, contact=contact)

st.html(PRINT_STYLE)
with st.container(key="card_controls"):
    if card.back_to_interview:
        st.page_link(
            "pages/graduate/interview/page.py",
            label="Back to the interview",
            icon=":material/arrow_back:",
            query_params={"id": card.back_to_interview},
        )
    elif card.back_to_contact is not None:
        st.page_link(
            "pages/shared/contact/page.py",
            label="Back to the contact",
            icon=":material/arrow_back:",
            query_params={"id": str(card.back_to_contact)},
        )
    st.subheader(escape(card.title))
    st.caption(
        "Print it with your browser (Ctrl+P, or ⌘P on a Mac): only the card prints. Copy it "
        "out by hand, or print it and sign it."
    )
with st.container(key="card"):
    for paragraph in card.text.split("\n\n"):
        # A line of its own stays one (two spaces and a newline: a Markdown line break).
        st.markdown("  \n".join(escape(line) for line in paragraph.splitlines()))
