"""The checks, as an explicit list: adding a check is one module and one line here.

A check's module is imported when the check is first used, not when the registry is: the
``check-conflict-markers`` hook pays for its own check only, not for the link resolver or
the mojibake engine (hook start-up is measured, see ``bench/``). ``CHECKS`` imports them all.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from review_hooks.check import Check

#: (check id, pre-commit hook id and command), in the order the checks run and are listed;
#: the module is the id with underscores (tests/registry_test.py ties each entry to its ``CHECK``).
ENTRIES: tuple[tuple[str, str], ...] = (
    ("conflict-markers", "check-conflict-markers"),
    ("mojibake", "fix-mojibake"),
    ("broken-link", "check-links"),
    ("required-headings", "check-headings"),
)
IDS: tuple[str, ...] = tuple(check_id for check_id, _ in ENTRIES)
HOOKS: dict[str, str] = {hook: check_id for check_id, hook in ENTRIES}
#: Hooks named ``fix-...`` write their repairs without ``--fix`` (``--diff`` shows them instead).
FIXING_HOOKS: frozenset[str] = frozenset(hook for hook in HOOKS if hook.startswith("fix-"))


def get(check_id: str) -> Check:
    """The check named ``check_id`` (importing its module); KeyError names the known ids."""
    if check_id not in IDS:
        raise KeyError(f"unknown check {check_id!r}; known: {', '.join(IDS)}")
    return importlib.import_module("review_hooks.checks." + check_id.replace("-", "_")).CHECK


def __getattr__(name: str) -> Any:
    """``CHECKS``: every check, in order (imports every check module)."""
    if name == "CHECKS":
        return tuple(get(check_id) for check_id in IDS)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
