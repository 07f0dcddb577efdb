"""The names of the checks, as an explicit list: adding a check is one module and one line here.

Names only (check id, hook id), so that the configuration can know every check's table without
importing a check: ``review_hooks.checks.get`` imports a check's module when it is first used,
and the ``check-conflict-markers`` hook pays for its own check only (hook start-up is measured,
see ``bench/``).
"""

from __future__ import annotations

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
