"""The bare scripts as one Streamlit app, each at its own address (`/dashboard`, ...), for the
browser's page loads (bench/browser_pages.py): `streamlit run bench/bare/app.py`."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

HERE = Path(__file__).resolve().parent
FLOORS = sorted(p for p in HERE.glob("*.py") if p.name not in {"__init__.py", "app.py"})

st.set_page_config(page_title="Bare", layout="wide")
st.session_state["bare_routed"] = True  # the menu of the floors that draw the shell (shell.py)
st.navigation(
    [st.Page(str(path), url_path=path.stem, title=path.stem) for path in FLOORS],
    position="hidden",
).run()
