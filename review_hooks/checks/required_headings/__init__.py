r"""required-headings: each kind of review keeps its required sections, from a list or from its template.

**What it does.** Chooses the kind of each Markdown document (the first configured kind whose
``files`` globs, ``front-matter`` pairs and ``title`` regex all match; see ``kinds.py``) and
reports every required heading it lacks, at the line where it belongs, naming the kind and where the
requirement comes from::

    r.md:41:1: required-headings missing required heading "## Test Results" (kind review-report,
    from templates/review-report-template.md); insert before line 41 ("## Lessons Learned")

A missing section belongs before the next template section the document has (optional ones
included), else right after the previous one's section, else at the end (past the document's
own headings only for a template's last section): the advice keeps the document in template
order. When the text is there but is
not a heading, the finding names the real cause: ``line 19 has "#Approval", which is not a
heading (add a space after '#')``; an escaped ``\#``; an HTML block (``<details>`` with no
blank line before the heading) swallowing the line; four spaces of indentation; or ``found
only inside a code block (line 12)``. Headings out of the required order (the advice quotes
the document's own heading) or at the wrong level are separate findings under their own
policies, never counted as missing; under ``"warn"`` the line says ``warning:``.

**Why.** Review templates (numbered sections from "1. Executive Summary" to "Approval") only
help if reviews keep their sections. markdownlint's MD043 compares exact text, so numbering,
emoji, mojibake and qualifiers such as ``(Must Fix Before Production)`` all fail, and it stops
at the first mismatch; nothing else checks a document against its template.

**Matching.** Only real headings count (ATX and setext, also an accidental setext heading made
by ``---`` under text); code blocks, comments, front matter, bold lines and ``#NoSpace`` do not.
``match = "normalized"`` (default) compares both sides after mojibake repair (of the whole document,
the repair ``fix-mojibake`` writes), NFKC, white-space
collapsing, folding typographic apostrophes and quotes (``’`` is ``'``), stripping leading and
trailing emoji, symbols and punctuation and leading numbering (``1.``, ``2.1``, ``4 -``,
``Section 4:``, keycap emoji ``1️⃣``), and case folding; a heading may add a qualifier
after the name (`` (``, `` - ``, `` – ``, `` — ``, ``: ``, `` [``). ``match = "exact"`` compares
text as written. A combined heading (``## Motivation and Summary``, parts joined by ``and``,
``&``, ``/`` or ``,``) counts for each section its parts name, at its own position (normalized
matching only; see ``heading_text.parts``).

**Options** (``[required-headings]``): ``exclude`` (globs), ``match``, ``order`` (false,
``"warn"``, ``"error"``), ``level`` (``"any"``, ``"exact"``: the required level, ``"at-most"``:
that level or a higher one), ``stubs`` (default true: documents that only say where they went,
``status: Moved`` or a one-line redirect, are not checked), and ``[[required-headings.kind]]``
tables with ``name``, ``files``, ``front-matter`` (values or lists of values, compared as YAML
reads them, case included), ``title``, ``template``, ``template-levels`` (default ``[2]``, or
``[1]`` for a template of ``# Summary`` sections), ``headings`` (``"## Name"``, ``"A | B"`` for
aliases; ``[]``: the kind claims its documents and requires nothing) and ``aliases`` (``{
"Rationale and alternatives" = ["Alternatives"] }``: more names for a template section). A scan
of the whole configured tree warns of a kind that no file is. A template's sections are its
headings at ``template-levels``; a section the template marks optional is not required: by
``<!-- review-hooks: optional -->`` or by its own words (``<!-- optional -->``, ``<!-- This
section is optional -->`` on or just before the heading, ``## Links (optional)``, a first line
``> Optional, but ...``; see ``template.py``); a template that is missing, a directory, binary,
or has no required heading at its levels is a configuration error. Zero configuration:
``review-hooks check-headings --template T FILE...`` (or a top-level ``template`` key) checks
every given file against ``T`` (found in the configuration file's folder, else the current
folder), before any configured kind.

**One finding per missing section**, never one per document: each carries its own place, and
suppressions and the baseline work per section.

**Fix safety.** No fix: the missing section's content has to be written by a person.

**Limits.** A file with merge-conflict markers is skipped (both sides hold headings; the
conflict-markers check reports it). A heading written as HTML (``<h2>``) does not count.
"""

