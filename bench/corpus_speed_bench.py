"""Time ``fix-mojibake --diff`` over a folder of real files against ``ftfy.fix_encoding`` on each whole file.

Both run in one process each over the same files (a copy: nothing is written to the corpus),
interleaved round by round so that machine load hits both alike (``measure.interleaved``); the
report gives each one's median wall time, start-up included, and the ratio (ours / ftfy's). The
package's bytecode is written first, as pip writes it at install (``run.compile_package``): under
PYTHONDONTWRITEBYTECODE=1 an editable install would compile every changed module on every run.

    .venv/bin/python bench/corpus_speed_bench.py ../shared/corpora/mojibake-real/files --rounds 7
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from measure import interleaved
from run import compile_package

FTFY = ("import sys, ftfy\n"
        "for path in sys.argv[1:]:\n"
        "    with open(path, encoding='utf-8', errors='replace', newline='') as handle:\n"
        "        ftfy.fix_encoding(handle.read())\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args(argv)
    compile_package()
    with tempfile.TemporaryDirectory() as temporary:
        copy = Path(temporary) / "corpus"
        shutil.copytree(args.folder, copy)
        files = sorted(str(path.relative_to(copy)) for path in copy.rglob("*") if path.is_file())
        commands = [[sys.executable, "-m", "review_hooks", "fix-mojibake", "--diff", "--exit-zero", *files],
                    [sys.executable, "-c", FTFY, *files]]
        results = interleaved(commands, copy, args.rounds, dict(os.environ))
    (ours, _, ours_cpu), (ftfy, _, ftfy_cpu) = results
    mine, theirs = statistics.median(ours), statistics.median(ftfy)
    print(f"{len(files)} files, median of {args.rounds} interleaved rounds, one process each (wall, CPU), "
          f"load average {os.getloadavg()[0]:.1f}:\n"
          f"  fix-mojibake --diff      {mine * 1000:8.1f} ms  {statistics.median(ours_cpu):6.2f} s\n"
          f"  ftfy.fix_encoding/file   {theirs * 1000:8.1f} ms  {statistics.median(ftfy_cpu):6.2f} s\n"
          f"  ratio ours/ftfy          {mine / theirs:8.2f}x  (budget: 1x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
