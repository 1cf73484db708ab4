"""Where the browser keeps its session token, so a reload keeps the user signed in: an HttpOnly
cookie (`SameSite=Strict`, `Secure` over HTTPS, no expiry) that serve.py's routes set and clear,
so no script in the page can read it. A run cannot answer with a Set-Cookie: after a sign-in, a
tiny `st.components.v2` component POSTs the route a one-time code (core: cookie_handoffs), and at
sign-out it POSTs the sign-out route."""

from __future__ import annotations

import logging

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError
from streamlit import config

from networkit_core.context import Context
from networkit_core.services.accounts import cookie_handoffs

COOKIE = "networkit_session"
# Under server.baseUrlPath; from the server's root, so a deep address (/dashboard) finds them.
SESSION_PATH = "/_networkit/session"
SIGN_OUT_PATH = "/_networkit/sign-out"
# (token, code): the code handed to this tab's page for its token, drawn again on every run.
HANDOFF_KEY = "session_cookie_handoff"

log = logging.getLogger("networkit.app")

_JS = """
export default function (component) {
  const { data } = component;
  if (!data || !data.url) return;
  // Once per code (or sign-out) and page load, however often a run draws it again.
  const once = `${data.url} ${data.code || ""}`;
  if (window.__networkitSessionPost === once) return;
  window.__networkitSessionPost = once;
  fetch(data.url, {
    method: "POST",
    credentials: "same-origin",
    cache: "no-store",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ code: data.code || null }),
  }).catch(() => { window.__networkitSessionPost = null; });
}
"""

_post = st.components.v2.component("networkit.session_cookie", js=_JS)


def _address(path: str) -> str:
    base = str(config.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{base}{path}" if base else path


def cookie_token() -> str | None:
    """The token this browser sent when the page (re)loaded, if any."""
    try:
        token = st.context.cookies.get(COOKIE)
    except (AttributeError, RuntimeError):  # no browser behind this run
        return None
    return token if isinstance(token, str) and token else None


def client_address() -> str | None:
    """The client's address for the sign-in throttle (None on loopback: one bucket)."""
    address = st.context.ip_address
    return address if isinstance(address, str) and address else None


def keep_token(ctx: Context, token: str) -> None:
    """Have the browser keep `token`: nothing if it sent it already, else one code per token and
    tab, traded for the cookie by the page."""
    if cookie_token() == token:
        return
    handed = st.session_state.get(HANDOFF_KEY)
    if handed is None or handed[0] != token:
        try:
            code = cookie_handoffs.hand_off(ctx, token)
        except SQLAlchemyError:
            # The tab stays signed in; only a reload would need the cookie. The next run retries.
            log.exception("a session could not be handed to the browser")
            return
        if code is None:
            return
        handed = st.session_state[HANDOFF_KEY] = (token, code)
    _post(data={"url": _address(SESSION_PATH), "code": handed[1]}, key="session_cookie")


def forget_token() -> None:
    """Have the browser drop its cookie (sign-out; the route ends its session too)."""
    _post(data={"url": _address(SIGN_OUT_PATH)}, key="session_cookie")
