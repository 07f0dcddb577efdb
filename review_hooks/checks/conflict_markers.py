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

**Not reported.** A setext heading or RST title underlined (or overlined) with ``=``, ``<`` or ``>``; banners
such as ``======= Phase 1 =======``; ``|||||||`` table rows; ``>``-quoted email text (inside a conflict's sides
too); prose that starts with a marker and names another (``<<<<<<< and >>>>>>> markers``); markers
in mid-line or in inline code. In Markdown, a complete conflict shown wholly inside a code
block is teaching material, unless the document or the repository says it is real (a marker
outside code: the file is mid-merge; the file is unmerged, or, while a merge, cherry-pick, revert
or rebase is under way, the staged change adds those lines); ``include-code`` reports those too.

**Options** (``[conflict-markers]``): ``include-code = false``. The marker length follows the
``conflict-marker-size`` git attribute (default 7).

**Fix safety.** No fix: only a person can choose between the two sides.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

from review_hooks.check import Check, CliOption, Context
from review_hooks.checks.conflict_regions import DEFAULT_SIZE, Marker, Region, last_line, markers, regions
from review_hooks.config import boolean, only_keys
from review_hooks.document import Document
from review_hooks.finding import Finding
from review_hooks.gitprocess import GitError
from review_hooks.pattern import lazy

if TYPE_CHECKING:
    from pathlib import Path

ID = "conflict-markers"


class Settings(NamedTuple):
    include_code: bool = False


def configure(table: Mapping[str, Any], base: Path) -> Settings:
    only_keys(table, "include-code")
    return Settings(boolean(table, "include-code", False))


_FENCE = lazy(r"^[ \t>]*(?:```|~~~)", re.MULTILINE)  # any fence opener, however nested


def _is_orphan_worth_reporting(marker: Marker, text: str, size: int) -> bool:
    """Leftovers, not look-alikes: quoted email, heading underlines and RST overlines are not. The lines
    around the marker are read at its line's ``start``: most documents with a run of ``=`` have it under a
    heading, and splitting every such document into lines was a third of this check's time."""
    if marker.size != size:
        return False
    start = marker.start
    before = text[text.rfind("\n", 0, start - 1) + 1 : start - 1].strip() if start else ""
    after, below = _next_lines(text, text.find("\n", start))
    run = marker.kind * marker.size
    if marker.kind in "<>" and not marker.label and (  # an RST title under- or overlined with < or >
            _titled(before, run) or (_titled(after.strip(), run) and below.rstrip() == run)):
        return False
    if marker.kind == "<" and (">" * size in marker.label or "=" * size in marker.label):
        return False  # prose about markers (``<<<<<<< and >>>>>>> markers``): no label git writes holds one
    if marker.kind == ">":
        quoted = (before.startswith(">") and marker.line > 1) or after.startswith(">")
        return not quoted
    if marker.kind == "=":
        if before:  # text above: a setext heading or an RST underline
            return False
        return not (after.strip() and below.startswith("=") and not below.strip("="))  # RST overline
    return True


def _titles(region: Region, text: str, size: int) -> bool:
    """A bare ``<<<<<<<`` and ``>>>>>>>`` with nothing between them that git writes, each an RST title's
    underline or overline (``level 8`` over ``<<<<<<<``, then ``level 9`` over ``>>>>>>>``): no conflict."""
    closer = region.closer
    return (region.separator is None and region.base is None and closer is not None and not region.opener.label
            and not closer.label and not _is_orphan_worth_reporting(region.opener, text, size)
            and not _is_orphan_worth_reporting(closer, text, size))


def _titled(title: str, run: str) -> bool:
    """``title`` is the text of an RST section title that ``run`` under- or overlines: no longer than it."""
    return bool(title) and len(title) <= len(run) and title[0] not in "<=>|"


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
    complete = [r for r in complete if not _titles(r, text, size)]
    orphans = [m for m in orphans if _is_orphan_worth_reporting(m, text, size)]
    if (complete or orphans) and document.is_markdown and not context.settings(ID, configure).include_code:
        complete, orphans = _outside_code(document, context, complete, orphans)
    for region in complete:
        yield Finding(line=region.opener.line, column=1, message=_describe(region))
    for marker in orphans:
        yield Finding(line=marker.line, column=1, message=_describe_orphan(marker))


def _size(document: Document, context: Context) -> int:
    """The attribute's marker length, or git's default 7 where it is not a length git reads: not a number
    (``abc``), not positive (``0``, ``-3``: git's ``ll_merge_marker_size``), or beyond git's ``int``
    (``99999999999999999999``, which ``atoi`` does not read as a size either)."""
    value = context.attribute(document, "conflict-marker-size")
    try:
        size = int(value) if value is not None else DEFAULT_SIZE
    except ValueError:
        return DEFAULT_SIZE
    return size if 0 < size <= _GIT_INT_MAX else DEFAULT_SIZE


_GIT_INT_MAX = 2**31 - 1


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

    shown = [r for r in complete if inside(r.opener.line, last_line(r))]
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
        if not _in_progress(repository.git_dir):  # a new page about conflicts, staged: an example, not a conflict
            return False
        added = repository.staged_additions(document.location)
    except GitError:  # git unavailable: fall back to the document alone
        return False
    return any(document.lines[m.line - 1].rstrip("\r") in added for m in openers)


#: What git keeps in its folder while a merge, cherry-pick, revert or rebase is under way
_OPERATIONS = ("MERGE_HEAD", "CHERRY_PICK_HEAD", "REVERT_HEAD", "REBASE_HEAD", "rebase-merge", "rebase-apply")


def _in_progress(folder: Path) -> bool:
    """Whether git is in the middle of an operation that writes conflicts (``folder``: the git folder, asked of git
    once per run): then a staged change that adds the marker lines inside a code block was resolved by ``git add``
    alone, and the conflict is real."""
    return any((folder / name).exists() for name in _OPERATIONS)


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
