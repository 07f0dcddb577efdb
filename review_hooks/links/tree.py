"""Where relative links land: GitHub's URL resolution and git's file list.

``resolve`` turns a written destination into a repository path the way GitHub does (query
dropped, percent-decoded, ``..`` normalised as a URL path, ``/x`` from the root). ``Tree``
answers whether a path exists as git has it (tracked or staged, case-exact), or on disk
outside a repository; it holds the indexes ``suggest.py`` searches for a missing path's
candidates, and keeps for the run the answers that depend on git's files alone (``verdicts``,
``similar``). The anchors of targets are read by ``links/target_facts.py``.
"""

from __future__ import annotations

import bisect
import functools
import os
import posixpath
import re
import unicodedata
import weakref
from collections.abc import Iterable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple
from urllib.parse import unquote

from review_hooks.check import Context
from review_hooks.repository import Repository

if TYPE_CHECKING:
    from review_hooks.config import Config

SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
#: Extensions GitHub renders as Markdown (their ``#fragments`` are heading anchors).
RENDERED = (".md", ".markdown", ".mdown", ".mkdn", ".mkd", ".mdwn", ".mdtxt", ".mdtext")
#: The other markups GitHub renders (github/markup): their headings are not read here, but a rendered page has no
#: ``#L10`` line anchors, as a rendered Markdown page has none.
MARKUPS = (".textile", ".rdoc", ".org", ".creole", ".mediawiki", ".wiki", ".rst", ".asciidoc", ".adoc", ".asc",
           ".pod", ".pod6")
#: Pages of a GitHub repository that ``../../issues`` reaches from the root (``/owner/repo/issues``).
ROUTES = frozenset({"actions", "activity", "archive", "attestations", "blame", "blob", "branches", "commit",
                    "commits", "community", "compare", "contributors", "deployments", "discussions", "edit",
                    "find", "forks", "graphs", "issues", "labels", "milestone", "milestones", "network", "new",
                    "packages", "projects", "pull", "pulls", "pulse", "raw", "releases", "search", "security",
                    "settings", "stargazers", "tags", "tree", "watchers", "wiki"})
LINE_ANCHOR = re.compile(r"L(\d+)(?:C\d+)?(?:-L(\d+)(?:C\d+)?)?")


# NamedTuples, not dataclasses, for the hooks' start-up (see ``review_hooks.finding.Finding``).
class Resolved(NamedTuple):
    """A relative destination resolved against the linking file's folder."""

    path: str  # POSIX, relative to the root, normalised; "" is the root itself
    written_path: str  # the path part as written (before ``?`` and ``#``)
    fragment: str | None  # percent-decoded; None when there is no ``#``
    plain: bool  # ``?plain=1``: GitHub shows the source, with line anchors
    climbed: int  # how many ``..`` went above the root (GitHub: 1 is ``blob/``, 2 is ``owner/repo/``)
    folder: bool  # written with a trailing ``/``


def rendered(path: str, config: Config) -> bool:
    """Whether GitHub renders ``path`` as Markdown, so that its headings are anchors: an extension GitHub
    renders, or one the configuration counts as Markdown. Strings, not pathlib: asked of every such link."""
    name = path.rpartition("/")[2].lower()
    return name.endswith(RENDERED) or config.is_markdown(name)


def decoded_path(written: str) -> str:
    """A link's path percent-decoded; a byte that is not UTF-8 (``caf%E9.md``) names a file as git names it."""
    return unquote(written, errors="surrogateescape")


def relative(destination: str) -> bool:
    """Whether a destination is a relative link (no scheme, not ``//host``, not empty)."""
    return bool(destination) and not destination.startswith("//") and not SCHEME.match(destination)


@functools.lru_cache(maxsize=8192)
def resolve(destination: str, folder: str) -> Resolved:
    """Resolve ``destination`` (relative) from ``folder`` (root-relative POSIX, "" for the root).

    Kept per process (the answer depends on the two strings alone and is immutable): broken-link resolves a
    link in its no-parse pre-test and again after the parse, and a folder's documents share their links."""
    written, hash_sign, fragment = destination.partition("#")
    written, _, query = written.partition("?")
    decoded = decoded_path(written)
    parts = [] if decoded.startswith("/") else [p for p in folder.split("/") if p]
    climbed = 0
    for part in decoded.split("/"):
        if part == "..":
            climbed += not parts
            parts = parts[:-1]
        elif part not in ("", "."):
            parts.append(part)
    plain = "plain=1" in query.split("&")
    return Resolved("/".join(parts), written, unquote(fragment) if hash_sign else None, plain, climbed,
                    decoded.endswith("/"))


