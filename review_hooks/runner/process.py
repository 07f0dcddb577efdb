"""One file, start to end: read it, run the checks, apply suppressions, and fix it if asked.

Everything one file needs and nothing another file changes, so the runner can hand files to
worker processes (``parallel.py``) and get the same results as a serial run. A fix is written
only when it removes findings of its own check and adds none (see ``fix``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from review_hooks import files
from review_hooks.check import Check, Context
from review_hooks.document import Document
from review_hooks.finding import Finding, visible
from review_hooks.registry import IDS
from review_hooks.runner.options import FileResult, RunOptions


def process(target: files.Target, checks: Sequence[Check], context: Context, options: RunOptions) -> FileResult:
    """Read one file, check it, fix it if asked: everything one file needs, independent of the others."""
    document = files.read(target, context.config, context.repository)
    if isinstance(document, files.Skip):
        shown = document.failed or not options.scan or _worth_a_note(document, context)
        return FileResult(notes=[str(document)] if shown else [], failed=document.failed, skipped=document.kind)
    result = FileResult()
    result.findings = examine(document, checks, context, result)
    if options.scan:
        tally(document, checks, context, result)
    if options.fix or options.diff:
        fix(document, checks, context, options, result)
    return result


def _worth_a_note(skip: files.Skip, context: Context) -> bool:
    """In a scan, a skipped file the user expects checked: one over ``max-file-size``, or a Markdown
    file that does not read as text. Images, deleted and symlinked files pass silently."""
    return skip.kind == "oversized" or (skip.kind == "binary" and context.config.is_markdown(skip.target.location)
                                        and not skip.target.location.is_symlink())


def note(path: str, text: str) -> str:
    """A line for stderr about one file; its path made ``visible`` (a file name may hold a line break)."""
    return f"review-hooks: {visible(path)}: {text}"


def examine(document: Document, checks: Sequence[Check], context: Context, result: FileResult) -> list[Finding]:
    """Every selected check's findings on one document, stamped and with suppressions applied."""
    findings: list[Finding] = []
    for check in checks:
        if check.markdown_only and not document.is_markdown:
            continue
        try:
            findings.extend(replace(f, path=document.path, check=check.id) for f in check.find(document, context))
        except Exception as error:  # a bug in one check must not hide the others' findings
            result.notes.append(note(document.path, f"internal error in {check.id}: {type(error).__name__}: {error}"))
            result.error = True
    if "review-hooks:" not in document.text:  # no directive (``suppressions.directives``' own pre-test)
        return findings
    from review_hooks import suppressions  # its patterns and dataclass only for a document that has one

    # suppressions.apply adds findings about the directives themselves: they get the path too
    return [f if f.path else replace(f, path=document.path) for f in suppressions.apply(findings, document, IDS)]


def tally(document: Document, checks: Sequence[Check], context: Context, result: FileResult) -> None:
    """What the document counts as for each check that concludes a scan (``Check.tally``)."""
    for check in checks:
        if check.tally is None or (check.markdown_only and not document.is_markdown):
            continue
        try:
            value = check.tally(document, context)
        except Exception as error:  # as in examine: one check's bug is a note, not a crash
            result.notes.append(note(document.path, f"internal error in {check.id}: {type(error).__name__}: {error}"))
            result.error = True
            continue
        if value is not None:
            result.tallies[check.id] = value


def fix(document: Document, checks: Sequence[Check], context: Context, options: RunOptions,
        result: FileResult) -> None:
    """Apply each fixer in turn, keeping a fix only if re-checking shows it removed its findings."""
    original = document
    for check in checks:
        if check.repair is None or (check.markdown_only and not document.is_markdown):
            continue
        before = {_key(f) for f in result.findings if f.check == check.id and not f.suppressed}
        try:
            repaired = check.repair(document, context)
            if repaired is None or repaired == document.text:
                continue
            # a fixer returns new text, or a new Document when it also changes the encoding (transcoding)
            try:
                candidate = repaired if isinstance(repaired, Document) else document.with_text(repaired)
            except UnicodeEncodeError:  # the repair holds text this file's encoding cannot store
                result.notes.append(note(document.path, f"{check.id} fix not applied: the fixed text cannot be "
                                         f"saved as {document.encoding} (convert the file with --transcode)"))
                continue
            hidden = {f.line for f in result.findings if f.check == check.id and f.suppressed}
            candidate = _keep_lines(document, candidate, hidden) if hidden else candidate
            if candidate is None:
                result.notes.append(note(document.path, f"{check.id} fix not applied: it moves lines whose "
                                         "findings are suppressed"))
                continue
            if candidate.raw == document.raw:
                continue
        except Exception as error:
            result.notes.append(note(document.path, f"internal error in {check.id} fix: {type(error).__name__}: "
                                                    f"{error}"))
            result.error = True
            continue
        recheck = FileResult()  # the same examination as before the fix, suppressions included
        after = {_key(f) for f in examine(candidate, (check,), context, recheck)
                 if f.check == check.id and not f.suppressed}
        if recheck.error:
            result.notes.extend(recheck.notes)
            result.error = True
            continue
        if not after < before:
            result.notes.append(note(document.path, f"{check.id} fix not applied: re-checking the fixed text "
                                                    "did not remove its findings"))
            continue
        # fixed: what this fix removed (a suppressed finding's line was kept as it was)
        result.findings = [replace(f, fixed=True) if f.check == check.id and not f.suppressed
                           and _key(f) not in after else f for f in result.findings]
        document = candidate
    if document.raw == original.raw:  # nothing is written: nothing is fixed
        result.findings = [replace(f, fixed=False) for f in result.findings]
        return
    result.changed = True
    if options.diff:
        result.notes.append(unified_diff(original, document.text) or note(
            original.path, f"would convert from {original.encoding} to {document.encoding}"))
        result.findings = [replace(f, fixed=False) for f in result.findings]
        return
    from review_hooks.write import WriteError, write  # only a fixing run pays for tempfile and shutil

    try:
        write(original, document.text, document.raw)
    except WriteError as error:
        result.notes.append(note(original.path, str(error)))
        result.findings = [replace(f, fixed=False) for f in result.findings]
        result.error = not error.refused  # a symlink or a file changed meanwhile: its findings still stand


def _keep_lines(document: Document, candidate: Document, lines: set[int]) -> Document | None:
    """``candidate`` with ``lines`` (1-based) as they are in ``document``: a fixer never touches a line
    whose finding an inline suppression hides. None when the fix changes the number of lines."""
    old, new = document.lines, candidate.lines
    if len(old) != len(new):
        return None
    return candidate.with_text("\n".join(old[i] if i + 1 in lines else line for i, line in enumerate(new)))


def _key(finding: Finding) -> tuple[int, str]:
    """What identifies a finding across a fix: a fix may shift columns, never lines."""
    return finding.line, finding.message


def unified_diff(document: Document, text: str) -> str:
    import difflib

    lines = difflib.unified_diff(document.text.splitlines(keepends=True), text.splitlines(keepends=True),
                                 f"a/{visible(document.path)}", f"b/{visible(document.path)}")
    return "".join(lines).rstrip("\n")
