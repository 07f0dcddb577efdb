"""Generate ``review_hooks/alphabets.txt``: the accented Latin letters each language writes often.

The source is the ``wordfreq`` package (PyPI), as for ``make_char_prior.py``: a letter belongs to a
language's alphabet when the words that hold it (lower-cased) sum to a Zipf frequency of at least
``ZIPF`` (5.0: ``û`` in French, ``ő`` in Hungarian; not ``õ`` in Hungarian, where only foreign
names hold it). A reading of a legacy file whose word mixes letters of no one language
(``Árvíztûrõ``: Hungarian read as Windows-1252) is then no text (``review_hooks/codepages.py``).

Run it by hand when wordfreq changes (``pip install wordfreq`` in a scratch venv), then commit
the table::

    python scripts/make_alphabets.py > review_hooks/alphabets.txt

No evaluation corpus is read.
"""

from __future__ import annotations

import sys
import unicodedata
from collections import defaultdict
from importlib import metadata

ZIPF = 5.0


def main() -> None:
    from wordfreq import available_languages, get_frequency_dict

    print(f"# made by scripts/make_alphabets.py from wordfreq {metadata.version('wordfreq')}: language, tab, letters")
    print("# review-hooks: disable-file mojibake (characters listed, not text)")
    for language in sorted(available_languages("best")):
        found: dict[str, float] = defaultdict(float)
        for word, frequency in get_frequency_dict(language, "best").items():
            for char in word.lower():
                if not char.isascii() and unicodedata.name(char, "").startswith("LATIN"):
                    found[char] += frequency
        letters = "".join(sorted(char for char, frequency in found.items() if frequency * 1e9 >= 10**ZIPF))
        if letters:
            print(f"{language}\t{letters}")


if __name__ == "__main__":
    sys.exit(main())
