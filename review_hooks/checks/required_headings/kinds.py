"""Kinds of review: what each requires, which kind a document is, and which documents are no review at all
(for required-headings).

A kind selects a document when **all** of the selectors it has match: ``files`` (a glob matches the
path), ``front-matter`` (every key has one of its values) and ``title`` (the regex finds the first H1).
With only one selector, that one decides; the first kind that selects the document is its kind.

Front matter compares as YAML reads it, never loosely: a string matches the same string, case
included (``type = "meta"`` does not select ``type: Meta``), or a date YAML reads from
``2024-07-01``; a number matches the same number and a boolean the same boolean (YAML 1.1:
``draft: yes`` is true); ``2`` and ``"2"`` differ. A list on either side matches when one item does.

A stub is not a review: a document whose front matter says it moved (``status: Moved``, any case,
or a ``redirect_to``/``moved-to`` key), or whose only line, besides front matter, comments and a
title, holds a link and says so (``Moved to [the new place](new.md).``; a document of that single
line needs no words). ``stubs = false`` checks them like any document; a kind with ``headings =
[]`` can claim other documents and require nothing.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from functools import cached_property
from typing import TYPE_CHECKING

from review_hooks.checks.required_headings.template import Requirement, Template
from review_hooks.config import ConfigError, glob_match
from review_hooks.pattern import lazy

if TYPE_CHECKING:
    from review_hooks.document import Document
    from review_hooks.markdown.structure import Structure

Scalar = str | int | float | bool
_MOVED_KEYS = ("redirect_to", "redirect-to", "moved_to", "moved-to")
_LINK = lazy(r"\]\(|\]\[|<https?://|https?://\S")
_MOVED_WORDS = lazy(r"\b(?:moved|redirect\w*|relocated|now (?:lives|lies|at|in))\b", re.IGNORECASE)
_COMMENT = lazy(r"<!--.*?-->", re.S)


class Kind:
    """A kind of review, as configured; its sections are worked out once, when first asked for (a plain
    class, not a dataclass: see ``finding.Finding``; equal when every field is)."""

    def __init__(self, name: str, files: tuple[str, ...] = (),
                 front_matter: tuple[tuple[str, tuple[Scalar, ...]], ...] = (), title: re.Pattern[str] | None = None,
                 template: Template | None = None, headings: tuple[Requirement, ...] = (),
                 aliases: tuple[tuple[str, tuple[str, ...]], ...] = (), everything: bool = False) -> None:
        self.name = name
        self.files = files
        self.front_matter = front_matter  # key -> the values it may have
        self.title = title
        self.template = template
        self.headings = headings
        self.aliases = aliases  # section name -> more names for it
        self.everything = everything  # the kind of a bare ``template``: every document checked

    def _key(self) -> tuple[object, ...]:
        return (self.name, self.files, self.front_matter, self.title, self.template, self.headings, self.aliases,
                self.everything)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Kind) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"Kind(name={self.name!r}, files={self.files!r}, template={self.template!r})"

    @cached_property
    def sections(self) -> tuple[tuple[Requirement, bool], ...]:
        """The template's sections (optional ones flagged), then the listed headings. A listed heading that
        names a template section makes it required where the template has it (an optional one too) and adds
        its aliases; ``aliases`` add names to a section without restating it."""
        from review_hooks.checks.required_headings.heading_text import normalized

        found = list(self.template.sections if self.template else ())
        for extra in self.headings:
            same = _section(found, extra.names)
            if same is None:
                found.append((extra, False))
            else:
                known = found[same][0]
                aliases = tuple(n for n in extra.names if n not in known.names)
                found[same] = (Requirement(known.names + aliases, known.level, known.source), False)
        for name, aliases in self.aliases:
            same = _section(found, (name,))
            if same is None:
                raise ConfigError(f"aliases.{name}", f"no section {name!r} in this kind's template or headings; "
                                  f"its sections: {', '.join(repr(r.names[0]) for r, _ in found)}")
            known, optional = found[same]
            added = tuple(a for a in aliases if normalized(a) not in {normalized(n) for n in known.names})
            found[same] = (Requirement(known.names + added, known.level, known.source), optional)
        return tuple(found)

    def selects(self, relative: str | None, document: Document) -> bool:
        """Whether every selector of this kind matches the document (parsed only if one needs it)."""
        if self.everything:
            return True
        if self.files and (relative is None or not any(glob_match(p, relative) for p in self.files)):
            return False
        if self.front_matter:
            front = document.markdown.front_matter
            if front is None or not all(k in front and any(same(front[k], v) for v in values)
                                        for k, values in self.front_matter):
                return False
        return self.title is None or ((title := _title(document.markdown)) is not None
                                      and self.title.search(title) is not None)


def unreadable_front_matter(kinds: Sequence[Kind], document: Document) -> tuple[int, str] | None:
    """Where and why the document's front matter is no YAML mapping, when a kind selects by front matter (its kind
    cannot be told: ``created: 2024-13-45``, a tab indent); None otherwise (no such kind, no front matter, or
    front matter that reads)."""
    if not any(kind.front_matter for kind in kinds) or not document.text.startswith("---"):
        return None  # no parse: no kind reads front matter, or there is none (it opens the file)
    return document.markdown.front_matter_problem


def kind_of(kinds: Sequence[Kind], relative: str | None, document: Document) -> Kind | None:
    """The first kind that selects the document."""
    return next((kind for kind in kinds if kind.selects(relative, document)), None)


def same(found: object, wanted: Scalar) -> bool:
    """Whether the front matter's ``found`` (as YAML read it) is the configured ``wanted`` (as TOML read it): a
    list holds it among its items (one level: YAML's ``&x [*x]`` is a list that holds itself)."""
    if isinstance(found, list):
        return any(same(item, wanted) for item in found if not isinstance(item, list))
    if isinstance(wanted, bool) or isinstance(found, bool):
        return isinstance(found, bool) and isinstance(wanted, bool) and found == wanted
    if isinstance(wanted, str):
        if isinstance(found, datetime.date):  # YAML reads 2024-07-01 as a date
            return wanted in (found.isoformat(), str(found))
        return isinstance(found, str) and found == wanted
    return isinstance(found, int | float) and found == wanted


def stub(document: Document) -> bool:
    """Whether the document only says where it went (see the module docstring)."""
    structure = document.markdown
    if _may_say_moved(structure.front_matter_text):
        front = structure.front_matter or {}
        status = front.get("status")
        if (isinstance(status, str) and status.strip().casefold() == "moved") or any(k in front for k in _MOVED_KEYS):
            return True
    skip = set(range(structure.front_matter_lines[0], structure.front_matter_lines[1] + 1)
               if structure.front_matter_lines else ())
    titles = {h.line for h in structure.headings if h.level == 1}
    if len(structure.headings) > len(titles):  # a heading besides the titles: a document, not a stub
        return False
    body = [line for number, line in enumerate(_COMMENT.sub(_blank_lines, document.text).split("\n"), 1)
            if line.strip() and number not in skip and number not in titles]
    if len(body) != 1 or not _LINK.search(body[0]):
        return False
    return not titles or bool(_MOVED_WORDS.search(body[0]))


def _may_say_moved(front: str | None) -> bool:
    """Whether front matter may hold a ``status`` or moved key: a YAML key is written out in the text,
    unless an escape (``"st\\x61tus"``) spells it. Most front matter does not, and is never read as YAML
    (a scan without front-matter selectors then never imports the YAML library)."""
    return front is not None and ("\\" in front or "status" in front or any(k in front for k in _MOVED_KEYS))


def _blank_lines(comment: re.Match[str]) -> str:
    """A comment replaced by as many line breaks, so that line numbers stay."""
    return "\n" * comment.group().count("\n")


def _section(found: list[tuple[Requirement, bool]], names: tuple[str, ...]) -> int | None:
    """Where the section named by one of ``names`` is among ``found`` (a required one first), or None."""
    from review_hooks.checks.required_headings.heading_text import normalized

    wanted = {normalized(n) for n in names}
    named = [i for i, (r, _) in enumerate(found) if wanted & {normalized(n) for n in r.names}]
    return min(named, key=lambda i: (found[i][1], i), default=None)


def _title(structure: Structure) -> str | None:
    """The first H1, repaired."""
    from review_hooks.mojibake.repair import repaired_text

    h1 = next((h for h in structure.headings if h.level == 1), None)
    return repaired_text(h1.text) if h1 else None
