"""The candidates of a span's truncated sequences, read only when a decision needs them, and what they say.

``readings`` decides most lossy spans without their candidates (a lone small lead beside ASCII is no
damage whatever it was), yet asked for all of them first, and a lone lead byte can have very many: in
Latin-1, 33 bytes are droppable, so ``ð`` (F0, three bytes lost) is 35,937 ways to fill, which took
14 ms to list on the real corpus, once per lead byte, for a span that ended up no damage. Whether a
sequence has any candidate at all (``possible``) is found at the first one, and the whole list
(``lossy.candidates``) only when something reads it (``Candidates``). What a span's candidates tell
``readings`` is here too: a word of its own that lost bytes (``alone``), candidates a Latin text or a
symbol may have been (``latin_or_symbol``), a run of like leads (``bare_leads``).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Sequence
from functools import lru_cache
from itertools import combinations, product

from review_hooks.mojibake.layers import COMMON_LETTER
from review_hooks.mojibake.lossy import candidates, kept, prior, ranked, shape, tier


@lru_cache(maxsize=4096)
def possible(fragment: bytes, missing: int, droppable: frozenset[int]) -> bool:
    """Whether ``lossy.candidates(fragment, missing, droppable)`` has any: the same ways walked one by one,
    left at the first that is a character (``tests/mojibake/candidates_test.py`` compares both)."""
    size = shape(fragment, missing)
    if not size:
        return False
    bits = sorted({byte & 0x3F for byte in droppable if 0x80 <= byte <= 0xBF}, reverse=True)  # high first: no overlong
    least = (0x80, 0x800, 0x10000)[size - 1]  # shorter forms are overlong: not UTF-8
    for slots in combinations(range(size), missing):
        rest = iter(fragment[1:])
        for values in product(*(bits if i in slots else (next(rest) & 0x3F,) for i in range(size))):
            code = fragment[0] & (0x7F >> (size + 1))
            for value in values:
                code = code << 6 | value
            if (least <= code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF
                    and kept(unicodedata.category(chr(code)), False)):
                return True
    return False


class Candidates(Sequence[tuple[str, ...]]):
    """``lossy.candidates`` of each piece of a span, ``()`` for a piece that lost nothing, each listed on
    first use; ``fragments`` gives each piece's bytes and how many it lost (``None``: lost nothing)."""

    def __init__(self, fragments: list[tuple[bytes, int] | None], droppable: frozenset[int]) -> None:
        self._fragments = fragments
        self._droppable = droppable
        self._listed: dict[int, tuple[str, ...]] = {}

    def __len__(self) -> int:
        return len(self._fragments)

    def __getitem__(self, index: int) -> tuple[str, ...]:  # type: ignore[override]
        if index not in self._listed:
            fragment = self._fragments[index]  # IndexError past the end: iteration stops there
            self._listed[index] = candidates(*fragment, self._droppable) if fragment else ()
        return self._listed[index]

    def __iter__(self) -> Iterator[tuple[str, ...]]:
        return (self[index] for index in range(len(self._fragments)))

    def lazily(self, index: int) -> Iterator[str]:
        """The candidates of piece ``index``, listed when the iterator is first read (a test that may
        not need them: ``scripts.case`` of a small letter)."""
        yield from self[index]

    def all_possible(self) -> bool:
        """Every piece that lost bytes has a candidate (``possible``), none listed."""
        return all(possible(*fragment, self._droppable) for fragment in self._fragments if fragment)


def alone(run: str, start: int, end: int, options: Candidates) -> bool:
    """Truncated sequences of two bytes or more that are a whole word of their own and no word of letters in the
    codec (``ì´``, 이 that lost 0x9D; ``××``, אם that lost 0x90 and 0x9D; not Czech ``íž``, nor ``Å`` alone), each
    of which can have been a letter common in some language: the Korean, Hebrew or Chinese word that was there."""
    return (start == 0 and end == len(run) and end - start >= 2 and not run.isalpha()
            and all(any(char.isalpha() and prior(char) >= COMMON_LETTER for char in each) for each in options))


def latin_or_symbol(options: tuple[str, ...]) -> bool:
    """Some candidate is a symbol or punctuation of no script (general punctuation, arrows, dingbats,
    pictographs), or a Latin letter: not only CJK (``é…`` is no residue), nor only letters and marks of
    scripts foreign to the word (Czech ``Tomáš`` is no Ogham ᚁ nor Balinese ᭚)."""
    return any((tier(char, "") <= 3 and (ord(char) < 0x370 or 0x2000 <= ord(char) < 0x2C00 or ord(char) >= 0x1F000))
               or "LATIN" in unicodedata.name(char, "") for char in options)


def bare_leads(run: str, start: int, end: int, options: Candidates) -> bool:
    """Lead characters alone, the whole run, all alike, most likely pictographs (``âââââ``: ⭐⭐⭐⭐⭐)."""
    return (start == 0 and end == len(run) and len(set(run)) == 1 and len(run) >= 2
            and bool(options[0]) and tier(ranked(options[0], "")[0], "") <= 1)
