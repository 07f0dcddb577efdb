"""Lossy mojibake: which characters a truncated UTF-8 sequence can have been, most likely first.

Review documents lose emoji to lossy mojibake far more often than anything else, so the plausible
candidates rank first: pictographs (and U+FE0F right after one), one drawn as text by default only
where text writes it bare or U+FE0F follows it (``plausible_count``). Before all that, a symbol of the
block of the character before or after it (``┐`` after ``─``; ``●`` before ``○``) ranks first and
counts as plausible, and so does a Latin letter inside a Latin word (``Ngá»c``). Inside each group a
candidate is ranked by how likely it is in real text: a letter of the script of the letter before it
first (``の`` after ``語``, not ``㍮``), then how common it is in review documents (``COMMON``: 📝
before 🐓), then a frequency prior over 42 languages (``prior.txt``, from the ``wordfreq`` package by
``scripts/make_char_prior.py``; read only when a lossy span is ranked), then emoji presentation before
text style, punctuation before symbols before letters. So U+FE0F, very common, comes before the rare
``︐`` even where no pictograph stands before it (though never right after a letter). Damaged twice or
more, a lossy span may have exactly one reading whose layer below comes off whole: ``layers`` restores
that one, using ``candidates``. The ranges approximate Unicode's ``emoji-data.txt``
(Extended_Pictographic and Emoji_Presentation), which Python's ``unicodedata`` does not expose.
"""

# review-hooks: disable-file mojibake (this file quotes mojibake on purpose)

from __future__ import annotations

import bisect
import re
import unicodedata
from functools import lru_cache
from itertools import combinations
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from review_hooks.mojibake.changes import Residue

