"""The Markdown layer alone: every tracked Markdown file of a corpus parsed into its ``Structure``.

    python bench/parse_bench.py [CORPUS] [--rounds 5]

One process, the files read and decoded first (not timed). Each file is timed on its own, the
two measures alternating file by file, and each file's best round is kept: on a busy machine
that is steadier than timing whole passes. Printed: CPU seconds of pulldown-cmark's events with
their ranges, created and dropped without a look (the floor of any reading of them in Python),
and of ``markdown.parse._parse`` (the events read into a ``Structure``; uncached), and the
difference: the Python work of the Markdown layer.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import time
from pathlib import Path

from review_hooks.markdown.parse import _parse
from review_hooks.markdown.parser import markdown


def texts(corpus: Path) -> list[str]:
    names = subprocess.run(["git", "ls-files", "-z", "*.md", "*.markdown"], cwd=corpus, capture_output=True,
                           check=True).stdout.split(b"\0")
    return [(corpus / os.fsdecode(name)).read_bytes().decode("utf-8-sig", "replace") for name in names if name]


def events(text: str) -> None:
    for _ in markdown().events_with_range(text):
        pass


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=Path())
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    documents = texts(args.corpus)
    measures = {"pyromark events with ranges": events, "parse into a Structure": _parse}
    best = {name: [float("inf")] * len(documents) for name in measures}
    clock = time.process_time
    for round_number in range(args.rounds):
        for index, text in enumerate(documents):
            order = list(measures.items())
            for name, measure in order if (round_number + index) % 2 else order[::-1]:
                start = clock()
                measure(text)
                best[name][index] = min(best[name][index], clock() - start)
    totals = {name: sum(seconds) for name, seconds in best.items()}
    print(f"{len(documents)} Markdown files, {sum(map(len, documents)) / 1e6:.1f} M characters, best of "
          f"{args.rounds} rounds per file, load {os.getloadavg()[0]:.1f}")
    for name, seconds in totals.items():
        print(f"{name}: {seconds:.3f} s CPU")
    own = totals["parse into a Structure"] - totals["pyromark events with ranges"]
    print(f"the Markdown layer's own work: {own:.3f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
