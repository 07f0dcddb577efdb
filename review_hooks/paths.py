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


def within(location: str, root: Path | str) -> str:
    """``location`` as a path below ``root`` when it names a place there through a symbolic link to a folder
    (``../r.link/a.md``: the repository by another name), so that the configuration, git and the links see the
    file they know; unchanged otherwise (a file named by a link of its own stays one: it is not followed)."""
    if relative_to(location, root) is not None:
        return location
    path, base = absolute(location), absolute(root)
    folder, name = os.path.split(path)
    real = real_folder(path) if os.path.isdir(path) and not os.path.islink(path) else os.path.join(
        real_folder(folder), name)
    real_base = real_folder(base)
    if real != real_base and not real.startswith(real_base.rstrip(os.sep) + os.sep):
        return location
    return os.path.normpath(os.path.join(base, os.path.relpath(real, real_base)))


@functools.lru_cache(maxsize=4096)
def real_folder(folder: str) -> str:
    """``os.path.realpath`` of a folder, once per process: ``realpath`` reads every part of a path from the disk,
    and a scan asks it for the folder of every document (``within``, the baseline, link targets)."""
    return os.path.realpath(folder)
