"""Reading the shared ``Structure`` out of pyromark's events (``markdown.parse`` calls ``build``).

pulldown-cmark decides which sites of the text are headings, links, HTML and code, and gives each
event its source range. What it does not keep is read from the source at that range: the
destination as written (pyromark gives it decoded) and its column, a definition's written
target, and the ``href``/``src``/``id`` attributes of raw HTML. One pass over the events; byte
ranges become lines and columns in ``positions.py`` only.
"""

from __future__ import annotations

import re
from typing import Any

from review_hooks.markdown import syntax
from review_hooks.markdown.parser import markdown
from review_hooks.markdown.positions import Positions
from review_hooks.markdown.structure import Anchor, Heading, Link, new_link, normalize_label
from review_hooks.pattern import lazy

#: pyromark's link types that name a reference definition (the ``*Unknown`` ones need a callback)
REFERENCES = frozenset(("Reference", "Collapsed", "Shortcut"))
_COMMENT_START = lazy(r"\s*<!--")
#: an HTML heading and its content, which holds no other heading tag (so a heading left open costs one scan)
_HTML_HEADING = lazy(r"<h([1-6])(?:\s[^>]*)?>((?:[^<]|<(?!/?h[1-6][\s>/]))*)</h\1\s*>", re.IGNORECASE)
_TAG = lazy(r"<[^>]*>")
#: Around a footnote reference's number in a heading's text while it is read (the parser never gives a NUL)
_FOOTNOTE_MARK = "\x00"
_FOOTNOTE = lazy("\x00[^\x00]*\x00")
#: Elements GitHub's sanitizer removes (not in its allowlist of elements, ``script`` and ``style`` with their content):
#: an ``id`` on one is no anchor on the rendered page.
STRIPPED = frozenset(("button", "embed", "form", "iframe", "input", "nav", "object", "script", "section", "select",
                      "style", "textarea"))