from __future__ import annotations

import os
import weakref
from collections.abc import Collection, Iterator
from pathlib import Path

from review_hooks.check import Check, CliOption, Context
from review_hooks.checks import conflict_regions
from review_hooks.checks.required_headings.config import Settings, configure
from review_hooks.checks.required_headings.kinds import Kind, kind_of, stub, unreadable_front_matter
from review_hooks.checks.required_headings.near import near_miss, quoted
from review_hooks.checks.required_headings.order import (
    anchors,
    in_order,
    matched,
    place,
    required_positions,
    source,
    title,
)
from review_hooks.checks.required_headings.template import HEADINGS_SOURCE, Requirement
from review_hooks.config import glob_match
from review_hooks.document import Document
from review_hooks.finding import Finding
from review_hooks.paths import relative_to
from review_hooks.pattern import lazy

ID = "required-headings"
_KIND_HEADER = lazy(r"^\s*\[\[\s*(?:tool\.review-hooks\.)?required-headings\.kind\s*\]\]")


def find(document: Document, context: Context) -> Iterator[Finding]:
    settings: Settings = context.settings(ID, configure)
    kind = _kind(document, settings)
    if kind is None and (unread := _unread(document, settings)):
        yield Finding(line=unread[0], column=1, message=f"front matter cannot be read as YAML ({unread[1]}), so "
                      "which kind of review this is cannot be told; correct the front matter")
    if kind is None or conflict_regions.unresolved(document):
        return
    if settings.match != "exact":
        document = _repaired(document)
    yield from _findings(document, kind, settings)


def _kind(document: Document, settings: Settings) -> Kind | None:
    """The document's kind: None when nothing is configured, or it is excluded, a stub, or of no kind.
    ``find`` and then ``tally`` ask for the same document: the answer is kept for the second, as long as
    the document lives."""
    if not settings.kinds:
        return None
    kept = _kinds.get(document)
    if kept is not None and kept[0] is settings:
        return kept[1]
    kind = _new_kind(document, settings)
    _kinds[document] = (settings, kind)
    return kind


#: each document's settings and kind, while the document lives (``find`` and ``tally`` ask in turn)
_kinds: weakref.WeakKeyDictionary[Document, tuple[Settings, Kind | None]] = weakref.WeakKeyDictionary()


def _unread(document: Document, settings: Settings) -> tuple[int, str] | None:
    """``unreadable_front_matter`` of a Markdown document this check is not told to leave out."""
    if not document.is_markdown or not settings.kinds or _excluded(document, settings)[0]:
        return None
    return unreadable_front_matter(settings.kinds, document)


def _excluded(document: Document, settings: Settings) -> tuple[bool, str | None]:
    """Whether the check's ``exclude`` leaves the document out, and its path relative to the configuration."""
    relative = relative_to(document.location, settings.base)
    return relative is not None and any(glob_match(p, relative) for p in settings.exclude), relative


def _new_kind(document: Document, settings: Settings) -> Kind | None:
    excluded, relative = _excluded(document, settings)
    if excluded:
        return None
    kind = kind_of(settings.kinds, relative, document)
    return None if kind is None or (settings.stubs and stub(document)) else kind  # parsed for a kind's file only


def tally(document: Document, context: Context) -> str | None:
    """Which configured kind the document is, by its place in the configuration (two kinds may share a name),
    for ``conclude``."""
    settings: Settings = context.settings(ID, configure)
    kind = _kind(document, settings)
    return next((str(n) for n, k in enumerate(settings.kinds) if k is kind), None) if kind is not None else None


def conclude(context: Context, seen: Collection[str]) -> Iterator[Finding]:
    """After a scan of the whole configured tree: a warning for each kind that no document is (``seen``:
    the kinds the documents are). Such a kind checks nothing, which a green run would hide."""
    settings: Settings = context.settings(ID, configure)
    source = context.config.source
    path = os.path.relpath(source).replace(os.sep, "/") if source is not None else ""  # as scan shows paths
    declared = _kind_lines(source) if source is not None else []
    configured = [(str(n), kind) for n, kind in enumerate(settings.kinds) if not kind.everything]
    for index, (key, kind) in enumerate(configured):
        if key in seen or not path:
            continue
        line = declared[index] if index < len(declared) else 1
        selectors = _selectors(kind)
        notes = (["a file must match all of them"] if len(selectors) > 1 else []) + (
            ["front-matter values compare exactly, case included"] if kind.front_matter else [])
        yield Finding(path=path, line=line, severity="warning", message=(
            f"kind {quoted(kind.name)} matched no file in this scan; check its {' and '.join(selectors)}"
            + (f" ({'; '.join(notes)})" if notes else "")))


