"""Which units of a repair its evidence carries: a lone two-byte pair is not evidence enough.

``repair.repair`` weighs each run's units (``readings``) per codec: ``readings_of`` a run, and how much
each reading explains and weighs (``weighed``), cached by the run's text. A unit with weight is
evidence; but a lone two-byte pair with weight (ftfy's badness flags it) is evidence on its own only
when ``strong_unit``: it mends the word it breaks (``cafÃ©``) or stands alone for a Latin-1 symbol
(``Â£``). Any other unit is applied only where its codec won strong evidence in the document
(``weak_applies``): a codec that merely ties on another codec's run (``cafÃ©`` in Mac Roman) does not
lend weight to ``√π`` or ``≈£``; and a capital ending a word of capitals before punctuation
(``ROMÃ–``, ``HEJDÅ…``) needs, besides, a line with no clean accented letter (``clean_lines``).
"""

# review-hooks: disable-file mojibake (this file quotes mojibake on purpose)

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING

from review_hooks.mojibake import lossy, readings, typography
from review_hooks.mojibake.charmaps import Codec, by_name, encoded
from review_hooks.mojibake.charmaps import suspects as suspected
from review_hooks.mojibake.spaces import restored

if TYPE_CHECKING:
    from review_hooks.mojibake.changes import Unit
    from review_hooks.mojibake.readings import Again

Reading = tuple[str, tuple["Unit", ...]]  # a codec's name, and the units it reads in a run
Bound = tuple[str, int]  # a codec left unread, and the most its reading could cover (``_bound``)


def readings_of(run: str, decoded: bool, again: Again, every: bool = False) -> tuple[Reading, ...]:
    """Each codec that reads damage in ``run``, and its reading (``readings.units``), in codec order: those
    that may explain the run best, or ``every`` one. A codec whose bytes cannot make a reading as long as
    the longest one (``_bound``) is read only when asked for ``every`` reading (``choose``): it cannot win
    the run's evidence, nor share the chosen reading; cached, since a run recurs (``donâ€™t``)."""
    return _read(run, decoded, again, every)[0]


@lru_cache(maxsize=65536)
def _read(run: str, decoded: bool, again: Again, every: bool) -> tuple[tuple[Reading, ...], tuple[Bound, ...]]:
    """``readings_of``, and each codec left unread with the longest reading it could make (``_bound``)."""
    spaced = run.replace(" ", "\xa0")  # a space in a run may be a no-break space (``spaces``)
    suspects = suspected(spaced)  # no codec reads most runs: one search tells most of them, not one per codec
    if not suspects:
        return (), ()
    if every:
        return tuple((c.name, units) for c in suspects if (units := _units(run, c, again, decoded))), ()
    bounds = {c.name: _bound(run, c) if len(suspects) > 1 else 0 for c in suspects}  # one codec: read it
    found: dict[str, tuple[Unit, ...]] = {}
    longest, left = 0, []
    for codec in sorted(suspects, key=lambda c: -bounds[c.name]):  # the longest they may read first
        if bounds[codec.name] < longest:
            left.append((codec.name, bounds[codec.name]))
        elif units := _units(run, codec, again, decoded):
            found[codec.name] = units
            longest = max(longest, coverage(units)[0])
    return tuple((c.name, found[c.name]) for c in suspects if c.name in found), tuple(left)


#: The bytes no reading covers: ASCII but the space (a space may be a no-break space's A0, ``spaces``).
_UNREAD = bytes(byte for byte in range(0x80) if byte != 0x20)


def _bound(run: str, codec: Codec) -> int:
    """The most a reading of ``run`` in ``codec`` can cover (``coverage``): its units span bytes 0x80-0xFF
    (a space read as A0 too), each once; in a codec that reads lost leads twice at most (an emoji that lost
    its lead, and a sequence whose stray byte before it is its last: ``readings._orphaned``)."""
    data = encoded(run, codec.name).translate(None, _UNREAD)
    return len(data) * (2 if codec.lost_lead else 1)


