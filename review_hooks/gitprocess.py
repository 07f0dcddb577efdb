"""Running git: one process, its output, a time limit, and git's own reason when it fails.

Plain ``git`` plumbing through ``posix_spawn`` where the platform has it (``subprocess`` costs a hook its
import and a fork of the whole interpreter), with ``subprocess`` elsewhere. ``repository.py`` asks its
questions through ``git``; the checks that ask git of a change (history, renames, merges) use it too.
"""

from __future__ import annotations

import os
from pathlib import Path


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
        raise GitError(f"git {args[0]} failed: {_reason(errors.decode('utf-8', 'replace')) or status}")
    return output


def _reason(errors: str) -> str:
    """git's own reason: its ``fatal:`` or ``error:`` line (a hint may follow it), else its last line."""
    lines = [line.strip() for line in errors.strip().splitlines() if line.strip()]
    found = next((line for line in lines if line.startswith(("fatal: ", "error: "))), None)
    if found and "dubious ownership" in found:  # git's own remedy, on the same line
        found += "; `git config --global --add safe.directory <path>` trusts it"
    return found or (lines[-1] if lines else "")


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