class Tree:
    """The files a link may land on: git's tracked set (read once per run), or the disk."""

    def __init__(self, root: Path, repository: Repository | None) -> None:
        self.root = root
        self._prefix = os.fspath(root).rstrip(os.sep) + os.sep  # ``location``'s start
        #: held weakly: the run's trees are kept by their repository (``_TREES``), and a tree holding it
        #: strongly would keep both alive after the run, in a process that runs again
        self._repository = weakref.ref(repository) if repository is not None else None
        self._listings: dict[str, frozenset[str]] = {}
        self._extensions: frozenset[str] | None = None
        self.similar: dict[str, str | None] = {}  # path -> the most similar name (``suggest.similar_path``)
        #: answers about links that depend on git's files alone (``checks.broken_link.link_problem``, and
        #: ``links.candidates``' fast path, whose keys start with "vouched")
        self.verdicts: dict[tuple[object, ...], Any] = {}

    @staticmethod
    def of(context: Context, root: Path) -> Tree:
        """The run's tree: one per repository object (so git is asked once), a fresh one on disk."""
        repository = context.repository
        if repository is None or root != repository.root:
            return Tree(root, None)
        tree = _TREES.get(repository)
        if tree is None:
            tree = _TREES[repository] = Tree(root, repository)
        return tree

    @property
    def repository(self) -> Repository | None:
        """The repository whose files these are (None: the disk, outside git)."""
        return self._repository() if self._repository is not None else None

    def kind(self, path: str) -> str | None:
        """``file``, ``folder`` (both case-exact) or None."""
        repository = self.repository
        if repository is None:
            return self.on_disk(path)
        if path in repository.tracked:
            return "file"
        if path in repository.tracked_folders:
            return "folder"
        return None

    def location(self, path: str) -> str:
        """Where the root-relative POSIX ``path`` is on disk, as a string (``root / path`` without pathlib)."""
        return self._prefix + (path.replace("/", os.sep) if os.sep != "/" else path)

    def submodule(self, path: str) -> str | None:
        """The gitlink (submodule) ``path`` lies below: GitHub serves no file of a submodule from
        this repository's pages (``blob/main/vendor/lib/README.md`` is a 404), only the link to it."""
        parts = path.split("/")
        tracked = self.repository.tracked if self.repository else frozenset()
        return next(("/".join(parts[:n]) for n in range(1, len(parts)) if "/".join(parts[:n]) in tracked), None)

    def on_disk(self, path: str) -> str | None:
        """``file`` or ``folder`` when every part of ``path`` is on disk in exactly this case."""
        folder = ""
        for part in path.split("/") if path else []:
            if part not in self.listing(folder):
                return None
            folder = f"{folder}/{part}" if folder else part
        return "folder" if (self.root / path).is_dir() else "file"

    def listing(self, folder: str) -> frozenset[str]:
        if folder not in self._listings:
            try:
                self._listings[folder] = frozenset(os.listdir(self.root / folder))
            except OSError:
                self._listings[folder] = frozenset()
        return self._listings[folder]

    @cached_property
    def paths(self) -> tuple[str, ...]:
        """Every file and folder a candidate may be (tracked; outside git, nothing beyond listings)."""
        if self.repository is None:
            return ()
        return (*self.repository.tracked, *(f for f in self.repository.tracked_folders if f))

    @cached_property
    def by_loose(self) -> dict[str, list[str]]:
        index: dict[str, list[str]] = {}
        for path in self.paths:
            index.setdefault(_loose(path), []).append(path)
        return index

    @cached_property
    def by_name(self) -> dict[str, list[str]]:
        index: dict[str, list[str]] = {}
        for path in self.paths:
            index.setdefault(path.rsplit("/", 1)[-1], []).append(path)
        return index

    @property
    def extensions(self) -> frozenset[str]:
        """The extensions (lowercase, with the dot) of the files git tracks (or listed so far)."""
        if self.repository is None:
            return _extensions(name for listing in self._listings.values() for name in listing)
        if self._extensions is None:
            self._extensions = _extensions(p.rpartition("/")[2] for p in self.repository.tracked)
        return self._extensions

    def names_in(self, folder: str, prefix: str = "") -> list[str]:
        """The names git (or the disk) has directly in ``folder``, sorted; those that start with ``prefix``
        found by bisection (a folder may hold thousands)."""
        names = sorted(self.listing(folder)) if self.repository is None else self.children.get(folder, [])
        if not prefix:
            return names
        start = end = bisect.bisect_left(names, prefix)
        while end < len(names) and names[end].startswith(prefix):
            end += 1
        return names[start:end]

    @cached_property
    def children(self) -> dict[str, list[str]]:
        index: dict[str, set[str]] = {}
        for path in self.paths:
            folder, _, name = path.rpartition("/")
            index.setdefault(folder, set()).add(name)
        return {folder: sorted(names) for folder, names in index.items()}

    def same_loosely(self, path: str) -> list[str]:
        """Other paths that differ from ``path`` only by letter case or Unicode normalisation (NFC/NFD)."""
        if self.repository is not None:
            return [p for p in self.by_loose.get(_loose(path), []) if p != path]
        folder, _, name = path.rpartition("/")
        if self.on_disk(folder) != "folder":
            return []
        loose = _loose(name)
        return [posixpath.join(folder, n) for n in self.listing(folder) if _loose(n) == loose and n != name]


def _loose(path: str) -> str:
    """A path compared without letter case or Unicode normalisation (macOS writes names in NFD)."""
    return (path if path.isascii() else unicodedata.normalize("NFC", path)).lower()  # ASCII is its own NFC


def _extensions(names: Iterable[str]) -> frozenset[str]:
    return frozenset("." + name.rpartition(".")[2].lower() for name in names if "." in name.strip("."))


_TREES: weakref.WeakKeyDictionary[Repository, Tree] = weakref.WeakKeyDictionary()
