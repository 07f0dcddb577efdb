"""Spreading a scan's files over worker processes, results in the order of the files.

Each file is independent (``runner.process`` reads, checks and fixes one file), so a
scan of many files hands chunks of them to worker processes (``exchange.py``). The parent
lists the files and asks git its questions once (tracked paths, attributes); the workers
inherit that state (without copying where the platform forks), and then receive only the
starts of chunks. The results come back in the order of the targets, so the output is the
same as a serial run's, and the parent holds results, not documents. What the workers
inherit is frozen for the collector while they run (``gc.freeze``): a collection in a
worker would walk all of it and copy each page it touches (generated 1,500-file corpus,
both workers on one core: 1.34 s to 1.27 s of CPU each). When a selected check learns from
documents for the others (broken-link: anchors), the workers first exchange what they
learned. A multiprocessing pool was used when none does; it replaced a killed worker and
waited forever for its chunk, where ``exchange.py`` watches each worker (no slower:
PowerShell-Docs, conflict-markers and mojibake, ``--jobs 2``, five interleaved pairs, median
0.39 s against 0.42 s). A hook run (exactly the files given; pre-commit already runs hooks
in parallel) and a small scan stay in one process, where starting workers would cost more
than it saves.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from types import FrameType

    from review_hooks.check import Check, Context
    from review_hooks.files import Target
    from review_hooks.runner.options import FileResult, RunOptions

#: Fewer files than this are checked in the calling process when a selected check parses Markdown
#: (milliseconds a file) ...
MINIMUM_FILES = 50
#: ... and fewer than this when none does (a tenth of a millisecond a file: workers cost more).
MINIMUM_LIGHT_FILES = 1000
#: Files handed to a worker at a time: large enough to amortise the pipe, small enough to balance.
MAXIMUM_CHUNK = 32


def cores() -> int:
    """The processors this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def worker_count(files: int, jobs: int = 0, parses: bool = True) -> int:
    """How many workers to use for ``files`` files (``parses``: a selected check parses Markdown);
    ``jobs`` > 0 caps it (1: no workers)."""
    if files < (MINIMUM_FILES if parses else MINIMUM_LIGHT_FILES):
        return 1
    return max(1, min(jobs or cores(), files // 8))


def results(targets: Sequence[Target], checks: Sequence[Check], context: Context, options: RunOptions,
            workers: int) -> Iterator[FileResult]:
    """``runner.process`` of every target, in ``workers`` processes, yielded in target order."""
    import gc
    import multiprocessing  # only a scan of many files pays for it

    fork = "fork" in multiprocessing.get_all_start_methods()
    if fork and any(check.markdown_only for check in checks):
        _warm()
    chunk = max(1, min(MAXIMUM_CHUNK, len(targets) // (workers * 8)))
    # what the workers inherit is never collected there (a collection would copy its pages); objects the
    # console froze at start-up stay frozen after the workers, only what this call froze is let go
    unfreeze = fork and not gc.get_freeze_count()
    if fork:
        gc.freeze()
    try:
        from review_hooks.runner import exchange

        with _sigterm_raises():
            yield from exchange.results(targets, checks, context, options, workers, chunk, "fork" if fork else None)
    finally:
        if unfreeze:
            gc.unfreeze()


@contextmanager
def _sigterm_raises() -> Iterator[None]:
    """SIGTERM raises ``Terminated`` in this process while its workers run, so that they are ended (by
    ``exchange.py``'s ``finally``) and the run ends with one line (``exit.py``), instead of leaving the workers
    to write tracebacks to a pipe nobody reads; a worker forked before it set its own handler takes the
    default at once. Only the main thread can handle signals: elsewhere nothing changes."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    owner = os.getpid()

    def terminated(signum: int, frame: FrameType | None) -> None:
        if os.getpid() != owner:
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            os.kill(os.getpid(), signal.SIGTERM)
            return
        from review_hooks.runner.exit import Terminated

        raise Terminated

    previous = signal.signal(signal.SIGTERM, terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous if previous is not None else signal.SIG_DFL)


def _warm() -> None:
    """Import the Markdown parser once here, so that forked workers inherit it instead of each
    importing it (half the CPU on a busy machine)."""
    from review_hooks.markdown.parse import parse

    parse("# warm\n")
