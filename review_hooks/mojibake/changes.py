"""What a repair is made of: each change, each unrecoverable residue, the text they make, and the
damaged units one reading of a run finds (``Unit``).

The values the mojibake engine returns and every consumer reads (the mojibake check, heading
matching, the runner's fix verification): kept apart from the engine so that the parts of the
engine that only need the values (typography) do not import the engine itself.
"""

from __future__ import annotations

from typing import NamedTuple

from review_hooks.check import spliced

# NamedTuples and a plain class, not dataclasses: ``fix-mojibake`` runs on every commit, and importing
# ``dataclasses`` (with ``inspect``) costs a one-file run more than the interpreter takes to start (see
# ``review_hooks.finding.Finding``). ``_replace`` stands for ``dataclasses.replace``.


class Change(NamedTuple):
    """``old`` at ``text[start:end]`` became ``new``; ``lossy``: a dropped byte was restored.

    Equal and hashed by the first six fields: ``before`` and ``parts`` describe a change, they do not tell two apart."""

    start: int
    end: int
    old: str
    new: str
    codec: str
    lossy: bool = False
    before: str = ""  # damaged twice: the reading one decoding short of ``new``
    parts: tuple[str | tuple[str, ...], ...] = ()  # lossy: the ranked candidates it was read from, as in Unit

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Change) and self[:6] == other[:6]

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __hash__(self) -> int:
        return hash(self[:6])


class Residue(NamedTuple):
    """Mojibake that lost bytes: ``options`` are the ranked candidates of each truncated sequence.

    Equal and hashed by the first seven fields (``parts`` only restates ``options`` in place)."""

    start: int
    end: int
    old: str
    likely: str  # the whole span, repaired with each sequence's first candidate
    options: tuple[tuple[str, ...], ...]
    dropped: str  # the span with its certain parts repaired and its truncated sequences removed
    codec: str
    parts: tuple[str | tuple[str, ...], ...] = ()  # as in Unit

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Residue) and self[:7] == other[:7]

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __hash__(self) -> int:
        return hash(self[:7])


class Repair(NamedTuple):
    text: str  # every recoverable sequence repaired; residue left as it was
    changes: tuple[Change, ...] = ()
    residue: tuple[Residue, ...] = ()


def applied(text: str, changes: list[Change]) -> str:
    """``text`` with ``changes`` (a subset of a ``repair`` of it, in order) made."""
    return spliced(text, changes) if changes else text


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


class Unit:
    """A damaged span inside one run: decoded, or lossy (``options`` per truncated sequence).

    A plain class (``lossy`` computed at once, the text when first read), equal and hashed by its fields."""

    _FIELDS = ("start", "end", "parts", "unique", "weight", "before", "lead_lost")

    def __init__(self, start: int, end: int, parts: tuple[str | tuple[str, ...], ...], unique: bool = True,
                 weight: int = 1, before: str = "", lead_lost: bool = False) -> None:
        self.start, self.end = start, end
        self.parts = parts  # decoded text, or the candidates of a truncated sequence
        self.unique = unique  # every truncated sequence has exactly one plausible candidate
        self.weight = weight
        self.before = before  # damaged twice or more: the reading one decoding short of ``parts``
        self.lead_lost = lead_lost  # a Mac Roman emoji that lost its 0xF0 lead (``üìö``): decoration in a heading
        # read often while runs are weighed: computed once (plain attributes: ``cached_property`` takes a lock)
        self.lossy = any(isinstance(part, tuple) for part in parts)
        self._text: str | None = None

    def _key(self) -> tuple[object, ...]:
        return self.start, self.end, self.parts, self.unique, self.weight, self.before, self.lead_lost

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Unit) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return "Unit(" + ", ".join(f"{name}={getattr(self, name)!r}" for name in self._FIELDS) + ")"

    def _replace(self, **changes: object) -> Unit:
        """A copy with some fields changed (``dataclasses.replace`` for a unit)."""
        return Unit(**{name: changes.get(name, getattr(self, name)) for name in self._FIELDS})  # type: ignore[arg-type]

    def text(self, drop: bool = False) -> str:
        if drop:
            return "".join(p if isinstance(p, str) else "" for p in self.parts)
        if self._text is None:
            self._text = "".join(p if isinstance(p, str) else (p[0] if p else "") for p in self.parts)
        return self._text
