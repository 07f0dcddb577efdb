"""Lossy damage of two layers or more: the one reading of a span that comes off whole, every layer.

A truncated sequence inside damage of two layers or more reads two ways: bytes the outer layer dropped
(``Ã¢â‚¬â€`` lost 0x9D: ``â€”``), or characters of the layer below that an earlier, partial repair had
already decoded (``â`` left where ``Ã¢`` stood). Every combination of those readings is tried; one
survives when the layer it makes is, whole, UTF-8 read in the same codec (``”`` is a byte in
Windows-1252, ``‐`` is none). A control character is a candidate too: it is how a sloppy codec reads an
undefined byte of the layer below (``Â`` that lost 0x90 is ``Â\x90`` or ``Â\xad``: two readings, none
restored). The one survivor is restored only when the engine peels it to plausible printable text
that no codec reads as one more layer: symbols, punctuation, pictographs, or letters that the
frequency prior (``lossy.prior``) finds common in some language.

Every layer comes off, or none: a decoded span is peeled again by the engine (``peeled``), and one that
is itself a sequence cut short below (``cut``: ``Ã¢â‚¬`` is ``â€``) is reported, not decoded by one layer.
"""

# review-hooks: disable-file mojibake (this file quotes mojibake on purpose)

from __future__ import annotations

import unicodedata
from functools import lru_cache
from itertools import product
from math import prod
from typing import TYPE_CHECKING

from review_hooks.mojibake.changes import Change, Residue
from review_hooks.mojibake.charmaps import codecs, ftfy_module
from review_hooks.mojibake.lossy import SEQUENCE_LENGTH, candidates, prior, ranked, tier

if TYPE_CHECKING:
    from collections.abc import Callable

    from review_hooks.mojibake.charmaps import Codec

#: ftfy's badness heuristic, cached: the engine asks it of the same decoded sequences in every codec and run
is_bad = lru_cache(maxsize=16384)(ftfy_module("badness").is_bad)
#: The least Zipf bucket (``lossy.prior``) of a letter that a layered span may be restored to: a letter
#: common in some language (ő 7, п 8, 丸 5), not a rare one (鞲 3).
COMMON_LETTER = 5
#: The most combinations of readings a span is tried in: a long span with many truncated sequences has
#: more (each has up to dozens of candidates, and their product grows without bound: a 3 KB document took
#: minutes), and so many readings leave no confidence in one: it is reported, not restored.
MOST_READINGS = 4096


def layered(pieces: list[tuple[str, bytes, int]], codec: Codec,
            again: Callable[[str], tuple[str, str]], spaced: bool = False) -> tuple[str, str] | None:
    """The one reading of a lossy span that is, whole, mojibake again in ``codec``, peeled to its end by
    the engine (``again``): ``(the reading one decoding short, the final one)``; ``None`` when no
    reading or more than one is, or the final text is no plausible text (see the module).

    ``pieces``: each piece of the span as it reads (a decoded sequence, or a truncated one as the
    characters that stand for it), and for a truncated one its bytes and how many it lost. ``spaced``: a
    space may follow the span, and may be a no-break space's byte A0 that some layer lost (``spanned``)."""
    options = [(text, *(option for option in candidates(fragment, missing, codec.droppable, controls=True)
                         if codec.table[ord(option)] >= 0x80)) if missing else (text,)
               for text, fragment, missing in pieces]
    if prod(map(len, options)) > MOST_READINGS:
        return None
    readings = list(map("".join, product(*options)))
    alive = {text for text in readings if _layer(text, codec.table)}
    if len(alive) != 1 or (spaced and _spanned(pieces[-1], options[:-1], readings, codec, again)):
        return None
    (text,) = alive
    before, final = again(text)
    if final == text or not final.isprintable() or any(_layer(final, other.table) for other in codecs()):
        return None  # the engine stopped short of the last layer (``Ñ”``, its last word on є damaged three times)
    if not all(char.isascii() or prior(char) >= COMMON_LETTER or (level := tier(char, final[at - 1:at])) in (0, 2)
               or (level <= 3 and prior(char) >= 0) for at, char in enumerate(final)):
        return None  # a rare letter (``éžÂ²`` would be 鞲) or a symbol no text writes (``â»Â³``, ⁻³, is no ⻳)
    return before or text, final


