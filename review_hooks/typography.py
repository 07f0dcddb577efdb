"""Typography that reads as a two-byte UTF-8 sequence: a closing quote or a no-break space after a capital.

In Windows-1252 ``Ã`` is the UTF-8 lead byte 0xC3 and ``”`` the continuation byte 0x94, so ``“IRMÃ”``
(Portuguese) reads as ``“IRMÔ`` damaged; so do ``«AMANHÃ»`` (``û``), ``„LOKAÐ“`` (``Г``), ``„ROMÂNĂ”``
in Windows-1250 (``Ô``) and ``« RÉSUMÉ »`` with no-break spaces (``ɠ``). ftfy's badness flags some of
them; it must not decide alone. The last letter of a word followed by such a character is typography,
not a UTF-8 lead byte, when the letter agrees in case and script with the rest of its word, the quote or
space stands where a quotation or a word ends (nothing but space or punctuation after it), and one of:

- the quote closes a quotation opened earlier on the line (``“`` before ``”``, ``„`` before ``“``,
  ``«`` before ``»``; the opening quote starts a word), or
- the no-break space stands before ``» ; : ! ?`` (French typography), or
- every reading of the pair disagrees with the word: a small letter after capitals (``AMANHÃ»`` -> ``û``),
  a letter of another script (``LOKAÐ“`` -> Cyrillic ``Г``).

Real damage looks different: its quotes are damaged too (``â€œ``), so no opening quote balances the
continuation byte, and the letter before it is a lead character that does not agree with its word
(``voilÃ\\u00a0!`` is ``voilà!``).
"""

# review-hooks: disable-file mojibake (this file quotes mojibake on purpose)

from __future__ import annotations

import unicodedata
from collections.abc import Callable

NBSP = "\u00a0"
#: A closing quote -> the quotes that open what it closes (Swedish ”…”, Danish »…«).
OPENERS = {"”": "“„”", "“": "„", "»": "«»", "«": "»", "’": "‘‚", "›": "‹", "‹": "›"}
_FRENCH = "»;:!?"
_QUOTES = '"\'”“„»«’‘‚›‹'
_BEFORE_OPENER = " \t([{—–-/"


def closes(text: str, at: int, reads: Callable[[str], set[str]], utf8: Callable[[str], bool]) -> bool:
    """Whether ``text[at]`` (a closing quote or a no-break space) after the letter ``text[at - 1]`` is
    typography; ``reads(pair)``: what two characters decode to as UTF-8 in the codecs that read them so;
    ``utf8(word)``: whether some codec reads a UTF-8 lead and continuation byte in ``word``."""
    char = text[at]
    if at < 2 or (char != NBSP and char not in OPENERS) or not text[at - 1].isalpha():
        return False
    after = text[at + 1:at + 2]
    if after and (after.isalnum() or (char != NBSP and after in _QUOTES)):
        return False  # inside a word, or before another quote: not where a quotation ends
    letter, word = text[at - 1], _word_before(text, at - 1)
    if not word or not _agrees(letter, word) or utf8(word + letter):
        return False  # the word is no word of its own script, or is itself mojibake (``СЂС‹``: ры, ``ðŸŽ“``)
    if char == NBSP:
        if after in _FRENCH and after:
            return True
    elif _balanced(text, at):
        return True
    decoded = [char for char in reads(text[at - 1:at + 1]) if char.isalpha()]
    return bool(decoded) and all(not _agrees(char, word + letter) for char in decoded)


def _word_before(text: str, end: int) -> str:
    start = end
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    return text[start:end]


def _script(char: str) -> str:
    return unicodedata.name(char, "?").split()[0]


def _agrees(char: str, word: str) -> bool:
    """``char`` is a letter of the script of ``word`` and of its case (when the word has one case)."""
    if not char.isalpha() or _script(char) not in {_script(letter) for letter in word}:
        return False
    tail = word[1:] or word  # a capitalised word is a small-letter word (``Voil`` ends in à, not Ã)
    if all(letter.isupper() for letter in tail):
        return not char.islower()
    if all(letter.islower() for letter in tail):
        return not char.isupper()
    return True


def _balanced(text: str, at: int) -> bool:
    """An opening quote earlier on the line, starting a word, not closed before ``at``."""
    closer, line_start = text[at], text.rfind("\n", 0, at) + 1
    for index in range(at - 1, line_start - 1, -1):
        char = text[index]
        if char == closer and closer not in OPENERS[closer] and _apostrophe(text, index) is False:
            return False
        if char in OPENERS[closer] and (index == line_start or text[index - 1] in _BEFORE_OPENER):
            return (index + 1 < at and not text[index + 1].isspace()) or char == "«"
    return False


def _apostrophe(text: str, index: int) -> bool:
    """``’`` between letters (``designer’s``) is an apostrophe, not a closing quote."""
    return text[index] == "’" and 0 < index < len(text) - 1 and text[index - 1].isalpha() and text[index + 1].isalpha()
