"""Regular expressions compiled when they are first used, not when their module is imported.

``re.compile`` runs Python code (``re._parser``, ``re._compiler``). The package's modules compiled
about 45 patterns as they were imported: some 27 million instructions of a one-file ``review-hooks
check`` on a clean document, where ``python -c pass`` takes 38 million, and that run uses fewer than
half of them; the rest wait for a broken link, a near-miss heading, an HTML tag (issue 13).

``lazy(source, flags)`` stands where ``re.compile(source, flags)`` stood, at a module's top. The first
attribute asked of it (``match``, ``sub``, ``pattern``, ...) compiles the pattern, and each attribute is
then kept on the object: a pattern used in a loop costs what a compiled one costs. It is not a
``re.Pattern``: call its methods (``re.sub(lazy_pattern, ...)`` would fail). A mistake in a pattern is
found at its first use, not at import: ``tests/pattern_test.py`` compiles every lazy pattern of the package.
"""

from __future__ import annotations

import re
from typing import Any


class Lazy:
    """``re.compile(source, flags)``, done at the first attribute asked of it (see the module's docstring)."""

    def __init__(self, source: str | bytes, flags: int = 0) -> None:
        self._source, self._flags = source, flags

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):  # only the compiled pattern's public attributes (not copy's or pickle's probes)
            raise AttributeError(name)
        compiled = self.__dict__.get("_compiled")
        if compiled is None:
            compiled = self.__dict__["_compiled"] = re.compile(self._source, self._flags)
        value = getattr(compiled, name)
        self.__dict__[name] = value  # found directly from now on: ``__getattr__`` is asked only for what is missing
        return value

    def __repr__(self) -> str:
        return f"lazy({self._source!r}, {self._flags!r})"


def lazy(source: str, flags: int = 0) -> re.Pattern[str]:
    """A pattern compiled at its first use, typed as the pattern it becomes."""
    return Lazy(source, flags)  # type: ignore[return-value]
