"""Spreading a scan's files over worker processes, results in the order of the files.

Each file is independent (``runner.process`` reads, checks and fixes one file), so a
scan of many files maps ``process`` over a process pool. The parent lists the files and
asks git its questions once (tracked paths, attributes); the workers receive that state
once, through the pool initializer (inherited without copying where the platform forks),
and then only file paths, in chunks. ``imap`` yields the results in the order of the
targets, so the output is the same as a serial run's, and the parent holds results, not
documents: memory is bounded by the workers, not by the repository. What the workers
inherit is frozen for the collector while they run (``gc.freeze``): a collection in a
worker would walk all of it and copy each page it touches (generated 1,500-file corpus,
both workers on one core: 1.34 s to 1.27 s of CPU each). When a selected check learns from
documents for the others (broken-link: anchors), workers that exchange what they learned
replace the pool (``exchange.py``). A hook run (exactly the files given; pre-commit already
runs hooks in parallel) and a small scan stay in one process, where starting workers would
cost more than it saves.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
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

_state: tuple[Sequence[Check], Context, RunOptions] | None = None


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
    pool_context = multiprocessing.get_context("fork" if fork else None)
    if fork and any(check.markdown_only for check in checks):
        _warm()
    chunk = max(1, min(MAXIMUM_CHUNK, len(targets) // (workers * 8)))
    # what the workers inherit is never collected there (a collection would copy its pages); objects the
    # console froze at start-up stay frozen after the pool, only what this call froze is let go
    unfreeze = fork and not gc.get_freeze_count()
    if fork:
        gc.freeze()
    try:
        if any(check.learn is not None for check in checks):  # workers that exchange what they learn
            from review_hooks.runner import exchange

            yield from exchange.results(targets, checks, context, options, workers, chunk, "fork" if fork else None)
            return
        with pool_context.Pool(workers, initializer=_initialize, initargs=(checks, context, options)) as pool:
            yield from pool.imap(_process, targets, chunksize=chunk)
    finally:
        if unfreeze:
            gc.unfreeze()


def _warm() -> None:
    """Import the Markdown parser once here, so that forked workers inherit it instead of each
    importing it (half the CPU on a busy machine)."""
    from review_hooks.markdown.parse import parse

    parse("# warm\n")


def _initialize(checks: Sequence[Check], context: Context, options: RunOptions) -> None:
    """Runs in each worker: the run's state, and Ctrl-C left to the parent (which ends the pool),
    so that an interrupted scan prints one line, not a traceback per worker."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    global _state
    _state = (checks, context, options)


def _process(target: Target) -> FileResult:
    from review_hooks.runner.process import process

    assert _state is not None, "the pool initializer sets the state"
    return process(target, *_state)
