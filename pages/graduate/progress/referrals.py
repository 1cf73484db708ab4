"""Referral chains as an indented list: each contact, and beneath them whom they referred."""

from __future__ import annotations

from collections import defaultdict

from networkit_core.read_models.my_progress import ReferralLink
from pages.ui.text import escape

INDENT = "    "  # one level of a Markdown list


def referral_tree(links: tuple[ReferralLink, ...]) -> str:
    """Markdown: who opened the first door at the top, each referral one level further in."""
    names: dict[int, str] = {}
    referred: dict[int, list[int]] = defaultdict(list)
    for link in links:
        names.setdefault(link.referred_by_id, link.referred_by_name)
        names.setdefault(link.contact_id, link.name)
        referred[link.referred_by_id].append(link.contact_id)
    was_referred = {link.contact_id for link in links}
    lines: list[str] = []
    shown: set[int] = set()

    def show(contact_id: int, depth: int) -> None:
        if contact_id in shown:  # a loop of referrals: each contact once
            return
        shown.add(contact_id)
        arrow = "→ " if depth else ""
        lines.append(f"{INDENT * depth}- {arrow}{escape(' '.join(names[contact_id].split()))}")
        for other in referred[contact_id]:
            show(other, depth + 1)

    for contact_id in [*(c for c in names if c not in was_referred), *names]:
        show(contact_id, 0)
    return "\n".join(lines)
