"""A template's sections, and which of them it marks optional in its own words (for required-headings).

Real templates rarely carry our marker; they say it in words, and a check that ignores the words
reports every optional section a document left out. A section is optional when its template says
so in one of these places:

- ``<!-- review-hooks: optional -->`` (ours), or any HTML comment that says it is optional
  (``<!-- optional -->``, ``<!-- This section is optional -->``, ``<!-- This is an optional
  element. Feel free to remove. -->``): on the heading line, or on lines of its own just before
  the heading (blank lines between allowed) or as the section's first content (at the end of a
  list item, ``* Status: ... <!-- optional -->``, it speaks of the item);
- the heading itself: ``## Links (optional)``, ``[optional]``, ``(if applicable)``, ``(if appropriate)``,
  ``- optional``, ``: optional`` or ``Optional: Links`` (the section is then named ``Links``);
- the section's first paragraph, quoted or emphasised or not: ``> Optional, but suggested for first
  drafts.``, ``*Optional:* ...``, ``(Optional) ...``, ``This section is optional.``, or ``Omit this
  section if it's not applicable.`` on its second line.

A heading that is a placeholder the author replaces (``## {title of option 1}``, ``## <Topic
Name>``, ``## 4. [Component]``) is no section at all.

"Says it is optional": the text starts with the word ``optional`` followed by punctuation or
nothing (``Optional parameters are ...`` is prose about the content, not about the section), or
with a sentence ``this ... is (an) optional ...``; or, anywhere in it, a sentence ``this/the
(...) section is optional``, ``this is an optional section/element`` or ``this/the (...) section
may/can be omitted/removed/skipped/deleted/left out`` (as in ``<!-- Describe it. This section is
optional. -->``), or the imperative with a condition or a permission (``omit this section if ...``,
``you may skip this section``, ``feel free to delete this section``); ``not optional`` never is. A comment between
two headings, separated from both by blank lines and text, speaks of the content around it, not
of a section.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from review_hooks.config import ConfigError
from review_hooks.pattern import lazy

if TYPE_CHECKING:
    from review_hooks.document import Document

HEADINGS_SOURCE = "its headings list"
_COMMENT = lazy(r"<!--(.*?)-->", re.S)
# The patterns that read a template file are compiled on its first read (``re``'s cache), not at the
# start-up of every hook run: most configurations list their headings, and compiling these took 2-4 ms.
_SAYS_OPTIONAL = (  # at the start: "optional", "Optional, but ...", "This section is optional"; the word alone
    # in the languages of real templates too (adr-tools' French one: ``<!-- facultatif -->``)
    r"^[\W_]*(?:review-hooks:\s*)?(?:(?:optional|facultati(?:f|ve)|optionnel(?:le)?|opcional|opzionale|可选)"
    r"(?:\s+(?:section|element|part|heading|subsection))?[\W_]*"
    r"(?:[,.:;!)\]—–-]|$)|this\s+(?:[\w-]+\s+){0,4}is\s+(?:an?\s+|entirely\s+|completely\s+)?optional\b)"
)
_SECTION = r"(?:section|element|part|heading|subsection|chapter)"
_SAYS_OPTIONAL_WITHIN = (  # anywhere: "... Describe X. This section is optional." or "... may be omitted"
    rf"\b(?:this|the)\s+(?:[\w-]+\s+){{0,3}}?{_SECTION}\s+(?:is|are)\s+(?:an?\s+|entirely\s+|completely\s+|also\s+)?"
    rf"optional\b|\bthis\s+is\s+an?\s+optional\s+{_SECTION}\b|\b(?:this|the)\s+(?:[\w-]+\s+){{0,3}}?{_SECTION}\s+"
    r"(?:may|can)\s+be\s+(?:omitted|removed|skipped|deleted|left\s+out)\b"
    # the imperative, with a condition or a permission: "Omit this section if it's not applicable.",
    # "You may skip this section.", "Feel free to delete this section." ("remove this comment" is no section)
    rf"|\b(?:omit|skip|remove|delete|drop)\s+(?:this|the)\s+(?:[\w-]+\s+){{0,3}}?{_SECTION}\s+"
    r"(?:if|when|unless|where|in\s+case)\b"
    rf"|\b(?:you\s+(?:may|can)|feel\s+free\s+to)\s+(?:omit|skip|remove|delete|drop)\s+(?:this|the)\s+"
    rf"(?:[\w-]+\s+){{0,3}}?{_SECTION}\b"
)
_PLACEHOLDER = r"^(?:\d{1,3}(?:\.\d{1,3})*[.)]?\s+)?(?:\{[^{}]*\}|<[^<>]*>|\[[^\[\]]*\])$"
_IN_HEADING = (  # "## Links (optional)", "## Links [if applicable]", "## Links - optional", "## Optional: X"
    r"\s*[(\[]\s*(?:optional|if\s+(?:applicable|any|needed|relevant|appropriate|necessary|available))\s*[)\]]\s*"
    r"|(?:\s*:|\s+[-–—])\s*optional\s*$"
    r"|^\s*optional\s*[-–—:]\s+"
)


class Requirement(NamedTuple):
    names: tuple[str, ...]  # the name and its aliases, as written (without hashes)
    level: int | None  # None: any level
    source: str  # the template path as configured, or HEADINGS_SOURCE

    @property
    def shown(self) -> str:
        from review_hooks.mojibake.repair import repaired_text

        name = repaired_text(self.names[0])
        return f"{'#' * self.level} {name}" if self.level else name


class Template:
    """A configured template file; its sections are read once, when first asked for (a plain class, not a
    dataclass: see ``finding.Finding``; equal when its location, wording and levels are)."""

    def __init__(self, location: Path, shown: str, levels: tuple[int, ...]) -> None:
        self.location = location
        self.shown = shown  # as configured
        self.levels = levels  # () when not configured: see ``section_levels``

    def _key(self) -> tuple[Path, str, tuple[int, ...]]:
        return self.location, self.shown, self.levels

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Template) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"Template(location={self.location!r}, shown={self.shown!r}, levels={self.levels!r})"

    @property
    def sections(self) -> tuple[tuple[Requirement, bool], ...]:
        """The template's headings at ``levels`` in order, each with whether the template marks it optional;
        ConfigError if the template cannot be read or requires nothing."""
        return self._outline[0]

    @property
    def titled(self) -> bool:
        """Whether the template opens with a level-1 title above sections of deeper levels (``# Title``, which
        each document replaces with its own): a document's title is then no section (``order.title``)."""
        return self._outline[1]

    @cached_property
    def _outline(self) -> tuple[tuple[tuple[Requirement, bool], ...], bool]:
        """``sections`` and ``titled``, from one reading of the template."""
        from review_hooks import files
        from review_hooks.config import Config

        # read as every document is read: size limit, binary sniffing, decoding (a template is Markdown
        # whatever its name)
        document = files.read(files.Target(self.shown, self.location), Config(None, self.location.parent,
                                                                               markdown_extensions=("",)), None)
        if isinstance(document, files.Skip):
            reason = document.reason.removeprefix("skipped: ")
            raise ConfigError("template", f"cannot use template {self.shown!r}: {reason}; "
                                          "point it at a Markdown text file")
        _unconflicted(document, self.shown)
        optional = optional_lines(document)
        levels = self.levels or section_levels(document)
        found = []
        for heading in document.markdown.headings:
            name = re.sub(_IN_HEADING, " ", heading.text, flags=re.IGNORECASE).strip()
            if heading.level in levels and name and not _placeholder(heading.source, name):
                found.append((Requirement((name,), heading.level, self.shown), heading.line in optional))
        if all(is_optional for _, is_optional in found):
            shown = ", ".join(str(level) for level in levels)
            raise ConfigError("template", f"template {self.shown!r} has no required heading at template-levels "
                                          f"[{shown}], so nothing would be required; fix the template or its levels")
        headings = document.markdown.headings
        return tuple(found), bool(headings) and headings[0].level == 1 and 1 not in levels


