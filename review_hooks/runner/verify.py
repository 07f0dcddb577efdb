"""Verify a fixer's repairs before they are written: each must remove its finding and add none.

A repair that does not verify is dropped alone: the verified repairs of the same file are still
written, and what is left is reported (one unrecoverable spot never holds back sixty good repairs).
A fixer that returns separable ``Edit`` values gets that per edit (``edits``); a fixer that returns
the whole text, or a transcoded ``Document``, is verified as one repair (``whole``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from review_hooks.check import Edit, spliced
from review_hooks.document import Document
from review_hooks.finding import Finding, visible
from review_hooks.runner.options import FileResult

Keys = set[tuple[int, str, str]]
#: the fixed document, the findings left on it, and the edits kept (None: a whole-text repair)
Verified = tuple[Document, Keys, "list[Edit] | None"]


class Attempt(NamedTuple):
    """One fixer's attempt on one document: what it found before, and how to re-check a fix (a NamedTuple,
    not a dataclass: ``fix-mojibake`` imports this module on every commit; see ``review_hooks.finding.Finding``)."""

    check: str
    before: Keys  # (line, message) of its unsuppressed findings
    hidden: set[int]  # lines whose findings a suppression hides: never touched
    recheck: Callable[[Document], tuple[Keys, FileResult]]


def key(finding: Finding) -> tuple[int, str, str]:
    """What identifies a finding across a fix: its line (a fix may shift columns, never lines), and what it is
    about, its ``subject`` property where it has one, else its message. A fix may change what a finding can say
    of what it leaves (mojibake's candidates for a lossy span are read in the codec the rest of the document
    shows, and the rest is repaired): the same lossy span, said otherwise, is no new finding."""
    for name, value in finding.properties:
        if name == "subject":
            return finding.line, name, value
    return finding.line, "message", finding.message


def _note(document: Document, attempt: Attempt, text: str) -> str:
    return f"review-hooks: {visible(document.path)}: {attempt.check} fix not applied{text}"


def whole(document: Document, proposed: str | Document, attempt: Attempt, result: FileResult) -> Verified | None:
    """The whole repaired text (or a transcoded document) as one repair: written only when it
    removes findings and adds none."""
    try:
        candidate = proposed if isinstance(proposed, Document) else document.with_text(proposed)
    except UnicodeEncodeError:  # the repair holds text this file's encoding cannot store
        result.notes.append(_note(document, attempt, f": the fixed text cannot be saved as {document.encoding} "
                                                     "(convert the file with --transcode)"))
        return None
    if attempt.hidden:
        kept = _keep_lines(document, candidate, attempt.hidden)
        if kept is None:
            result.notes.append(_note(document, attempt, ": it moves lines whose findings are suppressed"))
            return None
        candidate = kept
    if candidate.raw == document.raw:
        return None
    after = _checked(candidate, attempt, result)
    if after is None:
        return None
    if not after < attempt.before:
        result.notes.append(_note(document, attempt, ": re-checking the fixed text did not remove its findings"))
        return None
    return candidate, after, None


def edits(document: Document, proposed: list[Edit], attempt: Attempt, result: FileResult) -> Verified | None:
    """Separable edits: applied together and re-checked; each edit whose lines still hold its finding
    or gained a new one is dropped alone, and the rest re-checked, until what is left verifies. Edits
    that add or remove line breaks are verified as one repair (their findings' lines move)."""
    text = document.text
    kept = sorted(e for e in proposed if text[e.start:e.end] != e.new  # lines found only where some are hidden
                  and not (attempt.hidden and _lines(document, e) & attempt.hidden))
    unsaved = [e for e in kept if not _saved(e.new, document.encoding)]
    if unsaved:
        result.notes.append(_note(document, attempt, f" at {_where(unsaved)}: the fixed text cannot be saved as "
                                                     f"{document.encoding} (convert the file with --transcode)"))
        kept = [e for e in kept if e not in unsaved]
    moved = any(e.new.count("\n") != text.count("\n", e.start, e.end) for e in kept)
    dropped: list[Edit] = []
    while kept:
        candidate = document.with_text(spliced(text, kept))
        after = _checked(candidate, attempt, result)
        if after is None:
            return None
        new = {found[0] for found in after - attempt.before}
        gone = {found[0] for found in attempt.before if found not in after}
        failed = [e for e in kept if (new and _lines(document, e) & new) or e.line not in gone]  # no finding of its
        # line gone, or a new finding on a line it touches (its lines found only where there is one)
        if moved or not failed:  # lines that move are matched only as a whole
            # a new finding on a line no edit touched judges text the fix left as it was: it stays
            # reported, and holds back no repair
            if moved and not after < attempt.before:
                result.notes.append(_note(document, attempt, ": re-checking the fixed text did not remove its "
                                                             "findings"))
                return None
            _report(document, attempt, dropped, result)
            return candidate, after, None if moved else kept
        dropped += failed
        kept = [e for e in kept if e not in failed]
    _report(document, attempt, dropped, result)
    return None


def _report(document: Document, attempt: Attempt, dropped: list[Edit], result: FileResult) -> None:
    if dropped:
        result.notes.append(_note(document, attempt, f" at {_where(dropped)}: re-checking the fixed text did not "
                                                     "remove its findings there"))


def _where(edits: list[Edit]) -> str:
    lines = sorted({e.line for e in edits})
    return ("line " if len(lines) == 1 else "lines ") + ", ".join(map(str, lines))


def _lines(document: Document, edit: Edit) -> set[int]:
    first, last = document.position(edit.start)[0], document.position(max(edit.start, edit.end - 1))[0]
    return set(range(first, last + 1)) | {edit.line}


def _saved(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def _checked(candidate: Document, attempt: Attempt, result: FileResult) -> Keys | None:
    after, recheck = attempt.recheck(candidate)
    if recheck.error:
        result.notes.extend(recheck.notes)
        result.problems.extend(recheck.problems)
        result.error = True
        return None
    return after


def _keep_lines(document: Document, candidate: Document, lines: set[int]) -> Document | None:
    """``candidate`` with ``lines`` (1-based) as they are in ``document``: a fixer never touches a line
    whose finding an inline suppression hides. None when the fix changes the number of lines."""
    old, new = document.lines, candidate.lines
    if len(old) != len(new):
        return None
    return candidate.with_text("\n".join(old[i] if i + 1 in lines else line for i, line in enumerate(new)))
