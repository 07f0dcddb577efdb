"""``scan --changed-since REV`` and ``scan --staged``: narrow a scan to the files a change touches.

``--changed-since REV`` takes the files that differ between the merge base of REV and HEAD
and the working tree (``git diff --name-only -z``), so that in a pull request
``--changed-since origin/main`` means "what this branch changed", not what ``main`` changed
since the branch left it. Committed, staged and unstaged changes all count; deleted files
do not (there is nothing to check). Untracked files are not included, exactly as a scan
never reads them: ``git add`` (or ``git add -N``) a new file to have it checked.
``--staged`` takes the files whose staged content differs from HEAD, and checks them as
they are in the working tree.

Only the list of files to read narrows: each check still sees the whole repository, so a
link from a changed file to an unchanged one resolves.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from review_hooks.files import Target
from review_hooks.gitprocess import GitError, git
from review_hooks.repository import Repository


def base(repository: Repository, revision: str) -> str:
    """The merge base of ``revision`` and HEAD, or ``revision`` itself when they share no history.

    gitpython resolves the revision (any form git accepts: ``origin/main``, ``HEAD~1``, a tag)
    and finds the merge base; only ``scan --changed-since`` imports it, so no hook pays for it. Found
    once per run (``Repository.merge_bases``).
    """
    found = repository.merge_bases.get(revision)
    if found is None:
        found = repository.merge_bases[revision] = _merge_base(repository, revision)
    return found


def _merge_base(repository: Repository, revision: str) -> str:
    import git as gitpython
    from gitdb.exc import BadName, BadObject

    try:
        repo = gitpython.Repo(repository.root)
        commit = repo.commit(revision)
    except (BadName, BadObject, ValueError, gitpython.GitError):
        raise GitError(f"--changed-since: {revision!r} is not a commit in this repository") from None
    try:
        bases = repo.merge_base(commit, repo.head.commit)
    except (ValueError, gitpython.GitError):  # no HEAD yet, or unrelated histories
        return commit.hexsha
    return bases[0].hexsha if bases else commit.hexsha


def changed_paths(repository: Repository, since: str | None, staged: bool) -> frozenset[str]:
    """Repository-relative POSIX paths changed since ``since`` and/or staged (deletions left out)."""
    found: set[str] = set()
    command = ("diff", "--name-only", "-z", "--no-renames", "--diff-filter=d", "--no-ext-diff")
    if since:
        found.update(_split(git(repository.root, *command, base(repository, since), "--")))
    if staged:
        found.update(repository.staged)
    return frozenset(found)


def _split(output: bytes) -> list[str]:
    return [os.fsdecode(path) for path in output.split(b"\0") if path]


def narrowed(targets: Sequence[Target], repository: Repository | None, since: str | None,
             staged: bool) -> list[Target]:
    """The targets a change touched; GitError outside a repository or for an unknown revision."""
    if repository is None:
        raise GitError("--changed-since and --staged need a git repository")
    paths = changed_paths(repository, since, staged)
    return [target for target in targets if repository.relative(target.location) in paths]
