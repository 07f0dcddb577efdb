"""Facts about the git repository a run is in, each asked of git at most once per run.

Plain ``git`` plumbing subprocesses, not gitpython: a hook pays for every import (gitpython
costs about 96 ms), and these are a few fixed calls. gitpython is used only where a revision
is resolved (``scan --changed-since``, ``changed.py``). Nothing here runs unless a check asks:
the conflict-marker and mojibake hooks never list the repository.
"""

from __future__ import annotations

import os
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from review_hooks.gitprocess import GitError, git
from review_hooks.paths import absolute as _absolute

if TYPE_CHECKING:
    from collections.abc import Mapping


def run_root(cwd: Path) -> Path | None:
    """The work tree a run checks: the one git's environment names (``GIT_DIR`` with ``GIT_WORK_TREE``, as a
    script or another tool sets them, from any folder) when it does, as every git command of the run reads it
    too; else the one holding ``cwd``."""
    named = os.environ.get("GIT_WORK_TREE")
    if named and os.environ.get("GIT_DIR"):
        tree = cwd / os.path.expanduser(named)  # a relative one is from the current folder, as git reads it
        return Path(os.path.normpath(tree)) if tree.is_dir() else None
    return find_root(cwd)


def find_root(start: Path) -> Path | None:
    """The work tree root holding ``start`` (by looking for ``.git``; no subprocess)."""
    folder = start.absolute()
    if not folder.is_dir():
        folder = folder.parent
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return None



class Repository:
    """A git work tree; every fact is computed on first use and kept for the run."""

    def __init__(self, root: Path) -> None:
        self.root = root.absolute()
        self._root = os.fspath(self.root)
        self._prefix = self._root.rstrip(os.sep) + os.sep
        self._attributes: dict[str, dict[str, str]] = {}
        self._attribute_folders: dict[str, bool] = {}  # folder -> a .gitattributes there or above
        #: revision -> its merge base with HEAD (``runner/changed.py``): a scan narrowed by ``--changed-since``
        #: and its inbound part both ask, and git is asked once
        self.merge_bases: dict[str, str] = {}

    def relative(self, location: Path) -> str | None:
        """``location`` relative to the root as a POSIX path, or None outside the work tree.

        String operations, not pathlib: a scan asks this of every file (``paths.absolute`` keeps the
        normalised absolute paths).
        """
        absolute = _absolute(location)
        if absolute == self._root:
            return "."
        if not absolute.startswith(self._prefix):
            return None
        return absolute[len(self._prefix) :].replace(os.sep, "/")

    @cached_property
    def tracked(self) -> frozenset[str]:
        """Every path in the index (tracked or staged), relative, POSIX, NUL-separated by git."""
        output = git(self.root, "ls-files", "-z", "--cached", "--full-name")
        return frozenset(os.fsdecode(path) for path in output.split(b"\0") if path)

    @cached_property
    def tracked_folders(self) -> frozenset[str]:
        folders: set[str] = {""}
        for path in self.tracked:
            parts = path.split("/")[:-1]
            for depth in range(1, len(parts) + 1):
                folders.add("/".join(parts[:depth]))
        return frozenset(folders)

    @cached_property
    def unmerged(self) -> frozenset[str]:
        """Paths git holds in more than one stage: a merge, rebase or cherry-pick conflict."""
        output = git(self.root, "ls-files", "-z", "--unmerged", "--full-name")
        return frozenset(os.fsdecode(entry.split(b"\t", 1)[1]) for entry in output.split(b"\0") if b"\t" in entry)

    @cached_property
    def git_dir(self) -> Path:
        """The repository's git folder (``.git``, or where a worktree's ``.git`` file points)."""
        return self.root / os.fsdecode(git(self.root, "rev-parse", "--git-dir").strip())

    @cached_property
    def staged(self) -> frozenset[str]:
        """Paths with staged changes, deletions left out: one git process, for ``scan --staged`` and so
        that the code-fence exemption asks for the diffs of these only."""
        output = git(self.root, "diff", "--cached", "--name-only", "-z", "--no-renames", "--diff-filter=d",
                     "--no-ext-diff")
        return frozenset(os.fsdecode(path) for path in output.split(b"\0") if path)

    def staged_additions(self, location: Path) -> frozenset[str]:
        """The lines the staged change adds to ``location`` (for code-fence exemptions)."""
        relative = self.relative(location)
        if relative is None or relative not in self.staged:
            return frozenset()
        output = git(self.root, "diff", "--cached", "--no-color", "--unified=0", "--no-ext-diff", "--", relative)
        return frozenset(
            line[1:].decode("utf-8", "replace").rstrip("\r")
            for line in output.split(b"\n")
            if line.startswith(b"+") and not line.startswith(b"+++")
        )

    @cached_property
    def _repository_attributes(self) -> bool:
        home = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
        return _may_exist(home / "git" / "attributes") or _may_exist(self.root / ".git" / "info" / "attributes")

    def may_have_attributes(self, location: Path) -> bool:
        """Whether any attribute can apply to ``location``: without one, no git process is worth it."""
        return self._repository_attributes or self._folder_attributes(os.path.dirname(_absolute(location)))

    def _folder_attributes(self, folder: str) -> bool:
        """Whether ``folder`` or a folder above it (up to the root) holds a ``.gitattributes``."""
        known = self._attribute_folders.get(folder)
        if known is None:
            parent = os.path.dirname(folder)
            known = os.path.exists(os.path.join(folder, ".gitattributes")) or (
                folder != self._root and parent != folder and self._folder_attributes(parent))
            self._attribute_folders[folder] = known
        return known

    def prefetch_attributes(self, locations: list[Path]) -> None:
        """Ask git for the attributes of many paths in one process."""
        relatives: list[str] = []
        everywhere = self._repository_attributes or self._folder_attributes(self._root)  # no folder to look at
        for location in locations:
            relative = self.relative(location)
            if relative is None or relative in self._attributes:
                continue
            self._attributes[relative] = {}
            if everywhere or self.may_have_attributes(location):
                relatives.append(relative)
        if not relatives:
            return
        try:
            output = git(self.root, "check-attr", "-z", "--stdin", "binary", "diff", "text", "conflict-marker-size",
                         "working-tree-encoding", stdin=b"\0".join(os.fsencode(r) for r in relatives) + b"\0")
        except GitError:
            return
        fields = os.fsdecode(output).split("\0")  # decoded at once: a scan asks of thousands of paths
        values = fields[2::3]  # path, name, value, ... and a last ""
        for index in [i for i, value in enumerate(values) if value != "unspecified"]:  # most are
            self._attributes.setdefault(fields[3 * index], {})[fields[3 * index + 1]] = values[index]

    def attribute(self, location: Path, name: str) -> str | None:
        """One attribute of one path (``set``, ``unset``, or a value), asking git if needed."""
        return self.attributes(location).get(name)

    def attributes(self, location: Path) -> Mapping[str, str]:
        """The attributes git sets on one path (name -> ``set``, ``unset`` or a value), asking git if needed;
        empty outside the work tree."""
        relative = self.relative(location)
        if relative is None:
            return {}
        if relative not in self._attributes:
            self.prefetch_attributes([location])
        return self._attributes.get(relative, {})


def _may_exist(path: Path) -> bool:
    """Whether ``path`` exists, or may (in a home folder this user may not enter: git's to warn about, as it does)."""
    try:
        return path.stat() is not None
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError:
        return True
