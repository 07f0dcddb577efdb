"""What the characters on a lossy span's line say of its reading, once the line is repaired.

A truncated sequence is read by the characters right beside it (``lossy.ranked``); its line says
more. Pictographs of one theme stand together (``☐`` beside ``☑``: ``by_neighbours`` ranks them
first in a report), and so do the symbols of one block: in ``≠ ≡ ≅ ≈ â‰ ∣`` the lost byte makes
``â‰`` the pictograph ⁉ as well as the relation ≝, and the relations around it say ⁉ is no sure
reading (``doubted``: reported, not repaired). The line is read as it is once repaired, so the
decision, and the message, stay the same after the fix is written.
"""

# review-hooks: disable-file mojibake (this file quotes mojibake on purpose)

from __future__ import annotations

import unicodedata

from review_hooks.mojibake.changes import Change, Residue, applied
from review_hooks.mojibake.lossy import beside, is_pictograph

#: What separates the symbols of a list on one line (``≠ ≡ ≅``): the neighbour of a symbol is past them.
_GAPS = " \xa0\t\ufe0f"


def doubted(text: str, changes: list[Change], residue: list[Residue]) -> tuple[list[Change], list[Residue]]:
    """``changes`` without each lossy repair whose character is of another block than the symbols nearest it on
    its line (past spaces), where another of its candidates is of theirs: that repair becomes ``residue``, its
    candidates of their block first. Only a repair that the line contradicts is taken back."""
    if not any(change.lossy and change.parts for change in changes):
        return changes, residue
    fixed, kept, doubts, shift = applied(text, changes), [], [], 0
    for change in changes:
        at = change.start + shift
        shift += len(change.new) - (change.end - change.start)
        if change.lossy and change.parts:
            around = _nearest(fixed, at - 1, -1), _nearest(fixed, at + len(change.new), 1)
            parts = tuple(_ranked(part, around) if isinstance(part, tuple) else part for part in change.parts)
            if parts != change.parts:
                options = tuple(part for part in parts if isinstance(part, tuple))
                doubts.append(Residue(change.start, change.end, change.old,
                                      "".join(p if isinstance(p, str) else p[0] for p in parts), options,
                                      "".join(p for p in parts if isinstance(p, str)), change.codec, parts))
                continue
        kept.append(change)
    return kept, sorted(residue + doubts, key=lambda item: item.start) if doubts else residue


def _nearest(text: str, index: int, step: int) -> str:
    """The first character from ``index`` in the direction ``step`` that is not a gap, on the same line."""
    while 0 <= index < len(text) and text[index] in _GAPS:
        index += step
    return text[index] if 0 <= index < len(text) and text[index] != "\n" else ""


def _ranked(options: tuple[str, ...], around: tuple[str, str]) -> tuple[str, ...]:
    """``options`` with the symbols of the block of a neighbour first, when its first is not one (else as it is)."""
    def mate(char: str) -> bool:
        return any(neighbour and beside(char, neighbour) for neighbour in around)

    if not options or mate(options[0]) or not any(map(mate, options)):
        return options
    return tuple(sorted(options, key=lambda char: not mate(char)))


def by_neighbours(text: str, residue: Residue, changes: list[Change]) -> Residue:
    """``residue`` ranked by its line (as repaired): the pictographs that share most words of name with the
    pictographs on it first (``☐`` beside ``☑``, both BALLOT BOX, not ``☁``; ``🔐``, CLOSED LOCK WITH KEY,
    beside ``🔒``, LOCK), unless a symbol continues the block of the character before it; then, as a doubted
    repair is (``doubted``), the symbols of the block of its nearest neighbours (≝ in ``≠ ≡ ≅ ≈ â‰ ∣``, not ⁉).
    Ties keep their frequency order."""
    first, last = text.rfind("\n", 0, residue.start) + 1, text.find("\n", residue.end)
    last = len(text) if last < 0 else last
    before, after = _repaired(text, first, residue.start, changes), _repaired(text, residue.end, last, changes)
    words = set().union(*(_name_words(char) for char in (before + after).replace(residue.old, "")
                          if is_pictograph(char)))
    around = _nearest(before, len(before) - 1, -1), _nearest(after, 0, 1)
    parts = tuple(part if isinstance(part, str) else
                  _ranked(_themed(part, words, _last(residue.parts[:index])) if words else part, around)
                  for index, part in enumerate(residue.parts))
    if parts == residue.parts:
        return residue
    likely = "".join(part if isinstance(part, str) else (part[0] if part else "") for part in parts)
    options = tuple(part for part in parts if isinstance(part, tuple))
    return residue._replace(likely=likely, options=options, parts=parts)


def _repaired(text: str, start: int, end: int, changes: list[Change]) -> str:
    """``text[start:end]`` with the ``changes`` inside it applied."""
    pieces, cursor = [], start
    for change in changes:
        if start <= change.start and change.end <= end:
            pieces += [text[cursor:change.start], change.new]
            cursor = change.end
    pieces.append(text[cursor:end])
    return "".join(pieces)


def _themed(options: tuple[str, ...], words: set[str], before: str) -> tuple[str, ...]:
    """``options`` with the pictographs of the line's theme first, after a symbol of the block of the character
    before it, which ranks first as it did (``┐`` after ``─``, not ``❔`` beside ``✅``, both a MARK)."""
    return tuple(sorted(options, key=lambda char: (not beside(char, before),
                                                   -len(_name_words(char) & words) if is_pictograph(char) else 0)))


def _last(parts: tuple[str | tuple[str, ...], ...]) -> str:
    """The character just before the next part: the last of the part before it, the first candidate if ranked."""
    if not parts:
        return ""
    part = parts[-1]
    return (part[-1:] if isinstance(part, str) else part[0][-1:] if part else "")


#: Words of character names that say how a pictograph is drawn, not what it shows.
_DRAWN = frozenset({"WITH", "AND", "OF", "SIGN", "SYMBOL", "BLACK", "WHITE", "HEAVY", "LARGE", "SMALL",
                    "MEDIUM", "LEFT", "RIGHT", "UP", "DOWN", "EMOJI", "COMPONENT"})


def _name_words(char: str) -> frozenset[str]:
    """The words of a character's name that say what it shows (BALLOT, BOX, LOCK, KEY ...): what
    pictographs of one theme share."""
    return frozenset(unicodedata.name(char, "").split()) - _DRAWN