_PICTOGRAPHIC = (
    (0x203C, 0x203C), (0x2049, 0x2049), (0x2122, 0x2122), (0x2139, 0x2139), (0x2194, 0x2199),
    (0x21A9, 0x21AA), (0x231A, 0x231B), (0x2328, 0x2328), (0x2388, 0x2388), (0x23CF, 0x23CF),
    (0x23E9, 0x23F3), (0x23F8, 0x23FA), (0x24C2, 0x24C2), (0x25AA, 0x25AB), (0x25B6, 0x25B6),
    (0x25C0, 0x25C0), (0x25FB, 0x25FE), (0x2600, 0x2605), (0x2607, 0x2612), (0x2614, 0x2685),
    (0x2690, 0x2705), (0x2708, 0x2712), (0x2714, 0x2714), (0x2716, 0x2716), (0x271D, 0x271D),
    (0x2721, 0x2721), (0x2728, 0x2728), (0x2733, 0x2734), (0x2744, 0x2744), (0x2747, 0x2747),
    (0x274C, 0x274C), (0x274E, 0x274E), (0x2753, 0x2755), (0x2757, 0x2757), (0x2763, 0x2767),
    (0x2795, 0x2797), (0x27A1, 0x27A1), (0x27B0, 0x27B0), (0x27BF, 0x27BF), (0x2934, 0x2935),
    (0x2B05, 0x2B07), (0x2B1B, 0x2B1C), (0x2B50, 0x2B50), (0x2B55, 0x2B55), (0x3030, 0x3030),
    (0x303D, 0x303D), (0x3297, 0x3297), (0x3299, 0x3299), (0x1F000, 0x1F0FF), (0x1F10D, 0x1F10F),
    (0x1F12F, 0x1F12F), (0x1F16C, 0x1F171), (0x1F17E, 0x1F17F), (0x1F18E, 0x1F18E), (0x1F191, 0x1F19A),
    (0x1F1AD, 0x1F1FF), (0x1F201, 0x1F20F), (0x1F21A, 0x1F21A), (0x1F22F, 0x1F22F), (0x1F232, 0x1F23A),
    (0x1F23C, 0x1F23F), (0x1F249, 0x1F3FA), (0x1F400, 0x1F53D), (0x1F546, 0x1F64F), (0x1F680, 0x1F6FF),
    (0x1F774, 0x1F77F), (0x1F7D5, 0x1F7FF), (0x1F80C, 0x1F80F), (0x1F848, 0x1F84F), (0x1F85A, 0x1F85F),
    (0x1F888, 0x1F88F), (0x1F8AE, 0x1F8FF), (0x1F90C, 0x1F93A), (0x1F93C, 0x1F945), (0x1F947, 0x1FAFF),
    (0x1FC00, 0x1FFFD),
)
_PRESENTATION = (
    (0x231A, 0x231B), (0x23E9, 0x23EC), (0x23F0, 0x23F0), (0x23F3, 0x23F3), (0x25FD, 0x25FE),
    (0x2614, 0x2615), (0x2648, 0x2653), (0x267F, 0x267F), (0x2693, 0x2693), (0x26A1, 0x26A1),
    (0x26AA, 0x26AB), (0x26BD, 0x26BE), (0x26C4, 0x26C5), (0x26CE, 0x26CE), (0x26D4, 0x26D4),
    (0x26EA, 0x26EA), (0x26F2, 0x26F3), (0x26F5, 0x26F5), (0x26FA, 0x26FA), (0x26FD, 0x26FD),
    (0x2705, 0x2705), (0x270A, 0x270B), (0x2728, 0x2728), (0x274C, 0x274C), (0x274E, 0x274E),
    (0x2753, 0x2755), (0x2757, 0x2757), (0x2795, 0x2797), (0x27B0, 0x27B0), (0x27BF, 0x27BF),
    (0x2B1B, 0x2B1C), (0x2B50, 0x2B50), (0x2B55, 0x2B55), (0x1F004, 0x1F004), (0x1F0CF, 0x1F0CF),
    (0x1F18E, 0x1F18E), (0x1F191, 0x1F19A), (0x1F1E6, 0x1F1FF), (0x1F201, 0x1F201), (0x1F21A, 0x1F21A),
    (0x1F22F, 0x1F22F), (0x1F232, 0x1F236), (0x1F238, 0x1F23A), (0x1F250, 0x1F251), (0x1F300, 0x1F320),
    (0x1F32D, 0x1F335), (0x1F337, 0x1F37C), (0x1F37E, 0x1F393), (0x1F3A0, 0x1F3CA), (0x1F3CF, 0x1F3D3),
    (0x1F3E0, 0x1F3F0), (0x1F3F4, 0x1F3F4), (0x1F3F8, 0x1F43E), (0x1F440, 0x1F440), (0x1F442, 0x1F4FC),
    (0x1F4FF, 0x1F53D), (0x1F54B, 0x1F54E), (0x1F550, 0x1F567), (0x1F57A, 0x1F57A), (0x1F595, 0x1F596),
    (0x1F5A4, 0x1F5A4), (0x1F5FB, 0x1F64F), (0x1F680, 0x1F6C5), (0x1F6CC, 0x1F6CC), (0x1F6D0, 0x1F6D2),
    (0x1F6D5, 0x1F6D7), (0x1F6DC, 0x1F6DF), (0x1F6EB, 0x1F6EC), (0x1F6F4, 0x1F6FC), (0x1F7E0, 0x1F7EB),
    (0x1F7F0, 0x1F7F0), (0x1F90C, 0x1F93A), (0x1F93C, 0x1F945), (0x1F947, 0x1F9FF), (0x1FA70, 0x1FAFF),
)
#: Common in review documents, most common first: breaks ties inside a tier.
COMMON = ("✅❌⚠⭐📝🚀🎯📌📊📋🔴🟡🟢🟠🔵⏳✨🔥💡🏆🏅🥇🎉👍👉🐛🔧🔒🔑📁📂📄📚📈📉⚡❗❓➡✔✖💰📦🧪🛠"
          "”“’‘–—…•→←↑↓≥≤×")
_VS16 = "\ufe0f"
#: The rest of an emoji's four bytes (F0 9F xx xx), its lead byte lost (Mac Roman ``üìö``): the one
#: definition that the pre-filter, ``readings`` and ``lost_leads`` share.
LEADLESS = re.compile(rb"\x9f[\x80-\xbf]{2}")
#: ``LEADLESS`` standing alone: no byte of a sequence before it, no continuation byte after it.
_LOST_LEAD = re.compile(rb"(?<![\x80-\xff])(?:" + LEADLESS.pattern + rb")(?![\x80-\xbf])")


