"""A scan in worker processes whose checks learn from documents for the others: two passes, one parse each.

broken-link needs the anchors of the documents a file links into. In a pool, each worker read and parsed
every target its own files named, so a document the other worker checked was parsed twice (generated
1,500-file corpus: a worker's CPU was 0.50 s with that, 0.35 s with every anchor known beforehand). Here
each worker owns a fixed share of the files (chunks taken in turn, as the pool handed them out):

1. it reads its Markdown files, last first, and each selected check ``learn``-s what it needs of each
   (``Check.learn``); it sends that to the parent and keeps what it read for the second pass;
2. the parent sends every worker what all of them learned (``Check.teach``), then hands out the chunks as
   the workers ask: each checks its own, in order, with the documents it read in the first pass, then takes
   the last chunks of a worker still busy (one that other work on the machine slowed is helped, not waited
   for; a chunk taken over is read again there).

The parent yields the results in the order of the targets, as the pool did. What is learned is what the
check would otherwise compute when a link asks (``links/target_facts.py``): the findings are the same.
Documents are kept between the passes up to ``HELD_CHARACTERS`` of text; the rest are read again. The
first pass reads the last files first, so that the parses the parse cache (``markdown/parse.py``) keeps
are those the second pass meets first.

When no selected check learns (conflict-markers, mojibake), the first pass is skipped: the workers only check
the chunks handed out. A pool is not used for that either: it replaces a worker that was killed and waits
forever for the chunk that worker held, where here the parent waits on each worker's pipe and on its process,
so a worker that ends without its results ends the scan (``WorkerLost``, one line and exit 2). Each worker
closes the ends of the pipes it inherited but does not use, so that a worker whose parent is gone reads the
end of its pipe and exits, quietly.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Sequence
from contextlib import suppress
from typing import TYPE_CHECKING, Any

from review_hooks import files
from review_hooks.runner.exit import WorkerLost
from review_hooks.runner.process import process

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

    from review_hooks.check import Check, Context
    from review_hooks.document import Document
    from review_hooks.runner.options import FileResult, RunOptions

#: Text of the documents a worker keeps from its first pass to its second (characters): the parse cache's size.
HELD_CHARACTERS = 12_000_000


def results(targets: Sequence[files.Target], checks: Sequence[Check], context: Context, options: RunOptions,
            workers: int, chunk: int, start_method: str | None) -> Iterator[FileResult]:
    """``runner.process`` of every target, in ``workers`` processes that exchange what they learned, in order."""
    import multiprocessing

    pool_context = multiprocessing.get_context(start_method)
    pipes = [pool_context.Pipe() for _ in range(workers)]
    learners = any(check.learn is not None for check in checks)

    def unused(worker: int) -> list[Connection]:
        """The pipe ends a forked worker inherits and must close (a spawned one inherits none)."""
        return [end for pair in pipes for end in pair if end is not pipes[worker][1]] if start_method == "fork" else []

    processes = [pool_context.Process(target=_work, args=(targets, worker, workers, chunk, checks, context,
                                                          options, pipes[worker][1], learners, unused(worker)),
                                      daemon=True)
                 for worker in range(workers)]
    try:
        for started in processes:
            started.start()
        for _, child in pipes:
            child.close()  # the workers' ends: a worker that dies is an end of file here
        connections = [parent for parent, _ in pipes]
        if learners:
            learned: dict[str, list[Any]] = {}
            for connection, worker in zip(connections, processes, strict=True):
                for check_id, found in _received(connection, worker).items():
                    learned.setdefault(check_id, []).extend(found)
            for connection, worker in zip(connections, processes, strict=True):
                _send(connection, learned, worker)
        yield from _second_pass(connections, len(targets), chunk, processes)
        for worker in processes:  # each has sent its last chunk: it ends by itself
            worker.join()
    finally:  # stopped early (an error, Ctrl-C, the results no longer wanted): the workers are ended
        for worker in processes:
            if worker.is_alive():
                worker.terminate()
            if worker.pid is not None:
                worker.join()


def _second_pass(connections: list[Connection], count: int, chunk: int,
                 processes: Sequence[BaseProcess] | None = None) -> Iterator[FileResult]:
    """Hand out the chunks of the second pass as the workers ask, each its own first (it read their files),
    then the others' last ones (a worker slowed by other work on the machine is helped, not waited for);
    yield the results in the order of the targets. ``processes``: the workers, watched while they owe results
    (None: the connections' other ends are not processes)."""
    from multiprocessing.connection import wait

    workers = len(connections)
    owned = [deque(range(worker * chunk, count, workers * chunk)) for worker in range(workers)]
    assigned = [0] * workers  # chunks a worker has been given and not yet answered
    ended = [False] * workers  # told that nothing is left
    done: dict[int, list[FileResult]] = {}

    def assign(worker: int) -> None:
        if ended[worker]:
            return
        others = max(owned, key=len)
        start = owned[worker].popleft() if owned[worker] else others.pop() if others else None
        _send(connections[worker], start, processes[worker] if processes else None)
        assigned[worker] += start is not None
        ended[worker] = start is None

    for worker in range(workers):
        for _ in range(2):  # one to work on, one queued: a worker never waits for the parent's answer
            assign(worker)
    following = 0
    while following < count:
        owing = [w for w in range(workers) if assigned[w]]
        sentinels = {processes[w].sentinel: w for w in owing} if processes else {}
        for ready in wait([connections[w] for w in owing] + list(sentinels)):
            if isinstance(ready, int):  # a worker that owes results has ended: unless they are in its pipe, lost
                if processes and not connections[sentinels[ready]].poll():
                    raise _lost(processes[sentinels[ready]])
                continue
            worker = connections.index(ready)  # type: ignore[arg-type]
            start, found = _received(ready, processes[worker] if processes else None)
            done[start] = found
            assigned[worker] -= 1
            assign(worker)
        while following in done:
            yield from done.pop(following)
            following += chunk


def _received(connection: Connection, worker: BaseProcess | None = None) -> Any:
    """The next message of a worker (waiting for it, or for ``worker`` to end); what went wrong there, raised
    here."""
    if worker is not None:
        from multiprocessing.connection import wait

        wait([connection, worker.sentinel])
        if not connection.poll():
            raise _lost(worker)
    try:
        kind, value = connection.recv()
    except (EOFError, OSError):
        raise _lost(worker) from None
    if kind == "error":
        raise RuntimeError(value)
    return value


def _send(connection: Connection, message: object, worker: BaseProcess | None) -> None:
    """Send ``message`` to a worker; one that has ended is ``WorkerLost``, not a broken pipe (which would be
    taken for the reader of the output going away)."""
    try:
        connection.send(message)
    except OSError:
        raise _lost(worker) from None


def _lost(worker: BaseProcess | None) -> WorkerLost:
    """What ended ``worker`` (None: the other end is no process, as in a test), said in one line."""
    if worker is None:
        return WorkerLost("a worker process ended unexpectedly")
    worker.join(timeout=1)
    code = worker.exitcode
    how = ("" if code is None else f" (killed by signal {-code})" if code < 0 else f" (exit status {code})")
    return WorkerLost(f"a worker process ended unexpectedly{how}")


def _work(targets: Sequence[files.Target], worker: int, workers: int, chunk: int, checks: Sequence[Check],
          context: Context, options: RunOptions, connection: Connection, learners: bool,
          unused: Sequence[Connection]) -> None:
    """One worker: learn from its share of the targets (when a check ``learners``), wait for what all learned,
    then check the chunks the parent hands out (its own first). Ends quietly when the parent is gone."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's: it ends the workers
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the parent ends a worker with it (runner/exit.py: not a raise)
    for end in unused:  # the other pipes' ends, inherited by the fork: only the parent's may hold them open
        end.close()
    try:
        kept: dict[int, Document | files.Skip] = {}
        if learners:
            starts = range(worker * chunk, len(targets), workers * chunk)
            mine = [index for start in starts for index in range(start, min(start + chunk, len(targets)))]
            learning = [check for check in checks if check.learn is not None]
            kept = _learn(targets, mine, learning, context, connection)
            everything = connection.recv()
            for check in learning:
                check.teach(everything.get(check.id, ()))  # type: ignore[misc]
        while (start := connection.recv()) is not None:  # the chunks the parent hands out, own ones first
            connection.send(("results", (start, [process(targets[index], checks, context, options,
                                                         kept.pop(index, None))
                                                 for index in range(start, min(start + chunk, len(targets)))])))
    except Exception as error:  # the parent says it in one line, as for an error in the parent itself
        with suppress(OSError):  # the parent is gone (the error was its pipe's end): nobody to tell
            connection.send(("error", f"{type(error).__name__}: {error}"))
    finally:
        connection.close()


def _learn(targets: Sequence[files.Target], mine: list[int], learners: list[Check], context: Context,
           connection: Connection) -> dict[int, Document | files.Skip]:
    """The first pass over this worker's targets, last first: what each learner learns, sent to the parent;
    returns what was read, by index, to be checked in the second pass."""
    config, markdown_only = context.config, all(check.markdown_only for check in learners)
    learned: dict[str, list[Any]] = {check.id: [] for check in learners}
    kept: dict[int, Document | files.Skip] = {}
    held = 0
    for index in reversed(mine):
        target = targets[index]
        if markdown_only and not config.is_markdown(target.location):
            continue
        document = files.read(target, config, context.repository)
        if isinstance(document, files.Skip):
            continue
        for check in learners:
            if check.markdown_only and not document.is_markdown:
                continue
            found = check.learn(document, context)  # type: ignore[misc]
            if found is not None:
                learned[check.id].append(found)
        if held + len(document.text) <= HELD_CHARACTERS:
            kept[index] = document
            held += len(document.text)
    connection.send(("learned", learned))
    return kept
