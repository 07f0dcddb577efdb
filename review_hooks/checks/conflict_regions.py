"""git's conflict markers in a text, and their pairing into conflict regions (``conflict_markers`` judges them).

A marker is a line that starts with a run of one character (``<<<<<<<``, ``|||||||``, ``=======``,
``>>>>>>>``, at least the marker size), bare or with a label; regions pair them by size, innermost
first, and what pairs with nothing is an orphan: a leftover, or a look-alike for the check to weigh.
"""

from __future__ import annotations

import re
from functools import cache
from itertools import groupby
from typing import TYPE_CHECKING, NamedTuple

from review_hooks.pattern import lazy

if TYPE_CHECKING:
    from review_hooks.document import Document

DEFAULT_SIZE = 7  #: git's marker length where no ``conflict-marker-size`` attribute says otherwise

# NamedTuples and a plain class, not dataclasses, for the hook's start-up (see ``review_hooks.finding.Finding``).


class Marker(NamedTuple):
    kind: str  # one of < | = >
    size: int
    line: int  # 1-based
    label: str
    start: int  # offset of the marker's line in the text: what tells one marker from another


class Region:
    """A conflict being paired: its opener, then the markers found for it (filled in as they come)."""

    __slots__ = ("base", "closer", "opener", "separator")

    def __init__(self, opener: Marker) -> None:
        self.opener = opener
        self.separator: Marker | None = None
        self.base: Marker | None = None
        self.closer: Marker | None = None


#: git's label of a base section (its commit, ``parent of`` it, a virtual base): no table row, no ``not a base``
#: a label git writes on a closer: a branch or ref (no space), a commit and its subject, or a stash's
_GIT_LABEL = lazy(r"(?:\S+|[0-9a-f]{7,40}\b.*|Stashed changes)$")
_BASE_LABEL = lazy(r"(?:merged common ancestors|(?:parent of )?[0-9a-f]{7,40}(?: \(.*\))?)$")


@cache
def _pattern(size: int) -> re.Pattern[str]:
    run = f"{{{size},}}"
    return re.compile(
        rf"^(?:(?P<run>(?:<{run}|>{run}|\|{run}))(?P<label>[ \t][^\n]*)?|(?P<sep>={run})[ \t]*)\r?$", re.MULTILINE
    )


def markers(text: str, size: int) -> list[Marker]:
    """Every line that is a marker as git writes it (run of one character, bare or with a label).

    A marker starts a line with ``size`` of one character, so ``str.find`` of each run and the
    pattern tried only where a run starts a line (a regular expression anchored at every line
    start costs four times as much over a repository)."""
    if size > len(text):  # no run that long fits (and a size of millions is not built as a string)
        return []
    pattern = _pattern(size)
    matches: list[re.Match[str]] = []
    for character in "<=>|":
        run = character * size
        start = text.find(run)
        while start >= 0:
            if start == 0 or text[start - 1] == "\n":
                match = pattern.match(text, start)
                if match is not None:
                    matches.append(match)
            end = text.find("\n", start)  # the first run of a line decides it: on to the next line
            start = text.find(run, end + 1) if end >= 0 else -1
    matches.sort(key=lambda match: match.start())
    found: list[Marker] = []
    line, last = 1, 0
    for match in matches:
        line += text.count("\n", last, match.start())
        last = match.start()
        run_text = match.group("run") or match.group("sep")
        label = (match.group("label") or "").strip()
        found.append(Marker(run_text[0], len(run_text), line, label, last))
    return found


def regions(found: list[Marker]) -> tuple[list[Region], list[Marker]]:
    """Pair markers into regions by marker length; the rest are orphans. A ``>>>>>>>`` line that a later one of
    its conflict follows is the side's text, not its closer (deep-quoted e-mail: ``>>>>>>> +folks``): before
    the separator when a separator and a closer come after it; after the separator, of the closer-like lines one a
    line, the first that bears a label git writes (``topic`` amid ``>>>>>>> On Tue, ... wrote:``), else the first."""
    complete: list[Region] = []
    orphans: list[Marker] = []
    open_regions: list[Region] = []
    for at, marker in enumerate(found):
        index = next((i for i in range(len(open_regions) - 1, -1, -1)
                      if open_regions[i].opener.size == marker.size), -1)
        current = open_regions[index] if index >= 0 else None
        if marker.kind == "<":
            open_regions.append(Region(marker))
        elif marker.kind == "|":
            if current and current.separator is None and current.base is None:
                current.base = marker
            elif current is None and _BASE_LABEL.match(marker.label):  # a leftover, labelled as git labels it
                orphans.append(marker)
        elif marker.kind == "=":
            if current and current.separator is None:
                current.separator = marker
            else:
                orphans.append(marker)
        elif current and _quoted_in_side(found, at, current):
            continue
        elif current:  # a closer: its region is complete, or complete but for a deleted separator
            current.closer = marker
            del open_regions[index]  # by position: the same region is there once
            complete.append(current)
        else:
            orphans.append(marker)
    for region in open_regions:
        orphans.append(region.opener)
    return _outermost(complete), orphans


def _quoted_in_side(found: list[Marker], at: int, region: Region) -> bool:
    """Whether the closer-like ``found[at]`` is text inside ``region``'s side (see ``regions``)."""
    marker, later = found[at], [m for m in found[at + 1:] if m.size == found[at].size]
    if region.separator is None:
        kinds = "".join(m.kind for m in later)
        return "=" in kinds and ">" in kinds[kinds.index("="):] and "<" not in kinds[:kinds.index("=")]
    block = [marker]  # the closer-like lines that follow it, one a line
    for other in later:
        if other.kind != ">" or other.line != block[-1].line + 1:
            break
        block.append(other)
    return next((m for m in block if _GIT_LABEL.match(m.label)), marker) is not marker


def _outermost(complete: list[Region]) -> list[Region]:
    """Drop regions nested in another (a recursive merge's virtual base uses longer markers)."""
    ordered = sorted(complete, key=lambda r: r.opener.line)
    kept: list[Region] = []
    reach = 0  # the furthest closer of the regions that open on an earlier line
    for _line, group in groupby(ordered, key=lambda r: r.opener.line):
        regions_here = list(group)
        kept.extend(r for r in regions_here if not last_line(r) < reach)
        reach = max(reach, *(last_line(r) for r in regions_here))
    return kept


def last_line(region: Region) -> int:
    return region.closer.line if region.closer else region.opener.line


def unresolved(document: Document) -> list[int]:
    """The first lines of the complete conflicts of git's default size outside Markdown code: a document that
    holds one is mid-merge (required-headings skips it; a template that holds one is no template)."""
    if "<" * DEFAULT_SIZE not in document.text:
        return []
    complete, _ = regions(markers(document.text, DEFAULT_SIZE))
    return [region.opener.line for region in complete if not document.markdown.in_code(region.opener.line)]