def _inside(ranges: tuple[tuple[int, int], ...], char: str) -> bool:
    code = ord(char)
    index = bisect.bisect_right(ranges, (code, 0x10FFFF)) - 1
    return index >= 0 and ranges[index][0] <= code <= ranges[index][1]


def is_pictograph(char: str) -> bool:
    return bool(char) and _inside(_PICTOGRAPHIC, char[-1])


def tier(char: str, before: str) -> int:
    """0 emoji (or U+FE0F after a pictograph), 1 text-style pictograph, 2 punctuation, 3 symbol,
    4 letter or number, 5 anything else (marks, format characters, stray variation selectors)."""
    if char == _VS16:
        return 0 if is_pictograph(before) else 5
    if _inside(_PRESENTATION, char):
        return 0
    if _inside(_PICTOGRAPHIC, char):
        return 1
    return {"P": 2, "S": 3, "L": 4, "N": 4}.get(unicodedata.category(char)[0], 5)


def beside(char: str, before: str) -> bool:
    """``char`` is in the same block of symbols or punctuation as the character before it (``┐`` after ``─``):
    box drawing, arrows and the like continue what they stand beside; a reading of two (``ÃƏ``) continues nothing."""
    return (len(before) == 1 == len(char) and ord(before) >= 0x2000 and unicodedata.category(before)[0] in "PS"
            and ord(char) >> 7 == ord(before) >> 7 and unicodedata.category(char)[0] in "PS")


@lru_cache(maxsize=4096)
def ranked(options: tuple[str, ...], before: str, after: str = "") -> tuple[str, ...]:
    """``options`` most likely first: a symbol of the block beside it (before it, or the symbol read after it:
    ``●`` before ``○``), a Latin letter right after an ASCII letter or digit (``Ngá»c`` is Ngọc, ``2â¿`` is 2ⁿ),
    the plausible ones (pictographs), then by script, frequency prior and tier. The plausible ones stay first,
    so a repair made when exactly one is plausible does not depend on the prior."""
    in_word = before.isascii() and before.isalnum()
    script = _script(before)

    def key(c: str) -> tuple[object, ...]:  # each test once per candidate; what does not need ``before``, cached
        latin, own_script, common, seen, level = _traits(c)
        if c == _VS16:  # the one candidate whose tier and prior read the character before it
            seen, level = prior(c, before), tier(c, before)
        neighbour = before if beside(c, before) else after if beside(c, after) else ""
        return (not neighbour, bool(neighbour) and style(c) != style(neighbour), not (in_word and latin), level > 1,
                not (script and own_script == script), common, -seen, level, c)

    return tuple(sorted(options, key=key))


_COMMON = {char: rank for rank, char in enumerate(COMMON)}


@lru_cache(maxsize=8192)
def _traits(char: str) -> tuple[bool, str, int, int, int]:
    """What ``ranked`` reads of a candidate but U+FE0F whatever comes before it: Latin, script, rank in
    ``COMMON``, prior, tier."""
    return _latin(char), _script(char), _COMMON.get(char, len(_COMMON)), prior(char), tier(char, "")


@lru_cache(maxsize=1)
def prior_table() -> dict[str, int]:
    """Each character's Zipf bucket (0-9) from ``prior.txt``: loaded once, on the first ranking."""
    table: dict[str, int] = {}
    for line in (Path(__file__).parent / "prior.txt").read_text(encoding="utf-8").split("\n"):
        if line and not line.startswith("#"):
            zipf, chars = line.split("\t", 1)
            table.update(dict.fromkeys(chars, int(zipf)))
    return table


