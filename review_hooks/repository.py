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

from review_hooks.paths import absolute as _absolute

if TYPE_CHECKING:
    from collections.abc import Mapping


class GitError(Exception):
    """git could not answer; ``str()`` is a one-line reason."""


class GitTimeout(GitError):
    """git ran past its time and was stopped; ``output`` is what it wrote until then."""

    def __init__(self, message: str, output: bytes) -> None:
        super().__init__(message)
        self.output = output


class _Late(Exception):
    """``_exchange`` ran past its time limit; ``output``: what was written to the output until then."""

    def __init__(self, output: bytes) -> None:
        super().__init__()
        self.output = output


def git(root: Path, *args: str, stdin: bytes | None = None, timeout: float | None = None) -> bytes:
    """Run ``git -C root args`` and return its standard output; past ``timeout`` seconds, GitTimeout."""
    argv = ["git", "-C", str(root), *args]
    env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0"}
    try:
        if hasattr(os, "posix_spawnp"):
            status, output, errors = _spawned(argv, env, stdin, timeout)
        else:
            status, output, errors = _run(argv, env, stdin, timeout)
    except _Late as late:  # killed past its time; what it wrote until then is kept
        raise GitTimeout(f"git {args[0]} took over {timeout:g} s", late.output) from None
    except OSError as error:
        raise GitError(f"cannot run git: {error.strerror or error}") from error
    if status != 0:
        message = errors.decode("utf-8", "replace").strip().splitlines()
        raise GitError(f"git {args[0]} failed: {message[-1] if message else status}")
    return output


def _run(argv: list[str], env: dict[str, str], stdin: bytes | None, timeout: float | None) -> tuple[int, bytes, bytes]:
    """The exit status, output and errors of ``argv`` through ``subprocess``: where there is no ``posix_spawn``."""
    import subprocess

    try:
        completed = subprocess.run(argv, input=stdin, capture_output=True, check=False, env=env, timeout=timeout)
    except subprocess.TimeoutExpired as error:  # killed; the output so far is kept where the system allows
        raise _Late(error.stdout or b"") from None
    return completed.returncode, completed.stdout, completed.stderr


def _spawned(argv: list[str], env: dict[str, str], stdin: bytes | None,
             timeout: float | None = None) -> tuple[int, bytes, bytes]:
    """What ``_run`` gives, without importing ``subprocess``: a hook asks git a question
    or two, and ``subprocess`` (it imports ``threading``, ``signal``, ``selectors`` and ``locale``) cost a
    one-file ``review-hooks check`` 16 million instructions, 8% of the run (issue 13). The standard input is
    inherited unless ``stdin`` is given, as with ``subprocess.run(input=None)``. Every descriptor it opens
    is closed on every path, a failed ``os.pipe`` or spawn (EMFILE) included."""
    pipes = _pipes(2 if stdin is None else 3)
    (out_read, out_write), (err_read, err_write) = pipes[:2]
    in_read, in_write = pipes[2] if stdin is not None else (None, None)
    try:
        actions = [(os.POSIX_SPAWN_DUP2, out_write, 1), (os.POSIX_SPAWN_DUP2, err_write, 2)]
        if in_read is not None:
            actions.append((os.POSIX_SPAWN_DUP2, in_read, 0))
        # SIGPIPE (13 on every POSIX system) back to its default, which Python ignores: as subprocess does
        pid = os.posix_spawnp(argv[0], argv, env, file_actions=actions, setsigdef=(13,))
    except BaseException:
        _close(out_read, err_read, in_write)
        raise
    finally:  # the child has its copies (pipes are not inherited otherwise: Python opens them close-on-exec)
        _close(out_write, err_write, in_read)
    try:
        output, errors = _exchange(out_read, err_read, in_write, stdin or b"", timeout)
    except BaseException:  # past its time (``_Late``), or Ctrl-C: git is not left running
        os.kill(pid, 9)  # SIGKILL, as subprocess.run kills its child (9 on every POSIX system)
        os.waitpid(pid, 0)
        raise
    return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]), output, errors


def _pipes(count: int) -> list[tuple[int, int]]:
    """``count`` pipes (read end, write end), or none: if one cannot be made (EMFILE), those already made are
    closed before the error goes on."""
    pipes: list[tuple[int, int]] = []
    try:
        for _ in range(count):
            pipes.append(os.pipe())
    except BaseException:
        _close(*(fd for pipe in pipes for fd in pipe))
        raise
    return pipes


def _exchange(output: int, errors: int, feed: int | None, data: bytes,
              timeout: float | None = None) -> tuple[bytes, bytes]:
    """Everything written to ``output`` and to ``errors`` while ``data`` is written to ``feed``, interleaved as
    the pipes allow (git may answer before it has read everything), within ``timeout`` seconds (``_Late``
    past it); closes the three, whatever happens."""
    chunks: dict[int, list[bytes]] = {output: [], errors: []}
    try:
        import select
        import time

        deadline = None if timeout is None else time.monotonic() + timeout
        reading = set(chunks)
        poller = select.poll()
        for fd in reading:
            poller.register(fd, select.POLLIN)
        left = memoryview(data)
        if feed is not None:
            poller.register(feed, select.POLLOUT)
        while reading or feed is not None:
            wait = None if deadline is None else max(0.0, deadline - time.monotonic()) * 1000
            ready = poller.poll(wait)
            if not ready:  # only a wait with a limit returns nothing
                raise _Late(b"".join(chunks[output]))
            for fd, _ in ready:
                if fd == feed:
                    try:
                        left = left[os.write(feed, left[: select.PIPE_BUF]) :] if left else left
                    except BrokenPipeError:  # git stopped reading: what it wrote still counts
                        left = left[:0]
                    if not left:
                        poller.unregister(feed)
                        _close(feed)
                        feed = None
                elif chunk := os.read(fd, 65536):
                    chunks[fd].append(chunk)
                else:
                    poller.unregister(fd)
                    reading.discard(fd)
    finally:
        _close(*chunks, feed)
    return b"".join(chunks[output]), b"".join(chunks[errors])


def _close(*fds: int | None) -> None:
    for fd in fds:
        if fd is not None:
            os.close(fd)


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
        return (home / "git" / "attributes").exists() or (self.root / ".git" / "info" / "attributes").exists()

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
            output = git(self.root, "check-attr", "-z", "--stdin", "binary", "diff", "text",
                         "conflict-marker-size", stdin=b"\0".join(os.fsencode(r) for r in relatives) + b"\0")
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
