"""Which heading answers which requirement, which are in template order, and where a missing one goes
(for required-headings).

``matched`` gives each requirement its heading (the first free match, in order if possible);
``in_order`` keeps a longest run of them in template order; ``anchors`` adds the optional
sections present and the near-misses to be fixed in place that keep that order; ``place``
puts a missing section between them: before the next section present, else right after the
previous one's section, else (the template's last section) at the end.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from review_hooks.checks.required_headings.heading_text import matches, normalized, parts
from review_hooks.checks.required_headings.kinds import Kind
from review_hooks.checks.required_headings.near import NearMiss, quoted
from review_hooks.checks.required_headings.template import Requirement
from review_hooks.document import Document

if TYPE_CHECKING:
    from review_hooks.markdown.structure import Heading


def matched(requirements: Sequence[Requirement], headings: Sequence[Heading], exact: bool,
            taken: Iterable[int | None] = ()) -> list[int | None]:
    """For each requirement, the index of its heading (or None): the first free match (not in ``taken``),
    in order if possible. A combined heading (``Motivation and Summary``) answers each section its parts
    name, a whole heading is preferred to a part of one, and a part answers one requirement."""
    keys = [h.text.strip() if exact else normalized(h.text) for h in headings]
    claimed: set[int] = {i for i in taken if i is not None}
    shared: dict[int, set[str]] = {}  # combined headings: the parts already answering a requirement
    found: list[int | None] = []
    last = -1
    for requirement in requirements:
        names = [n.strip() if exact else normalized(n) for n in requirement.names]
        prefixes = tuple(names)  # one of the two starts with the other (``startswith`` in C first)
        candidates = [(i, "") for i, key in enumerate(keys) if i not in claimed and i not in shared
                      and (key.startswith(prefixes) or (not exact and key and any(n.startswith(key) for n in names)))
                      and any(key == n if exact else matches(key, n) for n in names)]
        if not exact:
            candidates += [(i, part) for i, key in enumerate(keys) if i not in claimed for part in parts(key)
                           if part.startswith(prefixes) and part not in shared.get(i, ())
                           and any(matches(part, n) for n in names)]
        if not candidates:
            found.append(None)
            continue
        best, part = min(candidates, key=lambda c: (c[0] < last, bool(c[1]), headings[c[0]].level
                                                    != (requirement.level or 0), c[0]))
        if part:
            shared.setdefault(best, set()).add(part)
        else:
            claimed.add(best)
        last = max(last, best)
        found.append(best)
    return found


def title(headings: Sequence[Heading], kind: Kind) -> int | None:
    """The index of the document's title, which answers no section: its first heading when that is its only
    level-1 heading and the kind's template opens with a title of its own above deeper sections
    (``Template.titled``): ``# Decision Outcome: use Redis`` over a MADR's ``## Context`` is the title, not
    the ``## Decision Outcome`` it lacks."""
    if kind.template is None or not headings or headings[0].level != 1 or any(h.level == 1 for h in headings[1:]):
        return None
    return 0 if kind.template.titled else None


def in_order(indexes: Sequence[int | None]) -> set[int]:
    """Positions (into ``indexes``) of a longest non-decreasing run of heading indexes: the ones in order (one
    combined heading answers several requirements in a row)."""
    chains: list[list[int]] = []
    for position, index in enumerate(indexes):
        if index is None:
            chains.append([])
            continue
        before = [c for p, c in enumerate(chains) if c and indexes[p] is not None and indexes[p] <= index]
        chains.append([*max(before, key=len, default=[]), position])
    return set(max(chains, key=len, default=[]))


def required_positions(kind: Kind) -> list[int]:
    """Where each requirement of ``kind`` sits among its sections (optional ones included)."""
    return [p for p, (_, optional) in enumerate(kind.sections) if not optional]


class Anchor(NamedTuple):
    """A template section the document has (or will have where a near-miss is fixed in place)."""

    position: int  # in the kind's sections
    line: int
    text: str  # as written in the document
    level: int
    heading: bool = True  # False: a near-miss line that the finding asks to fix in place


def anchors(document: Document, kind: Kind, found: Sequence[int | None], misses: Sequence[NearMiss | None],
            exact: bool) -> list[Anchor]:
    """The template sections the document has in template order: the required ones in order (``found``:
    each requirement's heading index), then the optional ones and the near-misses fixed in place
    (``#Approval``) that keep that order."""
    positions = required_positions(kind)
    ordered = in_order(found)
    headings = document.markdown.headings
    present = [Anchor(positions[n], headings[i].line, source(headings[i]), headings[i].level)
               for n, i in enumerate(found) if n in ordered and i is not None]
    optional = [(p, r) for p, (r, is_optional) in enumerate(kind.sections) if is_optional]
    extra = matched([r for _, r in optional], headings, exact, taken=[*found, title(headings, kind)])
    candidates = [Anchor(p, headings[i].line, source(headings[i]), headings[i].level)
                  for (p, _), i in zip(optional, extra, strict=True) if i is not None]
    candidates += [Anchor(positions[n], miss.line, document.lines[miss.line - 1].strip(),
                           kind.sections[positions[n]][0].level or 2, heading=False)
                   for n, miss in enumerate(misses) if miss is not None and miss.here]
    present.sort()
    for candidate in sorted(candidates):
        before = [a.line for a in present if a.position < candidate.position]
        after = [a.line for a in present if a.position > candidate.position]
        if all(line <= candidate.line for line in before) and all(line >= candidate.line for line in after):
            present = sorted([*present, candidate])
    return present


def place(document: Document, headings: Sequence[Heading], present: Sequence[Anchor], position: int,
          last: bool) -> tuple[int, str]:
    """Where the section at ``position`` belongs so that the document keeps the template's order: before the
    next section present, else right after the previous one's section (with its subsections), else at the
    end. ``last``: the template says nothing follows this section, so it goes at the end rather than before
    a heading of the document's own (a headings list knows no such thing: the document's headings after the
    previous section may be sections it does not list). A near-miss to be fixed in place bounds it, but the
    place is after the previous section when that comes first (a near-miss may sit inside an HTML block)."""
    following = next((a for a in present if a.position > position), None)
    if following is not None and following.heading:
        return following.line, f"insert before line {following.line} ({quoted(following.text)})"
    previous = [a for a in present if a.position < position]
    if previous and (following is not None or not last):
        after = next((h for h in headings if h.line > previous[-1].line and h.level <= previous[-1].level), None)
        if after is not None and (following is None or after.line <= following.line):
            return after.line, f"insert before line {after.line} ({quoted(source(after))})"
    if following is not None:
        return following.line, f"insert before line {following.line} ({quoted(following.text)})"
    end = max(1, len(document.text.rstrip().split("\n")))
    return end, f"add it at the end (after line {end})"


def source(heading: Heading) -> str:
    return heading.source.strip()
