"""Reading the shared ``Structure`` out of markdown-it's token stream (``markdown.parse`` calls this).

markdown-it decides which sites of the text are headings, links, HTML and code; it keeps no
columns and normalises destinations, so a link's written destination and its column are found
again in the source text of its block (code spans and comments blanked), matched to the token
by its normalised target. One pass over the tokens; each block's destinations indexed once.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict, deque
from typing import Any

from review_hooks.markdown import syntax
from review_hooks.markdown.parser import parser
from review_hooks.markdown.structure import Anchor, Heading, Link, Structure, normalize_label


class Builder:
    """Collects the structure from markdown-it's token stream in one pass."""

    def __init__(self, source: str, starts: list[int]) -> None:
        self.source = source
        self.starts = starts
        self.headings: list[Heading] = []
        self.links: list[Link] = []
        self.anchors: list[Anchor] = []
        self.definitions: dict[str, Link] = {}
        self.code: list[tuple[int, int]] = []
        self.comments: list[tuple[int, int]] = []
        self.front_matter: dict[str, Any] | None = None
        self.front_matter_lines: tuple[int, int] | None = None
        self.html_headings: list[Heading] = []
        self.used: dict[int, set[int]] = {}  # block start -> destinations already matched to a token
        #: block start -> its written destinations and reference uses, by normalised target
        self.indexed: dict[int, tuple[dict[str, deque[Any]], dict[str, deque[Any]]]] = {}

    def structure(self) -> Structure:
        return Structure(
            tuple(self.headings), tuple(sorted(self.links, key=lambda x: (x.line, x.column))),
            tuple(self.anchors), self.definitions, tuple(self.code), tuple(sorted(self.comments)),
            self.front_matter, self.front_matter_lines, tuple(self.html_headings),
        )

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset) - 1
        return line + 1, offset - self.starts[line] + 1

    def block(self, token_map: list[int]) -> tuple[int, str]:
        begin = self.starts[token_map[0]]
        end = self.starts[token_map[1]] if token_map[1] < len(self.starts) else len(self.source)
        return begin, self.source[begin:end]

    def walk(self, tokens: list[Any]) -> None:
        heading: tuple[int, bool, list[int]] | None = None
        in_table = False
        for token in tokens:
            kind = token.type
            if kind in ("table_open", "table_close"):
                in_table = kind == "table_open"
            elif kind == "heading_open":
                heading = (int(token.tag[1]), token.markup in ("=", "-"), token.map)
            elif kind == "inline" and token.map:
                if heading is not None:
                    level, setext, token_map = heading
                    line = token_map[0] + 1
                    text = _plain_text(token.children or [])
                    begin = self.starts[line - 1]  # not .split() on the rest: quadratic in headings
                    end = self.source.find("\n", begin)
                    source = self.source[begin : end if end >= 0 else len(self.source)]
                    self.headings.append(Heading(level, text, line, setext, source))
                    heading = None
                self.inline(token, in_table)
            elif kind in ("fence", "code_block") and token.map:
                self.code.append((token.map[0] + 1, token.map[1]))
            elif kind == "html_block" and token.map:
                self.html(*self.block(token.map))
                self.html_heading(*self.block(token.map))
                if token.content.lstrip().startswith("<!--"):
                    self.comments.append((token.map[0] + 1, token.map[1]))
            elif kind == "front_matter" and token.map:
                self.front_matter_lines = (token.map[0] + 1, token.map[1])
                self.front_matter = _yaml_mapping(token.content)

    def html(self, begin: int, source: str) -> None:
        """Links (``<a href>``, ``<img src>``) and anchors (``id``, ``<a name>``) in raw HTML."""
        source = syntax.blank_comments(source)
        for tag in syntax.HTML_ATTR.finditer(source):
            name = tag.group("tag").lower()
            for attr in syntax.ATTR.finditer(tag.group("attrs")):
                key = attr.group(1).lower()
                value = next((v for v in attr.group(3, 4, 5) if v is not None), None)
                if value is None:
                    continue
                offset = begin + tag.start("attrs") + attr.start(2) + (attr.group(5) is None)
                line, column = self.position(offset)
                if (key, name) in (("href", "a"), ("src", "img")):
                    self.links.append(Link("html", value, line, column))
                elif key == "id" or (key, name) == ("name", "a"):
                    self.anchors.append(Anchor(value, line, column))

    def html_heading(self, begin: int, source: str) -> None:
        """``<h2>Raw Heading</h2>`` in an HTML block: its text as GitHub's anchor filter reads it (the text of
        every element inside, no ``alt``, entities decoded, trimmed)."""
        import html

        for match in _HTML_HEADING.finditer(syntax.blank_comments(source)):
            text = html.unescape(_TAG.sub("", match.group(2))).strip()
            line = self.position(begin + match.start())[0]
            self.html_headings.append(Heading(int(match.group(1)), text, line, False, match.group()))

    def inline(self, token: Any, in_table: bool = False) -> None:
        begin, source = self.block(token.map)
        # GFM splits a table row into cells before it reads code spans: a span never crosses a cell
        parts = _CELL_BORDER.split(source) if in_table else [source]
        visible = "|".join(syntax.CODE_SPAN.sub(lambda m: " " * len(m.group()), part) for part in parts)
        used = self.used.setdefault(begin, set())  # table cells share their row's source
        cursor = 0
        for child in token.children or []:
            if child.type == "html_inline":
                found = visible.find(child.content, cursor)
                if found >= 0:
                    self.html(begin + found, child.content)
                    cursor = found + len(child.content)
            elif child.type in ("link_open", "image"):
                href = str(child.attrs.get("href" if child.type == "link_open" else "src", ""))
                if child.markup == "autolink" or child.info == "auto":
                    written = str(child.children[0].content if child.children else href)
                    found = visible.find("<" + written, cursor)
                    if found >= 0:
                        self.links.append(Link("autolink", href, *self.position(begin + found + 1)))
                        cursor = found + len(written)
                    continue
                self.destination("image" if child.type == "image" else "link", href, begin, visible, used)

    def destination(self, kind: str, href: str, begin: int, visible: str, used: set[int]) -> None:
        """Record the first unused written destination (inline, or a reference use) matching ``href``.

        A block's written destinations are indexed by target once, so a paragraph of n links
        costs O(n) normalisations, not O(n²) (5,000 links took minutes).
        """
        inline, references = self.candidates(begin, visible)
        queue = inline.get(href)
        while queue and queue[0][0] in used:
            queue.popleft()
        if queue:
            start, raw = queue.popleft()
            used.add(start)
            self.links.append(Link(kind, raw, *self.position(begin + start)))
            return
        uses = references.get(href)
        while uses and uses[0][0] in used:
            uses.popleft()
        if uses:
            start, rest, label, definition = uses.popleft()
            used.update((start, rest))
            self.links.append(Link("reference", definition, *self.position(begin + start), label))

    def candidates(self, begin: int, visible: str) -> tuple[dict[str, deque[Any]], dict[str, deque[Any]]]:
        """The block's inline destinations and reference uses, in source order, by normalised target."""
        if begin in self.indexed:
            return self.indexed[begin]
        normalize = parser().normalizeLink
        inline: dict[str, deque[Any]] = defaultdict(deque)
        for match in syntax.INLINE_DESTINATION.finditer(visible):
            group = "angle" if match.group("angle") is not None else "bare"
            inline[normalize(syntax.unescape(match.group(group)))].append((match.start(group), match.group(group)))
        references: dict[str, deque[Any]] = defaultdict(deque)
        targets: dict[str, str] = {}  # definition as written -> normalised
        for bracket in re.finditer(r"\[", visible) if self.definitions else ():
            match = syntax.REFERENCE.match(visible, bracket.start())
            if match is None:
                continue
            labels = [(match.group("label") or match.group("text"), match.start("rest"))] if match.group("rest") else []
            labels.append((match.group("text"), -1))  # [text] alone: a shortcut reference
            seen: set[str] = set()
            for label, rest in labels:
                definition = self.definition_href(label)
                if definition is None:
                    continue
                target = targets.setdefault(definition, normalize(syntax.unescape(definition)))
                if target not in seen:
                    seen.add(target)
                    references[target].append((match.start(), rest, label, definition))
        self.indexed[begin] = inline, references
        return inline, references

    def definition_href(self, label: str) -> str | None:
        definition = self.definitions.get(normalize_label(label))
        return definition.target if definition else None

    def add_definitions(self, references: dict[str, Any]) -> None:
        for key, value in references.items():
            token_map = value.get("map")
            if not token_map or key.startswith("^"):  # ``[^1]: text`` is a footnote on GitHub, not a link
                continue
            begin, source = self.block(token_map)
            match = syntax.DEFINITION.search(source)
            if match is None:
                continue
            raw = match.group("angle") if match.group("angle") is not None else match.group("bare")
            start = match.start("angle") if match.group("angle") is not None else match.start("bare")
            link = Link("definition", raw, *self.position(begin + start), match.group("label"))
            self.definitions[normalize_label(key)] = link
            self.links.append(link)


_CELL_BORDER = re.compile(r"(?<!\\)\|")  # an unescaped pipe
#: an HTML heading and its content, which holds no other heading tag (so a heading left open costs one scan)
_HTML_HEADING = re.compile(r"<h([1-6])(?:\s[^>]*)?>((?:[^<]|<(?!/?h[1-6][\s>/]))*)</h\1\s*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")


def _plain_text(children: list[Any]) -> str:
    parts: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):  # a line break, as GitHub's text content has it:
            parts.append("\n")  # the slug drops it ("Multi word\nsetext title" is #multi-wordsetext-title)
        elif child.type == "image":
            parts.append(_plain_text(child.children or []))
    return "".join(parts).strip()


def _yaml_mapping(content: str) -> dict[str, Any] | None:
    import yaml

    try:
        value = yaml.load(content, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # libyaml: 10x faster
    except (yaml.YAMLError, ValueError, OverflowError, RecursionError):  # e.g. ``date: 2024-13-45``
        return None
    return value if isinstance(value, dict) else None
