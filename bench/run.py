"""Time review-hooks side by side with the tools users would pick instead, and with the limit.

    python bench/run.py CORPUS                 # throughput: scan vs peers vs read-and-decode
    python bench/run.py --generate 1500        # write a synthetic corpus under /tmp and time it
    python bench/run.py --startup              # one-file hook runs vs python -c pass / import
    python bench/run.py --memory CORPUS        # peak memory of a scan (process tree)
    python bench/run.py --suites [CORPUS]      # also run the per-check bench/*_bench.py modules

CORPUS is a git repository (the scan reads tracked files). Runs are interleaved (every
command once per round, the order rotating) and each line reports the median of the
rounds and its ratio to the reference of its group, so a busy machine slows every
command alike. Peers are timed only when installed: ripgrep, pre-commit-hooks
``check-merge-conflict``, lychee, ftfy (Python), and, with ``--node-prefix`` (default
``/tmp/bench-node``) and ``--slow``, markdownlint-cli2 and remark-validate-links, which are
slow: they run once, on the first 200 Markdown files, and are compared per file. See
bench/README.md for the real corpora and the recorded results.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

import corpus as synthetic  # noqa: E402  (bench/ is not a package)
import measure  # noqa: E402

PYTHON = sys.executable
LIMIT = """
import subprocess
for name in subprocess.run(["git", "ls-files", "-z"], capture_output=True).stdout.split(b"\\0"):
    try:
        raw = open(name, "rb").read()
    except OSError:
        continue
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        raw.decode("latin-1")
"""
FTFY = """
import subprocess, ftfy
for name in subprocess.run(["git", "ls-files", "-z"], capture_output=True).stdout.split(b"\\0"):
    try:
        text = open(name, "rb").read().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        continue
    ftfy.fix_encoding(text)
