"""The written syntax of links, read from source text.

pulldown-cmark decides what is a link and where it is; it decodes destinations, so the text
as the author wrote it is read from the source at the link's range with these patterns
(``events.py``), and the broken-link fast path uses the same patterns to read a superset of
destinations without a parse (``links/candidates.py``): one definition of the syntax, so the
two readings cannot drift apart.
"""

from __future__ import annotations

import re

from review_hooks.pattern import lazy

HTML_ATTR = lazy(
    r"""<(?P<tag>[A-Za-z][\w-]*)(?P<attrs>(?:\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*/?>"""
)
ATTR = lazy(r"""([^\s=>/]+)(?:\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+)))?""")

#: A bare destination takes each run of plain characters at once (possessive ``++``; the three alternatives
#: start with different characters and nothing follows the group, so it reads exactly what one character
#: at a time read, five times faster on a long URL: ``tests/markdown/syntax_test.py``).
DESTINATION = r"""(?:<(?P<angle>[^<>\n]*)>|(?P<bare>(?:[^\s()\\]++|\\.|\((?:\\.|[^\s()\\])*\))+))"""
INLINE_DESTINATION = re.compile(r"\]\(\s*" + DESTINATION)
DEFINITION = lazy(
    r"^(?:[ \t]*(?:>[ \t]?|[-*+][ \t]+|\d{1,9}[.)][ \t]+))*[ \t]*\[(?P<label>(?:\\.|[^\[\]\\])+)\]:[ \t]*\n?[ \t]*"
    + DESTINATION,
    re.MULTILINE,
)
_SPACE = " \t\n\r\f"


def srcset(value: str) -> list[tuple[str, int]]:
    """The URLs of a ``srcset`` attribute and where each starts in it, read as HTML reads them: a candidate is a
    URL and optional descriptors (``dark.png 1x, dark@2x.png 2x``) up to a comma; a URL ending in commas ends
    its candidate there."""
    found: list[tuple[str, int]] = []
    at, end = 0, len(value)
    while at < end:
        while at < end and (value[at] in _SPACE or value[at] == ","):
            at += 1
        start = at
        while at < end and value[at] not in _SPACE:
            at += 1
        url = value[start:at]
        if url.endswith(","):
            url = url.rstrip(",")
        else:  # its descriptors, up to the comma that ends the candidate
            while at < end and value[at] != ",":
                at += 1
        if url:
            found.append((url, start))
    return found


ESCAPE = lazy(r"\\([!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])")


def blank_comments(source: str) -> str:
    """``source`` with HTML comments blanked out; an unclosed comment runs to the end (linear time)."""
    parts: list[str] = []
    cursor = 0
    while (start := source.find("<!--", cursor)) >= 0:
        end = source.find("-->", start + 4)
        end = len(source) if end < 0 else end + 3
        parts += [source[cursor:start], " " * (end - start)]
        cursor = end
    parts.append(source[cursor:])
    return "".join(parts)


def unescape(raw: str) -> str:
    import html

    return html.unescape(ESCAPE.sub(r"\1", raw))
