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
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from review_hooks import files
from review_hooks.runner.process import process

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

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
    processes = [pool_context.Process(target=_work, args=(targets, worker, workers, chunk, checks, context,
                                                          options, pipes[worker][1]), daemon=True)
                 for worker in range(workers)]
    try:
        for started in processes:
            started.start()
        for _, child in pipes:
            child.close()  # the workers' ends: a worker that dies is an end of file here
        connections = [parent for parent, _ in pipes]
        learned: dict[str, list[Any]] = {}
        for connection in connections:
            for check_id, found in _received(connection).items():
                learned.setdefault(check_id, []).extend(found)
        for connection in connections:
            connection.send(learned)
        yield from _second_pass(connections, len(targets), chunk)
        for worker in processes:  # each has sent its last chunk: it ends by itself
            worker.join()
    finally:  # stopped early (an error, Ctrl-C, the results no longer wanted): the workers are ended
        for worker in processes:
            if worker.is_alive():
                worker.terminate()
            if worker.pid is not None:
                worker.join()


def _second_pass(connections: list[Connection], count: int, chunk: int) -> Iterator[FileResult]:
    """Hand out the chunks of the second pass as the workers ask, each its own first (it read their files),
    then the others' last ones (a worker slowed by other work on the machine is helped, not waited for);
    yield the results in the order of the targets."""
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
        connections[worker].send(start)
        assigned[worker] += start is not None
        ended[worker] = start is None

    for worker in range(workers):
        for _ in range(2):  # one to work on, one queued: a worker never waits for the parent's answer
            assign(worker)
    following = 0
    while following < count:
        for ready in wait([connections[w] for w in range(workers) if assigned[w]]):
            worker = connections.index(ready)  # type: ignore[arg-type]
            start, found = _received(ready)
            done[start] = found
            assigned[worker] -= 1
            assign(worker)
        while following in done:
            yield from done.pop(following)
            following += chunk


def _received(connection: Connection) -> Any:
    """The next message of a worker; what went wrong there, raised here."""
    try:
        kind, value = connection.recv()
    except EOFError:
        raise RuntimeError("a worker process ended without its results") from None
    if kind == "error":
        raise RuntimeError(value)
    return value


def _work(targets: Sequence[files.Target], worker: int, workers: int, chunk: int, checks: Sequence[Check],
          context: Context, options: RunOptions, connection: Connection) -> None:
    """One worker: learn from its share of the targets, wait for what all learned, then check the chunks the
    parent hands out (its own first)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's: it ends the workers
    try:
        starts = range(worker * chunk, len(targets), workers * chunk)
        mine = [index for start in starts for index in range(start, min(start + chunk, len(targets)))]
        learners = [check for check in checks if check.learn is not None]
        kept = _learn(targets, mine, learners, context, connection)
        everything = connection.recv()
        for check in learners:
            check.teach(everything.get(check.id, ()))  # type: ignore[misc]
        while (start := connection.recv()) is not None:  # the chunks the parent hands out, own ones first
            connection.send(("results", (start, [process(targets[index], checks, context, options,
                                                         kept.pop(index, None))
                                                 for index in range(start, min(start + chunk, len(targets)))])))
    except Exception as error:  # the parent says it in one line, as for an error in the parent itself
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
