"""The second pass of ``runner/exchange.py`` hands out chunks as the workers ask: each its own first, then
the last ones of a worker still busy; the results come back in the order of the targets."""

from __future__ import annotations

import threading
import time
from multiprocessing import Pipe
from multiprocessing.connection import Connection

from review_hooks.runner import exchange


def serve(connection: Connection, pause: float, taken: list[int]) -> None:
    """A worker of the second pass: answers each chunk it is handed (its start, as results) after ``pause``."""
    while (start := connection.recv()) is not None:
        time.sleep(pause)
        taken.append(start)
        connection.send(("results", (start, [f"result {start + n}" for n in range(2)])))
    connection.close()


def test_a_slow_worker_is_helped_and_the_results_stay_in_order() -> None:
    count, chunk = 40, 2  # twenty chunks: worker 0 owns 0, 4, 8...; worker 1 owns 2, 6, 10...
    pipes = [Pipe() for _ in range(2)]
    taken: list[list[int]] = [[], []]
    threads = [threading.Thread(target=serve, args=(pipes[n][1], pause, taken[n]))
               for n, pause in enumerate((0.0, 0.05))]
    for thread in threads:
        thread.start()
    results = list(exchange._second_pass([parent for parent, _ in pipes], count, chunk))
    for thread in threads:
        thread.join(timeout=10)
    assert results == [f"result {n}" for n in range(count)]  # each once, in order
    assert sorted(taken[0] + taken[1]) == list(range(0, count, chunk))
    own = set(range(0, count, 2 * chunk))
    assert own <= set(taken[0])  # the fast worker did all its own chunks
    assert count - chunk in taken[0]  # and took over the slow one's last chunk (from the end of its share)
    assert set(taken[1]) <= set(range(chunk, count, 2 * chunk))  # which never took the fast one's
