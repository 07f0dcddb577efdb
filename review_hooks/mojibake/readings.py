"""How one run of non-ASCII characters reads in one codec: its damaged spans.

A run is translated back to the bytes a codec made it from (through ftfy's sloppy codecs, so
the bytes Windows-1252 leaves undefined survive) and searched for UTF-8: complete sequences are
decoded (and decoded again while the result is itself mojibake), truncated ones get the
candidates of ``review_hooks.mojibake.lossy``. A span counts as damage only when ftfy's badness heuristic
flags it, or it holds a sequence of three or more bytes, or a word of several two-byte sequences
in one script (quotes and dashes allowed at its edges: ``«Сохранить»``; a symbol inside it is no
word); a weak span (``Ã…`` for Å, a lone Greek or Cyrillic letter ``Î”``, a truncated fragment only
ftfy does not flag ``â“``) is kept with no weight of its own, to be repaired or reported only where
the same codec damaged the document elsewhere. A Mac Roman emoji whose 0xF0 lead (U+F8FF) was
dropped (``üìö``) is residue, with no weight either (Turkish ``üçü`` reads as 🍟), and only where a
letter stands on neither side of it (``küçük`` is a word). Results are cached per run: mojibake
repeats, so a multi-megabyte document has few distinct runs.
"""

# review-hooks: disable-file mojibake (this file quotes mojibake on purpose)

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import NamedTuple

from review_hooks.mojibake import lossy, typography
from review_hooks.mojibake.changes import Unit
from review_hooks.mojibake.charmaps import Codec, by_name, encoded
from review_hooks.mojibake.layers import cut, is_bad, layered, peeled
from review_hooks.mojibake.scripts import case, crossed, fitting, measured, own_punctuation
from review_hooks.mojibake.scripts import lone_letter as _lone_letter
from review_hooks.mojibake.scripts import plausible as _plausible
from review_hooks.mojibake.scripts import word as _word
from review_hooks.mojibake.spaces import guessed
from review_hooks.mojibake.spaces import restored as spaces_read
from review_hooks.mojibake.truncated import Candidates, alone, bare_leads, latin_or_symbol

_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_FRAGMENT = re.compile(rb"[\xc2-\xf4][\x80-\xbf]{0,2}")
_LEAD = re.compile(rb"[\xc2-\xf4][\x80-\xf4]")  # a lead byte and a byte after it: something to read
_CAPITAL_LEAD = re.compile("[^\x00-\x7f](?=[a-z])")  # a capital lead alone before small letters (``scripts.case``)
#: The engine's repair of a decoded sequence once more: (the reading one decoding short, the final one).
Again = Callable[[str], tuple[str, str]]



class _Piece(NamedTuple):
    start: int
    end: int
    text: str  # the decoded sequence ("" when truncated)
    missing: int = 0  # how many bytes a truncated sequence lost

    @property
    def truncated(self) -> bool:
        return self.missing > 0


@lru_cache(maxsize=65536)
def units(run: str, name: str, again: Again, decoded: bool = False) -> tuple[Unit, ...]:
    """The damaged spans of one run of non-ASCII characters, read as ``name``; ``again`` repairs a
    decoded sequence once more (the engine's own repair, handed in: double damage); ``decoded``: the run
    is itself a decoding of mojibake (damaged twice?), so its pairs are not weighed as typography."""
    codec = by_name(name)
    data = encoded(run, name)
    found = [Unit(start, end, ((char,),), unique=False, weight=0, lead_lost=True)  # üçü is Turkish: no evidence
             for start, end, char in (lossy.lost_leads(data) if codec.lost_lead else ())
             if not (run[start - 1:start].isalpha() or run[end:end + 1].isalpha())]  # küçük is a word
    spaced, spaces = spaces_read(data)  # a no-break space saved as a space (``Ã `` à)
    if _LEAD.search(spaced) or (codec.droppable and any(m.group().isupper() for m in _CAPITAL_LEAD.finditer(run))):
        read = _read_units(run, spaced, codec, again, decoded)
        kept = guessed(run, read, spaces)
        if len(kept) < len(read):  # a space read as A0 fits nowhere (``ï¸`` then two spaces is no U+FE20): a space
            kept += [unit for unit in _read_units(run, data, codec, again, decoded)
                     if not any(unit.start < other.end and other.start < unit.end for other in kept)]
        found += kept
    return tuple(sorted(found, key=lambda unit: unit.start))


def _read_units(run: str, data: bytes, codec: Codec, again: Again, decoded: bool) -> list[Unit]:
    """The units of ``run`` read from ``data`` (its bytes in ``codec``), damage only."""
    units = (_unit(run, data, group, codec, again, decoded) for group in _adjacent(_pieces(data, codec)))
    return [unit for unit in units if unit is not None]


