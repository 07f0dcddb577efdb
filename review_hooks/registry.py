"""The checks, as an explicit tuple: adding a check is one module and one line here."""

from __future__ import annotations

from review_hooks.check import Check
from review_hooks.checks import broken_link, conflict_markers, mojibake, required_headings

CHECKS: tuple[Check, ...] = (conflict_markers.CHECK, mojibake.CHECK, broken_link.CHECK, required_headings.CHECK)
IDS: tuple[str, ...] = tuple(check.id for check in CHECKS)


def get(check_id: str) -> Check:
    """The check named ``check_id``; KeyError names the known ids."""
    for check in CHECKS:
        if check.id == check_id:
            return check
    raise KeyError(f"unknown check {check_id!r}; known: {', '.join(IDS)}")
