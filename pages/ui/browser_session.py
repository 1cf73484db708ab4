"""Where the browser keeps its session token, so a reload keeps the user signed in: a cookie written
by a tiny `st.components.v2` component (Streamlit reads cookies but cannot write one), first-party,
`SameSite=Strict`, `Secure` over HTTPS, no expiry; written from script, it cannot be HttpOnly."""

from __future__ import annotations

import streamlit as st

COOKIE = "networkit_session"

_JS = """
export default function (component) {
  const { data } = component;
  if (!data || !data.name) return;
  const secure = window.location.protocol === "https:" ? "; Secure" : "";
  const value = data.token ? encodeURIComponent(data.token) : "";
  const expiry = data.token ? "" : "; Max-Age=0";
  document.cookie = `${data.name}=${value}; Path=/; SameSite=Strict${expiry}${secure}`;
}
"""

_write_cookie = st.components.v2.component("networkit.session_cookie", js=_JS)


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


def keep_token(token: str) -> None:
    """Have the browser keep `token` (written once per run; the same value is a no-op)."""
    _write_cookie(data={"name": COOKIE, "token": token}, key="session_cookie")


def forget_token() -> None:
    """Have the browser drop its token (sign-out; the server has ended the session already)."""
    _write_cookie(data={"name": COOKIE, "token": None}, key="session_cookie")
