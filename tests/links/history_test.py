"""links/history.py: a missing target says where git history (or the staged change) moved it."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from review_hooks.links import history
from review_hooks.repository import Repository
from review_hooks.runner.options import RunOptions
from review_hooks.runner.run import run
from tests.conftest import commit, git

PLAN = "# Plan\n\nWhat we will do, in enough words for git to pair a rename.\n"


def scan(fix: bool = False) -> tuple[int, list[str]]:
    out = io.StringIO()
    code = run(["."], RunOptions(scan=True, jobs=1, fix=fix), out, io.StringIO())
    return code, out.getvalue().splitlines()


@pytest.fixture
def moved(repo: Path) -> Path:
    """index.md links to plan.md and old.md; one commit moves plan.md to docs/roadmap.md, another deletes old.md."""
    (repo / "plan.md").write_text(PLAN)
    (repo / "old.md").write_text("# Old\n")
    (repo / "index.md").write_text("# Index\n\n[plan](./plan.md#plan) and [old](old.md)\n")
    commit(repo)
    (repo / "docs").mkdir()
    git(repo, "mv", "plan.md", "docs/roadmap.md")
    commit(repo, "move")
    git(repo, "rm", "-q", "old.md")
    commit(repo, "delete")
    return repo


def short(repo: Path, revision: str) -> str:
    return git(repo, "log", "-1", "--format=%h (%cs)", revision).strip()


def test_a_plain_scan_says_where_history_moved_the_target(moved: Path) -> None:
    assert scan() == (1, [
        f"index.md:3:8: broken-link './plan.md#plan' does not exist; renamed to 'docs/roadmap.md' in "
        f"{short(moved, 'HEAD~1')}; did you mean './docs/roadmap.md#plan'?",
        f"index.md:3:34: broken-link 'old.md' does not exist; deleted in {short(moved, 'HEAD')}; restore it, "
        "or correct or remove the link"])


def test_fix_follows_a_rename_in_history(moved: Path) -> None:
    assert scan(fix=True)[0] == 1
    assert (moved / "index.md").read_text() == "# Index\n\n[plan](./docs/roadmap.md#plan) and [old](old.md)\n"


def test_a_rename_is_followed_to_where_the_file_is_now(moved: Path) -> None:
    git(moved, "mv", "docs/roadmap.md", "docs/plan-2027.md")
    commit(moved, "again")
    assert f"renamed to 'docs/plan-2027.md' in {short(moved, 'HEAD')}" in scan()[1][0]


def test_the_walk_is_bounded(moved: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(history, "LIMIT_COMMITS", 1)  # only the deletion is within reach
    found = history.events(Repository(moved))
    assert set(found) == {"old.md"}
    monkeypatch.setattr(history, "LIMIT_COMMITS", 1000)
    assert set(history.events(Repository(moved))) == {"old.md", "plan.md"}


def test_a_walk_cut_short_keeps_only_whole_commits() -> None:
    output = b"\x01abc1234 2026-10-02\x00\nR100\x00plan.md\x00docs/roadmap.md\x00\x01def5678 2026-09-01\x00\nD\x00ol"
    assert set(history._parse(output, complete=True)) == {"plan.md", "ol"}
    found = history._parse(output, complete=False)
    assert found == {"plan.md": (0, history.Fate("plan.md", "docs/roadmap.md", "in abc1234 (2026-10-02)", True))}


def test_a_staged_rename_is_named_before_history(repo: Path) -> None:
    (repo / "plan.md").write_text(PLAN)
    (repo / "index.md").write_text("[plan](plan.md)\n")
    commit(repo)
    git(repo, "mv", "plan.md", "roadmap.md")
    assert scan() == (1, ["index.md:1:8: broken-link 'plan.md' does not exist; renamed to 'roadmap.md' in this "
                          "change; did you mean 'roadmap.md'?"])


def test_a_name_git_never_had_keeps_the_plain_message(moved: Path) -> None:
    (moved / "index.md").write_text("[typo](./plann.md)\n")
    commit(moved)
    code, found = scan()
    assert code == 1 and "renamed" not in found[0] and "deleted" not in found[0]


def test_a_walk_past_its_time_keeps_what_git_wrote(moved: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The walk asks git through the project's one ``git`` call, with a timeout: git stopped on time gives
    its output so far (here the newest commit, cut in the next one), read as a walk cut short."""
    from review_hooks import gitprocess

    partial = b"\x01abc1234 2026-10-02\x00\nR100\x00plan.md\x00docs/roadmap.md\x00\x01def5678 2026-09-01\x00\nD\x00ol"

    def slow(command: list[str], *options: object) -> None:  # git killed past its time, as ``_exchange`` stops
        assert options[-1] == history.LIMIT_SECONDS and command[3] == "log"
        raise gitprocess._Late(partial)

    monkeypatch.setattr(gitprocess, "_spawned", slow)
    monkeypatch.setattr(gitprocess, "_run", slow)
    with pytest.raises(gitprocess.GitTimeout) as stopped:
        gitprocess.git(moved, "log", timeout=history.LIMIT_SECONDS)
    assert stopped.value.output == partial
    assert set(history.events(Repository(moved))) == {"plan.md"}


def test_a_repository_without_commits_has_no_history(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q")
    assert history.events(Repository(tmp_path)) == {}
