"""Script coherence: what a decoded span must look like to be text of some writing system.

A decoded span is a word when its letters share one script (the first word of their Unicode names:
CYRILLIC, ARABIC, HEBREW ...), and its marks belong to that script too: harakat, niqqud and vowel
signs are letters of their word, not damage (``حيانًا``, ``עִברִית``), where a generic combining mark
(U+0301) or a variation selector belongs to no script. ``readings`` weighs damage by these tests.
"""

# review-hooks: disable-file mojibake (this file quotes mojibake on purpose)

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

_EDGES = ("Pi", "Pf", "Ps", "Pe", "Pd")  # quotes, brackets and dashes: what may stand at the edges of a word
_LISTED = ("LATIN", "GREEK", "CYRILLIC")  # scripts whose lone letters have rules of their own
#: Lead bytes besides letters: dashes and box drawing (Cyrillic in Mac Roman –≤, cp437 ╨▓), ``×``, Hebrew's
#: D7 in Windows-1252 and Latin-1 (``×‘`` is the one-letter prefix ב, as in ``ב-MongoDB``), and ``€``, Mac Roman's
#: DB (``€å`` is Persian ی, a word of its own)
_LEADS = ("Pd", "So", "Sm", "Sc")
#: Quotation marks are Armenian's leads in Mac Roman (D4, D5: ``’ß`` is է): for a script the prior does not measure
_QUOTE_LEADS = ("Pi", "Pf")


def lone_letter(text: str, old: str, before: str = "") -> bool:
    """One basic Greek or Cyrillic letter (``Î”`` for Δ, ``Ïƒ`` for σ, units and variables in
    technical prose, and the one-letter words в, і, у, я, є, Greek Ή, Ό, ή) read from a letter, or from a dash or box
    drawing that is Cyrillic's lead byte in Mac Roman (``–≤``) and cp437 (``╨▓``), or the sign ``×`` (Hebrew's lead
    byte): weak, never evidence.
    Of the other scripts, only a letter common in some language (``lossy.prior`` 7 or more: Arabic
    و, the word "and", read from ``Ùˆ``), not a rare one (``ßŒ`` is not N'Ko ߌ), or a letter of a script the prior
    does not measure (``measured``: Armenian է, the word "is", read from ``Õ§``, and from Mac Roman's ``’ß``); no
    other quotes, nor one after a letter (French ``l’été`` holds ``’é``, Armenian Վ in Mac Roman)."""
    from review_hooks.mojibake.lossy import prior

    if len(text) != 1:
        return False
    if not old[:1].isalpha():
        lead = unicodedata.category(old[:1])  # a word of its own, no elision, for a quote
        if lead not in _LEADS and not (lead in _QUOTE_LEADS and not before.isalpha() and not measured(text)):
            return False
    return (("\u0386" <= text <= "\u03ce" and text.isalpha()) or "\u0410" <= text <= "\u044f" or text in "ЁёІіЇїЄє"
            or (text.isalpha() and script_of(text) not in _LISTED and (prior(text) >= 7 or not measured(text))))


def word(text: str, letters: int) -> bool:
    """At least ``letters`` letters, all of one script, with only quotes and dashes at its edges
    (``«Αποθήκευση»``, ``“Н”``, ``—Да``): a quote or dash inside a damaged run does not break a word,
    but a symbol inside the word does (``א֏קט``, U+058F, is Hebrew misread, not a word). A mark of the
    word's own script is one of its letters (Arabic harakat ``حيانًا``, Hebrew niqqud ``עִברִית``, a Devanagari
    vowel sign); a generic combining mark (U+0301, named COMBINING) is no script's, so no word's. The
    punctuation of its own script may end it (``كان،``: ARABIC COMMA)."""
    start, end = 0, len(text)
    while start < end and unicodedata.category(text[start]) in _EDGES:
        start += 1
    while end > start and (unicodedata.category(text[end - 1]) in _EDGES or _own_stop(text[end - 1], text[start])):
        end -= 1
    found = text[start:end]
    if sum(map(str.isalpha, found)) < letters or not found[:1].isalpha():
        return False
    return all(char.isalpha() or unicodedata.category(char) in ("Mn", "Mc") for char in found) and len(
        {script_of(char) for char in found}) == 1


def plausible(decoded: str, previous: str) -> bool:
    """Assigned, visible characters; a combining mark only after something to combine with, or, at the
    start of a run, alone as a script's own mark quoted or named on its own (``'े'``, Devanagari vowel
    sign E: a letter of its script, where a generic U+0301 or U+FE0F alone is nothing)."""
    if len(decoded) == 1 and not previous and script_mark(decoded):
        return True
    for char in decoded:
        category = unicodedata.category(char)
        if category in ("Cc", "Cn", "Co", "Cs", "Zl", "Zp"):
            return False
        if category in ("Mn", "Me") and (not previous or previous.isspace()):
            return False
        previous = char
    return True


def script_mark(char: str) -> bool:
    """A combining mark that belongs to a script (ARABIC FATHATAN, HEBREW POINT HIRIQ, DEVANAGARI VOWEL
    SIGN E), not a generic one (COMBINING ACUTE ACCENT, VARIATION SELECTOR-16)."""
    return unicodedata.category(char) in ("Mn", "Mc") and unicodedata.name(char, "COMBINING").split()[0] not in (
        "COMBINING", "VARIATION")


