"""Small writes that redraw only their own part of a page (`st.fragment`).

A fragment's rerun calls it again with the arguments of the page's last full run, so it would draw
what that run read. Its write's callback keeps what the core returned instead (`keep`), and the
fragment draws from that (`fresh`): a tick costs its write, never the page's read again. Every
full run of a page forgets what was kept (`forget`): the page's own read is newer. A write
whose result is not what its fragment draws marks it `stale`: the fragment's next run reads its
own part again through the core (`reread`), still not the whole page.

A write that bumps an interview's version leaves the page's other forms holding the version read
before it; `seen` gives them the one this tab wrote since, so a graduate's own thank-you is not
a conflict with their notes. A conflict is shown by the page, outside any fragment: its callback
reruns the whole page (`rerun_on_conflict`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, TypeVar

import streamlit as st

from pages.ui.calls import take_conflict

INTERVIEW = "interview"  # the kind of record `wrote` and `seen` name
KEPT_KEY = "kept"  # fragment -> what its last write returned
VERSIONS_KEY = "versions_written"  # record -> (version the page read, version this tab wrote)

T = TypeVar("T")


class Versioned(Protocol):
    @property
    def id(self) -> int: ...

    @property
    def version(self) -> int: ...


def _kept() -> dict[str, Any]:
    return st.session_state.setdefault(KEPT_KEY, {})


def _versions() -> dict[str, tuple[int, int]]:
    return st.session_state.setdefault(VERSIONS_KEY, {})


def forget() -> None:
    """At the top of a page's full run: what the page reads now is newer than anything kept."""
    st.session_state.pop(KEPT_KEY, None)
    st.session_state.pop(VERSIONS_KEY, None)


def keep(fragment: str, service: Callable[..., T]) -> Callable[..., T]:
    """`service`, keeping what it returns for `fragment`'s next run."""

    def kept(*args: Any, **kwargs: Any) -> T:
        result = service(*args, **kwargs)
        _kept()[fragment] = result
        return result

    return kept


class _Stale:
    """Kept for a fragment whose last write returned nothing it draws."""


def stale(fragment: str) -> None:
    """In a write's callback: `fragment` reads its part afresh on its next run (`reread`)."""
    _kept()[fragment] = _Stale()


def reread(fragment: str, read: T, again: Callable[[], T]) -> T:
    """What the page's full run read for `fragment`, or, once a write made it `stale`, `again()`,
    kept for the fragment's next runs (a tick or a page of the list reads nothing)."""
    kept = _kept().get(fragment, read)
    if isinstance(kept, _Stale):
        kept = _kept()[fragment] = again()
    return kept


def fresh(fragment: str, read: T) -> T:
    """What `fragment`'s last write returned since the page's full run, else `read`."""
    return _kept().get(fragment, read)


def wrote(kind: str, before: int, after: Versioned) -> None:
    """This tab saved `after` over version `before` of it."""
    versions = _versions()
    key = f"{kind}_{after.id}"
    known = versions.get(key)
    read = known[0] if known is not None and known[1] == before else before
    versions[key] = (read, after.version)


def seen(kind: str, record: Versioned) -> int:
    """The version of `record` (as the page read it) to save over: the one this tab wrote since,
    if any."""
    known = _versions().get(f"{kind}_{record.id}")
    return known[1] if known is not None and known[0] == record.version else record.version


def rerun_on_conflict(form: str) -> None:
    """In a fragment's callback, after a write: a conflict is shown by the whole page."""
    conflict = take_conflict()
    if conflict is not None and conflict.form == form:
        st.rerun()
