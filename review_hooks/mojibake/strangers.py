"""Readings that are no text of the document: a repair must not bring in what the document never shows.

A codec reads some legitimate text as UTF-8 too: Mac Roman reads the Spanish dialogue dash of ``—Él`` as the
lead of a Cyrillic ``у`` (D1 83), and Windows-1252 reads ``perché…»`` as the ideograph ``酻`` (E9 85 BB).
Where the same codec damaged the document elsewhere, such a span would be repaired with the rest. What tells
it from damage is the reading: a letter of a script no other letter of the document is written in, or a
letter rare in every language (the frequency prior, ``lossy.folded_prior``), where the span as written is
plain text to ftfy's badness heuristic (real damage of one character is flagged: ``Î”``, ``Ã©``, ``Ð²``).
Damage of several layers has its own test of the same idea (``strangers``: ``ÂµÂºÃ€`` is no ``槷``).
"""

# review-hooks: disable-file mojibake (this file quotes mojibake on purpose)

from __future__ import annotations

import unicodedata
from collections import Counter

from review_hooks.mojibake import typography
from review_hooks.mojibake.changes import Change, Residue, applied
from review_hooks.mojibake.fluent import fluent_script, foreign
from review_hooks.mojibake.layers import COMMON_LETTER, is_bad
from review_hooks.mojibake.lossy import folded_prior
from review_hooks.mojibake.scripts import measured, script_mark, script_of


def strangers(text: str, changes: list[Change], residue: list[Residue],
              decoded: bool = False) -> tuple[list[Change], list[Residue]]:
    """``changes`` without the readings that break a word written in one script (``fluent``), without the
    lone readings the document bears out nowhere (``_unborne``), and without the readings decoded twice or
    more that are no plausible text of the document: a letter rare in every
    language (the frequency prior below ``COMMON_LETTER``; ``ς`` and ``ß`` count as the ``σ`` and ``ss`` it
    folds them to) of a script no other letter of the document is written in (the same rare letter twice is
    no evidence for itself). ``ÂµÂºÃ€`` alone in English prose is µºÀ in Windows-1252, and that is 槷 in
    cp850: two readings, neither text, both reported (``residue``), the span left as it is. A rare ideograph
    among Chinese, or 쉘 among Korean, is text. A reading one layer short that is a word written fluently in
    a script the document shows is the repair (``дії``, not E4 B3 BF: 䳿). ``decoded``: ``text`` is a
    decoding, judged where the document is."""
    if decoded:  # a decoding has no document to judge by
        return changes, residue
    changes, residue = foreign(text, changes, residue)  # first: a reading that breaks a word of one script
    changes = _unborne(text, changes)
    suspects = {at: scripts for at, change in enumerate(changes) if change.before and (scripts := _rare(change.new))}
    if not suspects:
        return changes, residue
    shown = Counter(script_of(char) for char in applied(text, changes) if not char.isascii() and _letter(char))
    rare = Counter(script for scripts in suspects.values() for script in scripts)
    kept, doubtful = [], []
    for at, change in enumerate(changes):
        own = Counter(script_of(char) for char in change.new if _letter(char))
        doubt = at in suspects and any(shown[script] in (own[script], rare[script]) for script in suspects[at])
        if doubt and not (shown[fluent_script(change.before)] or (  # ``Ð´Ñ–Ñ—`` beside Cyrillic is дії, not 䳿;
                _common_letters(change.before) and _glued(text, change))):  # Turkish ``BaşlangÄ±Ã§`` ends in ıç,
            # common letters going on with their word, not in Armenian Շ that cp850 reads from them
            readings = (change.before, change.new)
            doubtful.append(Residue(change.start, change.end, change.old, change.before, (readings,), "",
                                    change.codec, (readings,)))
        else:
            kept.append(change._replace(new=change.before, before="") if doubt else change)
    return kept, sorted([*residue, *doubtful], key=lambda item: item.start)


