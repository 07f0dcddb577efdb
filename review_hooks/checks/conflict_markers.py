"""conflict-markers: unresolved merge conflicts, found in any repository state.

**What it does.** Finds the markers git writes into a conflicted file (``<<<<<<< ours``,
``||||||| base``, ``=======``, ``>>>>>>> theirs``, at the start of a line) and pairs them
into regions; each region is one finding at its opener naming its extent and labels:
``unresolved merge conflict (lines 1-346: HEAD vs origin/main)``. Half-resolved leftovers
are reported too: an opener with no closer, a lone closer, separator or base marker.

**Why.** A conflict committed by mistake ships both versions of a document. Detectors that
only look while git is mid-merge miss it after the merge is committed (or after a
cherry-pick, revert or stash pop); detectors that match any ``=======`` cry wolf on every
setext heading.

**Not reported.** A setext heading or RST title underlined (or overlined) with ``=``; banners
such as ``======= Phase 1 =======``; ``|||||||`` table rows; ``>``-quoted email text; markers
in mid-line or in inline code. In Markdown, a complete conflict shown wholly inside a code
block is teaching material, unless the document or the repository says it is real (a marker
outside code: the file is mid-merge; the file is unmerged, or the staged change adds those
lines); ``include-code`` reports those too.

**Options** (``[conflict-markers]``): ``include-code = false``. The marker length follows the
``conflict-marker-size`` git attribute (default 7).

**Fix safety.** No fix: only a person can choose between the two sides.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Mapping
from functools import cache
from itertools import groupby
from typing import TYPE_CHECKING, Any, NamedTuple

from review_hooks.check import Check, CliOption, Context
from review_hooks.config import boolean, only_keys
from review_hooks.document import Document
from review_hooks.finding import Finding
from review_hooks.pattern import lazy
from review_hooks.repository import GitError

if TYPE_CHECKING:
    from pathlib import Path

ID = "conflict-markers"
DEFAULT_SIZE = 7


# NamedTuples and a plain class, not dataclasses, for the hook's start-up (see ``review_hooks.finding.Finding``).


class Settings(NamedTuple):
    include_code: bool = False


def configure(table: Mapping[str, Any], base: Path) -> Settings:
    only_keys(table, "include-code")
    return Settings(boolean(table, "include-code", False))


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
_BASE_LABEL = lazy(r"(?:merged common ancestors|(?:parent of )?[0-9a-f]{7,40}(?: \(.*\))?)$")
_FENCE = lazy(r"^[ \t>]*(?:```|~~~)", re.MULTILINE)  # any fence opener, however nested


@cache
def _pattern(size: int) -> re.Pattern[str]:
    run = f"{{{size},}}"
    return re.compile(
        rf"^(?:(?P<run>(?:<{run}|>{run}|\|{run}))(?P<label>[ \t][^\n]*)?|(?P<sep>={run}))\r?$", re.MULTILINE
    )


def markers(text: str, size: int) -> list[Marker]:
    """Every line that is a marker as git writes it (run of one character, bare or with a label).

    A marker starts a line with ``size`` of one character, so ``str.find`` of each run and the
    pattern tried only where a run starts a line (a regular expression anchored at every line
    start costs four times as much over a repository)."""
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
    """Pair markers into regions by marker length; the rest are orphans."""
    complete: list[Region] = []
    orphans: list[Marker] = []
    open_regions: list[Region] = []
    for marker in found:
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
        elif current:  # a closer: its region is complete, or complete but for a deleted separator
            current.closer = marker
            del open_regions[index]  # by position: the same region is there once
            complete.append(current)
        else:
            orphans.append(marker)
    for region in open_regions:
        orphans.append(region.opener)
    return _outermost(complete), orphans


def _outermost(complete: list[Region]) -> list[Region]:
    """Drop regions nested in another (a recursive merge's virtual base uses longer markers)."""
    ordered = sorted(complete, key=lambda r: r.opener.line)
    kept: list[Region] = []
    reach = 0  # the furthest closer of the regions that open on an earlier line
    for _line, group in groupby(ordered, key=lambda r: r.opener.line):
        regions_here = list(group)
        kept.extend(r for r in regions_here if not _last(r) < reach)
        reach = max(reach, *(_last(r) for r in regions_here))
    return kept


def _last(region: Region) -> int:
    return region.closer.line if region.closer else region.opener.line


def _is_orphan_worth_reporting(marker: Marker, text: str, size: int) -> bool:
    """Leftovers, not look-alikes: quoted email, heading underlines and RST overlines are not. The lines
    around the marker are read at its line's ``start``: most documents with a run of ``=`` have it under a
    heading, and splitting every such document into lines was a third of this check's time."""
    if marker.size != size:
        return False
    start = marker.start
    before = text[text.rfind("\n", 0, start - 1) + 1 : start - 1].strip() if start else ""
    after, below = _next_lines(text, text.find("\n", start))
    if marker.kind == ">":
        quoted = (before.startswith(">") and marker.line > 1) or after.startswith(">")
        return not quoted
    if marker.kind == "=":
        if before:  # text above: a setext heading or an RST underline
            return False
        return not (after.strip() and below.startswith("=") and not below.strip("="))  # RST overline
    return True


def _next_lines(text: str, end: int) -> tuple[str, str]:
    """The two lines after the one ending at ``end`` (its line break; -1: it is the last), without ``\\r``."""
    if end < 0:
        return "", ""
    stop = text.find("\n", end + 1)
    if stop < 0:
        return text[end + 1 :].rstrip("\r"), ""
    following = text.find("\n", stop + 1)
    return text[end + 1 : stop].rstrip("\r"), text[stop + 1 : following if following >= 0 else None].rstrip("\r")


def find(document: Document, context: Context) -> Iterator[Finding]:
    text = document.text
    size = _size(document, context)  # the attribute was fetched for every target in one git call
    if not any(c * size in text for c in "<=>|"):  # as fast as a grep: no line loop without a marker
        return
    found = markers(text, size)
    if not found:
        return
    complete, orphans = regions(found)
    orphans = [m for m in orphans if _is_orphan_worth_reporting(m, text, size)]
    if (complete or orphans) and document.is_markdown and not context.settings(ID, configure).include_code:
        complete, orphans = _outside_code(document, context, complete, orphans)
    for region in complete:
        yield Finding(line=region.opener.line, column=1, message=_describe(region))
    for marker in orphans:
        yield Finding(line=marker.line, column=1, message=_describe_orphan(marker))


def _size(document: Document, context: Context) -> int:
    value = context.attribute(document, "conflict-marker-size")
    try:
        return max(1, int(value)) if value is not None else DEFAULT_SIZE
    except ValueError:
        return DEFAULT_SIZE


def _outside_code(document: Document, context: Context, complete: list[Region],
                  orphans: list[Marker]) -> tuple[list[Region], list[Marker]]:
    """Drop conflicts shown wholly inside a code block, unless the repository says they are real."""
    fence = _FENCE.search(document.text)  # markers start at column 1: only a fenced block can hold one
    last = max([r.opener.line for r in complete] + [m.line for m in orphans])
    if fence is None or document.text.count("\n", 0, fence.start()) + 1 >= last:
        return complete, orphans  # no fence opens before the last marker: no parse needed
    structure = document.markdown
    code = structure.code

    def inside(first: int, last: int) -> bool:  # code ranges are sorted and disjoint: one bisect
        index = bisect.bisect_right(code, (first, float("inf"))) - 1
        return index >= 0 and code[index][0] <= first and last <= code[index][1]

    shown = [r for r in complete if inside(r.opener.line, _last(r))]
    shown_orphans = [m for m in orphans if inside(m.line, m.line)]
    if len(shown) + len(shown_orphans) < len(complete) + len(orphans):
        return complete, orphans  # a conflict outside code: the file is mid-merge, and so are its code blocks
    if _really_conflicted(document, context, [r.opener for r in shown] + shown_orphans):
        return complete, orphans
    hidden = {r.opener.start for r in shown} | {m.start for m in shown_orphans}  # one marker per line start
    return [r for r in complete if r.opener.start not in hidden], [m for m in orphans if m.start not in hidden]


def _really_conflicted(document: Document, context: Context, openers: list[Marker]) -> bool:
    repository = context.repository
    relative = context.relative(document.location)
    if repository is None or relative is None:
        return False
    try:
        if relative in repository.unmerged:
            return True
        added = repository.staged_additions(document.location)
    except GitError:  # git unavailable: fall back to the document alone
        return False
    return any(document.lines[m.line - 1].rstrip("\r") in added for m in openers)


def _describe(region: Region) -> str:
    last = region.closer.line if region.closer else region.opener.line
    labels = " vs ".join(x for x in (region.opener.label, region.closer.label if region.closer else "") if x)
    detail = f": {labels}" if labels else ""
    if region.base is not None:
        detail += f", with base {region.base.label!r}" if region.base.label else ", with base"
    if region.separator is None:  # the '=======' between the sides was deleted: both are still there
        detail += f"; its '{'=' * region.opener.size}' was deleted, the sides are still both there"
    return f"unresolved merge conflict (lines {region.opener.line}-{last}{detail})"


def _describe_orphan(marker: Marker) -> str:
    written = marker.kind * marker.size + (f" {marker.label}" if marker.label else "")
    if marker.kind == "<":
        return (f"unresolved merge conflict: '{written}' has no closing '{'>' * marker.size}'; "
                "resolve it or remove the leftover marker")
    if marker.kind == ">":
        return f"leftover conflict marker '{written}' with no opening '{'<' * marker.size}'; remove it"
    if marker.kind == "|":
        return f"leftover conflict marker '{written}' (a merge's base version starts here); remove it and that version"
    return (f"leftover conflict separator '{written}' (not a heading underline: no text above it); "
            "remove it")


CHECK = Check(
    id=ID,
    summary="unresolved merge conflicts, without mistaking setext headings or RST underlines for them",
    doc=__doc__ or "",
    hook="check-conflict-markers",
    find=find,
    configure=configure,
    cli_options=(CliOption("--include-code", "include-code",
                           "also report complete conflicts shown inside Markdown code blocks"),),
)