"""
NODE_PEERS = ("markdownlint-cli2", "remark-cli", "remark-validate-links", "markdown-link-check")  # and links_bench.py's
SAMPLE = 200  # Markdown files given to the slow peers
CONFLICT_PATTERN = r"^(<{7}|>{7}|={7}|\|{7})( |\r?$)"


@dataclass
class Command:
    group: str  # rows of a group are compared with its first row
    name: str
    argv: list[str]
    slow: bool = False  # run once, on a sample of SAMPLE Markdown files, not every round
    files: int = 0  # files it reads (0: the whole corpus)


def tool(name: str, node_prefix: Path) -> str | None:
    """An installed executable: beside this Python, under the node prefix, or on PATH."""
    for folder in (Path(PYTHON).parent, node_prefix / "node_modules" / ".bin"):
        if (folder / name).exists():
            return str(folder / name)
    return shutil.which(name)


def check_ids() -> list[str]:
    from review_hooks.registry import IDS

    return list(IDS)


def throughput_commands(folder: Path, node_prefix: Path, config: Path) -> list[Command]:
    hooks = tool("review-hooks", node_prefix) or "review-hooks"
    ids = check_ids()
    files = git_files(folder)
    sample = [name for name in files if name.endswith(".md")][:SAMPLE]
    commands = [Command("all checks", "read and decode every file (the limit)", [PYTHON, "-c", LIMIT]),
                Command("all checks", f"review-hooks scan ({len(ids)} checks)", [hooks, "scan", "."])]
    peers = {
        "conflict-markers": [("ripgrep", ["rg", "--no-messages", "-c", "-e", CONFLICT_PATTERN, "."]),
                             ("check-merge-conflict --assume-in-merge",
                              [tool("check-merge-conflict", node_prefix), "--assume-in-merge", *files])],
        "mojibake": [("ftfy.fix_encoding, one process", [PYTHON, "-c", FTFY])],
        "broken-link": [("lychee --offline", [tool("lychee", node_prefix), "--offline", "--no-progress", "."])],
        "required-headings": [("markdownlint-cli2 MD043", [tool("markdownlint-cli2", node_prefix), "--config",
                                                          str(config), *(":" + name for name in sample)])],
    }
    if tool("lychee", node_prefix):
        commands.append(Command("all checks", "lychee --offline (links only)", peers["broken-link"][0][1]))
    remark = tool("remark", node_prefix)
    for check_id in ids:
        commands.append(Command(check_id, f"review-hooks scan --select {check_id}",
                                [hooks, "scan", "--select", check_id, "."]))
        for name, argv in peers.get(check_id, []):
            if argv[0] and (argv[0] != "rg" or shutil.which("rg")):
                slow = "markdownlint" in name
                commands.append(Command(check_id, name, argv, slow=slow, files=len(sample) if slow else 0))
    plugin = node_prefix / "node_modules" / "remark-validate-links" / "index.js"
    if remark and plugin.exists() and "broken-link" in ids:
        commands.append(Command("broken-link", "remark-validate-links", [
            remark, "--quiet", "--no-stdout", "--use", f"{plugin}=repository:false", *sample],
            slow=True, files=len(sample)))
    return commands


def git_files(folder: Path) -> list[str]:
    output = subprocess.run(["git", "-C", str(folder), "ls-files", "-z"], capture_output=True, check=True).stdout
    return [os.fsdecode(name) for name in output.split(b"\0") if name]


def compile_package() -> None:
    """Write the package's bytecode, as pip does at install: under PYTHONDONTWRITEBYTECODE=1 an
    editable install would compile every module from source on every run (0.1-0.2 s a process)."""
    import compileall

    import review_hooks

    compileall.compile_dir(Path(review_hooks.__file__).parent, quiet=1)


def throughput(folder: Path, rounds: int, node_prefix: Path, slow: bool, group: str | None = None) -> None:
    compile_package()
    with tempfile.TemporaryDirectory() as scratch:
        config = Path(scratch) / ".markdownlint-cli2.jsonc"
        config.write_text('{"config": {"default": false, "MD043": {"headings": ["*", "## Summary", "*"]}}}')
        commands = [c for c in throughput_commands(folder, node_prefix, config)
                    if (slow or not c.slow) and group in (None, c.group)]
        env = {**os.environ, "NODE_PATH": str(node_prefix / "node_modules")}
        times = measure.interleaved([c.argv for c in commands], folder, rounds, env,
                                    once=[c.slow for c in commands])
    files = len(git_files(folder))
    print(f"\n{folder}: {files} tracked files, {rounds} interleaved rounds, {load()}\n")
    measure.table([(c.group, c.name, c.files or files) for c in commands], times)


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.2f} (1 min) {five:.2f} (5 min) on {os.cpu_count()} cores"


def startup(rounds: int, node_prefix: Path, venv: Path | None) -> None:
    """One-file hook runs against the interpreter alone and against importing the hook's libraries.

    With ``venv`` (review-hooks installed there as pre-commit installs a hook: ``pip install .``),
    its interpreter and console script are timed; else this interpreter's, with the package's
    bytecode compiled first (pip compiles it at install; an editable install under
    PYTHONDONTWRITEBYTECODE=1 would compile every module from source on every run).
    """
    from review_hooks.checks import CHECKS

    python = str(venv / "bin" / "python") if venv else PYTHON
    hooks = str(venv / "bin" / "review-hooks") if venv else tool("review-hooks", node_prefix) or "review-hooks"
    if venv is None:
        compile_package()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "repo"
        sample = measure.sample_repository(folder)
        rows: list[tuple[str, str]] = [("baseline", "python -c pass")]
        commands: list[list[str]] = [[python, "-c", "pass"]]
        worst: list[str] = []
        for hook in [check.hook for check in CHECKS] + ["check"]:
            libraries = measure.libraries(python, ["-m", "review_hooks", hook, sample], folder)
            worst.append(f"{hook}: {', '.join(needed_libraries(python, hook, Path(scratch) / hook)) or 'none'}")
            baseline = f"python -c 'import {', '.join(libraries)}'" if libraries else "python -c pass"
            rows += [(hook, f"review-hooks {hook} FILE"), (hook, baseline)]
            commands += [[hooks, hook, sample], [python, "-c", "import " + ", ".join(libraries) if libraries
                                                 else "pass"]]
        times = measure.interleaved(commands, folder, rounds, dict(os.environ))
    where = f"installed in {venv}" if venv else "this interpreter, bytecode compiled"
    print(f"\none-file hook runs on a typical review document ({where}), {rounds} interleaved rounds, "
          f"{load()}\n")
    measure.startup_table(rows, times)
    print("\ntarget: a hook that imports no library for the document: <= 5x python -c pass; otherwise "
          "<= 1.5x python -c 'import' of the libraries it imported (found with python -X importtime)")
    print("libraries imported on the user's seed documents (the worst case): " + "; ".join(worst))


def needed_libraries(python: str, hook: str, folder: Path) -> list[str]:
    """The libraries ``hook`` imports on the user's seed documents (mojibake, links, a conflict),
    with every seed a kind of review for required-headings: what it needs at worst."""
    shutil.copytree(BENCH.parent / "fixtures" / "seeds", folder)
    (folder / ".review-hooks.toml").write_text(measure.CONFIG.replace('"review.md"', '"*.md"'))
    subprocess.run(["git", "init", "-q"], cwd=folder, check=True)
    names = sorted(path.name for path in folder.glob("*.md"))
    return measure.libraries(python, ["-m", "review_hooks", hook, *names], folder)


def memory(folder: Path, node_prefix: Path) -> None:
    hooks = tool("review-hooks", node_prefix) or "review-hooks"
    size = sum(Path(folder, name).stat().st_size for name in git_files(folder) if Path(folder, name).is_file())
    peak_tree, peak_process, seconds = measure.peak_memory([hooks, "scan", "."], folder)
    print(f"\n{folder}: {size / 1e6:.1f} MB tracked; review-hooks scan took {seconds:.2f} s; "
          f"peak memory: {peak_tree / 1e6:.0f} MB summed over the process tree (RSS, sampled), "
          f"{peak_process / 1e6:.0f} MB the largest single process (getrusage)")


def suites(folder: Path | None) -> None:
    for module in sorted(BENCH.glob("*_bench.py")):
        print(f"\n== {module.name}")
        code = (f"import sys; sys.path.insert(0, {str(BENCH)!r}); sys.argv = [{module.name!r}]; "
                f"import {module.stem} as m; r = m.main(); sys.exit(r if isinstance(r, int) else 0)")
        subprocess.run([PYTHON, "-c", code], cwd=folder, check=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, help="a git repository to scan")
    parser.add_argument("--generate", type=int, metavar="N", help="write a synthetic corpus of N files and use it")
    parser.add_argument("--out", type=Path, help="where --generate writes (default /tmp/review-corpus-N)")
    parser.add_argument("--rounds", type=int, default=5, help="interleaved rounds (default 5; 20 for --startup)")
    parser.add_argument("--startup", action="store_true", help="time one-file hook runs")
    parser.add_argument("--memory", action="store_true", help="measure the peak memory of a scan of CORPUS")
    parser.add_argument("--venv", type=Path, help="with --startup: time review-hooks installed in this virtual "
                        "environment (python3 -m venv DIR && DIR/bin/pip install .), as pre-commit installs it")
    parser.add_argument("--slow", action="store_true", help="also run the slow Node peers (once)")
    parser.add_argument("--group", help='time only the commands of this group of the table, such as "all checks" '
                        "(the full scan, lychee and the limit)")
    parser.add_argument("--suites", action="store_true", help="also run bench/*_bench.py")
    parser.add_argument("--install-node", action="store_true",
                        help="npm install the Node peers under --node-prefix first (never into the project)")
    parser.add_argument("--node-prefix", type=Path, default=Path("/tmp/bench-node"),
                        help="npm --prefix holding markdownlint-cli2 and remark-cli (default /tmp/bench-node)")
    args = parser.parse_args(argv)
    if args.install_node:
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--prefix", str(args.node_prefix), *NODE_PEERS],
                       check=True)
    folder = args.corpus
    if args.generate:
        folder = args.out or Path(f"/tmp/review-corpus-{args.generate}")
        if not folder.exists():
            synthetic.generate(args.generate, folder)
        print(f"corpus: {folder} (planted defects: {folder}.planted.json)")
    if args.startup:
        startup(args.rounds if args.rounds != 5 else 20, args.node_prefix, args.venv)
    if folder is not None and args.memory:
        memory(folder.resolve(), args.node_prefix)
    elif folder is not None:
        throughput(folder.resolve(), args.rounds, args.node_prefix, args.slow, args.group)
    if args.suites:
        suites(folder)
    if folder is None and not (args.startup or args.suites or args.install_node):
        parser.error("give a CORPUS, --generate N, --startup, --suites or --install-node")
    return 0


if __name__ == "__main__":
    sys.exit(main())
