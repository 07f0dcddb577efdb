"""Every layer comes off a damaged word, or none: a repair is not made on a fragment of a word
whose rest stays damaged, and a repair that decoded a word's letters to UTF-8 again is decoded again.

A word damaged several times over whose outer layers lost bytes (``ÃƒÂÃ‚Â¸ÃƒÂÃ‚Âµ``) still holds short
sequences that decode on their own (``Âµ`` is ``µ``); repairing only those makes a third text, neither
the damage nor the word (``ÃƒÂÃ‚Â¸ÃƒÂÃ‚µ``), and hides how the word was damaged from whoever repairs it by
hand. So a repair inside a word (non-ASCII characters and the ASCII letters between them, across a
space that can only be a no-break space that lost its byte: ``ë ¤``) that also holds mojibake left
unrepaired (residue with no ASCII letter between it and the repair, or a lead and a continuation of one
codec left undecoded) is not made: the word is reported. A residue past an ASCII letter is a spot of its
own, reported alone (``â€œKÃ¶nigâ€``: the closing quote lost its byte, “König is repaired).
"""

# review-hooks: disable-file mojibake (this file quotes mojibake on purpose)

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from typing import TYPE_CHECKING

from review_hooks.mojibake import readings
from review_hooks.mojibake.changes import Change, Residue
from review_hooks.mojibake.charmaps import Codec, by_name, codecs, encoded, suspects
from review_hooks.mojibake.layers import continued
from review_hooks.mojibake.lossy import SEQUENCE_LENGTH

if TYPE_CHECKING:
    from review_hooks.mojibake.changes import Unit
    from review_hooks.mojibake.readings import Again


def twice(text: str, changes: list[Change], again: Again) -> list[Change]:
    """``changes`` decoded once more where what they decoded to is, whole, UTF-8 read in some codec as
    letters, inside words, in two places or more (``Ã„â€¦``: Windows-1252 of ``Ä…``, itself Windows-1250
    of ą; ``∆í√¥``: Mac Roman twice of ę, whose inner ``ƒô`` is a lone pair with no weight of its own).
    A change the engine already decoded twice in that codec counts as one of them (``≈õ`` beside ``≈Ñ``,
    which ftfy flags and so peeled at once). Words are not made of UTF-8 sequences, so such a repair was
    damaged twice: every layer comes off (box drawing ``─┐`` reads as cp437 ``Ŀ``, but stands alone).
    ``again``: the engine's repair of a decoded text once more (``repair._again``). ``readings.units`` is
    asked as ``strength`` asks it (``decoded`` given), so both find the same cached reading."""
    whole: dict[str, list[int]] = {}
    peeled: dict[str, int] = {}  # changes already decoded twice in a codec: the same evidence
    for index, change in enumerate(changes):
        if change.lossy or not _in_word(text, change):
            continue
        for codec in codecs():
            if _letters(readings.units(change.new, codec.name, again, False), change.new):
                whole.setdefault(codec.name, []).append(index)
            elif change.before and _letters(readings.units(change.before, codec.name, again, False), change.before):
                peeled[codec.name] = peeled.get(codec.name, 0) + 1
    if not whole:
        return changes
    name, indexes = max(whole.items(), key=lambda item: len(item[1]) + peeled.get(item[0], 0))
    if len(indexes) + peeled.get(name, 0) < 2:
        return changes
    out = list(changes)
    for index in indexes:
        change = changes[index]
        decoded = "".join(unit.text() for unit in readings.units(change.new, name, again, False))
        out[index] = change._replace(new=decoded, before=change.new)
    return out


def _letters(units: tuple[Unit, ...], text: str) -> bool:
    """``units`` read the whole of ``text`` as letters, none lossy."""
    return (bool(units) and sum(u.end - u.start for u in units) == len(text) and not any(u.lossy for u in units)
            and all(unit.text().isalpha() for unit in units))


def _in_word(text: str, change: Change) -> bool:
    """The change touches a letter: it is part of a word (``przeglÃ„â€¦du``), not a symbol (``â”€â”\x90``)."""
    return (change.start > 0 and text[change.start - 1].isalpha()) or text[change.end:change.end + 1].isalpha()


def whole_words(text: str, changes: list[Change], residue: list[Residue]) -> tuple[list[Change], list[Residue]]:
    """``changes`` without those inside a word that stays partly damaged, which become ``residue``
    with no options (no reading fits the whole word: ``wording.unrecoverable`` says so), both in order."""
    if not changes:
        return changes, residue
    starts = [item.start for item in residue]
    kept: list[Change] = []
    held: list[Residue] = []
    index = 0
    while index < len(changes):
        first, last = _word(text, changes[index])
        end = index + 1
        while end < len(changes) and changes[end].start < last:
            end += 1
        inside, index = changes[index:end], end
        lossy = [item for item in residue[max(0, bisect_left(starts, first) - 1):bisect_left(starts, last)]
                 if item.end > first]  # the residue inside the word
        cursor, rest = first, []
        for item in sorted([*inside, *lossy], key=lambda item: item.start):
            rest.append(text[cursor:item.start])
            cursor = max(cursor, item.end)
        rest.append(text[cursor:last])
        damaged = any(_touch(text, item, change) for item in lossy for change in inside)
        rest = [part.replace(" ", "\xa0") for part in rest]  # a space inside a word is a lost no-break space
        if damaged or any(map(suspects, rest)):
            held += [Residue(c.start, c.end, c.old, c.new, (), c.old, c.codec, (c.old,)) for c in inside]
        else:
            kept += inside
    if held:
        residue = sorted([*residue, *held], key=lambda item: item.start)
    return kept, residue


