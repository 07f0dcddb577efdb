"""Legacy code pages: which one a file that is not UTF-8 is in, and when that cannot be told.

charset-normalizer picks among the few code pages a review document is plausibly saved in
(``FALLBACK_CODECS``); it cannot tell Windows-1252 from the Central European, Turkish, Baltic or
ISO-8859-15 code pages by the bytes. So where the reading it picked writes a word no language writes
and a rival code page reads a word one does, ``rival_readings`` names both, and the file is never
converted on a guess (``checks/mojibake.py``).
"""

from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path
from typing import NamedTuple

from review_hooks.pattern import lazy

#: Legacy codecs a text file is plausibly saved in when it is not UTF-8.
FALLBACK_CODECS = ("cp1252", "mac_roman", "latin_1")
#: Code pages that read the bytes of a file taken for Windows-1252 or Latin-1 as other letters: Central European,
#: Turkish, Baltic, and ISO-8859-15 (``€ œ`` where Latin-1 has ``¤ ½``). No detector tells them apart by the bytes.
RIVAL_CODECS = ("cp1250", "cp1254", "cp1257", "iso8859_15")


def legacy_encoding(raw: bytes) -> str | None:
    """The legacy codec of text that is not UTF-8 (charset-normalizer's choice among ``FALLBACK_CODECS``), or None
    when none is plausible."""
    from charset_normalizer import from_bytes

    best = from_bytes(raw, cp_isolation=list(FALLBACK_CODECS), explain=False).best()
    return None if best is None else best.encoding


class Rivals(NamedTuple):
    """Where a word stands that code pages read differently, and each reading: ``(word, code page)``, the file's
    own first."""

    start: int
    readings: list[tuple[str, str]]


def rival_readings(text: str, raw: bytes, encoding: str) -> Rivals | None:
    """The ``Rivals`` of the first word that ``text`` (``raw`` read as Windows-1252, Latin-1 or Mac Roman) writes
    as no language does (a symbol between its letters, ``s½ur``, Romanian ``verific„m`` in Mac Roman, or Icelandic
    ``ð``/``þ``, what Turkish ``ğ ş`` read as) and code pages of ``RIVAL_CODECS`` (and Windows-1252, for Mac Roman)
    read as other letters (``sœur``; ``yađýz``, ``yağız``): which the file is in cannot be told, and converting it
    would be a guess. None otherwise (``très`` and ``Grüße`` read so in no rival, and ``don´t``, ``m³`` are written
    so: a rival is asked only where this reading is doubtful)."""
    if encoding not in ("cp1252", "latin_1", "mac_roman"):
        return None
    for match in _WORD.finditer(text):
        start, end = match.span()  # a single-byte code page: character offsets are byte offsets
        if text[start - 1:start] == "'" and text[start - 2:start - 1].isalpha():
            start -= 2  # after an elision, the word is read with it (``l'½uvre``)
        word = text[start:end]
        if not _doubtful(word):
            continue
        found = []
        for rival in (*RIVAL_CODECS, "cp1252") if encoding == "mac_roman" else RIVAL_CODECS:
            theirs = raw[start:end].decode(rival, "replace")
            if (not _doubtful(theirs) and theirs.lower() != word.lower()
                    and all(char.isprintable() and char != "\ufffd" for char in theirs)):
                found.append((theirs, rival))
        if found:
            return Rivals(start, [(word, encoding), *found])
    return None


#: A word with something beyond ASCII in it, and the punctuation at its edges left out.
_WORD = lazy(r"[^\s\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f]*[^\x00-\x7f][^\s\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f]*")


def _doubtful(word: str) -> bool:
    """A letter no one writes beside these (Icelandic ``ð þ``), the currency sign ``¤`` (ISO-8859-15's €), a symbol
    or sign between two letters of a word (``³`` in ``Za¿ó³æ``, ``½`` in ``s½ur`` and after an elision,
    ``l'½uvre``), but an accent written as an apostrophe (``don´t``), or accented letters that no one language
    writes together (``Árvíztûrõ``: Hungarian ű ő read as û õ); a symbol at a word's edge is how units and notes
    are written (``m³``, ``note¹``, ``½cup``)."""
    from unicodedata import category  # only a legacy file asks

    return not _one_alphabet(word) or any(
        char in "ðþÐÞ¤" or (not char.isascii() and not char.isalpha() and char not in "´`¨¯¸"
                            and category(char)[0] in "SNP" and _after_letter(word, index)
                            and word[index + 1:index + 2].isalpha())
        for index, char in enumerate(word))


def _after_letter(word: str, index: int) -> bool:
    """Whether a letter stands before ``word[index]``, or an apostrophe after one (``l'``, ``d'``)."""
    before = word[index - 1:index]
    return before.isalpha() or (before == "'" and word[index - 2:index - 1].isalpha())


def _one_alphabet(word: str) -> bool:
    """Whether one language writes all the accented Latin letters of ``word`` often (``alphabets.txt``; ``ß``,
    which the table's lower-casing folds away, is anyone's)."""
    letters = {char for char in word.lower() if not char.isascii() and _latin_letter(char)}
    return not letters or any(letters <= alphabet for alphabet in _alphabets())


@lru_cache(maxsize=4096)
def _latin_letter(char: str) -> bool:
    """An accented Latin letter a word is judged by (``ß`` is anyone's: the table folds it to ss)."""
    from unicodedata import name

    return char.isalpha() and char != "ß" and name(char, "").startswith("LATIN")


@cache
def _alphabets() -> tuple[frozenset[str], ...]:
    """Each language's accented Latin letters, from ``alphabets.txt`` (``scripts/make_alphabets.py``)."""
    table = (Path(__file__).parent / "alphabets.txt").read_text(encoding="utf-8")
    return tuple(frozenset(line.split("\t")[1]) for line in table.splitlines() if line and not line.startswith("#"))
