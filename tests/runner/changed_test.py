"""``scan --changed-since REV`` and ``scan --staged``: only the files a change touched."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import commit, git

CONFLICT = "<<<<<<< HEAD\nours\n=======\ntheirs\n>>>>>>> topic\n"


def scan(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "review_hooks", "scan", *args], capture_output=True, text=True)


def paths(result: subprocess.CompletedProcess[str]) -> set[str]:
    return {line.split(":", 1)[0] for line in result.stdout.splitlines()}


def history(repo: Path) -> None:
    """Two commits: old.md (a conflict) first, then new.md and réviews/é.md (conflicts) in the second."""
    (repo / "old.md").write_text(CONFLICT)
    commit(repo, "old")
    (repo / "réviews").mkdir()
    (repo / "réviews" / "é.md").write_text(CONFLICT)
    (repo / "new.md").write_text(CONFLICT)
    commit(repo, "new")


def test_changed_since_takes_committed_staged_and_unstaged_changes(repo: Path) -> None:
    history(repo)
    assert paths(scan("--changed-since", "HEAD~1")) == {"new.md", "réviews/é.md"}  # non-ASCII path survives
    assert paths(scan("--changed-since", "HEAD")) == set()
    (repo / "old.md").write_text("# edited\n" + CONFLICT)
    assert paths(scan("--changed-since", "HEAD")) == {"old.md"}
    result = scan("--changed-since", "HEAD", "réviews")  # paths still narrow
    assert (result.returncode, result.stdout) == (0, "")


def test_untracked_and_deleted_files_are_not_scanned(repo: Path) -> None:
    history(repo)
    (repo / "untracked.md").write_text(CONFLICT)
    (repo / "new.md").unlink()
    result = scan("--changed-since", "HEAD~1")
    assert paths(result) == {"réviews/é.md"}
    assert result.stderr == ""
    git(repo, "add", "-N", "untracked.md")  # intent to add: now it counts
    assert paths(scan("--changed-since", "HEAD")) == {"untracked.md"}


def test_changed_since_a_branch_means_since_the_merge_base(repo: Path) -> None:
    history(repo)
    git(repo, "checkout", "-q", "-b", "topic")
    (repo / "topic.md").write_text(CONFLICT)
    commit(repo, "topic work")
    git(repo, "checkout", "-q", "main")
    (repo / "later-on-main.md").write_text(CONFLICT)
    commit(repo, "main moved on")
    git(repo, "checkout", "-q", "topic")
    assert paths(scan("--changed-since", "main")) == {"topic.md"}


def test_staged_takes_only_staged_files(repo: Path) -> None:
    (repo / "a.md").write_text(CONFLICT)
    git(repo, "add", "a.md")
    assert paths(scan("--staged")) == {"a.md"}  # before the first commit too
    commit(repo)
    (repo / "b.md").write_text(CONFLICT)
    (repo / "a.md").write_text("unstaged edit\n" + CONFLICT)
    git(repo, "add", "b.md")
    assert paths(scan("--staged")) == {"b.md"}
    assert paths(scan("--staged", "--changed-since", "HEAD")) == {"a.md", "b.md"}


def test_an_unknown_revision_is_one_line_and_exit_2(repo: Path) -> None:
    history(repo)
    result = scan("--changed-since", "no-such-branch")
    assert result.returncode == 2
    assert result.stderr == "review-hooks: --changed-since: 'no-such-branch' is not a commit in this repository\n"


def test_outside_a_repository_is_one_line_and_exit_2(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text(CONFLICT)
    result = scan("--staged")
    assert result.returncode == 2
    assert result.stderr == "review-hooks: --changed-since and --staged need a git repository\n"


def test_the_merge_base_is_found_once_per_run(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The narrowing and the inbound part of ``--changed-since`` share one answer; a new run asks again."""
    from review_hooks.repository import Repository
    from review_hooks.runner import changed

    history(repo)
    asked: list[str] = []
    real = changed._merge_base
    monkeypatch.setattr(changed, "_merge_base", lambda r, rev: asked.append(rev) or real(r, rev))
    repository = Repository(repo)
    first = changed.base(repository, "HEAD")
    assert changed.base(repository, "HEAD") == first and asked == ["HEAD"]
    assert changed.base(Repository(repo), "HEAD") == first and asked == ["HEAD", "HEAD"]