def _unconflicted(document: Document, shown: str) -> None:
    """ConfigError for a template that holds an unresolved merge conflict outside code: its sections would be
    both sides' headings and the markers' lines (``missing required heading "# <<<<<<< HEAD"``)."""
    from review_hooks.checks.conflict_regions import unresolved

    real = unresolved(document)
    if real:
        raise ConfigError("template", f"template {shown!r} holds an unresolved merge conflict at line {real[0]}; "
                                      "resolve it first")


def _placeholder(source: str, name: str) -> bool:
    """Whether a template heading is a placeholder the author replaces (``## {title of option 1}``,
    ``## <Topic Name>``, ``## 4. [Component]``), not a section every document has."""
    from review_hooks.checks.required_headings.heading_text import normalized

    return bool(re.match(_PLACEHOLDER, source.strip().strip("#").strip())) or not normalized(name)


def section_levels(document: Document) -> tuple[int, ...]:
    """The level of a template's sections when ``template-levels`` is not given: 2 (a ``# Title`` and its
    ``##`` sections), unless the template has several level-1 headings and fewer level-2 ones (sections
    written ``# Summary``, ``# Motivation``, ... with a few ``##`` subsections): then 1."""
    counts = Counter(h.level for h in document.markdown.headings if h.text.strip())
    return (1,) if counts[1] > 1 and counts[1] > counts[2] else (2,)


