"""Referral chains as a Graphviz picture: each contact a box, each referral an arrow."""

from __future__ import annotations

import json

from networkit_core.services.my_progress import ReferralLink


def _quoted(text: str) -> str:
    # A JSON string is a valid DOT quoted string: quotes and backslashes escaped.
    return json.dumps(text, ensure_ascii=False)


def referral_graph(links: tuple[ReferralLink, ...]) -> str:
    """DOT source, left to right; nodes are named by contact id so equal names stay apart."""
    lines = [
        "digraph referrals {",
        "  rankdir=LR;",
        '  node [shape=box, style="rounded,filled", fillcolor="#e8f3ef", color="#1f6f5c", '
        'fontname="sans-serif"];',
        '  edge [color="#1f6f5c"];',
    ]
    names: dict[int, str] = {}
    for link in links:
        names[link.referred_by_id] = link.referred_by_name
        names[link.contact_id] = link.name
    lines += [f"  c{cid} [label={_quoted(name)}];" for cid, name in names.items()]
    lines += [f"  c{link.referred_by_id} -> c{link.contact_id};" for link in links]
    lines.append("}")
    return "\n".join(lines)