def _touch(text: str, item: Residue, change: Change) -> bool:
    """Residue and a change with no ASCII letter or digit between them: where one sequence ends and the
    next begins is not known, so the change may be a fragment (``ÃƒÂÃ‚Â¸ÃƒÂÃ‚`` then ``Âµ``). ASCII is
    no byte of a sequence: a residue past an ASCII letter is a spot of its own (``bezpeÃ\x84nostnÃ\x83Â\xadm``).
    Nor is a change with a space on its side toward the residue, in a text that kept its bytes A0 (``_kept_a0``),
    when the change is whole sequences decoded once: the space is a space, not the A0 that ends a truncated
    sequence (Korean ``ë°©ë²•ì„ ì„¤ëª…í•©ë‹ˆë‹¤``: 을 lost 0x9D, not 선 its A0, and 설명합니다 is a word of its own)."""
    gap = text[min(item.end, change.end):max(item.start, change.start)]
    if any(char.isascii() and char.isalnum() for char in gap):
        return False
    beside = text[change.start - 1:change.start] if item.start < change.start else text[change.end:change.end + 1]
    return not (beside == " " and _whole_sequences(change) and _kept_a0(text))  # the side toward the residue


@lru_cache(maxsize=4)
def _kept_a0(text: str) -> bool:
    """Whether the damage in ``text`` keeps the byte A0 as a no-break space (``ë\xa0¹``, 령, between two
    characters of a damaged word): the tool that damaged it did not turn A0 into spaces, so a space beside
    a truncated sequence is a space (where it did, ``×”×ª×§× ×”`` holds נ as ``× ``, and a word goes on)."""
    return "\xa0" in text and _A0_INSIDE.search(text) is not None


#: A no-break space between two non-ASCII characters that are no space: a byte A0 inside a damaged word.
_A0_INSIDE = re.compile("[^\x00-\x7f\\s]\xa0[^\x00-\x7f\\s]")


def _whole_sequences(change: Change) -> bool:
    """``change`` decoded once, not lossy, from bytes that are whole UTF-8 sequences, a lead byte first."""
    if change.lossy or change.before:
        return False
    data = encoded(change.old, change.codec)
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return 0xC2 <= data[0] <= 0xF4


def _word(text: str, change: Change) -> tuple[int, int]:
    """The word around ``change``: non-ASCII characters and ASCII letters, joined across a space
    between non-ASCII characters where the space can only be a lost no-break space byte."""
    codec, start, end = by_name(change.codec), change.start, change.end
    while start > 0 and (_inner(text[start - 1]) or _lost_space(text, start - 1, codec)):
        start -= 1
    while end < len(text) and (_inner(text[end]) or _lost_space(text, end, codec)):
        end += 1
    return start, end


def _inner(char: str) -> bool:
    return not char.isascii() or char.isalpha()


def _lost_space(text: str, at: int, codec: Codec) -> bool:
    """``text[at]`` is a space between non-ASCII characters that, read as the byte A0 a no-break space
    leaves, makes one UTF-8 sequence with the characters on both sides of it in ``codec`` (``ë ¤``:
    EB A0 A4). A sequence that ends with the space is a word's end as much where the letter it makes is
    rare (``Ñ `` D1 A0 is Ѡ: ``Ñ`` is с that lost a byte, before a space of its own), not where it is common
    in some language (``ê³ `` EA B3 A0 is 고, inside 바꾸고자), or where the character it makes completes a
    letter in the layer below (``Ã‘â€ Ã\x90Âµ``: ``Ñ†`` is ц, inside Процесс), alone or with the text after the
    space (``Ã¥Â Â±``: 報, E5 A0 B1 below)."""
    if text[at] != " " or not 0 < at < len(text) - 1 or text[at - 1].isascii() or text[at + 1].isascii():
        return False
    return _lost_between(text[max(0, at - 12):at], text[at + 1:at + 13], codec.name)


@lru_cache(maxsize=4096)
def _lost_between(left: str, right: str, name: str) -> bool:
    """``_lost_space`` of a space between ``left`` and ``right`` (up to 12 characters each), cached: a word's
    ends are asked from both sides, and again at each layer."""
    codec = by_name(name)
    before = left[-3:].translate(codec.table).encode("latin-1")
    data = before + b"\xa0" + right[:3].translate(codec.table).encode("latin-1")
    for lead in range(len(before)):
        size = SEQUENCE_LENGTH.get(data[lead] >> 4, 0)
        if lead + size > len(before) + 1 and _decodes(data[lead:lead + size]):
            return True
        if lead + size == len(before) + 1 and _common_letter(data[lead:lead + size]):
            return True
    return continued(left, codec, right)


#: How long a UTF-8 sequence is, by the high half of its lead byte.


def _common_letter(data: bytes) -> bool:
    """``data`` is one UTF-8 sequence of a letter common in some language (``lossy.prior``), or of a letter of a
    script the prior does not measure (``scripts.measured``: Georgian რ, E1 83 A0, whose A0 was saved as a space)."""
    from review_hooks.mojibake.layers import COMMON_LETTER
    from review_hooks.mojibake.lossy import prior
    from review_hooks.mojibake.scripts import measured

    try:
        char = data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return char.isalpha() and (prior(char) >= COMMON_LETTER or not measured(char))


def _decodes(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
