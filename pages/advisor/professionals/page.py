"""The professionals the graduates of my cohorts met, matched across graduates, so an advisor can
spare an over-asked person and suggest someone else."""

from __future__ import annotations

import streamlit as st

from networkit_core.figures.contacts import (
    ASKED_WINDOW_DAYS,
    OVER_ASKED_FROM,
    Professional,
    professionals,
)
from networkit_core.figures.scope import FigureScope
from networkit_core.models import Role
from pages.ui.cache import cached
from pages.ui.layout import table
from pages.ui.session import require
from pages.ui.text import DATE_COLUMN_FORMAT, escape

actor = require(Role.ADVISOR)
people: list[Professional] = cached(professionals, actor, scope=FigureScope.caseload(actor.id))

st.title("Professionals")
st.caption(
    f"The people your graduates met or plan to meet, the same person counted once across "
    f"graduates (same e-mail, or same name and organization). Flagged when {OVER_ASKED_FROM} or "
    f"more graduates asked them in the last {ASKED_WINDOW_DAYS} days."
)
over = [person for person in people if person.over_asked]
if over:
    st.warning(
        f"**{len(over)} over-asked:** "
        + ", ".join(
            f"{escape(p.name)} ({escape(p.organization)}, {p.asked_recently} graduates)"
            if p.organization
            else f"{escape(p.name)} ({p.asked_recently} graduates)"
            for p in over
        )
        + ". Suggest someone else at the same organization, or another field.",
        icon=":material/front_hand:",
    )
elif people:
    st.success(
        f"Nobody was asked by {OVER_ASKED_FROM} or more graduates in the last "
        f"{ASKED_WINDOW_DAYS} days.",
        icon=":material/check_circle:",
    )
if people:
    table(
        [
            {
                "Over-asked": "⚠ Yes" if person.over_asked else "",
                "Name": person.name,
                "Organization": person.organization,
                f"Graduates, last {ASKED_WINDOW_DAYS} days": person.asked_recently,
                "Graduates, ever": person.graduates,
                "Last met": person.last_met_on,
                "Email": person.email,
            }
            for person in people
        ],
        key="professionals",
        heading="Name",
        hide_index=True,
        column_config={
            "Last met": st.column_config.DateColumn(
                format=DATE_COLUMN_FORMAT,
                help="The latest meeting that took place; planned, cancelled and missed ones "
                "do not count. Empty: no meeting held yet.",
            ),
        },
    )
else:
    st.info("Your graduates have not logged any interview yet.", icon=":material/info:")
