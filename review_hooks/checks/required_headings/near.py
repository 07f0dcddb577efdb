r"""Why a required heading was not found although its text is in the document (for required-headings).

Near-misses, best first, each with its real cause and remedy: ``#Approval`` (no space after
``#``); ``####### Approval`` (more than six ``#``); ``\## Approval`` (the ``#`` is escaped);
a well-formed ``## Approval`` that CommonMark does not read as a heading, because it is inside
an HTML block (``<details>`` with no blank line before the heading: the block runs to the next
blank line) or indented four spaces into the paragraph above; then a prose or bold line
holding exactly the name and standing on its own (it starts a block and does not end a sentence:
not the tail ``Alternatives.)`` of a wrapped paragraph; not a list item or table row); a heading-like line inside a code
block; one inside an HTML comment. All but the last two are reported where they are (the fix
is there); those two only add a note to the finding at the place the heading belongs.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from review_hooks.checks.required_headings.heading_text import matches, normalized
from review_hooks.checks.required_headings.template import Requirement
from review_hooks.document import Document
from review_hooks.pattern import lazy

_HASHED = lazy(r"^\s*(#+)(.*)$")
_ESCAPED = lazy(r"^ {0,3}\\#")  # \## Name: the backslash makes the '#' literal
_INDENT = lazy(r"^(?: {4}| {0,3}\t)")  # four columns: a paragraph's continuation, not a heading
_HTML_START = lazy(r"^ {0,3}<(?:/?[A-Za-z][A-Za-z0-9-]*(?:[\s/>]|$)|\?|![A-Za-z]|!\[CDATA\[)")
_LIST_OR_TABLE = lazy(r"^\s*(?:[-*+]\s|\d{1,9}[.)]\s|\|)")  # a list item or table row is not a would-be heading
_BLOCK_END = lazy(r"^(?:#{1,6}(?:\s.*)?|[-*_](?:\s*[-*_]){2,}|=+|.*-->)$")  # heading, rule, comment end
_WORD = lazy(r"[a-z0-9]{3,}")
_LONGEST_LINE = 200  # a longer line is prose, not a would-be heading


class NearMiss(NamedTuple):
    line: int
    message: str
    here: bool  # report the finding at this line (the fix is here), not where the heading belongs


def near_miss(document: Document, requirement: Requirement, exact: bool) -> NearMiss | None:
    """The best explanation of why ``requirement`` has no heading, or None."""
    structure = document.markdown
    heading_lines = {h.line for h in structure.headings}
    skip = set(heading_lines)
    if structure.front_matter_lines:
        first, last = structure.front_matter_lines
        skip.update(range(first, last + 1))
    names = [n.strip() if exact else normalized(n) for n in requirement.names]
    words = [max(_WORD.findall(n.casefold()), key=len, default="") for n in names]
    best: tuple[int, int, NearMiss] | None = None
    for number, raw in enumerate(document.lines, 1):
        line = raw.rstrip("\r")
        folded = line.casefold()
        if number in skip or len(line) > _LONGEST_LINE or not any(w in folded for w in words):
            continue
        hashed = _HASHED.match(line)
        if hashed is None and (_LIST_OR_TABLE.match(line) or not _on_its_own(document, number, line, heading_lines)):
            continue
        text = hashed.group(2) if hashed else line
        key = text.strip() if exact else normalized(text)
        if not key or not any(key == n or (hashed is not None and not exact and matches(key, n)) for n in names):
            continue
        found = _classify(document, number, line, hashed, requirement)
        if best is None or (found[0], number) < best[:2]:
            best = (found[0], number, found[1])
    return best[2] if best else None


def _on_its_own(document: Document, number: int, line: str, heading_lines: set[int]) -> bool:
    """Whether a prose line could be meant as a heading: it starts a block (the line above is blank, a heading,
    a rule or a comment, or there is none) and reads as a title, not as the end of a sentence (``Approval``,
    ``**Approval:**``, never ``Alternatives.)``, the tail of a wrapped paragraph)."""
    above = document.lines[number - 2].strip() if number > 1 else ""
    if above and not _BLOCK_END.match(above) and number - 1 not in heading_lines:
        return False
    text = line.strip().strip("*_").strip()
    return not text.endswith((".", ",", ";")) and text.count("(") >= text.count(")")


def _classify(document: Document, number: int, line: str, hashed: re.Match[str] | None,
              requirement: Requirement) -> tuple[int, NearMiss]:
    structure = document.markdown
    if structure.in_code(number):
        if _INDENT.match(line) and _indented_code(document, number):  # ``    ## Name`` after a blank line
            return 1, NearMiss(number, f"line {number} has {quoted(line.strip())}, which is not a heading (it is "
                                       "indented four spaces or more, which makes it a code block; remove the "
                                       "indentation)", True)
        return 3, NearMiss(number, f"found only inside a code block (line {number})", False)
    if structure.in_comment(number):
        return 4, NearMiss(number, f"found only inside an HTML comment (line {number})", False)
    written = f"line {number} has {quoted(line.strip())}, which is not a heading"
    if hashed is None and _ESCAPED.match(line):
        return 1, NearMiss(number, f"{written} (the '#' is escaped; remove the backslash)", True)
    if hashed is not None and len(hashed.group(1)) > 6:
        return 1, NearMiss(number, f"{written} (use at most six '#')", True)
    if hashed is not None and hashed.group(2)[:1] not in ("", " ", "\t"):
        return 1, NearMiss(number, f"{written} (add a space after '#')", True)
    if hashed is not None:  # well-formed, yet not parsed as a heading: something before it holds it
        return 1, NearMiss(number, f"{written} ({_held(document, number, line)})", True)
    shown = requirement.shown if requirement.level else f"## {requirement.shown}"
    return 2, NearMiss(number, f"{written} (make it one: {quoted(shown)})", True)


def _indented_code(document: Document, number: int) -> bool:
    """Whether the code block holding line ``number`` is indented code, not fenced: its first line is indented
    four columns (a fence opens at most three in: ``    ```` is an indented line of code, not a fence)."""
    first = next((start for start, end in document.markdown.code if start <= number <= end), number)
    return bool(_INDENT.match(document.lines[first - 1]))


def _held(document: Document, number: int, line: str) -> str:
    """Why a well-formed ``## Name`` line at ``number`` is not a heading, and the remedy."""
    if _INDENT.match(line):
        return "it is indented four spaces or more, so it continues the paragraph above; remove the indentation"
    start = None
    for above in range(number - 1, 0, -1):  # an HTML block runs from its start tag to the next blank line
        text = document.lines[above - 1].rstrip("\r")
        if not text.strip():
            break
        if _HTML_START.match(text):
            start = above
    if start is not None:
        tag = quoted(document.lines[start - 1].strip(), 30)
        return (f"it is inside an HTML block that starts at line {start} ({tag}) and runs to the next blank line; "
                f"add a blank line before line {number}")
    return "the lines just before it keep it from being one; put a blank line before it"


def quoted(text: str, limit: int = 60) -> str:
    """``text`` in double quotes, shortened to ``limit`` characters."""
    shown = text if len(text) <= limit else text[: limit - 1] + "…"
    return '"' + shown.replace('"', '\\"') + '"'