class Builder:
    """Collects headings, links, anchors, definitions, code and comment ranges from one parse."""

    #: Skip work that cannot find anything: the definitions' block pass when no ``]:`` is in the text,
    #: attributes in HTML that holds no ``=`` (every value read follows one). Tests switch it off.
    pretests = True

    def __init__(self, source: str) -> None:
        self.source = source
        self.at = Positions(source)
        self.marks: list[tuple[int, str, int, int]] = []  # the headings: Structure.marks
        self.links: list[Link] = []
        self.anchors: list[Anchor] = []
        self.definitions: dict[str, Link] = {}
        self.code: list[Any] = []  # the ranges of code blocks (``code_lines`` makes them lines)
        self.comments: list[tuple[int, int]] = []
        self.html_headings: list[Heading] = []
        self.anchor_texts: dict[int, str] = {}  # Structure.anchor_texts
        self.footnotes: dict[str, str] | None = None  # label -> its number, read on the first one in a heading
        self.alt = 0  # how many images the events read are inside: their alt text is plain text on the page

    def lines(self, span: Any) -> tuple[int, int]:
        """The inclusive 1-based lines of a block's range (its end is just past its last character)."""
        at = self.at
        start, end = at.offset(span["start"]), at.offset(span["end"])
        return at.line(start), at.line(end - 1 if end > start else start)

    def build(self) -> None:
        source = self.source
        if not self.pretests or "]:" in source:  # a definition holds "]:" (its label's end, a colon)
            self.add_definitions(markdown().reference_definitions(source))
        self.events = events = iter(markdown().events_with_range(source))
        code, html, read = self.code, self.inline_html, self.read_link
        # Outside a heading and a link only the starts of links, images, headings, code and HTML blocks
        # and inline HTML are looked at: two tests for most events (PowerShell-Docs: Text 37%, Start and
        # End 23% each, SoftBreak 9%). What is inside a heading or a link is read by ``read_heading`` and
        # ``read_link`` from the same iterator. A bare-string event (SoftBreak, Rule) holds no key tested.
        for event, span in events:
            if "Start" in event:
                tag = event["Start"]
                if type(tag) is dict:
                    if "Link" in tag:
                        read(tag["Link"], span, 0, None)
                    elif "Heading" in tag:
                        self.read_heading(tag["Heading"]["level"], span)
                    elif "CodeBlock" in tag:
                        code.append(span)
                    elif "Image" in tag:
                        read(tag["Image"], span, 1, None)
                elif tag == "HtmlBlock":
                    self.html_block(span)
            elif "InlineHtml" in event:
                html(span["start"], span["end"])

    def read_heading(self, level: str, span: Any) -> None:
        """A heading: its level, its text as GitHub's text content has it, and its range."""
        parts: list[str] = []
        self.read_inline(span, parts, heading=True)
        text = parts[0] if len(parts) == 1 else "".join(parts)
        if _FOOTNOTE_MARK in text:  # GitHub's text holds the reference's number; the words shown do not
            self.anchor_texts[len(self.marks)] = text.replace(_FOOTNOTE_MARK, "").strip()
            text = _FOOTNOTE.sub("", text)
        self.marks.append((int(level[1]), text.strip(), self.at.offset(span["start"]), self.at.offset(span["end"])))

    def footnote(self, label: str) -> str:
        """The number cmark-gfm gives a footnote: the order of its first reference in the document, read once
        from a second pass over its events, only for a document with a footnote reference in a heading. The one
        pass skips references outside headings and links; counting them there cost every document about a tenth
        of the layer's own work (``bench/parse_bench.py`` on the generated corpus: 0.086-0.094 s, 0.098-0.104 s)."""
        if self.footnotes is None:
            self.footnotes = {}
            for event in markdown().events(self.source):
                if type(event) is dict and "FootnoteReference" in event:
                    key = normalize_label(event["FootnoteReference"])
                    self.footnotes.setdefault(key, str(len(self.footnotes) + 1))
        return self.footnotes.get(normalize_label(label), "")

    def read_link(self, data: dict[str, Any], span: Any, image: int, parts: list[str] | None) -> Any:
        """A link or image (``parts``: the text of the heading it is in); returns the range of its end event.
        Its text ends where the event before that end does. Inside an image's description nothing is a link:
        GitHub writes it as the ``alt`` attribute, plain text (``![shot of [the app](app.md)](shot.png)``)."""
        self.alt += image
        read = self.read_inline(span, parts, heading=False)
        self.alt -= image
        if read is None:
            return span
        if not self.alt:
            self.link(data, span["start"], image, read[0])
        return read[1]

    def read_inline(self, span: Any, parts: list[str] | None, heading: bool) -> tuple[Any, Any] | None:
        """The events inside a heading, or a link or image, up to its own end (a nested link is read by its own
        call): text into ``parts`` as GitHub's text content has it (inline code kept, a line break as
        ``\n``), links and inline HTML recorded. Returns the ranges of the last event inside and of the
        end, or None when the events ran out."""
        previous = span
        for event, inner in self.events:
            if "Text" in event:
                if parts is not None:
                    parts.append(event["Text"])
            elif "End" in event:
                tag = event["End"]
                if ("Heading" in tag) if type(tag) is dict else (not heading and (tag == "Link" or tag == "Image")):
                    return previous, inner
            elif "Start" in event:
                tag = event["Start"]
                if type(tag) is dict:
                    if "Link" in tag:
                        inner = self.read_link(tag["Link"], inner, 0, parts)
                    elif "Image" in tag:  # its alt text is an attribute on the page, not text of the heading
                        inner = self.read_link(tag["Image"], inner, 1, None)
            elif "InlineHtml" in event:
                if not self.alt:  # in an image's alt text, raw HTML is text too
                    self.inline_html(inner["start"], inner["end"])
            elif parts is not None:
                if "Code" in event:
                    parts.append(event["Code"])
                elif "FootnoteReference" in event:  # its number, marked: only the anchor reads it
                    parts.append(f"{_FOOTNOTE_MARK}{self.footnote(event['FootnoteReference'])}{_FOOTNOTE_MARK}")
                elif type(event) is str and event != "Rule":
                    parts.append("\n")  # a line break
            previous = inner
        return None

    def link(self, data: dict[str, Any], start: int, image: int, previous: Any) -> None:
        """A link or image: its written destination, or the definition its reference label resolved to."""
        link_type = data["link_type"]
        if link_type == "Inline":
            kind = "image" if image else "link"
            text_end = start + 1 + image if previous["start"] == start else previous["end"]
            site = self.source.find("](", self.at.offset(text_end))
            match = syntax.INLINE_DESTINATION.match(self.source, site)
            if match is not None:
                group = "angle" if match.group("angle") is not None else "bare"
                self.links.append(new_link(kind, match.group(group), *self.at.at(match.start(group))))
            elif not data["dest_url"]:  # ``[text]()``: GitHub links the page itself
                self.links.append(new_link(kind, "", *self.at.at(site + 2)))
        elif link_type in REFERENCES:
            label = data["id"]
            definition = self.definitions.get(normalize_label(label))
            target = definition.target if definition is not None else data["dest_url"]
            self.links.append(new_link("reference", target, *self.at.position(start + image), label))
        elif link_type == "Autolink" or link_type == "Email":
            target = data["dest_url"] if link_type == "Autolink" else "mailto:" + data["dest_url"]
            self.links.append(new_link("autolink", target, *self.at.position(start + 1)))

    def code_lines(self) -> list[tuple[int, int]]:
        """The inclusive 1-based lines of each code block: in document order and disjoint, so each line
        break is counted once, in C (``lines`` for each was a tenth of the builder's own time)."""
        at = self.at
        count = at.text.count
        found: list[tuple[int, int]] = []
        line, last = 1, 0
        for span in self.code:
            start, end = at.offset(span["start"]), at.offset(span["end"])
            line += count("\n", last, start)
            last = end - 1 if end > start else start  # the block's last character
            found.append((line, line := line + count("\n", start, last)))
        return found

    def html_block(self, span: Any) -> None:
        """An HTML block, read once for its links, anchors, headings and whether it is a comment."""
        begin = self.at.offset(span["start"])
        source = self.source[begin : self.at.offset(span["end"])]
        self.html(begin, source)
        self.html_heading(begin, source)
        if _COMMENT_START.match(source):
            self.comments.append(self.lines(span))

    def inline_html(self, start: int, end: int) -> None:
        begin = self.at.offset(start)
        self.html(begin, self.source[begin : self.at.offset(end)])

    def html_heading(self, begin: int, source: str) -> None:
        """``<h2>Raw Heading</h2>`` in an HTML block (``source``, at character ``begin``): its text as GitHub's
        anchor filter reads it (the text of every element inside, no ``alt``, entities decoded, trimmed)."""
        if "<h" not in source and "<H" not in source:
            return
        import html

        for match in _HTML_HEADING.finditer(syntax.blank_comments(source)):
            text = html.unescape(_TAG.sub("", match.group(2))).strip()
            line = self.at.at(begin + match.start())[0]
            self.html_headings.append(Heading(int(match.group(1)), text, line, False, match.group()))

    def html(self, begin: int, source: str) -> None:
        """Links (``<a href>``, ``<img src>``) and anchors (``id``, ``<a name>``) in raw HTML (``source``, at
        character ``begin``)."""
        if self.pretests and "=" not in source:
            return
        source = syntax.blank_comments(source)
        for tag in syntax.HTML_ATTR.finditer(source):
            name = tag.group("tag").lower()
            for attr in syntax.ATTR.finditer(tag.group("attrs")):
                key = attr.group(1).lower()
                value = next((v for v in attr.group(3, 4, 5) if v is not None), None)
                if value is None:
                    continue
                offset = begin + tag.start("attrs") + attr.start(2) + (attr.group(5) is None)
                if (key, name) in (("href", "a"), ("src", "img")):
                    self.links.append(new_link("html", value, *self.at.at(offset)))
                elif key == "srcset" and name in ("source", "img"):  # <picture>'s light and dark images
                    for url, at in syntax.srcset(value):
                        self.links.append(new_link("html", url, *self.at.at(offset + at)))
                elif (key == "id" and name not in STRIPPED) or (key, name) == ("name", "a"):
                    self.anchors.append(Anchor(value, *self.at.at(offset)))

    def add_definitions(self, found: dict[str, Any]) -> None:
        """Every reference definition, used or not, with its destination as written."""
        for key, value in found.items():
            begin, end = self.at.offset(value["span"]["start"]), self.at.offset(value["span"]["end"])
            match = syntax.DEFINITION.match(self.source[begin:end])
            if match is None:
                continue
            group = "angle" if match.group("angle") is not None else "bare"
            line, column = self.at.at(begin + match.start(group))
            link = new_link("definition", match.group(group), line, column, match.group("label"))
            self.definitions[normalize_label(key)] = link
            self.links.append(link)
