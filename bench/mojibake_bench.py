"""Time the mojibake repair against ``ftfy.fix_encoding`` on a multi-megabyte damaged review document.

Run ``python bench/mojibake_bench.py [--megabytes N] [--rounds N]``. The document is generated
(deterministically) from the user's seed documents: their damage repaired, then re-damaged section
by section as Windows-1252 or Mac Roman mojibake, some sections left clean, with legitimate Latin-1
text mixed in. Both functions run on the same text, interleaved round by round so that machine load
hits both alike; the report gives each one's median and the ratio (ours / ftfy's). ``bench/run.py``
calls ``results()``.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

SEEDS = Path(__file__).resolve().parent.parent / "fixtures" / "seeds"
LATIN = "Crème brûlée — naïve café, SÃO PAULO, “quoted” text, ﬁ ligature, ＦＵＬＬ width, &amp; entity\n"


@dataclass(frozen=True)
class Results:
    megabytes: float
    rounds: int
    ours: float  # median seconds
    ftfy: float
    ours_clean: float  # the same size of clean ASCII-heavy text, through our repair
    repaired: int  # sequences our repair changed
    ours_exact: bool  # our repair restored the document exactly
    ftfy_exact: bool

    @property
    def ratio(self) -> float:
        return self.ours / self.ftfy

    def __str__(self) -> str:
        return (f"mojibake repair vs ftfy.fix_encoding on a {self.megabytes:.1f} MB damaged review document, "
                f"median of {self.rounds} interleaved rounds:\n"
                f"  ours               {self.ours * 1000:9.1f} ms  ({self.repaired} sequences repaired; "
                f"restored exactly: {'yes' if self.ours_exact else 'no'})\n"
                f"  ftfy.fix_encoding  {self.ftfy * 1000:9.1f} ms  "
                f"(restored exactly: {'yes' if self.ftfy_exact else 'no'})\n"
                f"  ratio ours/ftfy    {self.ratio:9.2f}x  (budget: 2x)\n"
                f"  ours, clean text   {self.ours_clean * 1000:9.1f} ms  (same size, pre-filter only)")


def clean_sections() -> list[str]:
    from review_hooks.mojibake.repair import repaired_text

    sections = []
    for path in sorted(SEEDS.glob("*.md")):
        text = repaired_text(path.read_text(encoding="utf-8"))
        sections.extend(part for part in text.split("\n## ") if part.strip())
    return sections


def documents(megabytes: float = 4.0, seed: int = 3) -> tuple[str, str]:
    """A clean review document of about ``megabytes`` and the same with mixed damage, the same
    every time."""
    import ftfy.bad_codecs  # noqa: F401

    chooser = random.Random(seed)
    sections = clean_sections()
    clean: list[str] = []
    damaged: list[str] = []
    size = 0
    while size < megabytes * 1_000_000:
        section = "## " + chooser.choice(sections) + "\n" + (LATIN if chooser.random() < 0.3 else "")
        codec = chooser.choice(["sloppy-windows-1252", "sloppy-windows-1252", "macroman", None])
        clean.append(section)
        damaged.append(section.encode("utf-8").decode(codec) if codec else section)
        size += len(damaged[-1].encode("utf-8"))
    return "".join(clean), "".join(damaged)


def _time(function: Callable[[str], object], text: str) -> float:
    start = time.perf_counter()
    function(text)
    return time.perf_counter() - start


def results(megabytes: float = 4.0, rounds: int = 5) -> Results:
    import ftfy

    from review_hooks.mojibake import readings
    from review_hooks.mojibake import repair as encoding_repair

    original, text = documents(megabytes)
    clean = ("A clean review line with `code`, links [x](./a.md) and one → arrow.\n" * (len(text) // 66))
    ours: list[float] = []
    theirs: list[float] = []
    ours_clean: list[float] = []
    for _ in range(rounds):
        readings.units.cache_clear()  # every round starts cold, like a fresh hook process
        ours.append(_time(encoding_repair.repair, text))
        theirs.append(_time(ftfy.fix_encoding, text))
        ours_clean.append(_time(encoding_repair.repair, clean))
    result = encoding_repair.repair(text)
    size = len(text.encode("utf-8")) / 1e6
    return Results(size, rounds, statistics.median(ours), statistics.median(theirs),
                   statistics.median(ours_clean), len(result.changes), result.text == original,
                   ftfy.fix_encoding(text) == original)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=4.0)
    parser.add_argument("--rounds", type=int, default=5)
    options = parser.parse_args(argv)
    print(results(options.megabytes, options.rounds))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