def prior(char: str, before: str = "") -> int:
    """How common ``char`` is in real text: its Zipf bucket, 9 (``α``, ``の``) down to 0; -1 unseen.
    A capital letter counts as its small letter, since the source counts words in lower case.
    U+FE0F asks for the emoji presentation of the character before it, which a letter does not have:
    after one it is unseen, however common it is after emoji (and a lost pictograph or space)."""
    if char == _VS16 and _script(before):
        return -1
    table = prior_table()
    found = table.get(char)
    if found is not None:
        return found
    lower = char.lower()  # wordfreq is lowercase
    return table.get(lower, -1) if len(lower) == 1 else -1


def folded_prior(char: str) -> int:
    """``prior`` of a letter as the source's case folding writes it, by its least common part: ``ς`` as σ,
    ``ß`` as ss (ASCII, the commonest); unfolded, neither is ever seen."""
    return min(9 if part.isascii() else prior(part) for part in char.casefold())


def _script(char: str) -> str:
    """The script of a letter, by the first word of its name; Chinese, Japanese and Korean are one
    (``の`` after ``語``, ``テ`` after ``の``); "" for anything that is not a letter."""
    if len(char) != 1 or not unicodedata.category(char).startswith("L"):
        return ""
    word = unicodedata.name(char, "").split(" ", 1)[0]
    return "CJK" if word in ("CJK", "HIRAGANA", "KATAKANA", "HANGUL", "IDEOGRAPHIC") else word


def style(char: str) -> frozenset[str]:
    """The line weight a box-drawing or arrow character is drawn in (``┐`` after ``─``, not ``━``)."""
    return frozenset(unicodedata.name(char, "").split()) & {"LIGHT", "HEAVY", "DOUBLE"}


def _latin(char: str) -> bool:
    return "LATIN" in unicodedata.name(char, "")


def plausible_count(options: tuple[str, ...], before: str, after: str = "", selected: bool = False) -> int:
    """How many candidates are plausible: the pictographs (and U+FE0F after one) and the symbols of the
    block beside it, before or after (``●`` before ``○`` is as plausible as ``❗``). A pictograph drawn as text
    by default counts where text writes it bare (the prior sees ❤) or U+FE0F follows (``selected``): bare ⏯,
    never seen, is no likelier than ❯ from the same bytes. None plausible: nothing tells them apart."""
    return sum(1 for char in options if (level := tier(char, before)) == 0 or beside(char, before)
               or (level == 1 and (selected or prior(char) >= 0)) or beside(char, after))


@lru_cache(maxsize=4096)
def candidates(fragment: bytes, missing: int, droppable: frozenset[int], controls: bool = False) -> tuple[str, ...]:
    """Every character ``fragment`` (a lead byte and its continuation bytes) can have been before
    ``missing`` bytes were dropped from it: each way to put droppable bytes among its continuation
    bytes, read as UTF-8. Computed by code point, not by decoding every way (Latin-1 has 33 droppable
    bytes: 35,937 ways to fill three): the same characters a strict UTF-8 decoder gives. ``controls``: C1
    controls too (a byte of a layer below, ``layers.layered``)."""
    size, lead = shape(fragment, missing), fragment[0]
    if not size:
        return ()
    bits = {byte & 0x3F for byte in droppable if 0x80 <= byte <= 0xBF}  # any other byte ends the sequence
    codes: set[int] = set()
    for slots in combinations(range(size), missing):
        rest = iter(fragment[1:])
        found = {(lead & (0x7F >> (size + 1))) << 6 * size}
        for i in range(size):
            shift = 6 * (size - 1 - i)
            values = [bit << shift for bit in bits] if i in slots else [(next(rest) & 0x3F) << shift]
            found = {code + value for code in found for value in values}
        codes |= found
    least = (0x80, 0x800, 0x10000)[size - 1]  # shorter forms are overlong: not UTF-8
    return tuple(sorted(chr(code) for code in codes
                        if least <= code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF
                        and kept(unicodedata.category(chr(code)), controls)))


def shape(fragment: bytes, missing: int) -> int:
    """How many continuation bytes the whole sequence has, when ``fragment`` (a lead byte and continuation
    bytes) is the start of a UTF-8 sequence that lost ``missing`` of them; 0 when it cannot be."""
    size = len(fragment) - 1 + missing
    lead = fragment[0]
    if (size + 1 != SEQUENCE_LENGTH.get(lead >> 4, 0) or not 0xC2 <= lead <= 0xF4
            or not all(0x80 <= byte <= 0xBF for byte in fragment[1:])):
        return 0
    return size


