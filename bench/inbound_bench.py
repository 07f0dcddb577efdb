"""What the inbound part of check-links costs a commit, on a copy of a real repository.

    python bench/inbound_bench.py /tmp/corpora/powershell-docs [--rounds 5] [--target PATH]

Copies the repository to a temporary folder (it is never modified), then times the check-links
hook as pre-commit runs it (``PRE_COMMIT=1``, one staged file passed) on three staged changes:

- ``text edit``: one paragraph of one document changed (no path removed, no heading line):
  the inbound part costs one ``git diff --cached``;
- ``rename``: the Markdown document most linked to (by file name), or ``--target``, renamed with ``git mv``:
  the inbound part reads the change, reads every tracked Markdown document once, and parses
  and checks those that name the old file;
- the same hook without ``PRE_COMMIT`` (no inbound part) on the same file, as the reference.

Each scenario runs ``--rounds`` times (the two text-edit ones interleaved); the table gives the
median wall-clock time and the median CPU time (user + system of the hook and its git processes:
steadier than wall-clock time on a busy machine), in milliseconds.
"""

from __future__ import annotations

import argparse
import collections
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HOOK = [sys.executable, "-m", "review_hooks", "check-links"]
LINK = re.compile(r"\]\(([^)#?\s]+\.md)")


def git(folder: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True, text=True).stdout


def most_linked(folder: Path) -> tuple[str, int]:
    """The tracked Markdown file whose name the most link destinations end with (a cheap proxy)."""
    tracked = [p for p in git(folder, "ls-files", "-z").split("\0") if p.endswith(".md")]
    by_name = collections.defaultdict(list)
    for path in tracked:
        by_name[path.rpartition("/")[2]].append(path)
    counts: collections.Counter[str] = collections.Counter()
    for path in tracked:
        text = (folder / path).read_text(encoding="utf-8", errors="replace")
        for target in LINK.findall(text):
            counts[target.rpartition("/")[2]] += 1
    name, count = next((n, c) for n, c in counts.most_common() if len(by_name.get(n, [])) == 1)
    return by_name[name][0], count


def timed(command: list[str], folder: Path, environment: dict[str, str]) -> tuple[float, int, str]:
    """Wall-clock milliseconds, exit status and output; CPU milliseconds (user + system, steadier on a
    busy machine) go to ``CPU``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, cwd=folder, env=environment, capture_output=True, text=True)
    elapsed = (time.perf_counter() - start) * 1000
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU.append((after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000)
    return elapsed, done.returncode, done.stdout


CPU: list[float] = []


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("repository", type=Path)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--target", help="the document to rename (default: the one most linked to)")
    arguments = parser.parse_args()
    root = Path(__file__).resolve().parent.parent
    base = {k: v for k, v in os.environ.items() if k != "PRE_COMMIT"}
    base["PYTHONPATH"] = str(root)
    with tempfile.TemporaryDirectory(prefix="inbound-bench-") as temporary:
        folder = Path(temporary) / "repo"
        shutil.copytree(arguments.repository, folder, symlinks=True)
        target, links = (arguments.target, 0) if arguments.target else most_linked(folder)
        edited = next(p for p in git(folder, "ls-files", "-z").split("\0") if p.endswith(".md") and p != target)
        scenarios = {}
        # text edit: one paragraph line appended, staged
        with (folder / edited).open("a", encoding="utf-8") as handle:
            handle.write("\nOne more sentence.\n")
        git(folder, "add", edited)
        scenarios["text edit, no PRE_COMMIT"] = (edited, base)
        scenarios["text edit, PRE_COMMIT=1"] = (edited, {**base, "PRE_COMMIT": "1"})
        times: dict[str, list[float]] = {name: [] for name in scenarios}
        cpu: dict[str, list[float]] = {name: [] for name in scenarios}
        for _ in range(arguments.rounds):
            for name, (path, environment) in scenarios.items():
                times[name].append(timed([*HOOK, path], folder, environment)[0])
                cpu[name].append(CPU[-1])
        git(folder, "reset", "-q", "--hard")
        renamed = target[:-3] + "-renamed.md"
        git(folder, "mv", target, renamed)
        outputs = {}
        renames = (("rename, no PRE_COMMIT", base), ("rename, PRE_COMMIT=1", {**base, "PRE_COMMIT": "1"}))
        for name, environment in renames:
            times[name], cpu[name] = [], []
            for _ in range(arguments.rounds):
                elapsed, code, out = timed([*HOOK, renamed], folder, environment)
                times[name].append(elapsed)
                cpu[name].append(CPU[-1])
                outputs[name] = (code, out)
    code, out = outputs["rename, PRE_COMMIT=1"]
    print(f"repository: {arguments.repository} ({len(out.splitlines())} inbound findings for {target!r}, "
          f"~{links} links by name; exit {code}); rounds: {arguments.rounds}; load: {os.getloadavg()[0]:.2f}")
    print(f"{'scenario':<28} {'median ms':>10} {'cpu ms':>8}")
    for name, values in times.items():
        print(f"{name:<28} {statistics.median(values):>10.0f} {statistics.median(cpu[name]):>8.0f}")


if __name__ == "__main__":
    main()