def _spanned(last: tuple[str, bytes, int], options: list[tuple[str, ...]], readings: list[str], codec: Codec,
             again: Callable[[str], tuple[str, str]]) -> bool:
    """A reading in which the space after the span is the byte A0 of a lost no-break space: in the span's
    own layer, completing its last truncated sequence (``â€`` and A0 is ``†``, 0x86: ``Ñ†`` below is ц),
    or in the layer below, completing its last sequence (``Ã`` and A0 is à). It continues past the span,
    so its text is not known whole: any such reading that is text so far counts, and one is enough to
    leave the span two readings. A reading that comes off to no printable text does not count (``â€`` and
    A0 after ``Ã¢â‚¬``, U+2006, is no reading of ``Ã¢â‚¬â€ b``: the em dash stays one reading)."""
    text, fragment, missing = last
    spare = []
    if missing == 1 and (char := _decoded(fragment + b"\xa0")) and codec.table.get(ord(char), 0) >= 0x80:
        spare = ["".join(reading) + char for reading in product(*options)]
    spare += [text + "\xa0" for text in readings]
    for text in spare:
        data = text.translate(codec.table).encode("latin-1") if all(
            codec.table.get(ord(char), 0) >= 0x80 for char in text) else b""  # every character a byte of the codec
        whole = _decoded(data, whole=True)
        if whole is not None and (whole != _decoded(data) or again(text)[1].isprintable()):
            return True  # an open end (the rest of the sequence is after the space), or text that comes off
    return False


def continued(before: str, codec: Codec, after: str = "") -> bool:
    """The text ``before`` a space reads on through it: the space as the lost byte A0 completes the last
    sequence of ``before`` into a character that is a byte of ``codec``, and that byte completes a letter
    in the layer below (``Ã‘â€`` and A0: ``Ñ†``, ц), or one that the text ``after`` the space, decoded
    once, completes (``Ã¥Â`` and A0, then ``Â±``: E5 A0 B1 below, 報). The word may go on after the
    space (``words``)."""
    outer = _tail(before[-12:], codec, b"\xa0")
    if not outer or len(outer[-1].encode("utf-8")) < 2 or codec.table.get(ord(outer[-1]), 0) < 0x80:
        return False
    inner = _tail(outer, codec, b"") or _across(outer, _head(after, codec)[:3], codec)
    return bool(inner) and inner[-1].isalpha() and not inner[-1].isascii()


def _across(outer: str, after: str, codec: Codec) -> str:
    """The character of the layer below whose sequence ``outer`` (read back in ``codec``) leaves cut short
    and ``after`` completes (``å\xa0`` then ``±``: E5 A0 B1, 報); ``""`` when there is none."""
    if not all(char.isascii() or codec.table.get(ord(char), 0) for char in outer + after):
        return ""
    below = outer.translate(codec.table).encode("latin-1")
    lead = max((at for at, byte in enumerate(below) if byte >= 0xC0), default=-1)
    size = SEQUENCE_LENGTH.get(below[lead] >> 4, 0) if lead >= 0 else 0
    data = below[lead:] + after.translate(codec.table).encode("latin-1")
    if not len(below) - lead < size <= len(data):
        return ""
    return _decoded(data[:size]) or ""


def _head(text: str, codec: Codec) -> str:
    """The longest start of ``text`` that, read back in ``codec``, is UTF-8, decoded (``Â±`` is ±)."""
    at = 0
    while at < len(text) and codec.table.get(ord(text[at]), 0) >= 0x80:
        at += 1
    data = text[:at].translate(codec.table).encode("latin-1")
    return next((found for end in range(len(data), 0, -1) if (found := _decoded(data[:end])) is not None), "")


def _tail(text: str, codec: Codec, end: bytes) -> str:
    """The longest end of ``text`` that, read back in ``codec`` with ``end`` after it, is UTF-8, decoded."""
    at = len(text)
    while at and ord(text[at - 1]) in codec.table and codec.table[ord(text[at - 1])] >= 0x80:
        at -= 1
    data = text[at:].translate(codec.table).encode("latin-1") + end
    for start in range(len(data) - len(end)):
        if (found := _decoded(data[start:])) is not None:
            return found
    return ""


