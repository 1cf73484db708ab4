"""The web server: the app (`app.py`) plus the addresses outside it: a graduate's private calendar
feed (`/calendar/<token>.ics`), which a calendar app reads with no browser session; the two that
set and clear the HttpOnly session cookie (`/_networkit/session`, `/_networkit/sign-out`); and
the app's page at each page address (`/dashboard`), told where the server is."""

from __future__ import annotations

import ipaddress
import logging
from functools import cache
from json import JSONDecodeError
from pathlib import Path
from urllib.parse import urlsplit

import streamlit as st
import uvicorn.config
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send
from streamlit import config, file_util
from streamlit.runtime.pages_manager import PagesManager
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from app import PAGES
from networkit_core.context import Context
from networkit_core.read_models.calendar_files import read_feed
from networkit_core.services.accounts.cookie_handoffs import redeem
from networkit_core.services.accounts.sessions import end_session, resume_session
from networkit_core.settings import Settings
from pages.ui.browser_session import COOKIE, SESSION_PATH, SIGN_OUT_PATH

log = logging.getLogger("networkit.serve")

# app.py routes pages/ with st.navigation; left to itself, a fresh server's first session would
# run pages/ as an old-style multipage app, "Page not found" at every deep address.
PagesManager.uses_pages_directory = False

FEED_PATH = "/calendar/{token}.ics"
GONE = "No calendar at this address: it was stopped or replaced. Make a new one in NetWorkIt."
TROUBLE = "The calendar cannot be read just now; your calendar app will try again later."


@cache
def _context() -> Context:
    # Never migrates: a feed's token exists only in a database the pages have migrated.
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


# --- The session cookie --------------------------------------------------------------------
# Set and cleared here, never by the page's script: HttpOnly, so no script in the page reads it.
NOT_OURS = "Refused: this request did not come from NetWorkIt's own pages."
CODE_REFUSED = (
    "This sign-in could not be kept in the browser: its code was used already, has expired, "
    "or is unknown. Sign in again."
)
TROUBLE_SESSION = "The sign-in cannot be kept just now; try again in a minute."


def _from_our_pages(request: Request) -> bool:
    # A browser sends Origin with every POST: another site's page has another one. (SameSite
    # keeps the cookie off such a request too; this refuses the request itself.)
    origin = request.headers.get("origin", "")
    host = request.headers.get("host", "")
    fetch_site = request.headers.get("sec-fetch-site", "same-origin")
    same_host = bool(host) and urlsplit(origin).netloc.lower() == host.lower()
    return same_host and fetch_site == "same-origin"


def _cookie(response: Response, request: Request, token: str | None) -> Response:
    # Secure when the browser came over TLS (behind a trusted proxy: its X-Forwarded-Proto).
    secure = request.url.scheme == "https"
    if token is None:
        response.delete_cookie(COOKIE, path="/", secure=secure, httponly=True, samesite="strict")
    else:
        response.set_cookie(
            COOKIE, token, path="/", secure=secure, httponly=True, samesite="strict"
        )
    response.headers["Cache-Control"] = "no-store"
    return response


async def keep_session(request: Request) -> Response:
    """The page's one-time code for a session it signed in: answered with the session's cookie."""
    if not _from_our_pages(request):
        return PlainTextResponse(NOT_OURS, status_code=403)
    try:
        code = (await request.json()).get("code")
    except (JSONDecodeError, UnicodeDecodeError, AttributeError):
        code = None
    try:
        token = await run_in_threadpool(redeem, _context(), code)
    except Exception:
        log.exception("a session's code could not be redeemed")
        return PlainTextResponse(TROUBLE_SESSION, status_code=503)
    if token is None:
        return PlainTextResponse(CODE_REFUSED, status_code=403)
    return _cookie(Response(status_code=204), request, token)


async def forget_session(request: Request) -> Response:
    """Sign-out: the session the cookie carries ends, and the cookie goes."""
    if not _from_our_pages(request):
        return PlainTextResponse(NOT_OURS, status_code=403)
    try:
        # Never leaves the session valid: a locked database has the end retried.
        await run_in_threadpool(end_session, _context(), request.cookies.get(COOKIE))
    except Exception:
        log.exception("a sign-out could not be written")
        return PlainTextResponse(TROUBLE_SESSION, status_code=503)
    return _cookie(Response(status_code=204), request, None)


