"""Repair mojibake (UTF-8 decoded in a legacy codec) and nothing else.

Built from ftfy's primitives, not from ``ftfy.fix_text``: ftfy's codec list and sloppy codecs
(``ftfy.bad_codecs``) give the byte each character came from, and ``ftfy.badness`` judges short
two-byte sequences. The text is never re-encoded as a whole: only runs of non-ASCII characters
are looked at, and within a run only the sequences whose bytes form valid UTF-8 in some codec
(``âœ…`` in Windows-1252, ``‚úÖ`` in Mac Roman) are decoded. Which codec damaged the document
is decided from evidence across the whole document (outside quoted code), so one legitimate
accented word or a BOM does not block a repair, and legitimate Latin-1 text (``Crème brûlée``,
``SÃO PAULO``) is never touched. A decoded run is decoded again when it is itself mojibake
(double damage).

Lossy damage: a tool that could not map the bytes 0x81 0x8D 0x8F 0x90 0x9D (or dropped a soft
hyphen) leaves a truncated sequence (``ðŸ“`` was ``📝``). Those are ``Residue``, with candidates
ranked (pictographs first, U+FE0F after a pictograph). A residue is repaired only when exactly one
byte is missing and exactly one candidate is plausible (``ï¸`` after ``⚠`` can only be U+FE0F).

``repaired_text(text)`` is the shared entry point: every recoverable sequence repaired, residue
dropped (for matching headings). ``repair(text, quoted)`` returns the details.
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import combinations, product
from typing import NamedTuple

from review_hooks import pictographs

_STDLIB = ("cp1252", "latin-1", "mac_roman", "cp1251", "cp1250", "cp1253", "cp1254", "cp1257", "iso8859-2",
           "cp437")
_LEADS = "".join(sorted({c for name in _STDLIB for c in bytes(range(0xC2, 0xF5)).decode(name, "ignore")}))
#: A character some codec makes of a UTF-8 lead byte, followed by another non-ASCII character.
_SUSPECT = re.compile(f"[{re.escape(_LEADS)}][^\x00-\x7f]")
#: A run of non-ASCII characters, with the letters beside it (a combining mark needs one; bare lead
#: characters next to one are a word, not damage).
_RUN = re.compile("[A-Za-z]?[^\x00-\x7f]+[A-Za-z]?")
_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_FRAGMENT = re.compile(rb"[\xc2-\xf4][\x80-\xbf]{0,2}")
_NO_BYTE = 0  # a character the codec cannot encode


@dataclass(frozen=True)
class Change:
    """``old`` at ``text[start:end]`` became ``new``; ``lossy``: a dropped byte was restored."""

    start: int
    end: int
    old: str
    new: str
    codec: str
    lossy: bool = False


@dataclass(frozen=True)
class Residue:
    """Mojibake that lost bytes: ``options`` are the ranked candidates of each truncated sequence."""

    start: int
    end: int
    old: str
    likely: str  # the whole span, repaired with each sequence's first candidate
    options: tuple[tuple[str, ...], ...]
    dropped: str  # the span with its certain parts repaired and its truncated sequences removed
    codec: str


@dataclass(frozen=True)
class Repair:
    text: str  # every recoverable sequence repaired; residue left as it was
    changes: tuple[Change, ...] = ()
    residue: tuple[Residue, ...] = ()


@dataclass(frozen=True)
class _Unit:
    """A damaged span inside one run: decoded, or lossy (``options`` per truncated sequence)."""

    start: int
    end: int
    parts: tuple[str | tuple[str, ...], ...]  # decoded text, or the candidates of a truncated sequence
    unique: bool = True  # every truncated sequence has exactly one plausible candidate
    weight: int = 1

    @property
    def lossy(self) -> bool:
        return any(isinstance(part, tuple) for part in self.parts)

    def text(self, drop: bool = False) -> str:
        return "".join(p if isinstance(p, str) else ("" if drop else p[0]) for p in self.parts)


@dataclass(frozen=True)
class _Codec:
    name: str
    table: dict[int, int]  # character -> the byte it came from (the translate map of a run)
    droppable: frozenset[int]  # bytes a tool may have dropped: undefined in the codec, or soft hyphen


def repaired_text(text: str) -> str:
    """``text`` with every recoverable mojibake repaired and unrecoverable residue dropped."""
    result = repair(text)
    if not result.residue:
        return result.text
    out, last = [], 0
    for item in sorted([*result.changes, *result.residue], key=lambda x: x.start):
        out.append(text[last:item.start])
        out.append(item.new if isinstance(item, Change) else item.dropped)
        last = item.end
    return "".join(out) + text[last:]


def repair(text: str, quoted: Callable[[int], bool] | None = None) -> Repair:
    """Repair ``text``; an offset for which ``quoted`` is true shows mojibake rather than suffers it:
    it counts as no evidence, and is repaired only when the same codec damaged the unquoted text."""
    if text.isascii() or not _SUSPECT.search(text):  # clean and ASCII-heavy files stop here
        return Repair(text)
    runs: dict[str, list[int]] = {}
    for match in _RUN.finditer(text):
        runs.setdefault(match.group(), []).append(match.start())
    readings = {run: [(c.name, units) for c in _codecs() if (units := _units(run, c.name))] for run in runs}
    evidence: dict[str, int] = {}
    for run, options in readings.items():  # each run testifies for the codec that explains most of it
        best = max((_coverage(units) for _, units in options), default=0)
        shown = sum(1 for start in runs[run] if not (quoted and quoted(start)))
        for name, units in options:
            if _coverage(units) == best:
                evidence[name] = evidence.get(name, 0) + sum(unit.weight for unit in units) * shown
    changes: list[Change] = []
    residue: list[Residue] = []
    for run, options in readings.items():
        eligible = [option for option in options if evidence.get(option[0])]
        if not eligible:
            continue
        name, units = max(eligible, key=lambda option: (_coverage(option[1]), evidence[option[0]]))
        for start in runs[run]:
            for unit in units:
                _place(text, start, unit, name, changes, residue)
    residue.sort(key=lambda item: item.start)
    return Repair(_apply(text, changes), tuple(changes), tuple(residue))


def _coverage(units: tuple[_Unit, ...]) -> int:
    return sum(unit.end - unit.start for unit in units)


def _place(text: str, start: int, unit: _Unit, codec: str, changes: list[Change],
           residue: list[Residue]) -> None:
    begin, end = start + unit.start, start + unit.end
    old = text[begin:end]
    if unit.lossy and not unit.unique:
        options = tuple(p for p in unit.parts if isinstance(p, tuple))
        residue.append(Residue(begin, end, old, unit.text(), options, unit.text(drop=True), codec))
        return
    new = unit.text()
    if _quotes_itself(text, begin, end, new):
        return
    changes.append(Change(begin, end, old, new, codec, unit.lossy))


def _quotes_itself(text: str, begin: int, end: int, new: str) -> bool:
    """A replacement table (``"âœ…": "✅"``): the mojibake in quotes, its repair on the same line."""
    if begin == 0 or end >= len(text) or text[begin - 1] not in "'\"`" or text[end] != text[begin - 1]:
        return False
    first, last = text.rfind("\n", 0, begin) + 1, text.find("\n", end)
    return new in text[first:begin] + text[end:last if last >= 0 else len(text)]


def _apply(text: str, changes: list[Change]) -> str:
    if not changes:
        return text
    changes.sort(key=lambda change: change.start)
    out, last = [], 0
    for change in changes:
        out.append(text[last:change.start])
        out.append(change.new)
        last = change.end
    return "".join(out) + text[last:]


@cache
def _codecs() -> tuple[_Codec, ...]:
    """The codecs ftfy knows, Windows-1252 first (it wins ties: it is the usual culprit)."""
    import ftfy.bad_codecs  # noqa: F401  (registers the sloppy-* codecs)
    from ftfy.chardata import CHARMAP_ENCODINGS

    found = []
    for name in sorted(CHARMAP_ENCODINGS, key=lambda name: name != "sloppy-windows-1252"):
        chars = bytes(range(0x80, 0x100)).decode(name)
        table = _Table({ord(c): byte for byte, c in zip(range(0x80, 0x100), chars, strict=True)})
        found.append(_Codec(name, table, frozenset(b for b in range(0x80, 0xC0) if _lost(b, name))))
    return tuple(found)


def _lost(byte: int, name: str) -> bool:
    """Whether a tool reading ``name`` may have dropped ``byte``: undefined, a control, a soft hyphen."""
    try:
        char = bytes([byte]).decode(name.removeprefix("sloppy-"))
    except UnicodeDecodeError:
        return True
    return char == "\xad" or unicodedata.category(char) == "Cc"


class _Table(dict[int, int]):
    def __missing__(self, key: int) -> int:
        return key if key < 0x80 else _NO_BYTE


def _codec(name: str) -> _Codec:
    return next(codec for codec in _codecs() if codec.name == name)


class _Piece(NamedTuple):
    start: int
    end: int
    text: str  # the decoded sequence ("" when truncated)
    options: tuple[str, ...] = ()  # a truncated sequence's candidates
    missing: int = 0  # how many bytes it lost

    @property
    def truncated(self) -> bool:
        return bool(self.options)


@lru_cache(maxsize=65536)
def _units(run: str, name: str) -> tuple[_Unit, ...]:
    """The damaged spans of one run of non-ASCII characters, read as ``name``."""
    codec = _codec(name)
    data = run.translate(codec.table).encode("latin-1")
    if not re.search(rb"[\xc2-\xf4][\x80-\xf4]", data):
        return ()
    units = (_unit(run, group) for group in _adjacent(list(_pieces(data, codec))))
    return tuple(unit for unit in units if unit is not None)


def _pieces(data: bytes, codec: _Codec) -> Iterator[_Piece]:
    """The decodable sequences of ``data`` and, between them, the truncated ones."""
    covered = 0
    for match in _SEQUENCE.finditer(data):
        yield from _truncated(data, codec, covered, match.start())
        with contextlib.suppress(UnicodeDecodeError):  # overlong or surrogate: not UTF-8 after all
            yield _Piece(match.start(), match.end(), match.group().decode("utf-8"))
        covered = match.end()
    yield from _truncated(data, codec, covered, len(data))


def _truncated(data: bytes, codec: _Codec, begin: int, end: int) -> Iterator[_Piece]:
    if not codec.droppable:
        return
    for match in _FRAGMENT.finditer(data, begin, end):
        fragment = match.group()
        missing = {0xC: 2, 0xD: 2, 0xE: 3, 0xF: 4}[fragment[0] >> 4] - len(fragment)
        options = _candidates(fragment, missing, codec.droppable) if missing > 0 else ()
        if options:
            yield _Piece(match.start(), match.end(), "", options, missing)


def _adjacent(pieces: list[_Piece]) -> Iterator[list[_Piece]]:
    group: list[_Piece] = []
    for piece in pieces:
        if group and group[-1].end != piece.start:
            yield group
            group = []
        group.append(piece)
    if group:
        yield group


def _unit(run: str, group: list[_Piece]) -> _Unit | None:
    """A group of adjacent pieces that is damage, not legitimate text; ``None`` otherwise."""
    from ftfy.badness import is_bad

    start, end = group[0].start, group[-1].end
    old = run[start:end]
    decoded = [p for p in group if not p.truncated]
    bare_leads = not decoded and len(group) >= 2 and start == 0 and end == len(run)
    if len(decoded) < len(group):
        long_enough = any(p.truncated and p.end - p.start >= 2 for p in group)
        if not (decoded or (long_enough and is_bad(old)) or bare_leads):
            return None
    if len(decoded) == len(group):  # double damage: the decoded text may be mojibake again
        text = _again("".join(p.text for p in group))
        if not _plausible(text, run[start - 1] if start else ""):
            return None
        long_word = len(group) >= 3 and text.isalpha() and _weak_but_plausible(text)  # –ü—Ä–∏ (При)
        if any(p.end - p.start >= 3 for p in group) or long_word or is_bad(old):  # 📝 outweighs Ã©
            return _Unit(start, end, (text,), weight=sum(p.end - p.start for p in group))
        # weak: no evidence of its own, repaired only where the codec damaged the document elsewhere
        return _Unit(start, end, (text,), weight=0) if _weak_but_plausible(text) else None
    parts: list[str | tuple[str, ...]] = []
    unique = True
    for piece in group:
        before = _last_char(parts) or (run[start - 1] if start else "")
        if not piece.truncated:
            if not _plausible(piece.text, before):
                return None
            parts.append(piece.text)
            continue
        ranked = pictographs.ranked(piece.options, before)
        unique = unique and piece.missing == 1 and pictographs.plausible_count(ranked, before) == 1
        parts.append(ranked)
    weight = 0 if bare_leads else end - start  # bare leads are no evidence: they need it from elsewhere
    return _Unit(start, end, tuple(parts), unique, weight=weight)


def _weak_but_plausible(text: str) -> bool:
    """Two-byte sequences ftfy does not flag (``Ã…`` for Å): Latin, punctuation and symbols, or a
    word of one script; never one letter of another script (``’é`` in Mac Roman reads as Armenian)."""
    if all(ord(char) < 0x370 or 0x2000 <= ord(char) < 0x2C00 for char in text):
        return True
    scripts = {unicodedata.name(char, "?").split()[0] for char in text}
    return len(text) >= 2 and len(scripts) == 1 and text.isalpha()


def _again(text: str) -> str:
    """``text`` repaired once more when it is itself wholly recoverable mojibake (it shrinks each time)."""
    result = repair(text)
    return _again(result.text) if result.changes and not result.residue else text


def _last_char(parts: list[str | tuple[str, ...]]) -> str:
    for part in reversed(parts):
        text = part if isinstance(part, str) else part[0]
        if text:
            return text[-1]
    return ""


def _plausible(decoded: str, previous: str) -> bool:
    """Assigned, visible characters; a combining mark only after something to combine with."""
    for char in decoded:
        category = unicodedata.category(char)
        if category in ("Cc", "Cn", "Co", "Cs", "Zl", "Zp"):
            return False
        if category in ("Mn", "Me") and (not previous or previous.isspace()):
            return False
        previous = char
    return True


def _candidates(fragment: bytes, missing: int, droppable: frozenset[int]) -> tuple[str, ...]:
    """Every character ``fragment`` can have been before ``missing`` bytes were dropped from it."""
    size = len(fragment) - 1 + missing
    found: set[str] = set()
    for slots in combinations(range(size), missing):
        for fill in product(sorted(droppable), repeat=missing):
            rest, extra = iter(fragment[1:]), iter(fill)
            body = bytes(next(extra) if i in slots else next(rest) for i in range(size))
            try:
                char = (fragment[:1] + body).decode("utf-8")
            except UnicodeDecodeError:
                continue
            if unicodedata.category(char) not in ("Cc", "Cn", "Co", "Cs"):
                found.add(char)
    return tuple(sorted(found))