def kept(category: str, controls: bool) -> bool:
    """A character of this category can be a candidate: assigned, public, no surrogate; a control if ``controls``."""
    return category not in ("Cn", "Co", "Cs") and (controls or category != "Cc")


#: How long a UTF-8 sequence is, by the high four bits of its lead byte.
SEQUENCE_LENGTH = {0xC: 2, 0xD: 2, 0xE: 3, 0xF: 4}  # a UTF-8 sequence's length by its lead byte's high nibble


@lru_cache(maxsize=4096)
def one_letter(options: tuple[str, ...]) -> str:
    """The letter a truncated sequence was, whichever candidate it is, when all are letters of one
    script (``Ñ`` that lost its byte is с, ѝ or џ: a Cyrillic letter); ``""`` otherwise. A rare letter
    or mark (``prior`` under 5) is no reading (``Ï`` is ρ or ύ, Greek, though Coptic ϭ reads from it
    too), and punctuation of the script's own block is of its script (``Ù`` is ف, or ٭)."""
    scripts = set()
    letter = ""
    for char in options:  # one pass, left at the first candidate of a second script
        kind = unicodedata.category(char)[0]
        if kind in "LM" and prior(char) < 5:
            continue
        own = char.isalpha() or (kind == "P" and 0x370 <= ord(char) < 0x2000)
        scripts.add(unicodedata.name(char, "?").split(" ", 1)[0] if own else "")
        if "" in scripts or len(scripts) > 1:
            return ""
        letter = letter or (char if char.isalpha() else "")
    return letter


def lost_leads(data: bytes) -> list[tuple[int, int, str]]:
    """``(start, end, pictograph)`` of each emoji whose lead byte 0xF0 was dropped: Mac Roman reads
    0xF0 as U+F8FF (the Apple logo, private use), which tools outside the Mac drop (``üìö`` is 📚)."""
    found = []
    for match in _LOST_LEAD.finditer(data):
        char = (b"\xf0" + match.group()).decode("utf-8", errors="replace")
        if len(char) == 1 and tier(char, "") <= 1:
            found.append((match.start(), match.end(), char))
    return found


def before_space(text: str, residue: Residue) -> Residue:
    """``residue`` with one more candidate for its last truncated sequence when a space follows it:
    the pictograph it makes with the byte A0 (``🧠`` is F0 9F A7 A0, ``⚠`` is E2 9A A0), which reads
    as a no-break space that editors save as a plain space (``ðŸ§ Memory``). It ranks among the
    pictographs as any candidate does (review-document emoji, then the prior), first on a tie since
    the space bears it out; a guess for the report only, never a repair."""

    from review_hooks.mojibake.charmaps import by_name

    if not residue.parts or not isinstance(residue.parts[-1], tuple) or text[residue.end:residue.end + 1] != " ":
        return residue
    data = bytes(by_name(residue.codec).table[ord(char)] for char in residue.old)
    lead = max((i for i, byte in enumerate(data) if byte >= 0xC0), default=-1)
    try:
        char = (data[lead:] + b"\xa0").decode("utf-8") if lead >= 0 else ""
    except UnicodeDecodeError:
        return residue
    options = residue.parts[-1]
    if len(char) != 1 or tier(char, "") > 1 or char in options:
        return residue
    key = (_COMMON.get(char, len(_COMMON)), -prior(char))
    at = next((i for i, option in enumerate(options)
               if tier(option, "") > 1 or (_COMMON.get(option, len(_COMMON)), -prior(option)) >= key), len(options))
    parts = (*residue.parts[:-1], (*options[:at], char, *options[at:]))
    likely = "".join(part if isinstance(part, str) else part[0] for part in parts)
    return residue._replace(likely=likely, options=tuple(p for p in parts if isinstance(p, tuple)), parts=parts)
