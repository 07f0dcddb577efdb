"""Inline suppressions, applied by the runner to every check's findings.

In Markdown, inside HTML comments outside code: ``<!-- review-hooks: disable-next-line ID -->``,
``disable ID`` ... ``enable ID``, and ``disable-file ID``. In other text files the same
words follow a comment leader (``#``, ``//``, ``;``, ``--``, ``/*``). Several ids may be
given, separated by commas or spaces; ``all`` names every check. An unknown id is itself
a finding, so a typo cannot silently hide nothing. A directive right after a backtick is an
example quoted in a code span (or an RST literal), not a directive.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from review_hooks.document import Document
from review_hooks.finding import Finding, replace
from review_hooks.pattern import lazy

CHECK_ID = "review-hooks"  # the id on findings about the suppression comments themselves
#: The ids run to the first ``-->`` (white space stripped later): a ``\s*`` before ``-->`` made an
#: unclosed directive followed by a long run of spaces take quadratic time.
_MARKDOWN = lazy(r"<!--\s*review-hooks:\s*(?P<verb>[a-z-]+)(?P<ids>[^>]*?)-->")
_OTHER = lazy(r"(?:#|//|;|--|/\*|<!--)\s*review-hooks:\s*(?P<verb>[a-z-]+)(?P<ids>[\w ,-]*)")
VERBS = ("disable-next-line", "disable-line", "disable", "enable", "disable-file")
MARKERS = ("optional",)  # not suppressions: required-headings' "optional template section" marker


class Directive(NamedTuple):
    verb: str
    ids: tuple[str, ...]
    line: int
    column: int


def directives(document: Document) -> list[Directive]:
    """The suppression comments in a document (none unless it mentions ``review-hooks:``)."""
    if "review-hooks:" not in document.text:
        return []
    pattern = _MARKDOWN if document.is_markdown else _OTHER
    found: list[Directive] = []
    for match in pattern.finditer(document.text):
        if match.start() > 0 and document.text[match.start() - 1] == "`":
            continue  # quoted as an example: `<!-- review-hooks: ... -->`
        line, column = document.position(match.start())
        if match.group("verb") in MARKERS or (document.is_markdown and document.markdown.in_code(line)):
            continue
        ids = tuple(part for part in re.split(r"[\s,]+", match.group("ids").strip()) if part and part != "--")
        found.append(Directive(match.group("verb"), ids, line, column))
    return found


def apply(findings: Iterable[Finding], document: Document, known: Iterable[str]) -> list[Finding]:
    """The findings with ``suppressed`` set where a directive covers them, plus directive errors."""
    found = directives(document)
    findings = list(findings)
    if not found:
        return findings
    known = set(known)
    problems: list[Finding] = []
    whole_file: set[str] = set()
    lines: dict[int, set[str]] = {}
    ranges: list[tuple[str, int, int]] = []  # (id, first line, last line)
    open_since: dict[str, int] = {}
    for directive in found:
        problems.extend(_problems(directive, known))
        ids = set(directive.ids) & (known | {"all"})
        if directive.verb == "disable-file":
            whole_file |= ids
        elif directive.verb == "disable-next-line":
            lines.setdefault(_next_line(document, directive.line), set()).update(ids)
        elif directive.verb == "disable-line":
            lines.setdefault(directive.line, set()).update(ids)
        elif directive.verb == "disable":
            for check_id in ids:
                open_since.setdefault(check_id, directive.line)
        elif directive.verb == "enable":
            for check_id in ids:
                if check_id in open_since:
                    ranges.append((check_id, open_since.pop(check_id), directive.line))
    ranges.extend((check_id, start, len(document.lines)) for check_id, start in open_since.items())

    def covered(finding: Finding) -> bool:
        names = {finding.check, "all"}
        return bool(
            names & whole_file
            or names & lines.get(finding.line, set())
            or any(name in names and start <= finding.line <= end for name, start, end in ranges)
        )

    return [replace(f, suppressed=True) if covered(f) else f for f in findings] + problems


def _next_line(document: Document, line: int) -> int:
    """The line after the directive's comment ends (a comment may span lines)."""
    lines = document.lines
    index = line - 1
    while index < len(lines) and "-->" not in lines[index] and document.is_markdown:
        index += 1
    return index + 2


def _problems(directive: Directive, known: set[str]) -> list[Finding]:
    def problem(message: str) -> Finding:
        return Finding("", directive.line, directive.column, CHECK_ID, message)

    if directive.verb not in VERBS:
        return [problem(f"unknown suppression {directive.verb!r}; use one of {', '.join(VERBS)}")]
    if not directive.ids:
        return [problem(f"suppression '{directive.verb}' names no check; name one of {', '.join(sorted(known))}")]
    return [
        problem(f"unknown check id {name!r} in suppression; known: {', '.join(sorted(known))}")
        for name in directive.ids
        if name not in known and name != "all"
    ]
