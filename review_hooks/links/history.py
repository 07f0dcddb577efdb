"""Where a missing link target went: renamed or deleted in the staged change, or in recent history.

Asked only once a link is already broken, at most once per process each: the staged change
(``change.staged``, paths only) and a bounded ``git log -M --diff-filter=DR``. The walk looks at
most ``LIMIT_COMMITS`` commits that renamed or deleted a file back from HEAD, and stops after
``LIMIT_SECONDS`` whatever it has read by then: a large repository never waits on it, and a
target gone longer ago keeps the plain message.

A rename is followed to where the file is now (``a`` to ``b``, later ``b`` to ``c``: ``c``). It is
unambiguous, and ``--fix`` may follow it, when the file is tracked there now and no other file
of the change (or of that commit) took the same name.
"""

from __future__ import annotations

import os
import weakref
from typing import NamedTuple

from review_hooks.check import Context
from review_hooks.gitprocess import GitError, GitTimeout, git
from review_hooks.links.suggest import Problem, quote, rewrite
from review_hooks.links.tree import Resolved
from review_hooks.repository import Repository

LIMIT_COMMITS = 1000
LIMIT_SECONDS = 1.0


class Fate(NamedTuple):
    """What happened to a path: ``new`` is where it went (None: deleted). A NamedTuple, for the hooks'
    start-up (``finding.Finding``)."""

    old: str
    new: str | None
    where: str  # "in this change", or "in 1a2b3c4 (2026-10-02)"
    sure: bool  # an unambiguous rename: a fix may follow it


def explained(problem: Problem, resolved: Resolved, repository: Repository | None, folder: str) -> Problem:
    """``problem`` (a missing target) saying where the target went, if git knows; the rewritten link
    becomes its fix when the rename is unambiguous."""
    found = fate(repository, resolved.path) if repository is not None and resolved.path else None
    if found is None:
        return problem
    link = problem.link
    if found.new is None:
        return Problem(link, f"{quote(link.target)} does not exist; deleted {found.where}; restore it, "
                             "or correct or remove the link")
    written = rewrite(link, resolved, found.new, folder)
    return Problem(link, f"{quote(link.target)} does not exist; renamed to {quote(found.new)} {found.where}; "
                         f"did you mean {quote(written)}?", written if found.sure else None)


def heading_moved(problem: Problem | None, resolved: Resolved, path: str | None, context: Context) -> Problem | None:
    """``problem`` (a ``#fragment`` that names no anchor of ``path``) saying what the staged change
    made of that heading; its new anchor becomes the fix when the change replaced it one for one
    (a table of contents follows a renamed heading)."""
    repository = context.repository
    if problem is None or path is None or repository is None or resolved.fragment is None:
        return problem
    from review_hooks.links import change as changes
    from review_hooks.links.suggest import with_fragment

    staged = changes.staged(repository, context.config)
    anchor = staged.anchors.get(path, {}).get(resolved.fragment)
    if anchor is None or not anchor.heading:
        return problem
    link = problem.link
    if anchor.slug is None:
        return Problem(link, f'{quote(link.target)} matches no heading: heading "{anchor.old}" in {path} was '
                             f"removed {staged.where}; link to another heading or remove the fragment")
    fixed = with_fragment(link.target, anchor.slug, link.destination)
    now = (f"{quote('#' + anchor.slug)} (a heading of the same name before it was removed or renamed)"
           if anchor.new == anchor.old else f'"{anchor.new}" (#{anchor.slug})')  # only its suffix moved
    return Problem(link, f'{quote(link.target)} matches no heading: heading "{anchor.old}" in {path} is now {now}; '
                         f"did you mean {quote(fixed)}?", fixed)


_LOGS: weakref.WeakKeyDictionary[Repository, dict[str, tuple[int, Fate]]] = weakref.WeakKeyDictionary()


def fate(repository: Repository, path: str) -> Fate | None:
    """Where the missing ``path`` went: the staged change first, then recent history."""
    from review_hooks.links import change as changes

    staged = changes.staged(repository, None)
    if path in staged.moved:
        new = staged.moved[path]
        return Fate(path, new, staged.where, path not in staged.ambiguous) if new in repository.tracked else None
    if path in staged.deleted:
        return Fate(path, None, staged.where, False)
    logged = _LOGS.get(repository)
    if logged is None:
        logged = _LOGS[repository] = events(repository)
    return _follow(logged, path, repository.tracked)


def _follow(logged: dict[str, tuple[int, Fate]], path: str, tracked: frozenset[str]) -> Fate | None:
    """The latest event of ``path``, followed through later renames while the file is not there."""
    found = logged.get(path)
    if found is None:
        return None
    order, first = found
    last = first
    for _ in range(20):
        if last.new is None or last.new in tracked or last.new not in logged or logged[last.new][0] >= order:
            break
        order, last = logged[last.new]  # renamed again, later (a smaller index is newer)
    if last.new is None:
        return Fate(path, None, last.where, False)
    if last.new not in tracked:
        return None  # gone further than the walk can say
    return Fate(path, last.new, last.where, first.sure and last.sure)


def events(repository: Repository) -> dict[str, tuple[int, Fate]]:
    """Each path's most recent rename or deletion in the bounded walk, with its age (0 is newest)."""
    try:
        output, complete = git(repository.root, "log", "-M", "--diff-filter=DR", "--name-status", "-z",
                               "--no-color", f"--max-count={LIMIT_COMMITS}", "--format=%x01%h %cs", "HEAD", "--",
                               timeout=LIMIT_SECONDS), True
    except GitTimeout as stopped:  # the commits read so far still count
        output, complete = stopped.output, False
    except GitError:  # no commit yet, or no git
        return {}
    return _parse(output, complete)


def _parse(output: bytes, complete: bool) -> dict[str, tuple[int, Fate]]:
    commits = output.split(b"\x01")[1:]
    if not complete:
        commits = commits[:-1]  # the last one may be cut short
    found: dict[str, tuple[int, Fate]] = {}
    for order, chunk in enumerate(commits):
        header, _, rest = chunk.partition(b"\0")
        commit, _, date = header.decode("ascii", "replace").partition(" ")
        fields = [os.fsdecode(f.strip(b"\n")) for f in rest.split(b"\0")]
        where = f"in {commit} ({date})"
        records: list[tuple[str, str | None]] = []
        index = 0
        while index < len(fields):
            status = fields[index].strip()
            if status.startswith("R") and index + 2 < len(fields):
                records.append((fields[index + 1], fields[index + 2]))
                index += 3
            elif status == "D" and index + 1 < len(fields):
                records.append((fields[index + 1], None))
                index += 2
            else:
                index += 1
        names = [new.rpartition("/")[2] for _, new in records if new is not None]
        for old, new in records:
            sure = new is not None and names.count(new.rpartition("/")[2]) == 1
            found.setdefault(old, (order, Fate(old, new, where, sure)))
    return found
