"""Generate ``review_hooks/mojibake/prior.txt``: how common each non-ASCII character is in real text.

The source is the ``wordfreq`` package (PyPI; word frequencies from Wikipedia, subtitles, news,
books, Reddit and Twitter in 42 languages, emoji included). A character's frequency in a language
is the summed frequency of the words that contain it (counted once per occurrence); its prior is
the highest of those over all languages, so ``の`` scores as in Japanese and ``ж`` as in Russian.
Stored as Zipf buckets (``round(log10(frequency * 1e9))``, 0-9), one line per bucket: the table is
a few tens of kilobytes, and ``wordfreq`` (58 MB, MeCab for Japanese) is never a runtime dependency.

Run it by hand when wordfreq changes (``pip install wordfreq`` in a scratch venv), then commit
the table::

    python scripts/make_char_prior.py > review_hooks/mojibake/prior.txt

No evaluation corpus is read.
"""

from __future__ import annotations

import math
import sys
import unicodedata
from collections import defaultdict
from importlib import metadata


def main() -> None:
    from wordfreq import available_languages, get_frequency_dict

    best: dict[str, float] = defaultdict(float)
    for lang in sorted(available_languages("best")):
        found: dict[str, float] = defaultdict(float)
        for word, frequency in get_frequency_dict(lang, "best").items():
            for char in word:
                if ord(char) >= 0x80 and unicodedata.category(char) not in ("Cc", "Zl", "Zp"):  # one line each
                    found[char] += frequency
        for char, frequency in found.items():
            best[char] = max(best[char], frequency)
    buckets: dict[int, list[str]] = defaultdict(list)
    for char, frequency in best.items():
        zipf = round(math.log10(frequency * 1e9))
        if zipf >= 0:
            buckets[min(zipf, 9)].append(char)
    version = metadata.version("wordfreq")
    sys.stdout.write(f"# made by scripts/make_char_prior.py from wordfreq {version}: zipf bucket, tab, characters\n"
                     "# review-hooks: disable-file mojibake (characters listed, not text)\n")
    for zipf in sorted(buckets, reverse=True):
        sys.stdout.write(f"{zipf}\t{''.join(sorted(buckets[zipf]))}\n")


if __name__ == "__main__":
    main()
