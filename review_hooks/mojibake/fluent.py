"""A word written fluently in one script is text: no reading may break it into two scripts.

Windows-1251 reads the UTF-8 lead bytes as Cyrillic letters and many continuation bytes as the letters
Ukrainian, Belarusian, Macedonian and Serbian add (і ї є ґ ј ќ џ љ њ ў), so clean text in those
languages holds sequences that decode: ``Дію`` reads as ``ĳю`` (Д і is C4 B3, the Latin ligature ĳ),
``ревізії`` as ``реві糿`` (з і ї is E7 B3 BF), and its pairs of leads as truncated sequences
(``бидејќи``). Damage does not look like that: a damaged word mixes its script with symbols or with
letters of another script (``РџСЂ`` with ``µ`` and ``‚``, ``MГјller``), and its reading is a word of one
script. So a reading is dropped, and nothing reported, where the word it stands in is made of letters
(and marks) of one script other than Latin, in one case (or a capital first), and punctuation, and the
reading would leave letters of two scripts in that word, or put letters of another script in its place
that the document shows nowhere else (or, for a lossy reading, a guess, at all). Latin is no such
script: Western damage reads as Latin letters and punctuation (``Â«Ð–Â»`` is «Ж»). Han, kana and Hangul
count as one (Japanese mixes them).
"""

# review-hooks: disable-file mojibake (this file quotes mojibake on purpose)

from __future__ import annotations

import unicodedata
from typing import NamedTuple, TypeVar

from review_hooks.check import spliced
from review_hooks.mojibake.changes import Change, Residue
from review_hooks.mojibake.scripts import script_of

_EAST_ASIAN = frozenset(("CJK", "HIRAGANA", "KATAKANA", "HANGUL", "KATAKANA-HIRAGANA"))
Span = TypeVar("Span", Change, Residue)


class _Reading(NamedTuple):
    """A span and what a change or residue reads there: what ``check.spliced`` takes."""

    start: int
    end: int
    new: str


def foreign(text: str, changes: list[Change], residue: list[Residue]) -> tuple[list[Change], list[Residue]]:
    """``changes`` and ``residue`` without those whose reading would break a word of ``text`` written
    fluently in one script (see the module)."""
    if not changes and not residue:
        return changes, residue
    readings = {(change.start, change.end): change.new for change in changes}
    readings.update({(item.start, item.end): item.likely for item in residue})
    readings = dict(sorted(readings.items()))  # in order, as ``spliced`` takes them
    words = {span: word for span in readings if (word := _fluent_word(text, span)) is not None}
    if not words:
        return changes, residue
    lossy = {(item.start, item.end) for item in residue}
    outside = spliced(text, [_Reading(*span, "") for span in readings])  # the text without the spans read
    shown = {"LATIN"} | _scripts(outside) | _scripts(  # Latin: a document's ASCII, if nothing else
        "".join(new for span, new in readings.items() if span not in words and span not in lossy))
    broken = {span for span, word in words.items() if _breaks(text, word, readings, shown)
              or (span in lossy and _scripts(readings[span]) != _scripts(text[word[0]:word[1]]))}
    return _kept(changes, broken), _kept(residue, broken)


def fluent_script(word: str) -> str:
    """The script ``word`` is written fluently in (see the module: letters of one script other than Latin, in
    one case or with a capital first), as ``scripts.script_of`` names it; ``""`` when it is no such word."""
    if not word or _fluent_word(word, (0, len(word))) != (0, len(word)) or not any(map(str.isalpha, word)):
        return ""
    return script_of(next(filter(str.isalpha, word)))


def _kept(spans: list[Span], broken: set[tuple[int, int]]) -> list[Span]:
    return [span for span in spans if (span.start, span.end) not in broken]


def _fluent_word(text: str, span: tuple[int, int]) -> tuple[int, int] | None:
    """The word around ``span`` when it is letters (and marks) of one script other than Latin, in one case or
    with a capital first, and punctuation; else None."""
    start, end = span
    while start > 0 and _letter(text[start - 1]):
        start -= 1
    while end < len(text) and _letter(text[end]):
        end += 1
    written = text[start:end]
    scripts = _scripts(written)
    if len(scripts) != 1 or scripts == {"LATIN"} or not all(
            _letter(char) or unicodedata.category(char)[0] == "P" for char in written):
        return None  # Latin letters and punctuation, symbols, two scripts: damage looks like that
    letters = "".join(filter(str.isalpha, written))
    if not (letters.islower() or letters.isupper() or (letters[0].isupper() and letters[1:].islower())):
        return None  # a capital inside a word (РџСЂ, рџЂ): damage looks like that too
    return start, end


def _breaks(text: str, word: tuple[int, int], readings: dict[tuple[int, int], str], shown: set[str]) -> bool:
    """Whether the readings inside the fluent ``word`` break it: letters of two scripts; or letters of another
    script in place of its own that the document shows nowhere else (neither in its clean text nor in the
    readings of words that are plainly damaged): ``дії`` is no ``䳿`` in Ukrainian text, though E4 B3 BF is a
    sequence. A reading with no letters (``вњ…``: ✅, ``ВЈ``: £) stands, unless it is a modifier (``Лі`` is no ˳,
    CB B3). (A lossy reading, a guess, must moreover be letters of the word's own script: ``foreign``.)"""
    start, end = word
    inside = [_Reading(at, stop, new) for (at, stop), new in readings.items() if start <= at and stop <= end]
    read = _scripts(spliced(text, inside, start, end))
    own = _scripts(text[start:end])
    if any(unicodedata.category(char) in ("Sk", "Lm") for reading in inside for char in reading.new):
        return True  # a modifier (˳ of Лі, CB B3) standing in a word: no text
    return len(read) > 1 or (bool(read) and read != own and not read <= shown)


def _letter(char: str) -> bool:
    return char.isalpha() or unicodedata.category(char) in ("Mn", "Mc")


def _scripts(word: str) -> set[str]:
    """The scripts of the letters of ``word``, East Asian ones as one (generic marks belong to none)."""
    found = set()
    for char in word:
        if char.isalpha():
            script = script_of(char)
            found.add("EAST ASIAN" if script in _EAST_ASIAN else script)
    return found
