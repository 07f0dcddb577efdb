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

Real damage: its quotes are damaged too (``â€œ``, ``Ã‚Â«…Ã‚Â»``), no opening quote balances the continuation byte,
and the letter before it is a lead character that disagrees with its word (``voilÃ\\u00a0!``).

A lone pair is weighed by ``lone_pair`` (a guillemet or ellipsis before a word, a capital before a superscript
or ending a word of capitals: typography or weak) and ``mends`` (it breaks its word, its reading mends it:
evidence); box drawing read as letters is a ``drawing``. Character tables (``ÀÁÂÃÄÅ``, ``¡¢£¤``) are cut out of a
run before it is read (``split``); ``once_less`` undoes the last decoding of text damaged twice that read
typography (``“IRMÃ”`` damaged twice is not ``Ô``).
"""

# review-hooks: disable-file mojibake (this file quotes mojibake on purpose)

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from review_hooks.mojibake.changes import applied
from review_hooks.mojibake.layers import COMMON_LETTER, is_bad
from review_hooks.mojibake.lossy import prior
from review_hooks.mojibake.scripts import crossed
from review_hooks.mojibake.scripts import script_of as _script

if TYPE_CHECKING:
    from review_hooks.mojibake.changes import Change
    from review_hooks.mojibake.charmaps import Codec

#: How many characters in code point order make a character table (never mojibake).
TABLE = 4
NBSP = "\u00a0"
#: A closing quote -> the quotes that open what it closes (Swedish ”…”, Danish »…«).
OPENERS = {"”": "“„”", "“": "„", "»": "«»", "«": "»", "’": "‘‚", "›": "‹", "‹": "›"}
_FRENCH = "»;:!?"
_QUOTES = '"\'”“„»«’‘‚›‹'
_BEFORE_OPENER = " \t([{—–-/"
_LEAD_AND_CONTINUATION = re.compile(rb"[\xc2-\xf4][\x80-\xbf]")
#: What ``split`` cuts a run before: a closing quote or a no-break space.
_CLOSERS = re.compile(f"[{re.escape(''.join(OPENERS))}{NBSP}]")


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
    if not word:  # a one-letter quotation («Ç», “Đ”): its undamaged opening quote shows it is typography
        return char != NBSP and text[at - 2] in OPENERS[char] and _balanced(text, at)
    if not _agrees(letter, word) or utf8(word + letter):
        return False  # the word is no word of its own script, or is itself mojibake (``СЂС‹``: ры, ``ðŸŽ“``)
    if (char == NBSP and after and after in _FRENCH) or (char != NBSP and _balanced(text, at)):
        return True  # French spacing before » ; : ! ?, or a quotation opened earlier on the line
    decoded = [char for char in reads(text[at - 1:at + 1]) if char.isalpha()]
    return bool(decoded) and all(not _agrees(char, word + letter) for char in decoded)


def _word_before(text: str, end: int) -> str:
    start = end
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    return text[start:end]


#: Scripts whose one-letter words (Ukrainian в, і, у, я; Greek ο, η) read as a capital before a superscript
_SHORT_WORDS = ("CYRILLIC", "GREEK")


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
        if char == closer and closer not in OPENERS[closer] and not _apostrophe(text, index):
            return False
        if char in OPENERS[closer] and (index == line_start or text[index - 1] in _BEFORE_OPENER):
            return (index + 1 < at and not text[index + 1].isspace()) or char == "«"
    return False


def _apostrophe(text: str, index: int) -> bool:
    """``’`` between letters (``designer’s``) is an apostrophe, not a closing quote."""
    return text[index] == "’" and 0 < index < len(text) - 1 and text[index - 1].isalpha() and text[index + 1].isalpha()


def split(text: str, start: int, end: int, codecs: tuple[Codec, ...]) -> list[tuple[int, str]]:
    """The run ``text[start:end]`` without character tables, cut before each closing quote or no-break
    space that is typography (``“IRMÃ”``, ``«AMANHÃ»``), so that it is never read as a UTF-8
    continuation byte. A run with no closing quote or no-break space depends on nothing around it: its
    cuts are cached (``_plain``)."""
    run = text[start:end]
    plain = _plain(run)
    if plain is not None:
        return [(start + begin, part) for begin, part in plain]
    found = []
    for begin, finish in ((start + begin, start + finish) for begin, finish in _tables(run)):  # the run alone
        for at in range(begin + 1, finish):
            if (text[at] in OPENERS or text[at] == NBSP) and closes(
                    text, at, lambda pair: _readings(pair, codecs), lambda word: _utf8(word, codecs)):
                found.append((begin, text[begin:at]))
                begin = at
        found.append((begin, text[begin:finish]))
    return found


@lru_cache(maxsize=65536)
def _plain(run: str) -> tuple[tuple[int, str], ...] | None:
    """The parts of a run outside character tables, by their offsets in it, when it holds no closing quote
    nor no-break space (``None`` when it does: where it is cut depends on its line)."""
    if _CLOSERS.search(run):
        return None
    return tuple((begin, run[begin:finish]) for begin, finish in _tables(run))


@lru_cache(maxsize=65536)
def _tables(run: str) -> tuple[tuple[int, int], ...]:
    return tuple(_outside_tables(run))


def _outside_tables(text: str) -> Iterator[tuple[int, int]]:
    """The parts of ``text`` outside character tables: ``TABLE`` or more characters in code
    point order (``ÀÁÂÃÄÅ``, ``¡¢£¤``, ``ĂăĄą``; a gap of one allowed, as for the soft hyphen in ``«¬®¯``).
    Mojibake alternates lead and continuation characters: it never counts up."""
    begin, index, end = 0, 0, len(text)
    while index < end:
        stop = index + 1
        while stop < end and 0 < ord(text[stop]) - ord(text[stop - 1]) <= 2:
            stop += 1
        if stop - index >= TABLE:
            if index > begin:
                yield begin, index
            begin = stop
        index = stop
    if begin < end:
        yield begin, end


def once_less(text: str, changes: list[Change], index: int, codecs: tuple[Codec, ...]) -> Change:
    """``changes[index]`` decoded one time less when its last decoding read a closing quote as a continuation
    byte that is typography on the line as repaired (``“IRMÃ”`` damaged twice), not the twin of its opener."""
    change = changes[index]
    if len(change.before) < 2 or (change.before[-1] not in OPENERS and change.before[-1] != NBSP):
        return change
    first, last = text.rfind("\n", 0, change.start) + 1, text.find("\n", change.end)
    last = len(text) if last < 0 else last
    inside = [c._replace(new=c.before) if c is change else c for c in changes if first <= c.start < last]
    line = applied(text[:last], [c for c in inside if c.end <= last])[first:]
    prefix = applied(text[:change.end], [c for c in inside if c.end <= change.end])[first:]  # it, decoded once less
    if any(c.start != change.start and c.before[1:] and c.before[-1] in OPENERS.get(change.before[-1], "")
           for c in inside):
        return change  # its opening quote was damaged alike (``Ã‚Â«IMPOSTORÃ‚Â»``): no typography of the line
    return change._replace(new=change.before) if closes(line, len(prefix) - 1, lambda pair: _readings(pair, codecs),
                                                                 lambda word: _utf8(word, codecs)) else change


def _utf8(word: str, codecs: tuple[Codec, ...]) -> bool:
    """Whether some codec reads a UTF-8 lead byte followed by a continuation byte in ``word``."""
    return any(_LEAD_AND_CONTINUATION.search(word.translate(codec.table).encode("latin-1")) for codec in codecs)


def _readings(pair: str, codecs: tuple[Codec, ...]) -> set[str]:
    """What ``pair`` decodes to as a two-byte UTF-8 sequence in each codec that reads it so."""
    found: set[str] = set()
    if len(pair) < 2:
        return found
    for codec in codecs:
        data = bytes(codec.table[ord(char)] for char in pair)
        if 0xC2 <= data[0] <= 0xDF and 0x80 <= data[1] <= 0xBF:
            found.add(data.decode("utf-8"))
    return found


#: Quotes that open a quotation before its first letter (German/Danish ``»Änderungen«``, Swiss ``«Été»``).
_OPENING = "«»‹›"
#: A lone pair's verdicts: typography (never damage), weak (no evidence of its own), no opinion.
TYPOGRAPHY, WEAK, UNDECIDED = "typography", "weak", ""


def lone_pair(run: str, start: int, reading: str) -> str:
    """What a single two-byte unit ``run[start:start + 2]`` read as ``reading`` is worth on its own.

    - an opening guillemet before the first letter of a word (``»Änderungen«``, ``«Été»``), or an
      ellipsis before a capital or starting a word (``…Änderungen``, ``…über``): typography;
    - a capital that ends or continues a word of capitals, or stands alone, before a superscript,
      a dash, a quote or a symbol (``CAFÉ¹``, ``Å²``, ``ROMÃ–LIMÃO``, ``KOÇ’UN``): typography when
      the reading breaks the word (a small letter, another script, a symbol: ``ɹ``, ``ǒ``, ``Ж``, or the
      second character is a superscript), otherwise weak (``Ö``: repaired only beside real damage)."""
    first, second = run[start], run[start + 1]
    before, after = run[max(0, start - 2):start], run[start + 2:start + 3]
    if first in _OPENING and second.isalpha() and not before[-1:].isalpha():
        return TYPOGRAPHY
    if first == "…" and second.isalpha() and (second.isupper() or not before[-1:].isalpha()):
        return TYPOGRAPHY
    if first.isalpha() and not (second.isalpha() and _script(second) == _script(first)):  # µ ª º are symbols here
        return _capital_before_symbol(first, second, before, after, reading)
    return UNDECIDED


def _capitals(before: str, after: str, first: str) -> bool:
    """``first`` continues a word of capitals of its script: two capitals before it, or one before
    and one after (``AŠ–TU``), so that it is no capitalised word (``Sí``)."""
    def capital(char: str) -> bool:
        return char.isalpha() and char.isupper() and _script(char) == _script(first)
    return capital(before[-1:] or "a") and (capital(before[-2:-1] or "a") or capital(after or "a"))


def _capitalised(before: str, after: str, first: str, reading: str) -> bool:
    """One capital, then a pair that reads as a small letter common in some language (``CÃ³`` is Có,
    ``lossy.prior``): a capitalised word, not a word of capitals before a footnote (``FÉ¹`` is no Fɹ)."""
    return (before[-1:].isupper() and not _capitals(before, after, first) and reading.islower()
            and prior(reading) >= COMMON_LETTER)


def _capital_before_symbol(first: str, second: str, before: str, after: str, reading: str) -> str:
    if not first.isupper() or (after.islower() and reading.isalpha()):
        return UNDECIDED  # ``cafÃ©``, ``Ã‰tÃ©``: the capital breaks its word, or starts a small-letter word
    if "SUPERSCRIPT" in unicodedata.name(second, ""):  # ``Å²``, ``CAFÉ¹``; not ``Ã¼`` (ü), ``piÃ¹`` (più), ``CÃ³``
        if not before[-1:].isalpha() and reading.isalpha() and _script(reading) in _SHORT_WORDS:
            return WEAK  # ``Ð²`` alone is the word в: a unit reads as a Latin letter (``Å²`` Ų)
        if reading == second and before[-1:].isalpha() and not before[-2:-1].isalpha():
            return UNDECIDED  # ``RÂ²``: a one-letter name and its power (Â adds nothing but the lead byte)
        return UNDECIDED if before[-1:].islower() or _capitalised(before, after, first, reading) else TYPOGRAPHY
    agrees = reading.isupper() and _script(reading) == _script(first)
    if not before[-1:].isalpha() and not after.isalpha():  # a capital alone before a dash: a range
        return WEAK if agrees and unicodedata.category(second) == "Pd" else UNDECIDED  # ``3 Å–5 Å``; ``Ã‰ a``
    if not _capitals(before, after, first):  # one capital before: ``PÅ°`` (Ű) or ``SÃ©`` (Sé)
        return WEAK if agrees and _capitals(before, first, first) else UNDECIDED
    return WEAK if agrees else TYPOGRAPHY


def drawing(run: str, start: int, end: int, reading: str) -> bool:
    """``run[start:end]`` is box drawing lines only, touching no letter, read as letters (``╔╗`` ɻ,
    ``─┐`` Ŀ): a drawing, not cp437 damage, whose letters sit inside words (``m├╝de`` is müde) and
    whose symbols stand alone (``┬╜`` is ½)."""
    before, after = run[start - 1:start], run[end:end + 1]
    if len(reading) >= 2 and len({_script(char) for char in reading}) == 1 and _script(reading[0]) in _SHORT_WORDS:
        return False  # ``╨║╨╛╨┤`` spells код: lines do not make a Cyrillic or Greek word
    if len(reading) == 1 and reading.isalpha() and _script(reading) == "CYRILLIC" and not (before or after):
        return False  # ``╨╖`` alone is the one-letter word з (a lone letter: weak), where a drawing's lines go on
    return (not before.isalpha() and not after.isalpha() and reading.isalpha()
            and all("\u2500" <= char <= "\u257f" for char in run[start:end]))  # lines, not ``▒`` (``┬▒`` is ±)


def mends(run: str, start: int, end: int, reading: str) -> bool:
    """``run[start:end]`` breaks its word, and its reading mends it: ``pair_mends``, or ``scripts.crossed``."""
    return (end - start == 2 and pair_mends(run, start, reading)) or crossed(run, start, end, reading)


def pair_mends(run: str, start: int, reading: str) -> bool:
    """The pair at ``run[start]``: a capital or symbol after a letter, or a symbol inside a word, in a word of small
    letters, read as small letters of its script (``cafÃ©``, ``R√©sum√©``, ``layƒ±n``); after no letter, Latin-1 symbols
    (``Â£``), or a letter opening a word of small letters of its script where badness flags the pair (``Ã‡etin``; not
    ``Ç’a``, nor a C1 control: Latin-1's ``Ã\x84leny`` may be a č that lost 0x8D below)."""
    before, first, second, after = run[start - 1:start], run[start], run[start + 1:start + 2], run[start + 2:start + 3]
    if not before.isalpha():  # ``Â£`` alone (£); not ``AÍ¾`` (;), nor ``Ø†`` (Arabic ؆)
        if not (first + second).isalpha() and all(unicodedata.category(char)[0] in "PS" and char < "\u0100"
                                                  for char in reading):
            return True  # not two letters (Cyrillic ``ВЁ`` is C2 A8 in Windows-1251: ¨; Mac Roman ``¬Æ`` is ®)
        return (len(reading) == 1 and reading.isalpha() and after.islower() and _script(after) == _script(reading)
                and not "\x80" <= second < "\xa0" and is_bad(first + second))
    inside = first + second if after.isalpha() else first  # a symbol inside a word breaks it too (``layƒ±n``)
    breaks = not inside.isalpha() or (first.isupper() and _script(before) == _script(first))
    return ((before.islower() or after.islower() or not first.isalpha()) and breaks and reading.isalpha()
            and reading.islower() and all(_script(char) == _script(before) for char in reading))
