"""Saved views: the dashboard's filter kept under a name, opened as a plain address
(`/dashboard?cohort=...&reason=...`) from the side bar or the dashboard, and deleted."""

from __future__ import annotations

import streamlit as st

from networkit_core.actor import Actor
from networkit_core.services.saved_views import (
    FILTERS,
    SavedViewLine,
    delete_view,
    save_view,
    saved_views,
)
from pages.ui.calls import act, form_error
from pages.ui.links import linked
from pages.ui.session import call, context
from pages.ui.text import escape

DASHBOARD_PAGE = "pages/advisor/dashboard/page.py"
FORM = "save_view"


def _save(actor: Actor) -> None:
    asked = {name: st.query_params.get(name, "") for name in FILTERS}
    act(FORM, "View saved.", save_view, context(), actor, st.session_state.get("view_name"), asked)


def _delete(actor: Actor, view_id: int) -> None:
    act(FORM, "View deleted.", delete_view, context(), actor, view_id)


def _link(view: SavedViewLine, where: object = st) -> None:
    where.page_link(  # type: ignore[attr-defined]
        linked(DASHBOARD_PAGE),
        label=escape(view.name),
        icon=":material/bookmark:",
        query_params=view.params,
    )


def render(actor: Actor) -> None:
    views = call(saved_views, context(), actor)
    if views:
        with st.sidebar:
            st.caption("Saved views")
            for view in views:
                _link(view)
    with st.expander(
        f"Saved views ({len(views)})" if views else "Save this view", icon=":material/bookmarks:"
    ):
        for view in views:
            link, remove = st.columns([4, 1], vertical_alignment="center")
            _link(view, link)
            remove.button(
                "Delete",
                key=f"delete_view_{view.id}",
                icon=":material/delete:",
                on_click=_delete,
                args=(actor, view.id),
                width="stretch",
            )
        with st.form(FORM, border=False, clear_on_submit=True):
            st.text_input(
                "Name this view (the cohort, period and reason shown now)",
                key="view_name",
                max_chars=80,
                placeholder="e.g. Spring, inactive",
            )
            st.form_submit_button(
                "Save this view", icon=":material/bookmark_add:", on_click=_save, args=(actor,)
            )
        form_error(FORM)
