"""required-headings against markdownlint-cli2's MD043 on real reference pages with known defects.

The corpus is PowerShell-Docs' cmdlet reference (``/work/shared/corpora/powershell-docs.tar.gz``):
generated pages that all keep nine ``##`` sections (SYNOPSIS ... RELATED LINKS). The pages that
have all nine, exactly, are the base; a seeded sample of them is copied under /tmp and each copy
gets one edit whose effect is known before either tool runs:

- none, or a cosmetic edit a reader still sees as the same section (numbering ``## 3. DESCRIPTION``,
  an emoji, a mojibake emoji, a qualifier ``## NOTES (optional)``, title case, a trailing colon);
- a destructive edit that loses a section (deleted with its subsections, ``##NOTES`` without a
  space, the heading shown in a code block, a bold line instead of a heading), or two deleted.

Both tools get the same nine required headings (MD043 as ``["*", "## SYNOPSIS", "*", ...]``).
Scores: per file (does the tool flag the files that lost a section?) and per heading (does it
name the lost section? MD043 names at most one per file, in its ``[Context: "## NAME"]``).

    npm install --prefix /tmp/mdl markdownlint-cli2
    .venv/bin/python bench/headings_bench.py --sample 300 --markdownlint /tmp/mdl/node_modules/.bin/markdownlint-cli2
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

REQUIRED = ["SYNOPSIS", "SYNTAX", "DESCRIPTION", "EXAMPLES", "PARAMETERS", "INPUTS", "OUTPUTS", "NOTES",
            "RELATED LINKS"]
COSMETIC = {
    "numbered": lambda name, i: f"## {i + 1}. {name}",
    "emoji": lambda name, i: f"## 📝 {name}",
    "mojibake emoji": lambda name, i: f"## ðŸ“Š {name}",
    "qualifier": lambda name, i: f"## {name} (optional)",
    "title case": lambda name, i: f"## {name.title()}",
    "trailing colon": lambda name, i: f"## {name}:",
}
DESTRUCTIVE = ("deleted", "no space", "in code block", "bold", "two deleted")


def corpus(archive: Path, work: Path) -> list[Path]:
    """The cmdlet pages that hold the nine sections exactly (unpacked once under ``work``)."""
    root = work / "powershell-docs"
    if not root.exists():
        with tarfile.open(archive) as tar:
            tar.extractall(work, filter="data")
    pages = []
    for path in sorted((root / "reference").glob("7.5/**/*.md")):
        text = path.read_text(encoding="utf-8", errors="replace")
        names = [line[3:].strip() for line in text.split("\n") if line.startswith("## ")]
        if re.search(r"^schema: 2\.0\.0", text, re.MULTILINE) and [n for n in names if n in REQUIRED] == REQUIRED:
            pages.append(path)
    return pages


def section(lines: list[str], name: str) -> tuple[int, int]:
    start = lines.index(f"## {name}")
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    return start, end


def mutated(text: str, rng: random.Random) -> tuple[str, str, set[str]]:
    """``(new text, edit, the sections a reader would call missing)``."""
    lines = text.split("\n")
    edit = rng.choice(["none", *COSMETIC, *DESTRUCTIVE])
    index = rng.randrange(len(REQUIRED))
    name = REQUIRED[index]
    start, end = section(lines, name)
    if edit in COSMETIC:
        lines[start] = COSMETIC[edit](name, index)
        return "\n".join(lines), edit, set()
    if edit == "none":
        return text, edit, set()
    if edit == "deleted":
        del lines[start:end]
    elif edit == "two deleted":
        other = REQUIRED[(index + 1 + rng.randrange(len(REQUIRED) - 1)) % len(REQUIRED)]
        for each in sorted((name, other), key=lambda n: -section(lines, n)[0]):
            del lines[slice(*section(lines, each))]
        return "\n".join(lines), edit, {name, other}
    elif edit == "no space":
        lines[start] = f"##{name}"
    elif edit == "in code block":
        lines[start : start + 1] = ["```text", f"## {name}", "```"]
    elif edit == "bold":
        lines[start] = f"**{name}**"
    return "\n".join(lines), edit, {name}


def review_hooks(folder: Path, files: list[str]) -> tuple[float, set[tuple[str, str]], set[str]]:
    (folder / ".review-hooks.toml").write_text(
        '[[required-headings.kind]]\nname = "cmdlet"\nfiles = ["**/*.md"]\nheadings = '
        + json.dumps([f"## {n}" for n in REQUIRED]) + "\n", encoding="utf-8")
    began = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "review_hooks", "check-headings", *files], cwd=folder,
                            capture_output=True, text=True)
    elapsed = time.perf_counter() - began
    named = set()
    for line in result.stdout.splitlines():
        match = re.match(r'(.+?):\d+:\d+: required-headings missing required heading "## ([^"]+)"', line)
        if match:
            named.add((match.group(1), match.group(2)))
    return elapsed, named, {path for path, _ in named}


def markdownlint(folder: Path, files: list[str], command: str) -> tuple[float, set[tuple[str, str]], set[str]]:
    headings = ["*"] + [x for n in REQUIRED for x in (f"## {n}", "*")]
    (folder / ".markdownlint-cli2.jsonc").write_text(
        json.dumps({"config": {"default": False, "MD043": {"headings": headings}}}), encoding="utf-8")
    began = time.perf_counter()
    result = subprocess.run([command, *files], cwd=folder, capture_output=True, text=True)
    elapsed = time.perf_counter() - began
    named, flagged = set(), set()
    for line in (result.stdout + result.stderr).splitlines():
        match = re.match(r"(.+?):\d+(?::\d+)? (?:error )?MD043", line)
        if match:
            flagged.add(match.group(1))
            expected = re.search(r'Context: "## ([^"]+)"', line)
            if expected:
                named.add((match.group(1), expected.group(1).strip()))
    return elapsed, named, flagged


def scores(found: set, truth: set) -> tuple[float, float]:
    hits = len(found & truth)
    return (hits / len(found) if found else 1.0), (hits / len(truth) if truth else 1.0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--archive", type=Path, default=Path("/work/shared/corpora/powershell-docs.tar.gz"))
    parser.add_argument("--work", type=Path, default=Path("/tmp/headings-bench"))
    parser.add_argument("--sample", type=int, default=300)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--markdownlint", default="/tmp/mdl/node_modules/.bin/markdownlint-cli2")
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    rng = random.Random(args.seed)
    pages = rng.sample(corpus(args.archive, args.work), args.sample)
    folder = args.work / "sample"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    truth: set[tuple[str, str]] = set()
    edits: dict[str, str] = {}
    for number, page in enumerate(pages):
        name = f"{number:04d}-{page.name}"
        text, edits[name], missing = mutated(page.read_text(encoding="utf-8"), rng)
        (folder / name).write_text(text, encoding="utf-8")
        truth |= {(name, m) for m in missing}
    files = sorted(edits)
    truth_files = {path for path, _ in truth}
    print(f"{len(files)} pages, {len(truth_files)} lost {len(truth)} sections; edits: "
          + ", ".join(f"{e} {list(edits.values()).count(e)}" for e in ["none", *COSMETIC, *DESTRUCTIVE]))
    print(f"{'tool':<22} {'seconds':>8} {'file P':>7} {'file R':>7} {'heading P':>10} {'heading R':>10}")
    for tool, (elapsed, named, flagged) in (
        ("review-hooks", review_hooks(folder, files)),
        ("markdownlint MD043", markdownlint(folder, files, args.markdownlint)),
    ):
        file_p, file_r = scores(flagged, truth_files)
        head_p, head_r = scores(named, truth)
        print(f"{tool:<22} {elapsed:>8.2f} {file_p:>7.2f} {file_r:>7.2f} {head_p:>10.2f} {head_r:>10.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
