"""Timing, memory and reporting helpers for ``bench/run.py``."""

from __future__ import annotations

import importlib.util
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

SAMPLE = """\
# Design review: caching layer

## Summary

Décision ✅: keep the “write-through” cache — see [the plan](./plan.md#rollout) and [risks](#risks).

## Risks

| risk | owner |
|---|---|
| stale reads | Zoë |

## Approval

Approved.
"""
PLAN = "# Plan\n\n## Rollout\n\nCanary first.\n"
CONFIG = """\
[required-headings]
[[required-headings.kind]]
name = "design-review"
files = ["review.md"]
headings = ["## Summary", "## Risks", "## Approval"]
"""


def interleaved(commands: Sequence[list[str]], cwd: Path, rounds: int, env: dict[str, str],
                once: Sequence[bool] | None = None) -> list[tuple[list[float], int, list[float]]]:
    """Wall times of every command over ``rounds`` rounds (order rotating each round), its exit status,
    and its CPU seconds (user and system, of its whole process tree: workers are waited for)."""
    times: list[list[float]] = [[] for _ in commands]
    cpu: list[list[float]] = [[] for _ in commands]
    status = [0] * len(commands)
    for round_number in range(rounds):
        order = list(range(len(commands)))
        shift = round_number % len(order)
        for index in order[shift:] + order[:shift]:
            if once and once[index] and round_number:
                continue
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            completed = subprocess.run(commands[index], cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL, check=False)
            times[index].append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu[index].append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
            status[index] = completed.returncode
    return list(zip(times, status, cpu, strict=True))


def table(rows: Sequence[tuple[str, str, int]], results: Sequence[tuple[list[float], int, list[float]]]) -> None:
    """A Markdown table: median, time per file relative to the first row of the group, files per second."""
    print("| group | command | files | median | ratio | files/s | exit |")
    print("|---|---|---:|---:|---:|---:|---:|")
    reference: dict[str, float] = {}
    medians = [statistics.median(times) for times, _, _ in results]
    for (group, name, files), median, (times, status, _) in zip(rows, medians, results, strict=True):
        per_file = median / files
        reference.setdefault(group, per_file)
        ratio = "1" if reference[group] == per_file else f"{per_file / reference[group]:.2f}x"
        runs = "" if len(times) > 1 else " (1 run)"
        print(f"| {group} | {name}{runs} | {files:,} | {median * 1000:,.0f} ms | {ratio} | {files / median:,.0f} | "
              f"{status} |")
    print("\nratio: time per file, to the first row of its group (the limit for 'all checks', "
          "review-hooks for a check); exit: the command's status (findings make most tools exit non-zero)")
    by_name = {name: median for (_, name, _), median in zip(rows, medians, strict=True)}
    scan = next((m for n, m in by_name.items() if n.startswith("review-hooks scan (")), None)
    limit = by_name.get("read and decode every file (the limit)")
    lychee = by_name.get("lychee --offline (links only)")
    if scan and limit:
        print(f"scan / limit: {scan / limit:.2f} (target <= 3)")
    if scan and lychee:
        print(f"scan / lychee --offline: {scan / lychee:.2f} (target <= 1)")
    cpu = {name: statistics.median(seconds) for (_, name, _), (_, _, seconds) in zip(rows, results, strict=True)}
    print("CPU seconds (user + system, process tree, median): "
          + ", ".join(f"{name} {seconds:.2f}" for name, seconds in cpu.items()))


def startup_table(rows: Sequence[tuple[str, str]], results: Sequence[tuple[list[float], int, list[float]]]) -> None:
    medians = [statistics.median(times) for times, _, _ in results]
    baseline = medians[0]
    print("| hook | command | median | ratio | target |")
    print("|---|---|---:|---:|---|")
    print(f"| - | {rows[0][1]} | {baseline * 1000:.1f} ms | 1 | |")
    for index in range(1, len(rows), 2):
        hook, run, imports = rows[index][0], medians[index], medians[index + 1]
        status = results[index][1]
        if rows[index + 1][1] == "python -c pass":
            target = f"{run / baseline:.2f}x python -c pass (<= 5)"
        else:
            target = f"{run / imports:.2f}x its imports (<= 1.5)"
        print(f"| {hook} | {rows[index][1]} (exit {status}) | {run * 1000:.1f} ms | {run / baseline:.2f}x | "
              f"{target} |")
        print(f"| {hook} | {rows[index + 1][1]} | {imports * 1000:.1f} ms | {imports / baseline:.2f}x | |")


def sample_repository(folder: Path) -> str:
    """A git repository holding one typical review document, the file it links and a configuration
    that gives check-headings work to do; the document's name."""
    folder.mkdir(parents=True)
    (folder / "review.md").write_text(SAMPLE, encoding="utf-8")
    (folder / "plan.md").write_text(PLAN, encoding="utf-8")
    (folder / ".review-hooks.toml").write_text(CONFIG, encoding="utf-8")
    for args in (["init", "-q"], ["add", "-A"]):
        subprocess.run(["git", "-C", str(folder), *args], check=True)
    return "review.md"


def libraries(python: str, args: list[str], cwd: Path) -> list[str]:
    """The third-party top-level packages a command imports (from ``python -X importtime``)."""
    result = subprocess.run([python, "-X", "importtime", *args], cwd=cwd, capture_output=True, text=True)
    found: list[str] = []
    for line in result.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        top = line.rsplit("|", 1)[1].strip().split(".")[0]
        if (top.isidentifier() and not top.startswith("_") and top not in sys.stdlib_module_names
                and top not in ("review_hooks", "sitecustomize", "usercustomize") and top not in found
                and importlib.util.find_spec(top) is not None):
            found.append(top)
    return found


def _descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", "rb") as stream:
                    parent = int(stream.read().rsplit(b")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry))
    found, stack = [], [pid]
    while stack:
        current = stack.pop()
        found.append(current)
        stack.extend(children.get(current, []))
    return found


def _rss(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as stream:
            for line in stream:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def peak_memory(argv: list[str], cwd: Path) -> tuple[int, int, float]:
    """Peak RSS summed over the process tree (sampled every 25 ms), the largest single process's
    peak (getrusage of the children), and the wall time."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    process = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    while process.poll() is None:
        peak = max(peak, sum(_rss(pid) for pid in _descendants(process.pid)))
        time.sleep(0.025)
    seconds = time.perf_counter() - start
    largest = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return peak, max(largest, before) * 1024, seconds
