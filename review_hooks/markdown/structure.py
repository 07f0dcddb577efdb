"""The Markdown structure of a document, parsed once with pyromark (pulldown-cmark).

Checks ask for headings, links, reference definitions, HTML anchors and the line
ranges of code, comments and front matter; none of them parses Markdown itself. Line
numbers are 1-based and agree with ``Document.lines`` (pulldown-cmark treats a lone
``\\r`` as a line break and ``Document`` does not, so it is blanked before parsing).
A link's destination is kept as written, at its column, read from the source at the
range pulldown-cmark gives (``events.py`` reads the events into a ``Structure``,
``positions.py`` turns byte ranges into lines and columns, ``parse.py`` parses and keeps
recent ones). GitHub (cmark-gfm) is the judge: ``tests/markdown/differential_test.py``.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable
from functools import cached_property
from typing import Any, NamedTuple

from review_hooks.markdown import syntax


# NamedTuples and a plain class, not dataclasses, for the hooks' start-up (see ``review_hooks.finding.Finding``).
class Heading(NamedTuple):
    level: int
    text: str  # the rendered text: inline code kept, markup and HTML tags dropped, line breaks \n
    line: int
    setext: bool
    source: str  # the source line as written (the text line, for a setext heading)


class Link(NamedTuple):
    """A link destination as written: ``kind`` is link, image, reference, definition, autolink or html."""

    kind: str
    target: str  # the destination as written (without ``<>``), before percent-decoding
    line: int
    column: int  # where ``target`` starts in the source (for a reference use: where its ``[`` is)
    #: a definition's label as written; a reference use's label as resolved (pulldown-cmark's link id:
    #: ``[text][label]`` and ``[label][]`` use ``label``, ``[label]`` itself), white space collapsed
    label: str = ""

    @property
    def destination(self) -> str:
        """The destination a browser follows: backslash escapes (Markdown) and entities decoded."""
        target = self.target
        if "&" not in target and ("\\" not in target or self.kind == "html"):
            return target  # nothing to decode (most destinations)
        import html

        return html.unescape(target) if self.kind == "html" else syntax.unescape(target)


class Anchor(NamedTuple):
    """An HTML ``id`` or ``<a name>`` that a ``#fragment`` may point at."""

    name: str
    line: int
    column: int


class Structure:
    """What the checks read of one parse; never modified after it is made (``parse`` keeps recent ones)."""

    #: it holds a dict of definitions: unhashable, as the frozen dataclass it was
    __hash__ = None  # type: ignore[assignment]

    def __init__(self, marks: tuple[tuple[int, str, int, int], ...] = (), links: tuple[Link, ...] = (),
                 anchors: tuple[Anchor, ...] = (), definitions: dict[str, Link] | None = None,
                 code: tuple[tuple[int, int], ...] = (), comments: tuple[tuple[int, int], ...] = (),
                 front_matter_lines: tuple[int, int] | None = None, front_matter_text: str | None = None,
                 html_headings: tuple[Heading, ...] = (), source: str = "",
                 anchor_texts: dict[int, str] | None = None) -> None:
        #: the headings as read: level, text and the character range of each in ``source``, in document order.
        #: ``headings`` makes them ``Heading`` values on first use: a scan of a repository without kinds of
        #: review reads only their text (for anchors), and their lines and source lines were a tenth of its parse.
        self.marks = marks
        self.links = links
        self.anchors = anchors
        #: label (normalised as CommonMark does) -> its definition
        self.definitions = {} if definitions is None else definitions
        self.code = code  # inclusive 1-based line ranges of fenced/indented code
        self.comments = comments  # HTML comment blocks
        self.front_matter_lines = front_matter_lines
        self.front_matter_text = front_matter_text  # the YAML as written; ``front_matter`` reads it on first use
        #: headings written in raw HTML blocks (``<h2>Raw</h2>``): GitHub anchors them too; no check counts
        #: them as the document's headings
        self.html_headings = html_headings
        #: the text ``marks`` count in: the document's text, or what the parse read if it holds a ``\r``
        self.source = source
        #: index in ``marks`` -> the heading's text as GitHub's anchor reads it, where it differs from the words the
        #: heading shows: a footnote reference's number (``## Title[^1]`` is ``#title1``)
        self.anchor_texts = {} if anchor_texts is None else anchor_texts

    def _key(self) -> tuple[object, ...]:
        return (self.marks, self.links, self.anchors, self.definitions, self.code, self.comments,
                self.front_matter_lines, self.front_matter_text, self.html_headings, self.anchor_texts)

    def __eq__(self, other: object) -> bool:
        """Equal when everything read is (``source`` is where it was read, not what)."""
        return isinstance(other, Structure) and self._key() == other._key()

    def __repr__(self) -> str:
        return (f"Structure(marks={self.marks!r}, links={self.links!r}, anchors={self.anchors!r}, "
                f"definitions={self.definitions!r}, code={self.code!r}, comments={self.comments!r}, "
                f"front_matter_lines={self.front_matter_lines!r}, front_matter_text={self.front_matter_text!r}, "
                f"html_headings={self.html_headings!r}, anchor_texts={self.anchor_texts!r})")

    @cached_property
    def headings(self) -> tuple[Heading, ...]:
        """Each heading at its first line; setext when its range holds a line break before its end."""
        source = self.source
        found: list[Heading] = []
        line = 1
        last = 0
        for level, text, start, end in self.marks:
            line += source.count("\n", last, start)  # in document order: each line break is counted once
            last = start
            stop = source.find("\n", start)
            if stop < 0:
                stop = len(source)
            begin = source.rfind("\n", 0, start) + 1
            found.append(new_heading(level, text, line, stop < end - 1, source[begin:stop]))
        return tuple(found)

    @property
    def front_matter(self) -> dict[str, Any] | None:
        """The front matter as a mapping; None without one, or when it is not a YAML mapping. Read
        only when asked (only required-headings asks): YAML was a tenth of a scan's parse time."""
        return self._front_matter_read[0]

    @property
    def front_matter_problem(self) -> tuple[int, str] | None:
        """Why front matter there is no mapping: the line YAML stopped at (of the document) and YAML's reason,
        from the same one reading; None when there is none or it reads."""
        problem = self._front_matter_read[1]
        if problem is None:
            return None
        first = self.front_matter_lines[0] if self.front_matter_lines else 1
        return (first + 1 + problem[0] if problem[0] >= 0 else first), problem[1]

    @cached_property
    def _front_matter_read(self) -> tuple[dict[str, Any] | None, tuple[int, str] | None]:
        return (None, None) if self.front_matter_text is None else _yaml_mapping(self.front_matter_text)

    def in_code(self, line: int) -> bool:
        return _in_ranges(self.code, line)

    def in_comment(self, line: int) -> bool:
        return _in_ranges(self.comments, line)

    @cached_property
    def fragments(self) -> frozenset[str]:
        """Every ``#fragment`` that lands in this document: heading slugs, HTML ids and names."""
        return fragments(self.anchored_headings, tuple(a.name for a in self.anchors))

    @cached_property
    def anchored_headings(self) -> tuple[str, ...]:
        """The text of every heading GitHub gives an anchor, in document order: Markdown headings and those
        written in raw HTML, whose slugs share one count of duplicates (GitHub's anchor filter walks every
        ``h1``-``h6`` of the rendered page)."""
        texts = self.anchor_texts
        if not self.html_headings:
            return tuple(texts.get(index, mark[1]) for index, mark in enumerate(self.marks))
        every = sorted((*((h.line, texts.get(index, h.text)) for index, h in enumerate(self.headings)),
                        *((h.line, h.text) for h in self.html_headings)), key=lambda heading: heading[0])
        return tuple(text for _, text in every)