def _pieces(data: bytes, codec: Codec) -> list[_Piece]:
    """The decodable sequences of ``data`` and, between them, the truncated ones."""
    found: list[_Piece] = []
    covered = 0
    for match in _SEQUENCE.finditer(data):
        start, end = match.span()
        if start > covered and codec.droppable:
            found += _truncated(data, covered, start)
        try:
            decoded = match.group().decode("utf-8")
        except UnicodeDecodeError:  # overlong or surrogate: not UTF-8 after all
            decoded = ""
        if decoded:
            found.append(_Piece(start, end, decoded))
        covered = end
    if len(data) > covered and codec.droppable:
        found += _truncated(data, covered, len(data))
    return found


def _truncated(data: bytes, begin: int, end: int) -> Iterator[_Piece]:
    """The sequences of ``data[begin:end]`` that lost bytes a codec can drop."""
    for match in _FRAGMENT.finditer(data, begin, end):
        fragment = match.group()
        missing = {0xC: 2, 0xD: 2, 0xE: 3, 0xF: 4}[fragment[0] >> 4] - len(fragment)
        if missing > 0:
            yield _Piece(match.start(), match.end(), "", missing)


def _adjacent(pieces: list[_Piece]) -> Iterator[list[_Piece]]:
    group: list[_Piece] = []
    for piece in pieces:
        if group and group[-1].end != piece.start:
            yield group
            group = []
        group.append(piece)
    if group:
        yield group


def _unit(run: str, data: bytes, group: list[_Piece], codec: Codec, again: Again,
          decoded_run: bool = False) -> Unit | None:
    """A group of adjacent pieces that is damage, not legitimate text; ``None`` otherwise."""
    start, end = group[0].start, group[-1].end
    old = run[start:end]
    decoded = [p for p in group if not p.missing]  # ``missing``, not the property: read per group
    if len(decoded) == len(group) and _stray(data, start, end, codec, run[end:end + 1]):
        return None  # ``Â©®™`` in Mac Roman: 婨 and a continuation byte that belongs to nothing
    if len(decoded) == len(group):  # double damage: the decoded text may be mojibake again
        first = "".join(p.text for p in group)
        lead = run[start - 1:start] if start and run[start - 1].isascii() else ""  # the base of a mark
        before, text = peeled(first, lead, again)
        before = "" if text == first else before or first
        if not _plausible(text, run[start - 1] if start else ""):
            return None
        if _orphaned(run, data, start, text):  # ``—Â¢``: no reading, reported with no candidate; a sequence
            return Unit(start - 1, end, ((),), unique=False, weight=end - start + 1)  # of three: evidence itself
        if (_word_end(run, start, end, True) and not run[start - 1:start].islower()
                and all(0x180 <= ord(char) < 0x370 and char.isalpha() for char in text)):
            return None  # RÉSUMÉ— and CAFÉ… are words and a dash, not ɗ and Ʌ (voceÌ‚ is você: U+0302 is a mark);
            # after a small letter a capital breaks its word, and a small reading mends it (pinyin ``yÇ”``: yǔ)
        if not decoded_run and typography.drawing(run, start, end, text):
            return None
        if text == first and (lost := cut(first)):  # ``Ã¢â‚¬`` is ``â€``, which lost a byte: no half repair
            return Unit(start, end, (lost,), unique=False, weight=end - start)
        lone = len(group) == 1 and end - start == 2 and not decoded_run
        pair = typography.lone_pair(run, start, text) if lone else typography.UNDECIDED
        if pair == typography.TYPOGRAPHY:
            return None
        if pair == typography.WEAK:
            return Unit(start, end, (text,), weight=0, before=before)
        letter = _lone_letter(text, old, run[start - 1:start]) or (  # ``Î”`` (Δ): no evidence, even flagged by ftfy;
            len(text) == 2 and own_punctuation(text[1]) and _lone_letter(text[0], old, run[start - 1:start]))  # է։
        weak = letter or _weak_but_plausible(text) or any(p.end - p.start >= 3 for p in group)
        # badness alone makes no lone letter of another script damage (``÷à`` is not ֈ); symbols, pictographs
        # (📝 outweighs Ã©) and a decoding the engine decoded again (``Ã¡Â»Å¸``: ở) need no more
        bad = is_bad(old) and (weak or not any(c.isalpha() for c in text))
        # nor is a letter no language's text holds, what a codec makes of legitimate text (``µºÀ`` in cp850
        # is 槷), unless the engine decoded it again
        # a capital that breaks a word of small letters, read as a small letter (``rozdziaÅ‚u``: rozdziału); not a
        # symbol after a letter, which is how clean math reads in Mac Roman (``cost≈£3`` is no ţ)
        # or a letter of another script that breaks it (``MГјller``, Mac Roman's π in ``pi√π``: più)
        letter_symbol = run[start].isalpha() and not run[start + 1].isalpha()  # ``layƒ±n``, not math ``y≈µs``
        mends = (end - start == 2 and (run[start].isupper() or letter_symbol) and typography.pair_mends(
            run, start, text)) or crossed(run, start, end, text)
        if not letter and (before or not _unheard(text)) and (before or _strong(text, group) or bad or mends):
            return Unit(start, end, (text,), weight=sum(p.end - p.start for p in group), before=before)
        # weak: no evidence of its own, repaired only where the codec damaged the document elsewhere
        return Unit(start, end, (text,), weight=0, before=before) if weak else None
    return _lossy_unit(run, data, group, codec, None if decoded_run else again)


