"""One file, start to end: read it, run the checks, apply suppressions, and fix it if asked.

Everything one file needs and nothing another file changes, so the runner can hand files to
worker processes (``parallel.py``) and get the same results as a serial run. A repair is written
only when it removes findings of its own check and adds none; one that fails is dropped alone
(``verify.py``).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from functools import partial

from review_hooks import files
from review_hooks.check import Check, Context, Edit
from review_hooks.document import Document
from review_hooks.finding import Finding, Problem, replace, visible
from review_hooks.gitprocess import GitError
from review_hooks.registry import IDS
from review_hooks.runner.options import FileResult, RunOptions


def process(target: files.Target, checks: Sequence[Check], context: Context, options: RunOptions,
            read: Document | files.Skip | None = None) -> FileResult:
    """Read one file (unless ``read`` is what reading it gave), check it, fix it if asked: everything one file
    needs, independent of the others."""
    document = files.read(target, context.config, context.repository) if read is None else read
    if isinstance(document, files.Skip):
        shown = document.failed or not options.scan or _worth_a_note(document, context)
        return FileResult(notes=[str(document)] if shown else [], failed=document.failed, skipped=document.kind,
                          problems=[Problem(document.target.path, document.reason, document.line, document.column)]
                          if document.failed else None)
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


def _crashed(result: FileResult, path: str, what: str, error: Exception) -> None:
    """Record a bug in ``what`` (a check, or its fix) on one file: one line naming it, and the run's exit code 2;
    git that could not answer it (a repository it distrusts) is no bug of ours, and is said as git said it."""
    _error(result, path, f"{what} could not ask git: {error}" if isinstance(error, GitError)
            else f"internal error in {what}: {type(error).__name__}: {error}")


def _error(result: FileResult, path: str, text: str) -> None:
    """Record what fails the run (exit 2) on one file: its stderr line, and the problem the formats a CI reads tell."""
    result.notes.append(note(path, text))
    result.problems.append(Problem(path, text))
    result.error = True


def examine(document: Document, checks: Sequence[Check], context: Context, result: FileResult) -> list[Finding]:
    """Every selected check's findings on one document, stamped and with suppressions applied."""
    findings: list[Finding] = []
    for check in checks:
        if check.markdown_only and not document.is_markdown:
            continue
        try:
            findings.extend(replace(f, path=document.path, check=check.id) for f in check.find(document, context))
        except Exception as error:  # a bug in one check must not hide the others' findings
            _crashed(result, document.path, check.id, error)
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
            _crashed(result, document.path, check.id, error)
            continue
        if value is not None:
            result.tallies[check.id] = value


def fix(document: Document, checks: Sequence[Check], context: Context, options: RunOptions,
        result: FileResult) -> None:
    """Apply each fixer in turn, keeping each repair only if re-checking shows it removed its findings:
    a repair that does not verify is dropped alone, the verified ones are written (``verify``)."""
    from review_hooks.runner import verify  # only a fixing run re-checks repairs

    original = document
    for check in checks:
        if check.repair is None or (check.markdown_only and not document.is_markdown):
            continue
        before = {verify.key(f) for f in result.findings if f.check == check.id and not f.suppressed}
        if not before:  # nothing of this check's to fix here: suppressed (``disable-file``) or none at all
            continue
        hidden = {f.line for f in result.findings if f.check == check.id and f.suppressed}
        try:
            proposed = check.repair(document, context)
            if proposed is None or proposed == document.text:
                continue
            attempt = verify.Attempt(check.id, before, hidden, partial(_recheck, check=check, context=context))
            if isinstance(proposed, (str, Document)):
                verified = verify.whole(document, proposed, attempt, result)
            else:
                verified = verify.edits(document, list(proposed), attempt, result)
        except Exception as error:  # as in examine: this repair is dropped, the other fixers still run
            _crashed(result, document.path, f"{check.id} fix", error)
            continue
        if verified is None:
            continue
        candidate, after, kept = verified
        # fixed: what this fix removed (a suppressed finding's line was kept as it was), where it changed
        # the text: a finding that only lost the evidence of a repaired neighbour still stands
        result.findings = [replace(f, fixed=True) if f.check == check.id and not f.suppressed
                           and verify.key(f) not in after and _changed(document, kept, f) else f
                           for f in result.findings]
        document = candidate
    if document.raw == original.raw:  # nothing is written: nothing is fixed
        _unfixed(result)
        return
    result.changed = True
    if options.diff:
        result.notes.append(unified_diff(original, document.text) or note(
            original.path, f"would convert from {original.encoding} to {document.encoding}"))
        _unfixed(result)
        return
    from review_hooks.write import WriteError, write  # only a fixing run pays for tempfile and shutil

    try:
        write(original, document.text, document.raw)
    except WriteError as error:
        _unfixed(result)
        if error.refused:  # a symlink, a read-only file, a file changed meanwhile: its findings still stand
            result.notes.append(note(original.path, str(error)))
        else:
            _error(result, original.path, str(error))


def _unfixed(result: FileResult) -> None:
    """No finding of ``result`` marked fixed: the file was not written (no change, ``--diff``, a refused write)."""
    result.findings = [replace(f, fixed=False) for f in result.findings]


def _recheck(candidate: Document, check: Check, context: Context) -> tuple[set[tuple[int, str, str]], FileResult]:
    """The findings of ``check`` on a fixed text, as ``examine`` gave them before the fix (suppressions
    included), and the result holding any internal error."""
    from review_hooks.runner.verify import key

    recheck = FileResult()
    found = {key(f) for f in examine(candidate, (check,), context, recheck) if f.check == check.id
             and not f.suppressed}
    return found, recheck


def _changed(document: Document, edits: list[Edit] | None, finding: Finding) -> bool:
    """Whether a kept edit covers the finding (a whole-text repair covers everything). ``edits`` are in
    order and never overlap (``Edit``; ``verify.edits`` sorts them), so only the last that starts at or
    before the finding can cover it: found by bisection, not by reading every edit for every finding."""
    if edits is None:
        return True
    offset = document.offset(finding.line, finding.column)
    at = bisect_right(edits, offset, key=_start) - 1
    return at >= 0 and offset < max(edits[at].end, edits[at].start + 1)


def _start(edit: Edit) -> int:
    return edit.start


def unified_diff(document: Document, text: str) -> str:
    import difflib

    lines = difflib.unified_diff(document.text.splitlines(keepends=True), text.splitlines(keepends=True),
                                 f"a/{visible(document.path)}", f"b/{visible(document.path)}")
    return "".join(lines).rstrip("\n")
