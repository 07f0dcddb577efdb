"""Parse a text into its ``Structure`` once, and keep the recent ones (a link's target is parsed once)."""

from __future__ import annotations

import re
from collections import OrderedDict
from functools import lru_cache
from operator import attrgetter

from review_hooks.markdown.structure import Structure
from review_hooks.pattern import lazy

#: Characters of text whose structures stay in memory, most recently used first (see ``parse``). 12 million
#: keeps a 10 MB review folder's documents between the parse of a link's target and its own check (with 4
#: million a third of the generated 1,500-file corpus was parsed twice); a PowerShell-Docs scan peaks at
#: 165 MB over its process tree (``bench/run.py --memory``), within the 300 MB budget.
KEPT_CHARACTERS = 12_000_000
_kept: OrderedDict[str, Structure] = OrderedDict()
_kept_size = [0]
#: Front matter: a first line of three or more dashes, closed by a line of at least as many dashes
#: (indented less than four spaces) or by ``...``, each with trailing spaces only.
_OPENING = re.compile(r"(-{3,})[^\n]*\n")
_BLANK = lazy(r"[^\n]+")
_TO_SPACES = bytes(10 if byte == 10 else 32 for byte in range(256))  # a translation table: all but \n to " "


def _spaces(match: re.Match[str]) -> str:
    return " " * (match.end() - match.start())


def parse(text: str) -> Structure:
    """The structure of ``text``; never raises on any input.

    Recent structures are kept, up to ``KEPT_CHARACTERS`` of text (a structure is never
    modified, and depends on the text alone): in a scan, broken-link reads a link's target
    file for its anchors and the runner checks that file itself, before or after; both get
    one parse.
    """
    structure = _kept.get(text)
    if structure is not None:
        _kept.move_to_end(text)
        return structure
    structure = _kept[text] = _parse(text)
    _kept_size[0] += len(text)
    while _kept_size[0] > KEPT_CHARACTERS and len(_kept) > 1:
        _kept_size[0] -= len(_kept.popitem(last=False)[0])
    return structure


def _parse(text: str) -> Structure:
    """pulldown-cmark (like cmark-gfm) ends a line at a lone ``\\r`` and ``Document`` does not, so a lone
    ``\\r`` is blanked first; front matter is read here and blanked, so the lines keep their numbers."""
    from review_hooks.markdown.events import Builder

    source = text.replace("\r\n", "\n").replace("\r", " ") if "\r" in text else text
    front = front_matter(source)
    if front is not None:
        source = _blanked(source[: front[1]]) + source[front[1] :]
    builder = Builder(source)
    builder.build()
    lines = None if front is None else (1, source.count("\n", 0, front[1] - 1) + 1)
    return Structure(
        tuple(builder.marks), tuple(sorted(builder.links, key=attrgetter("line", "column"))),
        tuple(builder.anchors), builder.definitions, tuple(builder.code_lines()), tuple(sorted(builder.comments)),
        lines, None if front is None else front[0], tuple(builder.html_headings),
        text if "\r" not in text else source,  # blanking front matter moves no offset and no line
        builder.anchor_texts,
    )


def front_matter(source: str) -> tuple[str, int] | None:
    """The YAML of the front matter at the top of ``source`` and the offset just past its closing line.

    GitHub reads front matter only at the very top (pulldown-cmark would take a ``---`` block
    anywhere, and cmark-gfm none): the rules of markdown-it's front matter plugin, which this
    project used before, so the same documents have front matter."""
    opening = _OPENING.match(source)
    if opening is None:
        return None
    closing = _closing(len(opening.group(1))).search(source, opening.end())
    if closing is None:
        return None
    return source[opening.end() : max(opening.end(), closing.start() - 1)], min(closing.end() + 1, len(source))


@lru_cache(maxsize=64)
def _closing(dashes: int) -> re.Pattern[str]:
    """The closing line of front matter opened by ``dashes`` dashes (one pattern per length, made once)."""
    return re.compile(rf"^(?: {{0,3}}-{{{dashes},}}|\.\.\.)[ \t]*$", re.MULTILINE)


def _blanked(head: str) -> str:
    """``head`` with every character but its line breaks a space (front matter, kept out of the parse)."""
    if head.isascii():  # one pass in C
        return head.encode("ascii").translate(_TO_SPACES).decode("ascii")
    return _BLANK.sub(_spaces, head)