def _lossy_unit(run: str, data: bytes, group: list[_Piece], codec: Codec, again: Again | None) -> Unit | None:
    """Adjacent pieces of which some are truncated: evidence when ftfy flags them or a strong
    decoded neighbour stands beside them; weak (reported, never repaired, weight 0) when a
    fragment of two bytes or more can only have been a Latin letter or a symbol (``â“`` ❓, ``á»`` ọ).
    Damaged twice or more (``again``: the run is the document's own text, not a decoding, where a cut
    sequence is no lost byte), a span between ASCII characters that one reading explains whole
    (``layers.layered``) is restored."""
    start, end = group[0].start, group[-1].end
    decoded = [p for p in group if not p.truncated]
    options = Candidates([(data[p.start:p.end], p.missing) if p.truncated else None for p in group], codec.droppable)
    pieces = [(p.text or run[p.start:p.end], data[p.start:p.end], p.missing) for p in group]
    if (again and decoded and run[start - 1:start].isascii() and run[end:end + 1].isascii()
            and (peeled := layered(pieces, codec, again, spaced=end == len(run)))):
        return Unit(start, end, ((peeled[1],),), weight=end - start, before=peeled[0])
    if not options.all_possible():
        return None
    # the letters the span reads as, asked only where a decoded piece stands in it (``one_letter`` reads every
    # candidate of a truncated piece: a Latin-1 fragment has hundreds)
    lettered = "".join(p.text or lossy.one_letter(o) for p, o in zip(group, options, strict=True)) if decoded else ""
    if decoded and not _word(lettered, 3) and any(
            p.end - p.start == 2 and typography.lone_pair(run, p.start, p.text) for p in decoded):
        return None  # ``MAÇÃ–CANELA``: a letter, then a capital ending its word before a dash (``Ð¡Ð¸ÑÑ‚``
        # around a lost byte is a word: Си?т, and so is ``Ð²Ð°Ñ``, ва and a lost letter)
    bare = not decoded and bare_leads(run, start, end, options)
    long_enough = any(p.truncated and p.end - p.start >= 2 for p in group)
    beside = bool(decoded) and _strong("".join(p.text for p in decoded), decoded)  # ⚠ in âš\u00a0ï¸
    worded = bool(decoded) and _word(lettered, 2)  # ÙÙŠ: في, a word of one script around a lost byte
    flagged = beside or ((long_enough or decoded) and is_bad(run[start:end])) or worded
    weak = not flagged and not decoded and (
        (long_enough and not _word_end(run, start, end) and all(map(latin_or_symbol, filter(None, options))))  # está»
        or (len(group) == 1 and case(run, start, options.lazily(0)))  # HrnÄiar, Åukasz
        or alone(run, start, end, options))  # ì´ (이), ×× (אם): a word of its own that no language writes
    if not (flagged or bare or weak):
        return None
    parts: list[str | tuple[str, ...]] = []
    unique = not weak
    for index, (piece, candidates) in enumerate(zip(group, options, strict=True)):
        before = _last_char(parts) or (run[start - 1] if start else "")
        if not piece.truncated:
            if not _plausible(piece.text, before):
                return None
            parts.append(piece.text)
            continue
        after = next((p.text[0] for p in group[index + 1:] if p.text), "")  # the symbol read after it, if any
        after = after if lossy.beside(after, after) else ""  # a letter is no block of symbols (and the cache holds)
        ranked = lossy.ranked(candidates, before, after)
        if worded:  # the one letter of the word's script that fits here (ف: no mark starts a word), between
            fit = fitting(ranked, before, lettered)  # sequences (the end of a span may have lost a no-break
            inner = index < len(group) - 1 and not group[index + 1].truncated  # space's byte: ``ê³ `` is 고)
            unique = unique and piece.missing == 1 and len(fit) == 1 and inner
            ranked = (*fit, *(char for char in ranked if char not in fit))
        else:
            selected = index + 1 < len(group) and (  # ⏸️, not bare ⏸ (``ï¸``: U+FE0F that lost its byte 8F)
                group[index + 1].text.startswith("\ufe0f") or "\ufe0f" in options[index + 1])
            unique = unique and piece.missing == 1 and _plausible_count(ranked, before, after, selected) == 1
        parts.append(ranked)
    weight = 0 if bare or weak else end - start  # no evidence: they need it from elsewhere
    return Unit(start, end, tuple(parts), unique, weight=weight)


