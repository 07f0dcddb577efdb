"""What a repair is made of: each change, each unrecoverable residue, the text they make, and the
damaged units one reading of a run finds (``Unit``).

The values the mojibake engine returns and every consumer reads (the mojibake check, heading
matching, the runner's fix verification): kept apart from the engine so that the parts of the
engine that only need the values (typography) do not import the engine itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property


@dataclass(frozen=True)
class Change:
    """``old`` at ``text[start:end]`` became ``new``; ``lossy``: a dropped byte was restored."""

    start: int
    end: int
    old: str
    new: str
    codec: str
    lossy: bool = False
    before: str = field(default="", compare=False)  # damaged twice: the reading one decoding short of ``new``


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
    parts: tuple[str | tuple[str, ...], ...] = field(default=(), compare=False, repr=False)  # as in Unit


@dataclass(frozen=True)
class Repair:
    text: str  # every recoverable sequence repaired; residue left as it was
    changes: tuple[Change, ...] = ()
    residue: tuple[Residue, ...] = ()


def applied(text: str, changes: list[Change]) -> str:
    """``text`` with ``changes`` (a subset of a ``repair`` of it, in order) made."""
    if not changes:
        return text
    out, last = [], 0
    for change in changes:
        out.append(text[last:change.start])
        out.append(change.new)
        last = change.end
    return "".join(out) + text[last:]


def dropped(text: str, result: Repair) -> str:
    """``text`` with ``result``'s changes made and its residue removed (for heading matching)."""
    if not result.residue:
        return result.text
    out, last = [], 0
    for item in sorted([*result.changes, *result.residue], key=lambda x: x.start):
        out.append(text[last:item.start])
        out.append(item.new if isinstance(item, Change) else item.dropped)
        last = item.end
    return "".join(out) + text[last:]


@dataclass(frozen=True)
class Unit:
    """A damaged span inside one run: decoded, or lossy (``options`` per truncated sequence)."""

    start: int
    end: int
    parts: tuple[str | tuple[str, ...], ...]  # decoded text, or the candidates of a truncated sequence
    unique: bool = True  # every truncated sequence has exactly one plausible candidate
    weight: int = 1
    before: str = ""  # damaged twice or more: the reading one decoding short of ``parts``
    lead_lost: bool = False  # a Mac Roman emoji that lost its 0xF0 lead (``üìö``): decoration in a heading

    @cached_property
    def lossy(self) -> bool:  # read often while runs are weighed: computed once
        return any(isinstance(part, tuple) for part in self.parts)

    def text(self, drop: bool = False) -> str:
        if drop:
            return "".join(p if isinstance(p, str) else "" for p in self.parts)
        return self._text

    @cached_property
    def _text(self) -> str:
        return "".join(p if isinstance(p, str) else (p[0] if p else "") for p in self.parts)