def choose(run: str, decoded: bool, again: Again, evidence: dict[str, int], fits: Callable[[Reading], bool],
           lenient: bool) -> tuple[Reading | None, tuple[Reading, ...]]:
    """The reading of ``run`` a repair applies: of those that ``fits`` (a codec with evidence, or any codec
    where ``lenient``), the one that explains most, then the one whose codec has most evidence, the first in
    codec order on a tie; and the readings it was chosen among: every codec's when a codec ``readings_of``
    left unread may fit and read as much (a codec that never fits is never chosen, so no rule asks whether
    it reads the run as the chosen codec does: ``strong_codecs``)."""
    options, eligible = _eligible(run, decoded, again, fits, every=False)
    most = max((cover[0] for cover, _ in eligible), default=-1)
    if any(bound >= most and (lenient or evidence.get(name)) for name, bound in _read(run, decoded, again, False)[1]):
        options, eligible = _eligible(run, decoded, again, fits, every=True)  # a codec left unread may win

    def key(item: tuple[tuple[int, int, int], Reading]) -> tuple[object, ...]:
        return item[0], evidence.get(item[1][0], 0), -_broken_case(run, item[1])

    chosen = max(eligible, key=key)[1] if eligible else None
    return chosen, options


def _broken_case(run: str, reading: Reading) -> int:
    """How many of a reading's units put a capital right after a small letter: where codecs with the same
    evidence read a run apart, the one that keeps its word's case wins (Slovak ``pevn├¢`` is pevný in cp850,
    not cp437's pevnÛ), before codec order."""
    return sum(1 for unit in reading[1] if unit.start and run[unit.start - 1].islower()
               and unit.text()[:1].isupper())


def _eligible(run: str, decoded: bool, again: Again, fits: Callable[[Reading], bool],
              every: bool) -> tuple[tuple[Reading, ...], list[tuple[tuple[int, int, int], Reading]]]:
    """``readings_of`` ``run``, and those that ``fits``, each with its ``coverage``."""
    options, weights = readings_of(run, decoded, again, every), weighed(run, decoded, again, every)
    return options, [(cover, o) for o, (cover, _) in zip(options, weights, strict=True) if fits(o)]


#: ``readings.units`` of the readings no codec's own bytes decide (``_units``), by what decides them.
_SHARED: dict[tuple[object, ...], tuple[Unit, ...]] = {}
_LEAD_BYTE = re.compile(rb"[\xc2-\xf4]")


def _units(run: str, codec: Codec, again: Again, decoded: bool) -> tuple[Unit, ...]:
    """``readings.units(run, codec.name, ...)``, computed once for all the codecs that read ``run`` as the
    same bytes (``Ã©`` is C3 A9 in Windows-1252, Windows-1254 and Latin-1). Such a reading depends on the
    codec only through its bytes, whether it has droppable bytes and whether it reads a lost lead, unless
    a sequence was cut short: then its candidates are the codec's own (``lossy.candidates``), and it is
    read for that codec alone. A sequence is cut short where a lead byte stands outside every complete
    sequence (``readings._pieces``), with a space read as A0 (``spaces.restored``) or, where that reading
    fits nowhere (``spaces.guessed``), as the space it is."""
    data = encoded(run, codec.name)
    if codec.droppable and any(_LEAD_BYTE.search(readings._SEQUENCE.sub(b"", read))
                               for read in {data, restored(data)[0]}):
        return readings.units(run, codec.name, again, decoded)
    key = (run, data, bool(codec.droppable), codec.lost_lead, again, decoded)
    found = _SHARED.get(key)
    if found is None:
        found = readings.units(run, codec.name, again, decoded)
        if len(_SHARED) >= 65536:  # bounded, as ``readings.units``'s cache; emptied, not frozen, when full
            _SHARED.clear()
        _SHARED[key] = found
    return found


def weighed(run: str, decoded: bool, again: Again, every: bool = False) -> tuple[tuple[tuple[int, int, int], int], ...]:
    """For each of ``readings_of``: how much of the run it explains (``coverage``), and its weight. Where
    readings that explain as much read different text, the one with fewer rare letters explains it better
    (``rare``: ``vÃ¡lasz`` is válasz in Windows-1252, vǭlasz in cp850, whatever cp850 damaged elsewhere)."""
    return _weighed(run, decoded, again, every)  # one cache key however ``every`` is given


