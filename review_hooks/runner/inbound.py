"""When the inbound part of broken-link runs, in which process, and on which files.

The runner asks the check that has ``affected`` (broken-link, the one check a change can fail in
files it did not touch) for itself bound to the change; what it reports there is its own concern.

The one named exception to "exactly the files given" (ARCHITECTURE.md, Names): when a change
renames or deletes a path or a heading, broken-link also checks the tracked documents that
link into it, though nobody passed them (``links/inbound.py`` finds them and their links).

**When.** Under pre-commit (which sets ``PRE_COMMIT=1`` for its hooks) for the staged change,
and in ``scan --staged`` / ``scan --changed-since REV`` for that change; never in a plain
``check`` or ``scan``. Only if broken-link is selected.

**Once per commit.** pre-commit splits a hook's files over parallel processes, and even a
serial hook's once its arguments pass about 128 KiB, each process seeing only its own part
(shuffled). Each process therefore decides from git alone, the same way, whether it owns the
inbound part: the owner is the process given the first, in sorted order, of the regular files
of the staged change that the hook surely receives: a staged Markdown document
(``markdown-extensions``); when none is staged, a staged ``.txt``; then any staged file. A
process given no file at all owns it too: that happens only when no process gets a file (a
commit that only deletes; the manifest's ``always_run`` runs the hook then). A commit passes
only files of the staged change: a process given any other file is not checking a commit
(``pre-commit run --all-files`` or ``--files``, a push), checks exactly its files as they are
(with where git says a missing target went), and leaves the inbound part out. A pre-commit
``exclude`` that hides that first file from the hook leaves the commit without its inbound
check; use ``[broken-link] ignore`` for targets instead.

**Files.** The linking documents outside the change (files in the change are checked as
given), each with a ``broken-link`` check bound to the change: inline suppressions apply,
and ``--fix`` rewrites a link whose target the change moved unambiguously, verified and
written as any fix (``process.py``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from review_hooks.check import Check, Context
from review_hooks.runner.options import FileResult, RunOptions

if TYPE_CHECKING:  # the links engine is imported only when a change removes something
    from review_hooks.links import change as changes
    from review_hooks.repository import Repository


def hook_mode(options: RunOptions) -> bool:
    """A hook run under pre-commit (not a scan, which checks every file anyway)."""
    return not options.scan and os.environ.get("PRE_COMMIT") == "1"


def results(paths: Sequence[str], checks: Sequence[Check], context: Context, options: RunOptions,
            ) -> Iterator[FileResult]:
    """The results of the linking documents the change broke; nothing when it is not this run's part."""
    check = next((c for c in checks if c.affected is not None), None)
    repository = context.repository
    if check is None or repository is None or not (options.staged or options.changed_since or hook_mode(options)):
        return
    change = checked_change(repository, context, options)
    if not change.removes or (hook_mode(options) and not owner(paths, repository, change, context)):
        return  # most commits: the inbound engine is never imported
    from review_hooks.files import Target
    from review_hooks.links import inbound
    from review_hooks.runner.process import process

    bound = check.affected(change)
    config = context.config
    locations = [repository.root / path for path in inbound.linking(change, repository, config.is_markdown)]
    locations = [location for location in locations if not (config.exclude and config.excluded(location))
                 and _below(location, paths if options.scan else ())]
    repository.prefetch_attributes(locations)  # one git process for all of them
    for location in locations:
        path = location.relative_to(repository.root).as_posix()
        result = process(Target(inbound.display(repository, path), location, named=False), (bound,), context, options)
        if not result.skipped and (result.findings or result.notes or result.changed):
            yield result  # a linking file that cannot be read is no failure of this commit


def checked_change(repository: Repository, context: Context, options: RunOptions) -> changes.Change:
    """The change this run checks the inbound links of: since ``--changed-since REV``, else the staged one."""
    from review_hooks.links import change as changes

    if options.changed_since:
        from review_hooks.runner.changed import base

        return changes.since(repository, context.config, base(repository, options.changed_since),
                             options.changed_since)
    return changes.staged(repository, context.config)


def owner(paths: Sequence[str], repository: Repository, change: changes.Change, context: Context) -> bool:
    """Whether this process, given ``paths``, owns the inbound part of the commit (see the module)."""
    if not paths:
        return True
    given = {repository.relative(Path(p)) for p in paths}
    if not given <= change.present:  # not a commit's files (``run --all-files``, ``--files``, a push):
        return False  # every file given is checked as it is, and the staged change is not what is checked
    present = sorted(p for p in change.present if _regular(repository.root / p))
    tiers = ([p for p in present if context.config.is_markdown(p)], [p for p in present if p.endswith(".txt")],
             present)
    first = next((tier[0] for tier in tiers if tier), None)
    return first is None or first in given  # None: no regular file to be given, so no other process


def _below(location: Path, paths: Sequence[str]) -> bool:
    """Whether ``location`` is below one of the paths a scan was given (any, when none was)."""
    from review_hooks.paths import relative_to

    return not paths or any(relative_to(location, p) is not None for p in paths)  # lexical: ``../docs`` too


def _regular(location: Path) -> bool:
    return location.is_file() and not location.is_symlink()
