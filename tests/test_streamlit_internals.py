"""What the app takes from Streamlit (and its uvicorn) beyond the documented API: each private
attribute, module, route and page element it relies on, with the shape it is used in. A new
Streamlit in requirements.lock that moves one of them fails here, by name, rather than in a
browser journey or in production."""

from __future__ import annotations

import dataclasses
import inspect
import re
from pathlib import Path

import streamlit as st
import uvicorn
import uvicorn.config
from streamlit import config, file_util
from streamlit.runtime.context import ContextProxy
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.state.common import WidgetMetadata
from streamlit.runtime.state.safe_session_state import SafeSessionState
from streamlit.runtime.state.session_state import SessionState, WStates
from streamlit.web.server.starlette import starlette_routes
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

import serve

PROJECT = Path(__file__).resolve().parent.parent
APP_SOURCES = [PROJECT / "app.py", PROJECT / "serve.py", *sorted((PROJECT / "pages").rglob("*.py"))]


def _frontend_bundle() -> str:
    scripts = Path(file_util.get_static_dir(), "static", "js").glob("*.js")
    return "\n".join(script.read_text(encoding="utf-8", errors="replace") for script in scripts)


def test_serve_can_tell_streamlit_there_is_no_pages_directory() -> None:
    # serve.py sets the class attribute before the first session; Streamlit reads it there.
    annotations = inspect.get_annotations(PagesManager)
    assert "uses_pages_directory" in annotations
    assert "PagesManager.uses_pages_directory" in inspect.getsource(PagesManager)


def test_the_page_at_each_address_is_streamlits_own_index_html() -> None:
    index = Path(file_util.get_static_dir(), "index.html").read_text(encoding="utf-8")
    assert index.count("<head>") == 1  # serve._page_html puts SERVER_HERE right after it
    assert serve._page_html().startswith(index.split("<head>")[0] + "<head>" + serve.SERVER_HERE)
    # SERVER_HERE tells the page where the server is through this global of Streamlit's page.
    bundle = _frontend_bundle()
    assert "__streamlit" in bundle
    assert "BACKEND_BASE_URL" in bundle


def test_serve_reads_the_base_url_path_option() -> None:
    assert config.get_option("server.baseUrlPath") is not None


def test_st_app_takes_routes_and_middleware() -> None:
    parameters = inspect.signature(st.App).parameters
    assert {"routes", "middleware"} <= parameters.keys()
    assert isinstance(serve.app, st.App)


def test_uploads_go_to_the_path_serve_guards() -> None:
    assert f"/{starlette_routes.BASE_ROUTE_UPLOAD_FILE}/" == serve.UPLOAD_PATH


def test_uvicorn_wraps_the_app_in_the_proxy_middleware_serve_replaces() -> None:
    """serve.py swaps `uvicorn.config.ProxyHeadersMiddleware`: uvicorn must look the name up
    in that module when it loads the app, with proxy headers on by default, passing
    `trusted_hosts`."""
    assert uvicorn.config.ProxyHeadersMiddleware is serve.TrustedProxiesOnly
    assert issubclass(serve.TrustedProxiesOnly, ProxyHeadersMiddleware)
    load = inspect.getsource(uvicorn.Config.load)
    assert re.search(r"\bProxyHeadersMiddleware\(\s*self\.loaded_app,\s*trusted_hosts=", load)
    assert inspect.signature(uvicorn.Config).parameters["proxy_headers"].default is True
    assert "trusted_hosts" in inspect.signature(ProxyHeadersMiddleware).parameters


def test_st_context_has_what_the_pages_read() -> None:
    for name in ("cookies", "ip_address", "url"):
        assert isinstance(inspect.getattr_static(ContextProxy, name), property), name


def test_sign_out_can_disable_the_widgets_drawn_before() -> None:
    """pages/shell/sign_in._disable_drawn_widgets: the session's widget metadata is a dict of
    frozen dataclasses under `_new_widget_state`; a disabled one's change and callback are
    skipped, and registering the widget again replaces its metadata."""
    assert "_new_widget_state" in inspect.get_annotations(SessionState)
    assert "widget_metadata" in {f.name for f in dataclasses.fields(WStates)}
    assert {"disabled", "callback", "callbacks"} <= {
        f.name for f in dataclasses.fields(WidgetMetadata)
    }
    assert WidgetMetadata.__dataclass_params__.frozen  # type: ignore[attr-defined]
    assert "metadata is None or metadata.disabled" in inspect.getsource(
        SessionState._call_callbacks
    )
    assert "_state" in inspect.get_annotations(SafeSessionState)
    assert "self.widget_metadata[widget_meta.id] = widget_meta" in inspect.getsource(
        WStates.set_widget_metadata
    )


def test_components_v2_and_tab_binding_take_what_the_pages_pass() -> None:
    component = inspect.signature(st.components.v2.component).parameters
    assert "js" in component
    assert {"key", "bind"} <= inspect.signature(st.tabs).parameters.keys()


def test_every_page_element_the_app_styles_or_scripts_exists_in_streamlits_page() -> None:
    """The CSS and scripts of app.py, serve.py and pages/ find Streamlit's elements by their
    `data-testid` and by the `st-key-<key>` class of a keyed container."""
    used = {
        found
        for source in APP_SOURCES
        for found in re.findall(r'data-testid="(st[A-Za-z-]+)"', source.read_text())
    }
    assert used, "the pages style Streamlit's elements by data-testid"
    bundle = _frontend_bundle()
    assert sorted(name for name in used if name not in bundle) == []
    if any("st-key-" in source.read_text() for source in APP_SOURCES):
        assert "st-key-" in bundle


def test_an_altair_chart_becomes_the_spec_st_altair_chart_draws() -> None:
    # pages/ui/charts.py caches this spec per chart inputs and draws it with st.vega_lite_chart.
    import altair as alt
    import pandas as pd
    from streamlit.elements.vega_charts import _convert_altair_to_vega_lite_spec

    chart = alt.Chart(pd.DataFrame({"x": [1, 2]})).mark_bar().encode(x="x:Q")
    spec = _convert_altair_to_vega_lite_spec(chart)
    assert isinstance(spec, dict)
    (dataset,) = spec["datasets"].values()
    assert isinstance(dataset, bytes)  # Arrow, as st.vega_lite_chart sends a spec's datasets
    assert spec["data"] == {"name": next(iter(spec["datasets"]))}