def _unborne(text: str, changes: list[Change]) -> list[Change]:
    """``changes`` without the lone characters read from plain text that the document bears out nowhere: decoded
    once, to one character, from a span glued to a letter (``_glued``) that ftfy's badness does not flag and that
    the reading does not mend (a capital inside a word of small letters read as a small letter, pinyin ``yÇ”``:
    ``typography.mends``), that
    is a letter of a script, or a sign of a script's own block, that no character of the document outside such
    readings is written in (``уl`` from ``—Él``, ``perch酻`` from ``perché…»``, ``Ma߷Einheit`` from
    ``Maß·Einheit``; Latin is shown always), or a letter rare in every language read from common letters
    (``ǒa`` from the elision ``Ç’a``, ``FußballɊrgerlich`` from ``Fußball…ärgerlich``; not ``İ`` from cp437's
    box drawing ``─░``). The span stays as written, unreported: it is text."""
    lone = [at for at, change in enumerate(changes) if len(change.new) == 1 and not change.before
            and not change.lossy and _scripted(change.new)
            and ((not is_bad(change.old) and _glued(text, change)) or not measured(change.new))  # ``ßŒ``: no ߌ
            and not typography.mends(text, change.start, change.end, change.new)]
    if not lone:
        return changes
    alone = Counter(script_of(changes[at].new) for at in lone)
    shown = Counter(script_of(char) for char in applied(text, changes) if _scripted(char))

    def stranger(script: str) -> bool:  # Latin is none: Western damage reads as Latin letters (``Г\xa0`` is à)
        return script != "LATIN" and shown[script] <= alone[script]

    doubtful = {at for at in lone if stranger(script_of(changes[at].new)) or _rarer(changes[at].new, changes[at].old)}
    return [change for at, change in enumerate(changes) if at not in doubtful]


def _glued(text: str, change: Change) -> bool:
    """The span is part of a word, a letter beside it (``—Él``, ``perché…»``): legitimate text a codec reads
    as one character is written so; a lone ideograph or kana standing apart (`` æ—¥ ``) is damage read whole."""
    return text[change.start - 1:change.start].isalpha() or text[change.end:change.end + 1].isalpha()


def _rarer(new: str, old: str) -> bool:
    """``new`` is a letter rare in every language, rarer than every letter of ``old`` (which has one)."""
    if not _letter(new) or (least := _commonness(new)) >= COMMON_LETTER or not measured(new):
        return False
    return least < min((_commonness(char) for char in old if char.isalpha()), default=least)


def _commonness(letter: str) -> int:
    """``lossy.folded_prior`` of a letter, without the marks case folding splits off it: Turkish ``İ`` folds
    to ``i`` and a combining dot, and is as common as ``i``."""
    return min((folded_prior(part) for part in letter.casefold() if not script_mark(part) and part.isalpha()),
               default=folded_prior(letter))


def _scripted(char: str) -> bool:
    """A letter or mark, or a sign of a script's own block (Greek to Ethiopic, ``߷``): no ASCII, Latin-1
    punctuation, general punctuation or symbol, whose "script" is only the first word of its name."""
    return not char.isascii() and (_letter(char) or 0x370 <= ord(char) < 0x2000)


def _letter(char: str) -> bool:
    """A letter or mark of a script: not a symbol written as a letter (Letterlike Symbols ``ℹ`` ``ℕ``, Mathematical
    Alphanumeric Symbols ``𝔸``), which Unicode counts as letters and no language writes words in."""
    return ((char.isalpha() and not (0x2100 <= ord(char) <= 0x214F or 0x1D400 <= ord(char) <= 0x1D7FF))
            or script_mark(char))


def _rare(new: str) -> list[str]:
    """The script of each letter of ``new`` that is rare in every language (``_commonness``), unless ``new`` is a
    word of two letters or more of one script other than Latin: that is text, whatever the prior
    says of a script it does not measure (a Georgian document read twice is no stranger; its lone Armenian
    Շ, read in cp850 from Turkish ıç, is)."""
    letters = [char for char in new if char.isalpha()]
    if len(letters) >= 2 and all(map(_letter, new)) and len({script_of(char) for char in letters} - {"LATIN"}) == 1:
        return []  # a word of one script, caseless ones too (Thai, Arabic): ``fluent`` asks for a case
    return [script_of(char) for char in new if _letter(char) and _commonness(char) < COMMON_LETTER]


def _common_letters(word: str) -> bool:
    """``word`` is letters, each common in some language of a script the prior measures (``ıç``), and the
    apostrophes, quotes and dashes words hold (``l’été``); no other sign (``áµ‰``, one layer short of ᵉ, is no
    word)."""
    letters = [char for char in word if _letter(char)]
    return bool(letters) and all(_letter(char) or unicodedata.category(char) in ("Pd", "Pi", "Pf")
                                 for char in word) and all(
        measured(char) and _commonness(char) >= COMMON_LETTER for char in letters)
