"""``Repository.relative``: the same answer asked again, and a relative location read from the current folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from review_hooks.repository import Repository


def test_relative_is_the_same_when_asked_again_and_follows_the_current_folder(
        repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (repo / "docs").mkdir()
    repository = Repository(repo)
    assert repository.relative(repo / "docs" / "a.md") == "docs/a.md"
    assert repository.relative(repo / "docs" / "a.md") == "docs/a.md"
    assert repository.relative(repo / "docs" / ".." / "b.md") == "b.md"
    assert repository.relative(repo) == "."
    assert repository.relative(repo.parent / "x.md") is None
    assert repository.relative(Path("a.md")) == "a.md"
    monkeypatch.chdir(repo / "docs")
    assert repository.relative(Path("a.md")) == "docs/a.md"  # a relative location is read from the current folder
