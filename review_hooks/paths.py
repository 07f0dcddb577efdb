"""One lexical notion of a path for every module: absolute, and relative to a root.

Lexical on purpose: ``scan ../docs`` names ``docs`` without resolving symbolic links, so a path
is reported as the user gave it, and the configuration, the repository and the file list agree.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path


def absolute(location: Path | str) -> str:
    """``location`` made absolute, with ``..`` resolved lexically (``scan ../docs`` names ``docs``)."""
    path = os.fspath(location)
    return _normal(path) if os.path.isabs(path) else os.path.normpath(os.path.join(os.getcwd(), path))


@functools.lru_cache(maxsize=16384)
def _normal(path: str) -> str:
    """``os.path.normpath`` of an absolute path, once per process: a scan asks it of every file several times
    (its repository path for git's attributes, its folder for its links), and it is Python code."""
    return os.path.normpath(path)


def relative_to(location: Path | str, root: Path | str) -> str | None:
    """``location`` relative to ``root`` as a POSIX path, or None when it is outside."""
    path, base = absolute(location), absolute(root)
    if path == base:
        return "."
    if not path.startswith(base.rstrip(os.sep) + os.sep):
        return None
    return path[len(base.rstrip(os.sep)) + 1 :].replace(os.sep, "/")
