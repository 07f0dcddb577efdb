"""The checks: one module each (a package where a check has parts), each ending in ``CHECK``.

``get`` imports a check's module when the check is first used; ``CHECKS`` imports them all. The
names, in order, are ``review_hooks.registry``'s.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from review_hooks.registry import IDS

if TYPE_CHECKING:
    from review_hooks.check import Check


def get(check_id: str) -> Check:
    """The check named ``check_id`` (importing its module); KeyError names the known ids."""
    if check_id not in IDS:
        raise KeyError(f"unknown check {check_id!r}; known: {', '.join(IDS)}")
    return importlib.import_module(__name__ + "." + check_id.replace("-", "_")).CHECK


def __getattr__(name: str) -> Any:
    """``CHECKS``: every check, in order (imports every check module)."""
    if name == "CHECKS":
        return tuple(get(check_id) for check_id in IDS)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
