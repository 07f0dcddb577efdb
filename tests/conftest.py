"""Shared test fixtures: a clean environment and a throw-away git repository."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
#: shared/ sits beside the repository in CI; a worktree elsewhere can name it with REVIEW_HOOKS_SHARED.
SHARED = Path(os.environ.get("REVIEW_HOOKS_SHARED") or ROOT.parent / "shared")


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Output formats are deterministic only outside GitHub Actions, and hook runs only outside pre-commit
    (which sets PRE_COMMIT=1 for its hooks: broken-link then also reads the staged change)."""
    for name in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "NO_COLOR", "PRE_COMMIT"):
        monkeypatch.delenv(name, raising=False)


def git(folder: Path, *args: str) -> str:
    environment = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
                   "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    return subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True, text=True,
                          env=environment).stdout


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty git repository as the current folder."""
    folder = tmp_path / "repo"
    folder.mkdir()
    git(folder, "init", "-q", "-b", "main")
    git(folder, "config", "core.autocrlf", "false")
    monkeypatch.chdir(folder)
    return folder


@pytest.fixture(scope="session")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A git repository holding this worktree as it is now (HEAD plus uncommitted changes), and its commit.

    pre-commit and the GitHub Action install review-hooks from a commit, so the tests give them one
    that also holds whatever is not committed yet: untracked files included, ignored files not.
    """
    folder = tmp_path_factory.mktemp("hook-repo")
    listed = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            check=True, capture_output=True).stdout
    for name in sorted({os.fsdecode(entry) for entry in listed.split(b"\0") if entry}):
        source, target = ROOT / name, folder / name
        if source.is_file() or source.is_symlink():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target, follow_symlinks=False)
    git(folder, "init", "-q", "-b", "main")
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "--no-verify", "-m", "review-hooks as tested")
    return folder, git(folder, "rev-parse", "HEAD").strip()


@pytest.fixture(scope="session")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One PRE_COMMIT_HOME for the whole session, so each hook environment is built once."""
    return tmp_path_factory.mktemp("pre-commit-home")


def commit(folder: Path, message: str = "change") -> None:
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "--no-verify", "-m", message)
