"""Pathological inputs that used to take minutes; now linear: seconds at most (issue 8).

Run: ``.venv/bin/python bench/reliability_bench.py``. Not a test: the suite has no timed tests.
Before the fixes (same machine): 79.6 s, 365 s, 124.7 s, 28 s at 100 kB, RecursionError, hours.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from review_hooks import config, suppressions
from review_hooks.check import Context
from review_hooks.checks import conflict_markers
from review_hooks.document import Document
from review_hooks.markdown.parse import parse

CONTEXT = Context(config.build({}, None, Path("/tmp"), {}), None)
FENCED = "```\n<<<<<<< a\nx\n=======\ny\n>>>>>>> b\n```\n\n"


def document(text: str) -> Document:
    return Document("x.md", Path("/tmp/x.md"), text.encode(), text, "utf-8", b"", True)


def clock(name: str, work: Callable[[], object]) -> None:
    start = time.perf_counter()
    work()
    print(f"{name}: {time.perf_counter() - start:.2f} s", flush=True)


def main() -> None:
    clock("conflict-markers, 20,000 conflicts in code fences",
          lambda: list(conflict_markers.find(document(FENCED * 20_000), CONTEXT)))
    clock("conflict-markers, 50,000 nested openers and closers",
          lambda: list(conflict_markers.find(document("<<<<<<< a\n=======\n" * 50_000 + ">>>>>>> b\n" * 50_000),
                                             CONTEXT)))
    clock("markdown.parse, a paragraph of 5,000 reference and inline link pairs",
          lambda: parse("[a][b] [c](d) " * 5_000 + "\n\n[b]: /x\n"))
    clock("markdown.parse, 100 kB of unclosed '<!--'", lambda: parse("<!--" * 25_000))
    clock("markdown.parse, front matter nested 5,000 deep",
          lambda: parse("---\na: " + "[" * 5_000 + "]" * 5_000 + "\n---\n# T\n"))
    clock("suppressions, an unclosed directive and 1 MB of spaces",
          lambda: suppressions.directives(document("<!-- review-hooks: disable" + " " * 1_000_000 + "x\n")))


if __name__ == "__main__":
    main()