#: The builder makes a Heading or Link for every one in a document (a scan makes 100,000): ``tuple.__new__``
#: skips the NamedTuple's keyword handling. The same values (``tests/markdown/structure_test.py``).
_tuple = tuple.__new__


def new_heading(level: int, text: str, line: int, setext: bool, source: str) -> Heading:
    return _tuple(Heading, (level, text, line, setext, source))


def new_link(kind: str, target: str, line: int, column: int, label: str = "") -> Link:
    return _tuple(Link, (kind, target, line, column, label))


def fragments(heading_texts: Iterable[str], anchor_names: Iterable[str]) -> frozenset[str]:
    """The ``#fragment`` names of a document with these headings and HTML anchors (GitHub's rules)."""
    return frozenset((*slugs(heading_texts), *anchor_names))


def slug(text: str) -> str:
    """GitHub's anchor for a heading (github-slugger): lowercase; letters, digits, ``_`` and ``-``
    kept; other punctuation, symbols and emoji dropped; each space becomes ``-``. An emoji
    shortcode keeps its name (``:tada: Release`` is ``tada-release``), as on GitHub."""
    text = text.lower()
    if text.isascii():  # the same rule, in one pass of C (ASCII's word characters: letters, digits, _)
        return _NOT_ASCII_SLUG.sub("", text).replace(" ", "-")
    return "".join("-" if c == " " else c for c in text if c == "-" or c == " " or _word(c))


_NOT_ASCII_SLUG = re.compile(r"[^a-z0-9_\- ]")


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


def normalize_label(label: str) -> str:
    """A reference label as CommonMark compares it: case-folded, inner white space collapsed."""
    return " ".join(label.split()).casefold()


def _yaml_mapping(content: str) -> tuple[dict[str, Any] | None, tuple[int, str] | None]:
    """The mapping ``content`` holds, or None and why not: the line of ``content`` YAML stopped at (-1: none) and
    its reason."""
    import yaml

    try:
        value = yaml.load(content, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # libyaml: 10x faster
    except yaml.MarkedYAMLError as error:  # a tab indent
        mark = error.problem_mark or error.context_mark
        return None, (mark.line if mark else -1, str(error.problem or error).strip())
    except (yaml.YAMLError, ValueError, OverflowError, RecursionError) as error:  # e.g. ``date: 2024-13-45``
        return None, (-1, str(error).strip() or type(error).__name__)
    if value is None:  # ``---`` then ``---``: empty front matter, as Jekyll asks for one to render a page
        return None, None
    return (value, None) if isinstance(value, dict) else (None, (-1, "it is not a mapping of keys to values"))
