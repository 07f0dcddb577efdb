"""The Markdown structure of a document, parsed once with markdown-it-py.

Checks ask for headings, links, reference definitions, HTML anchors and the line
ranges of code, comments and front matter; none of them parses Markdown itself. Line
numbers are 1-based and agree with ``Document.lines`` (markdown-it treats a lone
``\\r`` as a line break and ``Document`` does not, so it is blanked before parsing).
Positions of link destinations are found in the source text, because markdown-it
normalises and percent-encodes them and keeps no columns (``markdown_tokens.py`` reads the
token stream into a ``Structure``).
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import Any

from review_hooks.markdown import syntax


@dataclass(frozen=True)
class Heading:
    level: int
    text: str  # the rendered text: inline code kept, markup and HTML tags dropped, line breaks \n
    line: int
    setext: bool
    source: str  # the source line as written (the text line, for a setext heading)


@dataclass(frozen=True)
class Link:
    """A link destination as written: ``kind`` is link, image, reference, definition, autolink or html."""

    kind: str
    target: str  # the destination as written (without ``<>``), before percent-decoding
    line: int
    column: int  # where ``target`` starts in the source (for a reference use: where ``[`` is)
    label: str = ""  # for references and definitions: the label as written

    @property
    def destination(self) -> str:
        """The destination a browser follows: backslash escapes (Markdown) and entities decoded."""
        import html

        return html.unescape(self.target) if self.kind == "html" else syntax.unescape(self.target)


@dataclass(frozen=True)
class Anchor:
    """An HTML ``id`` or ``<a name>`` that a ``#fragment`` may point at."""

    name: str
    line: int
    column: int


@dataclass(frozen=True)
class Structure:
    headings: tuple[Heading, ...] = ()
    links: tuple[Link, ...] = ()
    anchors: tuple[Anchor, ...] = ()
    #: label (normalised as CommonMark does) -> its definition
    definitions: dict[str, Link] = field(default_factory=dict)
    code: tuple[tuple[int, int], ...] = ()  # inclusive 1-based line ranges of fenced/indented code
    comments: tuple[tuple[int, int], ...] = ()  # HTML comment blocks
    front_matter: dict[str, Any] | None = None
    front_matter_lines: tuple[int, int] | None = None

    def in_code(self, line: int) -> bool:
        return _in_ranges(self.code, line)

    def in_comment(self, line: int) -> bool:
        return _in_ranges(self.comments, line)

    @cached_property
    def fragments(self) -> frozenset[str]:
        """Every ``#fragment`` that lands in this document: heading slugs, HTML ids and names."""
        return fragments(tuple(h.text for h in self.headings), tuple(a.name for a in self.anchors))


def fragments(heading_texts: Iterable[str], anchor_names: Iterable[str]) -> frozenset[str]:
    """The ``#fragment`` names of a document with these headings and HTML anchors (GitHub's rules)."""
    return frozenset((*slugs(heading_texts), *anchor_names))


def slug(text: str) -> str:
    """GitHub's anchor for a heading (github-slugger): lowercase; letters, digits, ``_`` and ``-``
    kept; other punctuation, symbols and emoji dropped; each space becomes ``-``. An emoji
    shortcode keeps its name (``:tada: Release`` is ``tada-release``), as on GitHub."""
    text = text.lower()
    return "".join("-" if c == " " else c for c in text if c == "-" or c == " " or _word(c))


def _word(char: str) -> bool:
    category = unicodedata.category(char)
    return category[0] in "LM" or category in ("Nd", "Nl", "Pc")


def slugs(texts: Iterable[str]) -> list[str]:
    """The anchors of headings in document order: a repeated slug gets ``-1``, ``-2``..."""
    seen: dict[str, int] = {}
    found: list[str] = []
    for text in texts:
        result = original = slug(text)
        while result in seen:
            seen[original] += 1
            result = f"{original}-{seen[original]}"
        seen[result] = 0
        found.append(result)
    return found


def _in_ranges(ranges: tuple[tuple[int, int], ...], line: int) -> bool:
    index = bisect.bisect_right(ranges, (line, float("inf"))) - 1
    return index >= 0 and ranges[index][0] <= line <= ranges[index][1]


@cache
def parser() -> Any:
    """The one markdown-it-py parser: CommonMark with GitHub's tables and raw HTML, and front matter."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.front_matter import front_matter_plugin

    configured = MarkdownIt("commonmark", {"html": True}).enable("table").use(front_matter_plugin)
    configured.core.ruler.at("inline", _inline_where_read)
    return configured


def _inline_where_read(state: Any) -> None:
    """markdown-it's inline phase, run only on the blocks whose inline tokens ``_Builder`` reads.

    A heading's text is read whole. Any other block is read for links, images, autolinks and
    inline HTML only, and each of those needs a ``[`` or a ``<`` in the block's text (an
    escape or an entity never makes one): a block with neither keeps no children, exactly as
    many links and anchors as a full parse finds. Most paragraphs, list items and table cells
    of a documentation tree have neither, and the inline phase was 40% of the parse.
    """
    after_heading = False
    for token in state.tokens:
        if token.type == "inline":
            if token.children is None:
                token.children = []
            if after_heading or "[" in token.content or "<" in token.content:
                state.md.inline.parse(token.content, state.md, state.env, token.children)
        after_heading = token.type == "heading_open"


def normalize_label(label: str) -> str:
    """A reference label as CommonMark compares it: case-folded, inner white space collapsed."""
    return " ".join(label.split()).casefold()


#: Characters of text whose structures stay in memory, most recently used first (see ``parse``).
KEPT_CHARACTERS = 4_000_000
_kept: OrderedDict[str, Structure] = OrderedDict()
_kept_size = [0]


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
    """markdown-it bounds nesting itself (``maxNesting``); should a pathological input still
    exhaust the recursion limit, the document is treated as having no Markdown structure."""
    source = text.replace("\r\n", "\n").replace("\r", " ")
    starts = [0, *(m.end() for m in re.finditer("\n", source))]
    env: dict[str, Any] = {}
    try:
        tokens = parser().parse(source, env)
    except RecursionError:
        return Structure()
    from review_hooks.markdown.tokens import Builder

    builder = Builder(source, starts)
    builder.add_definitions(env.get("references", {}))
    builder.walk(tokens)
    return builder.structure()