def says_optional(text: str) -> bool:
    """Whether ``text`` (a comment's text or a section's first line) says that its section is optional."""
    text = " ".join(text.split())
    return bool(re.match(_SAYS_OPTIONAL, text, re.IGNORECASE) or re.search(_SAYS_OPTIONAL_WITHIN, text, re.IGNORECASE))


def optional_lines(document: Document) -> set[int]:
    """The lines of the headings that ``document`` (a template) marks optional in its own words."""
    structure = document.markdown
    lines = [line.rstrip("\r") for line in document.lines]
    starts = sorted(h.line for h in structure.headings)
    ends = {h.line: h.line + h.setext for h in structure.headings}  # a setext heading's underline is part of it
    marked: set[int] = set()
    for heading in structure.headings:
        said = any(says_optional(m.group(1)) for m in _COMMENT.finditer(heading.source))
        if said or re.search(_IN_HEADING, heading.text, re.IGNORECASE):
            marked.add(heading.line)
        first = _first_paragraph(lines, heading.line + heading.setext, starts)
        if first is not None and not first.lstrip().startswith("<!--") and says_optional(first):
            marked.add(heading.line)
    for comment in _COMMENT.finditer(document.text):
        start, first = document.position(comment.start())
        end, after = document.position(comment.end())
        # on lines of its own: "* Status: ... <!-- optional -->" marks a list item, not a section
        alone = not lines[start - 1][: first - 1].strip() and not lines[end - 1][after - 1 :].strip()
        if not alone or start in starts or structure.in_code(start) or not says_optional(comment.group(1)):
            continue
        owner = _owner(lines, (start, end), starts, ends)
        if owner is not None:
            marked.add(owner)
    return marked


def _first_paragraph(lines: list[str], after: int, starts: list[int]) -> str | None:
    """The first paragraph after line ``after`` (1-based), its lines joined, unless the next heading comes
    first: a template says "Omit this section if ..." as often on the paragraph's second line as on its first."""
    found: list[str] = []
    for number in range(after + 1, len(lines) + 1):
        if number in starts or (found and not lines[number - 1].strip()):
            break
        if lines[number - 1].strip():
            found.append(lines[number - 1])
    return "\n".join(found) or None


def _owner(lines: list[str], comment: tuple[int, int], starts: list[int], ends: dict[int, int]) -> int | None:
    """The heading a comment on lines ``start``..``end`` speaks of: the next heading when the comment sits
    right on it, else the previous heading when the comment is its section's first content, else the
    next heading when the comment is the last content before it; None in the middle of a section."""
    start, end = comment
    following = next((line for line in starts if line > end), None)
    previous = next((line for line in reversed(starts) if line < start), None)

    def blank(first: int, last: int) -> bool:
        return all(not lines[n - 1].strip() for n in range(first, last + 1))

    if following == end + 1:
        return following
    if previous is not None and blank(ends[previous] + 1, start - 1):
        return previous
    if following is not None and blank(end + 1, following - 1):
        return following
    return None
