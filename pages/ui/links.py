"""The app's pages as objects for `st.page_link`: given a script's path, Streamlit resolves it
on the disk at every link (a realpath each, 60 on a graduate's /interviews); a page object,
made once per process, is looked up by its address."""

from __future__ import annotations

import streamlit as st

from pages.ui.routes import PAGES

_PAGES: dict[str, st.Page] = {}


def linked(script: str) -> st.Page:
    """The page of `script` ("pages/graduate/interview/page.py"). Only ever linked to, never run
    (st.navigation makes its own each run), so one object serves every session."""
    found = _PAGES.get(script)
    if found is None:
        spec = next(spec for spec in PAGES if spec.script == script)
        found = _PAGES[script] = st.Page(script, title=spec.title, url_path=spec.url_path)
    return found