def case(run: str, at: int, candidates: Iterable[str]) -> bool:
    """A lone capital before small letters that a dropped byte made of a letter of its script: between
    small letters of its word (``HrnÄiar``, ``pÅ™ekroÄeno``: Ä lost 0x8D of a small č), a case no word
    has; or opening its word (``Åukasz``: Ł lost 0x81), as a legitimate capital does too (``Åsa``), so
    that one counts only for a letter common in some language (``lossy.prior``: Ł, č, not the IPA ɐ of
    ``École``) and needs more (``strength.weak_applies``). Case coherence, the evidence that the letter
    is residue of lossy damage, reported only where its codec damaged the document elsewhere."""
    from review_hooks.mojibake.lossy import prior

    char = run[at:at + 1]
    inside = run[at - 1:at].islower()
    return char.isupper() and run[at + 1:at + 2].islower() and any(
        (other.islower() if inside else other.isalpha() and prior(other) >= 5) and script_of(other) == script_of(char)
        for other in candidates)


@lru_cache(maxsize=4096)
def measured(char: str) -> bool:
    """Whether the frequency prior measures the script of ``char``: it holds a letter of that script common in
    some language (``lossy.prior`` 5 or more). Of a script no language of the prior writes (Armenian, Georgian,
    Thai), every letter is unseen or seldom seen, and that says nothing of how rare it is in its own language.
    Latin-1's letters are measured (``µ``, MICRO SIGN, is no script of its own)."""
    return char < "\u0370" or script_of(char) in MEASURED


#: The scripts (first words of letters' names) of which ``prior.txt`` holds a letter of Zipf 5 or more, as
#: ``scripts/make_char_prior.py`` wrote it (tests/mojibake/scripts_test.py reads the table again).
MEASURED = frozenset({"ARABIC", "BENGALI", "CJK", "CYRILLIC", "DEVANAGARI", "FEMININE", "GREEK", "HANGUL", "HEBREW",
                      "HIRAGANA", "IDEOGRAPHIC", "KATAKANA", "KATAKANA-HIRAGANA", "LATIN", "MASCULINE", "TAMIL"})


@lru_cache(maxsize=4096)
def script_of(char: str) -> str:
    """The first word of a character's name: its script for a letter (``CYRILLIC``, ``ARABIC``); cached,
    since the same few letters are asked about for every pair of every run."""
    return unicodedata.name(char, "?").split()[0]


def crossed(run: str, start: int, end: int, reading: str) -> bool:
    """``run[start:end]`` breaks its word with a letter of another script than the word's letters beside it, and
    reads as letters of theirs, in their case: Windows-1251 read UTF-8 German and Polish so (``MГјller`` is
    Müller, ``gЕ‚Гіwnym`` głównym). A word mixes scripts no other way this reads back: evidence on its own."""
    before, after = run[start - 1:start], run[end:end + 1]
    neighbour = before if before.isalpha() else after
    if not neighbour.isalpha() or not reading.isalpha() or (neighbour.islower() and not reading.islower()):
        return False
    script = script_of(neighbour)
    return all(script_of(char) == script for char in reading) and any(  # µ ª º are Latin-1's: no script's
        char.isalpha() and char > "\u00ff" and script_of(char) != script for char in run[start:end])


def own_punctuation(char: str) -> bool:
    """Punctuation of a script of its own (ARABIC COMMA ``،``, ARMENIAN FULL STOP ``։``, DEVANAGARI DANDA):
    read from a two-byte pair, it is as plausible as a letter of that script."""
    return (len(char) == 1 and unicodedata.category(char)[0] == "P" and 0x370 <= ord(char) < 0x2000
            and script_of(char) not in ("GREEK", "COMBINING"))


def _own_stop(char: str, first: str) -> bool:
    return own_punctuation(char) and script_of(char) == script_of(first)


def fitting(candidates: tuple[str, ...], before: str, word_text: str) -> tuple[str, ...]:
    """The candidates of a truncated sequence that fit the word ``word_text`` (letters of one script)
    at a place after ``before``: a letter of its script common in some language (``lossy.prior``), or a
    mark of its script after a letter. Truncated ``Ù`` starting an Arabic word is ف alone: a haraka
    needs a letter before it, ٭ is no letter, and ٝ is rare."""
    return _fitting(candidates, before.isalpha(), script_of(next(char for char in word_text if char.isalpha())))


@lru_cache(maxsize=4096)
def _fitting(candidates: tuple[str, ...], after_letter: bool, script: str) -> tuple[str, ...]:
    from review_hooks.mojibake.lossy import prior

    return tuple(char for char in candidates if script_of(char) == script and (
        (char.isalpha() and (prior(char) >= 5 or not _told_apart(char))) or (script_mark(char) and after_letter)))


def _told_apart(letter: str) -> bool:
    """Whether the frequency prior tells this letter from the others of its script: not for a script it does not
    measure (Thai แ is no rarer than the mark ํ), nor for an ideograph, which it reads from simplified Chinese
    and Japanese (traditional 瀏 is as plausible as 着 in a traditional text)."""
    return measured(letter) and script_of(letter) != "CJK"