def _decoded(data: bytes, whole: bool = False) -> str | None:
    """``data`` as UTF-8 (``None`` when it is not); ``whole``: a sequence cut short at its end is left off."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        if not whole or error.reason != "unexpected end of data" or not data[:error.start]:
            return None
        return data[:error.start].decode("utf-8")


def peeled(first: str, lead: str, again: Callable[[str], tuple[str, str]]) -> tuple[str, str]:
    """``again`` of a decoded span, ``(the reading one decoding short, the final one)``, read with the
    ASCII character before it (``lead``: the base a mark such as U+FE0F needs, ``1ï¸âƒ£``) and, when that
    peels nothing, alone: a letter before it is no base (``bileÅŸene`` is bileşene)."""
    before, text = (part[len(lead):] for part in again(lead + first))
    if lead and text == first:
        before, text = again(first)
    return before, text


def cut(text: str) -> tuple[str, ...]:
    """The candidates of the one sequence ``text`` is, read back in some codec, when that sequence lost
    its last byte or bytes (``â€``: E2 80, of ”, ™ ...): a decoded span that is itself a truncated
    sequence is damaged twice and lossy below, so decoding one layer only would be a half repair. Only a
    lead with a continuation byte after it counts (``â`` alone is a letter: âge), and only where ftfy's
    badness flags the text (``íž`` reads as ED 9E too, but is two letters of Czech); ``()`` otherwise."""
    if not is_bad(text):
        return ()
    for codec in codecs():
        if not all(ord(char) in codec.table and codec.table[ord(char)] >= 0x80 for char in text):
            continue
        data = text.translate(codec.table).encode("latin-1")
        size = SEQUENCE_LENGTH.get(data[0] >> 4, 0)
        if 2 <= len(data) < size and all(0x80 <= byte <= 0xBF for byte in data[1:]):
            return ranked(candidates(data, size - len(data), codec.droppable), "")
    return ()


def lone_leads(text: str, changes: list[Change], residue: list[Residue]) -> tuple[list[Change], list[Residue]]:
    """``changes`` without those whose decoding is, in a codec of the layer below, lead bytes whose
    continuations are gone, where the document's damage by the same codec is mostly of two layers or more
    (``Ã\x84leny`` beside ``mÃ\x85Â¯Ã\x85Â¾e``: Ä is C4, č that lost 0x8D below, not the letter Ä); they
    become ``residue`` with the candidates of those sequences. Every layer comes off, or none. A change
    already decoded twice is such only where its decoding is no plausible text either: a capital inside a
    word of small letters (``naÄten``) or leads that are no common word (``ñõ÷``, без that lost 0x90)."""
    twice: dict[str, list[str]] = {}
    letters: dict[str, int] = {}  # how many characters the codec's changes decode to, twice less once
    for change in changes:
        if change.before:
            twice.setdefault(change.codec, []).append(change.before)
        letters[change.codec] = letters.get(change.codec, 0) + (len(change.new) if change.before else -len(change.new))
    if not twice:
        return changes, residue
    kept, cut_short = [], []
    for change in changes:
        below = () if letters[change.codec] <= 0 or (change.before and _plausible(text, change)) else _below(
            text, change, twice[change.codec])
        if not below and change.before and letters[change.codec] > 0 and _mixed(change.new):
            below = ((),)  # letters and a symbol in one sequence of sequences: no reading of text (``ñõ÷``)
        if below:
            before = text[change.start - 1:change.start]
            options = tuple(ranked(each, before) for each in below)
            likely = "".join(each[0] for each in options if each)
            cut_short.append(Residue(change.start, change.end, change.old, likely, options, "", change.codec, options))
        else:
            kept.append(change)
    if not cut_short:
        return changes, residue
    return kept, sorted([*residue, *cut_short], key=lambda item: item.start)


def _mixed(new: str) -> bool:
    """Letters and a math, currency or other symbol decoded side by side: no word (``ñõ÷``)."""
    return any(char.isalpha() for char in new) and any(unicodedata.category(char) in ("Sm", "Sc", "So")
                                                       for char in new)


def _plausible(text: str, change: Change) -> bool:
    """A decoding that reads as text where it stands: common letters, one (or a capital starting its word)."""
    new = change.new
    if len(new) > 1:
        return all(char.isalpha() and (prior(char) >= COMMON_LETTER or len(char.casefold()) > 1) for char in new)
    around = text[change.start - 1:change.start] + text[change.end:change.end + 1]
    return not (new.isupper() and len(around) == 2 and around.isalpha() and around.islower())


def _below(text: str, change: Change, layers: list[str]) -> tuple[tuple[str, ...], ...]:
    """The candidates of each sequence the characters of ``change.new`` lead in a codec that reads the
    layer below of the document (each of ``layers`` whole as UTF-8), when nothing after them continues
    them; ``()`` otherwise."""
    new, after = change.new, text[change.end:change.end + 1]
    if not new or new.isascii() or (after and not after.isascii()):
        return ()
    for codec in codecs():
        data = [codec.table.get(ord(char), 0) for char in new]
        if all(0xC2 <= byte <= 0xF4 for byte in data) and all(_layer(layer, codec.table) for layer in layers[:3]):
            found = tuple(candidates(bytes([byte]), SEQUENCE_LENGTH[byte >> 4] - 1, codec.droppable) for byte in data)
            return found if all(found) else ()
    return ()



def _layer(text: str, table: dict[int, int]) -> bool:
    """``text``, read back to bytes through ``table``, is, whole, UTF-8 with a sequence in it."""
    if not all(char.isascii() or table[ord(char)] for char in text):
        return False
    try:
        return not text.translate(table).encode("latin-1").decode("utf-8").isascii()
    except UnicodeDecodeError:
        return False

