"""Run the selected checks over files: suppressions, fixes, the exit code.

The runner owns everything a check should not: stamping path and check id on findings,
applying inline suppressions, deciding whether a fix may be written (it must remove
findings of its own check and add none), writing it atomically, and the exit code of
the output contract: 0 clean, 1 findings / a changed file / a named path not checked,
2 configuration or internal error.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from review_hooks import config as configuration
from review_hooks import files
from review_hooks.check import Check, Context
from review_hooks.checks import get
from review_hooks.finding import Finding, Problem, replace
from review_hooks.gitprocess import GitError
from review_hooks.registry import IDS
from review_hooks.report import formats as reporters
from review_hooks.report import terminal
from review_hooks.repository import Repository, run_root
from review_hooks.runner.options import FileResult, RunOptions
from review_hooks.runner.process import process

if TYPE_CHECKING:
    from review_hooks.runner import baseline

#: The paths (None: the whole tree) and check ids (None: every check) a run looked at.
Checked = tuple["frozenset[str] | None", "frozenset[str] | None"]


def run(paths: Sequence[str], options: RunOptions, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Check ``paths`` and report; returns the exit code."""
    out, err = out or sys.stdout, err or sys.stderr
    try:
        os.getcwd()
    except FileNotFoundError:  # removed under the shell: every relative path, and the configuration, is lost
        return cannot_run("the current folder no longer exists; change to a folder that does", options, out, err)
    try:
        config = configuration.load(options.config_path, overrides=options.overrides)
        checks = selected(options.select or config.select)
        for check in checks:  # each selected check validates its table now (imported only if selected)
            config.settings.of(check.id, check.configure)
    except (configuration.ConfigError, KeyError) as error:
        return cannot_run(str(error.args[0] if isinstance(error, KeyError) else error), options, out, err)
    finally:
        _collect()
    root = run_root(Path.cwd())
    repository = Repository(root) if root else None
    if repository is None and options.scan and _bare(Path.cwd()):
        return cannot_run("this folder is a bare git repository, which has no working tree to scan; scan a clone of it",
                      options, out, err)
    context = Context(config, repository)
    if options.scan and not paths:  # the whole repository, from any folder in it; outside one, this folder
        paths = [os.path.relpath(repository.root) if repository is not None else "."]
    try:
        targets = (list(files.scan_targets(paths, repository, config)) if options.scan
                   else files.named_targets(paths, config))
        if options.changed_since or options.staged:
            from review_hooks.runner.changed import narrowed

            targets = narrowed(targets, repository, options.changed_since, options.staged)
    except GitError as error:
        return cannot_run(str(error), options, out, err)
    if repository is not None and targets:
        repository.prefetch_attributes([t.location for t in targets])
    results = terminal.progress(outcomes(targets, checks, context, options), len(targets),
                                options.scan and not options.quiet, err)
    whole = options.scan and not (options.changed_since or options.staged) and _covers(paths, config.root)
    conclusion = (lambda seen: conclusions(checks, context, seen)) if whole else None
    if any(check.affected is not None for check in checks):  # links broken elsewhere by the change
        from review_hooks.runner import inbound

        results = chain(results, inbound.results(paths, checks, context, options))
    if options.baseline is None:  # only a baseline's stale entries ask what the run looked at
        return finish(results, options, out, err, conclusion)
    checked = (None if whole else frozenset(t.path for t in targets), frozenset(check.id for check in checks))
    return finish(results, options, out, err, conclusion, checked)


#: Container objects made (less those freed) between two passes over the youngest generation (Python's default
#: is 700). The checks keep what they compute in caches that live for the run (the mojibake engine's readings
#: of runs, parsed structures): a pass over young objects finds them alive and moves them on, and the older
#: generations' passes over them free nothing either. Fewer, larger passes cost less of a run (59 passes, some
#: 20-60 ms, for fix-mojibake over the real mojibake corpus; 7 at 5,000); reference counting frees the rest.
YOUNG = 10_000


def _collect() -> None:
    """The cyclic garbage collector on again, if the console script turned it off for the start-up
    (``console.main``), with the objects made so far left out of its passes (they live for the run), and
    its youngest generation passed over every ``YOUNG`` objects."""
    if not gc.isenabled():
        gc.freeze()
        gc.set_threshold(YOUNG, *gc.get_threshold()[1:])
        gc.enable()


def outcomes(targets: Sequence[files.Target], checks: Sequence[Check], context: Context,
             options: RunOptions) -> Iterator[FileResult]:
    """Each target's result, in target order: a scan of many files runs in worker processes."""
    if options.scan:  # a hook run checks exactly its files, in this process
        from review_hooks.runner import parallel

        workers = parallel.worker_count(len(targets), options.jobs, any(c.markdown_only for c in checks))
        if workers > 1:
            return parallel.results(targets, checks, context, options, workers)
    return (process(target, checks, context, options) for target in targets)