@lru_cache(maxsize=65536)
def _weighed(run: str, decoded: bool, again: Again, every: bool) -> tuple[tuple[tuple[int, int, int], int], ...]:
    readings = readings_of(run, decoded, again, every)
    covers = [coverage(units) for _, units in readings]
    best = max(covers, default=(0, 0, 0))
    tied = [units for cover, (_, units) in zip(covers, readings, strict=True) if cover == best]
    if len({tuple(unit.text() for unit in units) for units in tied}) > 1:
        covers = [(*cover[:2], -rare(units)) if cover == best else cover
                  for cover, (_, units) in zip(covers, readings, strict=True)]
    return tuple((cover, sum(unit.weight for unit in units))
                 for cover, (_, units) in zip(covers, readings, strict=True))


def coverage(units: tuple[Unit, ...]) -> tuple[int, int, int]:
    """How much of a run a reading explains, and how much of that without guessing (a complete
    decoding beats a lossy one of the same length); the third place is for ``rare`` (0 here)."""
    return (sum(unit.end - unit.start for unit in units),
            sum(unit.end - unit.start for unit in units if not unit.lossy), 0)


def rare(units: tuple[Unit, ...]) -> int:
    """How many letters and marks a reading decodes to that real text seldom holds: less common than
    ``layers.COMMON_LETTER`` in every language of the frequency prior (``ǭ``, ``Ǹ``; not ``á``, ``п``, ``の``).
    A letter the prior's case folding turns into others (``ß`` is counted as ss) is not measured there, nor a
    letter of a script no language of the prior writes (``scripts.measured``: Armenian ``կ`` is no rarer than
    the Armenian comma ``՝`` another codec reads in its place)."""
    from review_hooks.mojibake.layers import COMMON_LETTER
    from review_hooks.mojibake.lossy import prior
    from review_hooks.mojibake.scripts import measured

    return sum(1 for unit in units if not unit.lossy for char in unit.text()
               if unicodedata.category(char)[0] in "LM" and not char.isascii() and len(char.casefold()) == 1
               and prior(char) < COMMON_LETTER and measured(char))




def strong_codecs(found: dict[str, list[tuple[str, tuple[Unit, ...]]]],
                  chosen: dict[str, tuple[str, tuple[Unit, ...]]], runs: dict[str, list[int]],
                  quoted: Callable[[int], bool] | None) -> set[str]:
    """The codecs with strong evidence: a strong unit of a run chosen for them, outside quoted code, or
    read exactly so by them (Windows-1250 reads ``â€”`` as Windows-1252 does: ``+`` marks a codec that
    only shares evidence so, too little to report residue on: Polish ``gęślą`` beside Windows-1252 damage)."""
    strong: set[str] = set()
    for run, (winner, units) in chosen.items():
        if any(strong_unit(run, unit) for unit in units) and any(
                not (quoted and quoted(start)) for start in runs[run]):  # shown outside quoted code
            strong.add(winner)
            strong.update(f"+{name}" for name, other in found[run] if same(other, units))
    return strong


def same(units: tuple[Unit, ...], other: tuple[Unit, ...]) -> bool:
    return [(u.start, u.end, u.text()) for u in units] == [(u.start, u.end, u.text()) for u in other]


def strong_unit(run: str, unit: Unit) -> bool:
    """Evidence on its own: a weighty unit that is no lone two-byte pair (a three-byte sequence, whole or
    truncated, a word of several), or a lone pair that mends the word it breaks (``cafÃ©``: a capital
    after a small letter, read as a small letter) or stands alone for a symbol (``Â£``), or is a no-break
    space glued to the small letter before it (``ConsideredÂ\xa0Options``: no word ends in a capital Â). A lone
    pair beside capitals (``PÅ±``, ``CAFÉˆ``) is no more than weak: legitimate capitals before symbols read
    so too."""
    return bool(unit.weight) and (unit.end - unit.start > 2 or unit.lossy
                                  or typography.mends(run, unit.start, unit.end, unit.text())
                                  or (unit.text() == "\xa0" and run[unit.start - 1:unit.start].islower()))


