"""Two installed versions of review-hooks side by side: one-file hook runs, interleaved.

    python bench/startup_compare.py --before VENV --after VENV [--rounds 20]

Each VENV holds one version installed as pre-commit installs a hook (``python3 -m venv VENV &&
VENV/bin/pip install .``). Every hook and ``check`` runs on the sample document of ``run.py
--startup`` from both, with ``python -c pass`` (the ``--after`` interpreter), the order rotating
each round. The table gives wall and CPU medians (user and system seconds: the steadier figure on a
shared machine) as ratios to ``python -c pass``; a last line says whether both versions printed the
same and exited alike.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import tempfile
from pathlib import Path

import measure

HOOKS = ("check-conflict-markers", "fix-mojibake", "check-links", "check-headings", "check")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", type=Path, required=True, help="venv of the version to compare against")
    parser.add_argument("--after", type=Path, required=True, help="venv of the version under test")
    parser.add_argument("--rounds", type=int, default=20, help="interleaved rounds (default 20)")
    args = parser.parse_args()
    versions = {"before": args.before / "bin", "after": args.after / "bin"}
    names = ["python -c pass"] + [f"{version} {hook}" for hook in HOOKS for version in versions]
    commands = [[str(versions["after"] / "python"), "-c", "pass"]] + [
        [str(versions[version] / "review-hooks"), hook, "review.md"] for hook in HOOKS for version in versions]
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "repo"
        sample = measure.sample_repository(folder)
        commands = [[*command[:2], sample] if command[-1] == "review.md" else command for command in commands]
        same = [hook for hook in HOOKS if _outcome(commands[names.index(f"before {hook}")], folder)
                == _outcome(commands[names.index(f"after {hook}")], folder)]
        results = measure.interleaved(commands, folder, args.rounds, dict(os.environ))
    one, five, _ = os.getloadavg()
    print(f"{args.rounds} interleaved rounds, load average {one:.2f} (1 min) {five:.2f} (5 min)\n")
    print("| command | wall median | ratio | CPU median | ratio |\n|---|---:|---:|---:|---:|")
    wall, cpu = statistics.median(results[0][0]), statistics.median(results[0][2])
    for name, (times, _, seconds) in zip(names, results, strict=True):
        print(f"| {name} | {statistics.median(times) * 1000:.1f} ms | {statistics.median(times) / wall:.2f}x | "
              f"{statistics.median(seconds) * 1000:.1f} ms | {statistics.median(seconds) / cpu:.2f}x |")
    print(f"\nsame output and exit status before and after: {', '.join(same) or 'none'}")


def _outcome(command: list[str], folder: Path) -> tuple[int, bytes, bytes]:
    completed = subprocess.run(command, cwd=folder, capture_output=True, check=False)
    return completed.returncode, completed.stdout, completed.stderr


if __name__ == "__main__":
    main()
