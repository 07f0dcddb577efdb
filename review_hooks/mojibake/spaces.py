"""A no-break space saved as a plain space: the last byte of a UTF-8 sequence read back.

UTF-8 ends à (C3 A0), 🧠 (F0 9F A7 A0) and ⚠ (E2 9A A0) with the byte A0, which Windows-1252 and
Latin-1 read as a no-break space; a tool that turned no-break spaces into spaces left ``Ã `` and
``ðŸ§ `` behind. Where a sequence lacks exactly its last byte and a space follows it that cannot be
a space of its own (another space follows it, or a variation selector), reading the space as A0 is the
one reading the bytes allow. It is still a guess: the unit it makes is lossy and
weak (repaired only where the codec damaged the document elsewhere, reported otherwise), and only a
reading that fits its place counts: a symbol from a long sequence (🧠, ⚠), a small letter from a
pair that starts a word, follows its capital or continues a word of small letters (``Ã `` à, ``voilÃ ``
voilà, ``HÃ `` Hà, and so twice damaged: ``ÃƒÂ `` à; not the capital that ends ``IRMÃ E``).
"""

# review-hooks: disable-file mojibake (this file quotes mojibake on purpose)

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from review_hooks.mojibake.changes import Unit

#: A UTF-8 sequence that lacks exactly its last byte, then a space.
_SHORT = re.compile(rb"(?:[\xc2-\xdf]|[\xe0-\xef][\x80-\xbf]|[\xf0-\xf4][\x80-\xbf]{2}) ")
_SELECTOR = b"\xef\xb8"  # how UTF-8 starts U+FE00-U+FE0F, the variation selectors


def incomplete(run: str, after: str) -> bool:
    """Whether the space after ``run`` can only be the last byte A0 of a sequence that ends ``run``
    (``Ã``, ``ðŸ§``), with ``after`` the text after the space: another space (the space the word had
    after it: ``Ã  travers``), or a variation selector, which no space stands before (``âš ï¸``), or the
    small letters that go on with the word a lead broke (Vietnamese ``cÃ i``, ``SÃ i``: cài, Sài; the
    dropped bytes would read as capitals there, Á Í Ï Ð Ý), or a comma, full stop or closing bracket, which no space
    stands before (Italian ``criticitÃ ,``: criticità; ``gÃ )``: gà). A single space before a word may follow a
    sequence that lost a dropped byte instead (``ðŸ” Findings``)."""
    if after[:1] == " " or after[:1] > "\x7f":
        return _incomplete(run[-3:], after[:2])
    return ((after[:1].islower() or after[:1] in ",.)]")  # no space stands before a comma, a full stop or a bracket
            and _opens_or_inside(run, len(run) - 1) and _small_letter_lead(run[-1]))


def _opens_or_inside(run: str, at: int) -> bool:
    """Whether ``run[at]`` follows a small letter, or the capital that opens a word (``Sài``, not ``IRMÃ``)."""
    before = run[at - 1:at]
    return before.islower() or (before.isupper() and not run[at - 2:at - 1].isalpha())


@lru_cache(maxsize=1024)
def _small_letter_lead(char: str) -> bool:
    """Whether some codec reads ``char`` as a two-byte lead that, with A0, is a small letter (``Ã`` and à)."""
    from review_hooks.mojibake.charmaps import codecs

    for codec in codecs():
        data = char.translate(codec.table).encode("latin-1", "replace")
        if len(data) == 1 and 0xC2 <= data[0] <= 0xDF:
            letter = bytes((data[0], 0xA0)).decode("utf-8")
            if letter.isalpha() and letter.islower():
                return True
    return False


@lru_cache(maxsize=4096)
def _incomplete(tail: str, after: str) -> bool:
    from review_hooks.mojibake.charmaps import codecs

    for codec in codecs():  # what follows first: a variation selector is rarely there
        if (after[:1] == " " or after[:2].translate(codec.table).encode("latin-1") == _SELECTOR) and _SHORT.search(
                tail.translate(codec.table).encode("latin-1") + b" "):
            return True
    return False


def restored(data: bytes) -> tuple[bytes, set[int]]:
    """``data`` with each space after a sequence lacking its last byte read as A0, and where."""
    if b" " not in data:
        return data, set()
    spaces = {match.end() - 1 for match in _SHORT.finditer(data)}
    if not spaces:
        return data, spaces
    out = bytearray(data)
    for at in spaces:
        out[at] = 0xA0
    return bytes(out), spaces


def guessed(run: str, units: list[Unit], spaces: set[int]) -> list[Unit]:
    """``units`` with each that read a space as A0 made a lossy guess, or dropped where its reading
    does not fit its place, or where a byte it lost besides has more than one reading (``âš ï¸`` is ⚠️: after ⚠,
    U+FE0F is the one)."""
    if not spaces:
        return units
    out = []
    for unit in units:
        if not any(unit.start <= at < unit.end for at in spaces):
            out.append(unit)
        elif (not unit.lossy or unit.unique) and _fits(run, unit):  # one reading of what the space left
            out.append(unit._replace(parts=((unit.text(),),), unique=True, weight=0, before=""))
    return out


def _fits(run: str, unit: Unit) -> bool:
    text = unit.text()
    latin_letter = len(text) == 1 and text.isalpha() and text < "\u0250"  # ``Ã `` à, twice damaged ``ÃƒÂ `` too
    if unit.end - unit.start > 2 and not latin_letter:  # 🧠, ⚠ (and U+FE0F beside it); not ⚠︠ (ï¸ + space: U+FE20)
        from review_hooks.mojibake.lossy import beside, prior, style, tier  # a symbol no text writes, ⯠ or ✠, is
        # no reading (``â¯  `` is ❯ or ⏯ that lost a byte), nor a box piece of another weight than the line it ends
        befores = [run[unit.start - 1:unit.start], *text[:-1]]  # (``─â” `` is ┐ that lost 0x90, not ┠)
        return all(char == "\ufe0f" or (unicodedata.category(char) == "So" and (prior(char) >= 0 or tier(char, "") == 0)
                   and not (beside(char, before) and style(char) != style(before)))
                   for before, char in zip(befores, text, strict=True))
    return text.isalpha() and text.islower() and (not run[unit.start - 1:unit.start].isalpha()
                                                  or _opens_or_inside(run, unit.start))
