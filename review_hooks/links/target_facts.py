"""The anchors of link targets: ``facts`` reads a target through ``files.read`` at most once per process
(keyed by its real path, size and mtime) and keeps its fragments and line count, never reading outside the
repository root; a document a check has parsed anyway is ``remember``-ed, and its anchors are computed only
when a link asks for them. A scan in worker processes hands each worker the facts the others ``learned``
(``runner/exchange.py``): each document is parsed for its anchors in one process only.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from review_hooks import files
from review_hooks.check import Context
from review_hooks.document import Document
from review_hooks.markdown.structure import fragments
from review_hooks.paths import real_folder


class Facts(NamedTuple):
    """What a link's fragment may point at in one target file."""

    fragments: frozenset[str] | None  # rendered Markdown: heading slugs and HTML anchors
    lines: int  # number of lines (for ``#L10`` anchors)


Key = tuple[str, int, int, bool]  # the real path, size, mtime and whether GitHub renders it
_FACTS: dict[Key, Facts | None] = {}
#: Facts the scan's other workers learned (``taught``): kept apart, so that the bound on ``_FACTS`` never drops them.
_TAUGHT: dict[Key, Facts] = {}
#: Documents parsed by a check, not yet linked to with a fragment: heading texts, HTML anchors, lines.
_PARSED: dict[Key, tuple[tuple[str, ...], tuple[str, ...], int]] = {}


def facts(location: str, root: Path, context: Context, rendered: bool) -> Facts | None:
    """The fragments and line count of a target file, read once per process; None if unreadable."""
    try:
        real, base = _real(os.fspath(location)), _real(os.fspath(root))
        if real != base and not real.startswith(base.rstrip(os.sep) + os.sep):
            return None  # never read outside the repository root
        info = os.stat(real)
    except (OSError, ValueError, RuntimeError):
        return None
    key = (real, info.st_size, info.st_mtime_ns, rendered)
    if key in _TAUGHT:
        return _TAUGHT[key]
    if key not in _FACTS and key in _PARSED:
        headings, names, lines = _PARSED.pop(key)
        _FACTS[key] = Facts(fragments(headings, names), lines)
    if key not in _FACTS:
        if len(_FACTS) > 4096:
            _FACTS.clear()
        document = files.read(files.Target(location, Path(real)), context.config, context.repository)
        if isinstance(document, files.Skip):
            _FACTS[key] = None
        else:
            _FACTS[key] = Facts(document.markdown.fragments if rendered else None, _line_count(document))
    return _FACTS[key]


def remember(document: Document) -> None:
    """Keep the anchors of a document just parsed from disk: links to it need not parse it again."""
    key = _key_of(document)
    if key is not None and key not in _FACTS:
        if len(_PARSED) > 4096:
            _PARSED.clear()
        structure = document.markdown  # slugs are computed only if a link asks for them
        _PARSED[key] = (structure.anchored_headings, tuple(a.name for a in structure.anchors),
                        _line_count(document))


def learned(document: Document, context: Context) -> tuple[Key, Facts] | None:
    """The facts of a document read by a scan, under the key ``facts`` finds them by, for the other workers; None
    for a document without a link to an anchor of its own (``](#``). Such a link makes broken-link parse the
    document anyway (unless ``ignore`` covers the document itself), so learning costs no parse it would not make;
    any other document is still read when a link asks (a choice of speed only: a document learned or not has the
    same facts). None too for a document read through a symbolic link: ``facts`` reads it by its real path."""
    if "](#" not in document.text:
        return None
    location = os.fspath(document.location)
    key = _key_of(document)
    if key is None or key[0] != os.path.normpath(os.path.join(os.getcwd(), location)):  # (an absolute one stays)
        return None
    facts = _FACTS[key] = Facts(document.markdown.fragments, _line_count(document))
    return key, facts


def taught(found: Sequence[tuple[Key, Facts]]) -> None:
    """Keep what every worker ``learned``, for the links of this one's documents."""
    _TAUGHT.update(found)


def _key_of(document: Document) -> Key | None:
    """The key ``facts`` finds a rendered document by, when the bytes it was read from are the file's now."""
    try:
        real = _real(os.fspath(document.location))
        info = os.stat(real)
    except (OSError, ValueError, RuntimeError):
        return None
    return (real, info.st_size, info.st_mtime_ns, True) if info.st_size == len(document.raw) else None


def _real(location: str) -> str:
    """``os.path.realpath(location)``, once per process, with each folder's resolved once (``realpath``
    reads every part of a path from the disk, and a scan asks for every document of a deep tree).
    Strings, not ``Path``: this runs for every document a scan parses. A relative ``location`` is made
    absolute before the cache: what it names depends on the current folder."""
    if not os.path.isabs(location):
        location = os.path.join(os.getcwd(), location)
    return _real_absolute(location)


@functools.lru_cache(maxsize=8192)
def _real_absolute(location: str) -> str:
    folder, name = os.path.split(location)
    if name in ("", ".", "..") or os.path.islink(location):
        return os.path.realpath(location)
    return os.path.join(real_folder(folder), name)


def _line_count(document: Document) -> int:
    """``len(document.lines)`` less a last empty line, counted without splitting the text."""
    text = document.text
    return text.count("\n") + 1 - (text.endswith("\n") or not text)