#: ``lossy.plausible_count``, cached: the same candidates recur after the same character
_plausible_count = lru_cache(maxsize=4096)(lossy.plausible_count)


def _stray(data: bytes, start: int, end: int, codec: Codec, after_char: str = "") -> bool:
    """A byte beside the sequences ``data[start:end]`` that no UTF-8 reading explains, so the run is
    not UTF-8 at all: a lead byte just before them (unless the codec can have dropped its continuation),
    or a continuation byte just after them (unless a Mac Roman lead 0xF0 was lost: ``üìö``; or it is a
    no-break space, ``after_char``, which text puts after anything: ``â€¢\u00a0item`` is •, not cp1250 ☀¢)."""
    before = data[start - 1] if start else 0
    if 0xC2 <= before <= 0xF4 and not codec.droppable:
        return True
    after = data[end:end + 3]
    return (bool(after) and 0x80 <= after[0] <= 0xBF and after_char != "\xa0"
            and not (codec.lost_lead and lossy.LEADLESS.fullmatch(after)))


def _orphaned(run: str, data: bytes, start: int, text: str) -> bool:
    """Symbols read right after a continuation byte that no sequence explains, a punctuation mark
    (``—Â¢``, what a half repair left of •): the bytes around it were lost, and ``¢`` is no repair.
    A letter after one continues its word (``l’Ã©tÃ©`` is l’été beside a clean apostrophe)."""
    return (start > 0 and 0x80 <= data[start - 1] <= 0xBF and unicodedata.category(run[start - 1])[0] == "P"
            and all(unicodedata.category(char)[0] == "S" for char in text))


def _word_end(run: str, start: int, end: int, at_start: bool = False) -> bool:
    """The span ends the run after a letter with punctuation (``está»``, ``RÉSUMÉ—``): an accented
    letter that ends a word, and the dash or quote after it. ``at_start``: a span that starts the run
    counts too (the letter before it may have ended the run before: ``ÉTÉ—`` is runs ``ÉT`` and ``É—``).
    ``¡`` and ``¿`` open a sentence, and follow no word: ``Æ¡`` is Vietnamese ơ (C6 A1)."""
    return ((run[start - 1].isalpha() if start else at_start) and end == len(run)
            and unicodedata.category(run[end - 1])[0] == "P" and run[end - 1] not in "¡¿")


def _strong(text: str, group: list[_Piece]) -> bool:
    """Evidence on its own: a three- or four-byte sequence that made a symbol or punctuation (letters
    need ftfy's badness heuristic: Cyrillic ``дёё`` is not 丸), or a word of 2-byte sequences."""
    if any(p.end - p.start >= 3 for p in group):
        return any(unicodedata.category(char)[0] in "PSZ" or char == "\ufe0f" for char in text)
    return len(group) >= 3 and _word(text, 3)  # –ü—Ä–∏ (При), Â«Ð¡Ð¾Ñ…Ñ€Ð°Ð½Ð¸Ñ‚ÑŒÂ» («Сохранить»)


def _weak_but_plausible(text: str) -> bool:
    """Two-byte sequences ftfy does not flag (``Ã…`` for Å): Latin, punctuation and symbols, or a
    word of one script; never one letter of another script (``’é`` in Mac Roman reads as Armenian)."""
    if all(ord(char) < 0x370 or 0x2000 <= ord(char) < 0x2C00 for char in text) or own_punctuation(text):
        return True  # Arabic ``ØŒ`` (،) too: punctuation of a script is no letter of another
    return _word(text, 2) or (len(text) >= 3 and _word(text, 1))  # «Ж»: one letter in quotes


def _unheard(text: str) -> bool:
    """A letter the frequency prior never saw in any language (``lossy.folded_prior``: ς and ß are seen) of a
    script it measures (``scripts.measured``: a Georgian or Armenian letter it never saw says nothing)."""
    return any(char.isalpha() and lossy.folded_prior(char) < 0 and measured(char) for char in text)


def _last_char(parts: list[str | tuple[str, ...]]) -> str:
    for part in reversed(parts):
        text = part if isinstance(part, str) else part[0]
        if text:
            return text[-1]
    return ""