# At `/dashboard` Streamlit's page would first ask `/dashboard/_stcore/...` (two 404s in the
# console) before `/`: it is told the server is the address's folder.
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
    return [
        Route(FEED_PATH, calendar_feed, methods=["GET", "HEAD"]),
        Route(f"{prefix}{SESSION_PATH}", keep_session, methods=["POST"]),
        Route(f"{prefix}{SIGN_OUT_PATH}", forget_session, methods=["POST"]),
        *pages,
    ]


# --- Whose address a client is -------------------------------------------------------------
# uvicorn believes X-Forwarded-For from any loopback client by default, so a local script could
# dodge the sign-in throttle with a new address at every try. Only NETWORKIT_TRUSTED_PROXIES
# (none by default) are believed: uvicorn imports this file before it wraps the app, so its
# ProxyHeadersMiddleware is swapped here.
PROXIES_SETTING = "NETWORKIT_TRUSTED_PROXIES"


def trusted_proxies(raw: str | None = None) -> list[str]:
    """The proxies whose X-Forwarded-For is believed."""
    try:
        raw = Settings.from_env().trusted_proxies if raw is None else raw
    except ValueError as error:  # another setting is bad: the server stops on it, said plainly
        raise SystemExit(str(error)) from None
    entries = [entry.strip() for entry in raw.split(",") if entry.strip()]
    for entry in entries:
        try:
            ipaddress.ip_network(entry, strict=False)
        except ValueError:
            raise SystemExit(
                f"{PROXIES_SETTING}: {entry!r} is not an IP address or network "
                "(write the proxy's address, e.g. 10.0.0.5 or 10.0.0.0/24)"
            ) from None
    return entries


class TrustedProxiesOnly(ProxyHeadersMiddleware):
    def __init__(self, app: ASGIApp, trusted_hosts: object = None) -> None:
        self.proxies = trusted_proxies()
        super().__init__(app, trusted_hosts=self.proxies)  # type: ignore[arg-type]
        self.warned = False

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        forwarded = scope["type"] != "lifespan" and any(
            name == b"x-forwarded-for" for name, _ in scope["headers"]
        )
        if forwarded and not self.proxies and not self.warned:
            self.warned = True
            log.warning(
                "X-Forwarded-For ignored: if the app is behind a proxy, set %s to its "
                "address, or every client shares the proxy's sign-in throttle",
                PROXIES_SETTING,
            )
        await super().__call__(scope, receive, send)  # type: ignore[arg-type]


uvicorn.config.ProxyHeadersMiddleware = TrustedProxiesOnly  # type: ignore[misc]


# --- Who may upload ------------------------------------------------------------------------
# Streamlit keeps in memory a PUT to /_stcore/upload_file/ from any browser session, signed in or
# not: an upload must carry the cookie of a live signed-in session (its size: server.maxUploadSize).
UPLOAD_PATH = "/_stcore/upload_file/"
SIGN_IN_FIRST = "Sign in before uploading a file."
TROUBLE_UPLOAD = "The upload cannot be checked just now; try again in a minute."


class UploadsNeedSignIn:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "PUT" and UPLOAD_PATH in scope["path"]:
            refusal = await self._refusal(Request(scope).cookies.get(COOKIE))
            if refusal is not None:
                await refusal(scope, receive, send)  # before a byte of the body is read
                return
        await self.app(scope, receive, send)

    @staticmethod
    async def _refusal(token: str | None) -> Response | None:
        if not token:
            return PlainTextResponse(SIGN_IN_FIRST, status_code=403)
        try:
            actor = await run_in_threadpool(resume_session, _context(), token)
        except Exception:
            log.exception("an upload's session could not be checked")
            return PlainTextResponse(TROUBLE_UPLOAD, status_code=503)
        if actor is None or actor.must_change_password:
            return PlainTextResponse(SIGN_IN_FIRST, status_code=403)
        return None


app = st.App("app.py", routes=_routes(), middleware=[Middleware(UploadsNeedSignIn)])