def _bare(folder: Path) -> bool:
    """Whether ``folder`` is a bare git repository (``git init --bare``): git's own files, no work tree."""
    return (folder / "HEAD").is_file() and (folder / "objects").is_dir() and (folder / "refs").is_dir()


def selected(ids: Iterable[str]) -> tuple[Check, ...]:
    """The checks named by ``ids``, in registry order; KeyError for an unknown id."""
    wanted = set(ids)
    unknown = wanted - set(IDS)
    if unknown:
        raise KeyError(f"unknown check {sorted(unknown)[0]!r}; known: {', '.join(IDS)}")
    return tuple(get(check_id) for check_id in IDS if check_id in wanted)


def _covers(paths: Sequence[str], root: Path) -> bool:
    """Whether a scan of ``paths`` reads the whole tree of the configuration (its folder ``root``)."""
    return any(Path(p).resolve() in (root.resolve(), *root.resolve().parents) for p in paths or ["."])


def conclusions(checks: Sequence[Check], context: Context, seen: Mapping[str, set[str]]) -> list[Finding]:
    """Each concluding check's findings about the scan as a whole, stamped with its id."""
    return [replace(f, check=check.id) for check in checks if check.conclude is not None
            for f in check.conclude(context, seen.get(check.id, set()))]


def finish(results: Iterable[FileResult], options: RunOptions, out: TextIO, err: TextIO,
           conclusion: Callable[[Mapping[str, set[str]]], list[Finding]] | None = None,
           checked: Checked = (None, None)) -> int:
    """Print notes as each file's result arrives, then the sorted findings (with the ``conclusion`` of a scan of
    the whole tree, from what each file counted as); compute the exit code. ``checked``: the paths (None: the
    whole tree) and check ids (None: all) the run looked at, the only baseline entries it can find stale."""
    findings: list[Finding] = []
    problems: list[Problem] = []
    seen: dict[str, set[str]] = {}
    skipped: list[str] = []  # each file's Skip kind, "" when it was checked
    error = changed = False
    for result in results:
        if not options.quiet or result.failed or result.error or (options.diff and result.changed):
            for note in result.notes:
                print(note, file=err)
        findings.extend(result.findings)
        problems.extend(result.problems)
        skipped.append(result.skipped)
        error = error or result.error
        changed = changed or result.changed or result.failed
        for check_id, value in result.tallies.items():
            seen.setdefault(check_id, set()).add(value)
    if conclusion is not None:
        findings.extend(conclusion(seen))
    # the contract's order: path, line, column; a stable sort keeps each check's own order within that
    # (required-headings lists missing sections in template order, not alphabetically)
    findings.sort(key=lambda f: (f.path, f.line, f.column, f.check))
    if options.baseline is None and options.write_baseline is None:  # most runs: no baseline module to import
        kept, baselined, stale = findings, 0, []
    else:
        from review_hooks.runner import baseline

        try:
            outcome = settle(findings, options, err, checked)
        except baseline.BaselineError as problem:
            return cannot_run(str(problem), options, out, err)
        kept, baselined, stale = outcome.findings, outcome.baselined, outcome.stale
    if options.write_baseline is None:
        shown = kept if options.show_suppressed else [f for f in kept if not f.suppressed]
        reporters.report(shown, options.output_format, out, _every_check, job_summary=options.scan, problems=problems)
    if options.statistics:
        terminal.statistics(kept, skipped, skipped.count(""), baselined, err)
    if error:
        return 2
    if options.exit_zero or options.write_baseline is not None:
        return 0
    failing = any(not f.suppressed and not f.fixed and f.severity == "error" for f in kept)
    return 1 if failing or changed or (options.baseline_stale and stale) else 0


def cannot_run(message: str, options: RunOptions, out: TextIO, err: TextIO) -> int:
    """End a run that cannot check (bad configuration, a git error, an unusable baseline): one stderr line and
    exit 2, and for a format a CI reads, its own account with no finding (an annotation; a SARIF log whose
    invocation failed, rather than an empty file an upload would reject)."""
    print(f"review-hooks: {message}", file=err)
    reporters.report_unstarted(message, options.output_format, out, _every_check, options.scan)
    return 2


def settle(findings: list[Finding], options: RunOptions, err: TextIO,
           checked: Checked = (None, None)) -> baseline.Outcome:
    """Write the baseline, or subtract it (printing stale entries when asked); BaselineError if unusable."""
    from review_hooks.runner import baseline

    if options.write_baseline is not None:
        count = baseline.write(options.write_baseline, findings)
        if not options.quiet:
            print(f"review-hooks: recorded {count} finding{'s' * (count != 1)} in {options.write_baseline}", file=err)
        return baseline.Outcome(findings)
    if options.baseline is None:
        return baseline.Outcome(findings)
    outcome = baseline.apply(findings, options.baseline, *checked)
    if options.baseline_stale:
        for line in outcome.stale:
            print(line, file=err)
    return outcome


def _every_check() -> tuple[Check, ...]:
    """Every check module, imported only for a report that describes them all (SARIF's rules)."""
    from review_hooks.checks import CHECKS

    return CHECKS