def _kind_lines(source: Path) -> list[int]:
    """The lines of the ``[[...required-headings.kind]]`` headers of the configuration file, in order."""
    try:
        text = source.read_text(encoding="utf-8-sig")  # a BOM, as config.py reads it
    except (OSError, UnicodeDecodeError):
        return []
    return [n for n, line in enumerate(text.splitlines(), 1) if _KIND_HEADER.match(line)]


def _selectors(kind: Kind) -> list[str]:
    return [key for key, used in (("files", kind.files), ("front-matter", kind.front_matter), ("title", kind.title))
            if used]


def _repaired(document: Document) -> Document:
    """The document as the repair of the whole document reads it (``fix-mojibake`` writes that same
    repair, so the two agree); line numbers do not change."""
    from review_hooks.mojibake.repair import document_repair

    text = document_repair(document).text
    return document if text == document.text else document.as_utf8(text)  # read, never written


def _findings(document: Document, kind: Kind, settings: Settings) -> Iterator[Finding]:
    headings = document.markdown.headings
    exact = settings.match == "exact"
    positions = required_positions(kind)
    requirements = [kind.sections[p][0] for p in positions]
    found = matched(requirements, headings, exact, taken=(title(headings, kind),))
    ordered = in_order(found)
    misses = [near_miss(document, r, exact) if i is None else None for r, i in zip(requirements, found, strict=True)]
    anchored = anchors(document, kind, found, misses, exact)
    for number, (requirement, index) in enumerate(zip(requirements, found, strict=True)):
        origin = _origin(kind, requirement)
        if index is None:
            miss = misses[number]
            text = f"missing required heading {quoted(requirement.shown)} ({origin})"
            repeats = sum(r.shown == requirement.shown for r in requirements)
            if repeats > 1:  # the template repeats it: say which one is missing, or it reads as a false alarm
                text = (f"missing required heading {quoted(requirement.shown)} ({origin}; it is required "
                        f"{repeats} times, and this one has no heading)")
            if miss is not None and miss.here:
                yield Finding(line=miss.line, column=1, message=f"{text}: {miss.message}")
            else:
                last = positions[number] == len(kind.sections) - 1 and requirement.source != HEADINGS_SOURCE
                line, where = place(document, headings, anchored, positions[number], last)
                yield Finding(line=line, column=1, message=f"{text}; {where}{f'; {miss.message}' if miss else ''}")
            continue
        heading = headings[index]
        if settings.order != "off" and number not in ordered:
            previous = [found[p] for p in sorted(ordered) if p < number]
            after = source(headings[previous[-1]]) if previous and previous[-1] is not None else None
            hint = f"move it after {quoted(after)}" if after else "move it before the other required headings"
            yield Finding(line=heading.line, column=1, severity=_severity(settings.order),
                          message=f"heading {quoted(source(heading))} is out of the required order ({origin}); {hint}")
        if requirement.level and _wrong_level(settings.level, heading.level, requirement.level):
            yield Finding(line=heading.line, column=1, message=(
                f"heading {quoted(source(heading))} should be level {requirement.level} "
                f"({quoted(requirement.shown)}, {origin}); it is level {heading.level}"))


def _wrong_level(policy: str, level: int, required: int) -> bool:
    return level != required if policy == "exact" else level > required if policy == "at-most" else False


def _origin(kind: Kind, requirement: Requirement) -> str:
    return f"kind {kind.name}, from {requirement.source}" if kind.name else f"from {requirement.source}"


def _severity(policy: str) -> str:
    return "warning" if policy == "warn" else "error"


CHECK = Check(
    id=ID,
    summary="every kind of review keeps its required sections, from a list or from its template",
    doc=__doc__ or "",
    hook="check-headings",
    find=find,
    markdown_only=True,
    tally=tally,
    conclude=conclude,
    configure=configure,
    cli_options=(CliOption("--template", "template", "check every file against this template's sections",
                           is_flag=False),),
)
