"""serve.py's session cookie routes over HTTP, on a real `streamlit run serve.py`: a code is
traded once for an HttpOnly cookie, Secure when a trusted proxy says the browser came over TLS;
another site's request is refused; sign-out ends the session and clears the cookie."""

from __future__ import annotations

import http.client
import json
from collections.abc import Iterator
from dataclasses import dataclass
from http.cookies import SimpleCookie
from urllib.parse import urlsplit

import pytest

from networkit_core.clock import SystemClock
from networkit_core.context import Context
from networkit_core.models import Role
from networkit_core.services.accounts import sessions
from networkit_core.services.accounts.cookie_handoffs import hand_off
from pages.ui.browser_session import COOKIE, SESSION_PATH, SIGN_OUT_PATH
from tests import factories
from tests.browser_support import streamlit_server


@dataclass(frozen=True)
class Answer:
    status: int
    body: str
    set_cookie: list[str]

    def cookie(self) -> SimpleCookie:
        assert len(self.set_cookie) == 1, self.set_cookie
        jar = SimpleCookie()
        jar.load(self.set_cookie[0])
        return jar


@pytest.fixture(scope="module")
def server(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app on the test database, believing X-Forwarded-* from this machine (a proxy's)."""
    log = tmp_path_factory.mktemp("cookie-routes") / "streamlit.log"
    with pytest.MonkeyPatch.context() as env:
        env.setenv("NETWORKIT_TRUSTED_PROXIES", "127.0.0.1")
        with streamlit_server(database_url, log) as url:
            yield url


@pytest.fixture
def live(ctx: Context) -> Context:
    """The test database on the server's clock (sessions go idle by the real time)."""
    return Context(ctx.engine, ctx.settings, SystemClock())


def _post(
    url: str, path: str, body: object = None, *, origin: str | None = "same", **headers: str
) -> Answer:
    where = urlsplit(url)
    sent = {"Content-Type": "application/json", **headers}
    if origin is not None:
        sent["Origin"] = url if origin == "same" else origin
    connection = http.client.HTTPConnection(where.hostname or "", where.port, timeout=20)
    try:
        connection.request("POST", path, body=json.dumps(body).encode(), headers=sent)
        response = connection.getresponse()
        return Answer(
            response.status,
            response.read().decode(),
            response.headers.get_all("Set-Cookie") or [],
        )
    finally:
        connection.close()


def _signed_in(live: Context) -> tuple[str, str]:
    token = sessions.start_session(live, factories.user(live, Role.GRADUATE))
    code = hand_off(live, token)
    assert code is not None
    return token, code


def test_a_code_is_traded_once_for_an_httponly_strict_cookie(server: str, live: Context) -> None:
    token, code = _signed_in(live)
    answer = _post(server, SESSION_PATH, {"code": code})
    assert answer.status == 204, answer
    morsel = answer.cookie()[COOKIE]
    assert morsel.value == token
    assert morsel["httponly"] is True
    assert morsel["samesite"].lower() == "strict"
    assert morsel["path"] == "/"
    assert not morsel["secure"]  # plain http, no proxy said otherwise
    assert not morsel["max-age"] and not morsel["expires"]  # gone when the browser closes

    again = _post(server, SESSION_PATH, {"code": code})
    assert (again.status, again.set_cookie) == (403, [])
    assert again.body.startswith("This sign-in could not be kept")


@pytest.mark.parametrize(
    "body", [{"code": "not a code"}, {}, None, ["x"], "text", {"code": "x" * 5000}]
)
def test_an_unknown_code_is_refused_in_plain_words(
    server: str, live: Context, body: object
) -> None:
    answer = _post(server, SESSION_PATH, body)
    assert (answer.status, answer.set_cookie) == (403, [])
    assert "Traceback" not in answer.body and answer.body.endswith("Sign in again.")


def test_an_expired_sessions_code_is_refused(server: str, live: Context) -> None:
    token, code = _signed_in(live)
    sessions.end_session(live, token)
    answer = _post(server, SESSION_PATH, {"code": code})
    assert (answer.status, answer.set_cookie) == (403, [])


@pytest.mark.parametrize(
    "headers",
    [
        {"origin": "http://evil.example"},
        {"origin": None},
        {"origin": "null"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},
    ],
)
def test_a_request_from_another_site_is_refused_and_spends_nothing(
    server: str, live: Context, headers: dict[str, str | None]
) -> None:
    token, code = _signed_in(live)
    answer = _post(server, SESSION_PATH, {"code": code}, **headers)  # type: ignore[arg-type]
    assert (answer.status, answer.set_cookie) == (403, [])
    assert answer.body.startswith("Refused: this request did not come from NetWorkIt")
    out = _post(server, SIGN_OUT_PATH, Cookie=f"{COOKIE}={token}", **headers)  # type: ignore[arg-type]
    assert out.status == 403
    assert sessions.resume_session(live, token) is not None  # not signed out by another site
    assert _post(server, SESSION_PATH, {"code": code}).status == 204  # the code still works


def test_behind_a_trusted_proxy_over_tls_the_cookie_is_secure(server: str, live: Context) -> None:
    _, code = _signed_in(live)
    proxied = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.7"}
    # The browser's page is at https://<host>: its Origin says so.
    origin = "https://" + (urlsplit(server).netloc)
    answer = _post(server, SESSION_PATH, {"code": code}, origin=origin, **proxied)
    assert answer.status == 204, answer
    morsel = answer.cookie()[COOKIE]
    assert morsel["secure"] is True and morsel["httponly"] is True
    token, _ = _signed_in(live)
    out = _post(server, SIGN_OUT_PATH, origin=origin, Cookie=f"{COOKIE}={token}", **proxied)
    assert out.status == 204 and out.cookie()[COOKIE]["secure"] is True


def test_sign_out_ends_the_session_and_clears_the_cookie(server: str, live: Context) -> None:
    token, _ = _signed_in(live)
    answer = _post(server, SIGN_OUT_PATH, Cookie=f"{COOKIE}={token}")
    assert answer.status == 204, answer
    morsel = answer.cookie()[COOKIE]
    assert morsel.value in ("", '""') and morsel["max-age"] == "0"
    assert morsel["httponly"] is True and morsel["path"] == "/"
    assert sessions.resume_session(live, token) is None
    # Signed out already, or no cookie at all: still answered with the cookie cleared.
    assert _post(server, SIGN_OUT_PATH, Cookie=f"{COOKIE}={token}").status == 204
    assert _post(server, SIGN_OUT_PATH).status == 204
