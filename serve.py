"""The web server: the app (`app.py`) plus the one address outside it, a graduate's private
calendar feed (`/calendar/<token>.ics`), which a calendar app reads with no browser session,
and the app's page at each page address (`/dashboard`), told where the server is.

`make run` starts it with `streamlit run serve.py`; `app.py` stays the app's script.
"""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path

import streamlit as st
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import Route
from streamlit import config, file_util
from streamlit.runtime.pages_manager import PagesManager

from app import PAGES
from networkit_core.context import Context
from networkit_core.services.calendar_feed import read_feed
from networkit_core.settings import Settings

log = logging.getLogger("networkit.serve")

# The pages live in pages/<role>/ and app.py routes them with st.navigation. Left to itself,
# Streamlit sees pages/ beside app.py and runs a fresh server's first session as an old-style
# multipage app, which answers "Page not found" at every deep address; this says up front
# what app.py's first run would tell it anyway.
PagesManager.uses_pages_directory = False

FEED_PATH = "/calendar/{token}.ics"
GONE = "No calendar at this address: it was stopped or replaced. Make a new one in NetWorkIt."
TROUBLE = "The calendar cannot be read just now; your calendar app will try again later."


@cache
def _context() -> Context:
    # The pages migrate the database when they first start; a feed needs a token, which only
    # a migrated database can hold, so this never migrates.
    return Context.from_settings(Settings.from_env())


async def calendar_feed(request: Request) -> Response:
    token = request.path_params["token"]
    try:
        body = await run_in_threadpool(read_feed, _context(), token)
    except Exception:
        log.exception("the calendar feed could not be read")
        return PlainTextResponse(TROUBLE, status_code=503, headers={"Retry-After": "600"})
    if body is None:
        return PlainTextResponse(GONE, status_code=404)
    return Response(
        body,
        media_type="text/calendar; charset=utf-8",
        headers={
            "Cache-Control": "private, no-store",
            "Content-Disposition": 'inline; filename="networkit.ics"',
            "X-Robots-Tag": "noindex",
        },
    )


# Streamlit's page does not know where the server is: at `/dashboard` it first asks
# `/dashboard/_stcore/health` and `/dashboard/_stcore/host-config` (in case the app were served
# under a path `/dashboard`), each a 404 in the console, before it tries `/`. Served at a page's
# address, the page is told that the server is the address's folder (the app's root, or the
# path a proxy serves it under), so it asks only there.
SERVER_HERE = (
    '<script>window.__streamlit = {BACKEND_BASE_URL: new URL(".", window.location.href).href};'
    "</script>"
)


# Only the app's own addresses: Streamlit has routes of one segment too (`/oauth2callback`).
ADDRESSES = ("sign-in", *(spec.url_path for spec in PAGES))


@cache
def _page_html() -> str:
    index = Path(file_util.get_static_dir(), "index.html").read_text(encoding="utf-8")
    return index.replace("<head>", f"<head>{SERVER_HERE}", 1)


async def page_at_address(request: Request) -> Response:
    # As Streamlit serves its index.html: never cached, so a new Streamlit's assets load.
    return HTMLResponse(_page_html(), headers={"Cache-Control": "no-cache"})


def _routes() -> list[Route]:
    base = str(config.get_option("server.baseUrlPath") or "").strip("/")
    prefix = f"/{base}" if base else ""
    pages = [
        Route(f"{prefix}/{path}", page_at_address, methods=["GET", "HEAD"]) for path in ADDRESSES
    ]
    return [Route(FEED_PATH, calendar_feed, methods=["GET", "HEAD"]), *pages]


app = st.App("app.py", routes=_routes())
