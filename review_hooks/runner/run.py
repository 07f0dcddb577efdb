"""Run the selected checks over files: suppressions, fixes, the exit code.

The runner owns everything a check should not: stamping path and check id on findings,
applying inline suppressions, deciding whether a fix may be written (it must remove
findings of its own check and add none), writing it atomically, and the exit code of
the output contract: 0 clean, 1 findings / a changed file / a named path not checked,
2 configuration or internal error.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TextIO

from review_hooks import config as configuration
from review_hooks import files, suppressions
from review_hooks.check import Check, Context
from review_hooks.document import Document
from review_hooks.finding import Finding, visible
from review_hooks.registry import IDS, get
from review_hooks.report import formats as reporters
from review_hooks.report import terminal
from review_hooks.repository import GitError, Repository, find_root
from review_hooks.runner import baseline


@dataclass(frozen=True)
class RunOptions:
    scan: bool = False  # list git-tracked files below the paths instead of taking them as given
    select: tuple[str, ...] = ()  # empty: the configuration's selection
    fix: bool = False
    diff: bool = False  # show what a fix would change, write nothing
    output_format: str = ""  # empty: text, or github under GitHub Actions
    exit_zero: bool = False
    config_path: Path | None = None
    overrides: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    jobs: int = 0  # worker processes for a scan: 0 = one per core, 1 = none
    changed_since: str = ""  # scan only files changed since this revision (changed.py)
    staged: bool = False  # scan only staged files
    baseline: Path | None = None  # report only findings not in this baseline (baseline.py)
    write_baseline: Path | None = None  # record the findings here instead of reporting them
    baseline_stale: bool = False  # report stale baseline entries and exit 1 if there are any
    show_suppressed: bool = False  # pass suppressed findings to the reporter (SARIF marks them)
    quiet: bool = False  # no notes about skipped files or unapplied fixes, no progress bar
    statistics: bool = False  # counts per check and of skipped files, on stderr


@dataclass
class FileResult:
    findings: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # one stderr line each
    failed: bool = False  # a path named on the command line could not be checked
    changed: bool = False  # a fixer changed the file (or would, with --diff)
    error: bool = False  # an internal error or a failed write
    skipped: str = ""  # the Skip kind, for statistics


def run(paths: Sequence[str], options: RunOptions, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Check ``paths`` and report; returns the exit code."""
    out, err = out or sys.stdout, err or sys.stderr
    try:
        config = configuration.load(options.config_path, overrides=options.overrides)
        checks = selected(options.select or config.select)
        for check in checks:  # each selected check validates its table now (imported only if selected)
            config.settings[check.id]
    except (configuration.ConfigError, KeyError) as error:
        print(f"review-hooks: {error.args[0] if isinstance(error, KeyError) else error}", file=err)
        return 2
    root = find_root(Path.cwd())
    repository = Repository(root) if root else None
    context = Context(config, repository)
    try:
        targets = (list(files.scan_targets(paths, repository, config)) if options.scan
                   else files.named_targets(paths, config))
        if options.changed_since or options.staged:
            from review_hooks.runner.changed import narrowed

            targets = narrowed(targets, repository, options.changed_since, options.staged)
    except GitError as error:
        print(f"review-hooks: {error}", file=err)
        return 2
    if repository is not None and targets:
        repository.prefetch_attributes([t.location for t in targets])
    results = outcomes(targets, checks, context, options)
    return finish(terminal.progress(results, len(targets), options.scan and not options.quiet, err), options, out, err)


def outcomes(targets: Sequence[files.Target], checks: Sequence[Check], context: Context,
             options: RunOptions) -> Iterator[FileResult]:
    """Each target's result, in target order: a scan of many files runs in worker processes."""
    if options.scan:  # a hook run checks exactly its files, in this process
        from review_hooks.runner import parallel

        workers = parallel.worker_count(len(targets), options.jobs, any(c.markdown_only for c in checks))
        if workers > 1:
            return parallel.results(targets, checks, context, options, workers)
    return (process(target, checks, context, options) for target in targets)


def selected(ids: Iterable[str]) -> tuple[Check, ...]:
    """The checks named by ``ids``, in registry order; KeyError for an unknown id."""
    wanted = set(ids)
    unknown = wanted - set(IDS)
    if unknown:
        raise KeyError(f"unknown check {sorted(unknown)[0]!r}; known: {', '.join(IDS)}")
    return tuple(get(check_id) for check_id in IDS if check_id in wanted)


def process(target: files.Target, checks: Sequence[Check], context: Context, options: RunOptions) -> FileResult:
    """Read one file, check it, fix it if asked: everything one file needs, independent of the others."""
    document = files.read(target, context.config, context.repository)
    if isinstance(document, files.Skip):
        shown = document.failed or not options.scan or _worth_a_note(document, context)
        return FileResult(notes=[str(document)] if shown else [], failed=document.failed, skipped=document.kind)
    result = FileResult()
    result.findings = examine(document, checks, context, result)
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
    # suppressions.apply adds findings about the directives themselves: they get the path too
    return [f if f.path else replace(f, path=document.path) for f in suppressions.apply(findings, document, IDS)]


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


def finish(results: Iterable[FileResult], options: RunOptions, out: TextIO, err: TextIO) -> int:
    """Print notes as each file's result arrives, then the sorted findings; compute the exit code."""
    findings: list[Finding] = []
    skipped: list[str] = []  # each file's Skip kind, "" when it was checked
    error = changed = False
    for result in results:
        if not options.quiet or result.failed or result.error or (options.diff and result.changed):
            for note in result.notes:
                print(note, file=err)
        findings.extend(result.findings)
        skipped.append(result.skipped)
        error = error or result.error
        changed = changed or result.changed or result.failed
    # the contract's order: path, line, column; a stable sort keeps each check's own order within that
    # (required-headings lists missing sections in template order, not alphabetically)
    findings.sort(key=lambda f: (f.path, f.line, f.column, f.check))
    try:
        outcome = settle(findings, options, err)
    except baseline.BaselineError as problem:
        print(f"review-hooks: {problem}", file=err)
        return 2
    if options.write_baseline is None:
        shown = outcome.findings if options.show_suppressed else [f for f in outcome.findings if not f.suppressed]
        reporters.report(shown, options.output_format, out, job_summary=options.scan)
    if options.statistics:
        terminal.statistics(outcome.findings, skipped, skipped.count(""), outcome.baselined, err)
    if error:
        return 2
    if options.exit_zero or options.write_baseline is not None:
        return 0
    failing = any(not f.suppressed and not f.fixed and f.severity == "error" for f in outcome.findings)
    return 1 if failing or changed or (options.baseline_stale and outcome.stale) else 0


def settle(findings: list[Finding], options: RunOptions, err: TextIO) -> baseline.Outcome:
    """Write the baseline, or subtract it (printing stale entries when asked); BaselineError if unusable."""
    if options.write_baseline is not None:
        count = baseline.write(options.write_baseline, findings)
        if not options.quiet:
            print(f"review-hooks: recorded {count} finding{'s' * (count != 1)} in {options.write_baseline}", file=err)
        return baseline.Outcome(findings)
    if options.baseline is None:
        return baseline.Outcome(findings)
    outcome = baseline.apply(findings, options.baseline)
    if options.baseline_stale:
        for line in outcome.stale:
            print(line, file=err)
    return outcome