def weak_applies(text: str, run: str, start: int, unit: Unit, strong: set[str], name: str,
                 clean: Callable[[], set[int]]) -> bool:
    """A weak unit (no strong evidence of its own: ``Ã…`` for Å) is repaired only where its codec has
    strong evidence (not ``cafÃ©`` read in Mac Roman, lending weight to ``√π``), weak residue only where
    its codec won it. A capital ending a word
    of capitals before punctuation (``ROMÃ–``, ``HEJDÅ…``) needs more: a line with no clean accented
    letter (a damaged line has none: each of its letters became a sequence; ``PÅ–AV; «Übersicht»``)."""
    if name not in strong and (unit.lossy or f"+{name}" not in strong):
        return False
    if unit.lossy and unit.end - unit.start == 1 and not run[unit.start - 1:unit.start].islower():
        return _opening(text, run, start + unit.start, name, clean)
    if unit.end - unit.start == 2 and typography.lone_pair(run, unit.start, unit.text()) == typography.WEAK:
        return line_of(text, start + unit.start) not in clean()
    return True


#: A capital opening a word before small letters, as ``scripts.case`` reads a lone lead there (``Åukasz``):
#: after ASCII that is no small letter (``Œ`` in ``ÄŒten``, Č, follows a lead, and opens nothing).
_OPENING = re.compile("(?<![^\x00-\x60\x7b-\x7f])[^\x00-\x7f](?=[a-z])")


def _opening(text: str, run: str, at: int, name: str, clean: Callable[[], set[int]]) -> bool:
    """A lone lead opening a word (``Åukasz``, ``ÄtenÃ\xad``) is residue where its own word holds the codec's
    damage (``Ã\xad``: the round trip went through the word), or where it is the only such capital on a line
    with no clean accented letter: a legitimate capital (``Ärger`` beside ``Éric``) stays unreported."""
    data = run.translate(by_name(name).table).encode("latin-1", "replace")
    if readings._SEQUENCE.search(data):
        return True
    first, last = line_of(text, at), text.find("\n", at)
    found = [m.start() for m in _OPENING.finditer(text, first, len(text) if last < 0 else last) if m.group().isupper()]
    return found == [at] and first not in clean()


def line_of(text: str, offset: int) -> int:
    """The line of ``offset``, as the offset of its first character."""
    return text.rfind("\n", 0, offset) + 1


def clean_lines(text: str, runs: dict[str, list[int]], chosen: dict[str, tuple[str, tuple[Unit, ...]]],
                 name: str, cache: dict[str, set[int]]) -> set[int]:
    """The lines (by ``line_of``) holding a clean accented letter in codec ``name``: a non-ASCII letter of the
    codec (not Cyrillic ``Версия`` beside Windows-1252 ``Ð²``) that no unit of its run's reading covers
    and that is no residue of a dropped byte inside a word (cp1250 ``ĹE`` can be ŘE;
    cp1252 ``Ö`` can be nothing but Ö, and ``Å;`` ends a word)."""
    if name in cache:
        return cache[name]
    codec = by_name(name)

    def loose(run: str, index: int) -> bool:
        char = run[index]
        if char.isascii() or not char.isalpha() or codec.table[ord(char)] < 0x80:
            return False  # a letter the codec never makes (``в`` in Windows-1252) is no clean letter of its text
        if not (run[index + 1:index + 2].isascii() and run[index + 1:index + 2].isalpha()) or not codec.droppable:
            return True
        options = lossy.candidates(bytes([codec.table[ord(char)]]), 1, codec.droppable)
        return not any("LATIN" in unicodedata.name(option, "") for option in options)

    lines = cache[name] = set()
    for run, starts in runs.items():
        covered = {i for unit in chosen[run][1] for i in range(unit.start, unit.end)} if run in chosen else set()
        found = next((i for i in range(len(run)) if i not in covered and loose(run, i)), None)
        if found is not None:
            lines.update(line_of(text, start + found) for start in starts
                         if not _lost_space(text, start + found, codec))
    return lines


def _lost_space(text: str, at: int, codec: Codec) -> bool:
    """``text[at]`` is a two-byte lead alone before a space and a non-ASCII letter: the space may be its no-break
    space byte A0 (Bulgarian ``Ð Ð°Ð·...``: Р, then азархивирайте), no clean letter of the line."""
    return (text[at + 1:at + 2] == " " and not text[at - 1:at].isalpha() and 0xC2 <= codec.table[ord(text[at])] <= 0xDF
            and not text[at + 2:at + 3].isascii())
