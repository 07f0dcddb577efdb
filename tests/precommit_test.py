"""The hooks as pre-commit sees them: a manifest its own schema accepts, and a hook that really runs.

``pre-commit try-repo`` installs this repository (its committed state plus any uncommitted
changes) into a hook environment and runs the hook on a throw-away repository; the
environment is built once per session in the shared ``pre_commit_home``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from review_hooks.registry import CHECKS
from tests.conftest import ROOT, git

PRE_COMMIT = str(Path(sys.executable).with_name("pre-commit"))


def test_the_manifest_passes_pre_commits_own_schema() -> None:
    from pre_commit.clientlib import load_manifest

    hooks = load_manifest(str(ROOT / ".pre-commit-hooks.yaml"))  # raises InvalidManifestError otherwise
    by_id = {hook["id"]: hook for hook in hooks}
    assert set(by_id) == {check.hook for check in CHECKS} | {"review-hooks"}
    binary = {"file", "binary", "image", "png", "non-executable"}  # what identify tags a PNG with
    for hook in hooks:
        assert hook["language"] == "python"
        assert hook["entry"].split()[0] == "review-hooks"
        for tags in (binary, {"symlink"}):  # binaries and symlinks never reach a hook
            types, types_or = set(hook["types"]), set(hook["types_or"])
            assert not (types <= tags and (not types_or or tags & types_or)), (hook["id"], tags)


def try_repo(folder: Path, home: Path, hook: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never",
                   "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
                   "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    return subprocess.run([PRE_COMMIT, "try-repo", str(ROOT), hook, "--all-files"], cwd=folder,
                          capture_output=True, text=True, env=environment, timeout=600)


@pytest.mark.parametrize("hook", ["check-conflict-markers", "review-hooks"])
def test_the_hook_fails_on_a_committed_conflict(repo: Path, pre_commit_home: Path, hook: str) -> None:
    (repo / "plan.md").write_text("# Plan\n\n<<<<<<< HEAD\nours\n=======\ntheirs\n>>>>>>> topic\n")
    (repo / "notes.md").write_text("Title\n=======\n\nA setext heading, not a conflict.\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "a merge nobody finished")
    result = try_repo(repo, pre_commit_home, hook)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Failed" in result.stdout
    assert "plan.md:3:1: conflict-markers unresolved merge conflict (lines 3-7: HEAD vs topic)" in result.stdout
    assert "notes.md" not in result.stdout.split("- exit code: 1", 1)[1]
    assert "Traceback" not in result.stdout + result.stderr


def test_the_hook_passes_a_clean_repository(repo: Path, pre_commit_home: Path) -> None:
    (repo / "notes.md").write_text("Title\n=======\n\nNothing to see.\n")
    (repo / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00<<<<<<< not text")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "clean")
    result = try_repo(repo, pre_commit_home, "check-conflict-markers")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Passed" in result.stdout
