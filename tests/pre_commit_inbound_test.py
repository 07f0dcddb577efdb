"""Inbound links through real pre-commit, as a commit runs them: staged changes, files split over processes.

``pre-commit run`` in a scratch repository runs the hooks on the staged files, as ``git commit``
does (pre-commit sets ``PRE_COMMIT=1``, stashes unstaged changes, shuffles and splits the file
list); one test commits through the installed git hook. The hook repository is this worktree
as a commit (``hook_repo``), so the hook environment is built once per session and shared with
``pre_commit_test.py`` (``try-repo`` would build one per call, in a temporary store).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import commit, git

DOCS = {
    "index.md": "# Index\n\n- [the plan](plan.md)\n- [setup](guides/setup.md)\n- [manual](manual/intro.md)\n"
                "- [risks](reviews/q3.md#known-risks)\n- [costs](reviews/q3.md#costs)\n",
    "plan.md": "# Plan\n\nWhat we will do, in enough words for git to pair a rename.\n",
    "guides/setup.md": "# Setup\n\nHow to set up.\n",
    "guides/other.md": "# Other\n",
    "manual/intro.md": "# Intro\n\nThe manual, in enough words for git to pair a rename.\n",
    "reviews/q3.md": "# Q3\n\n## Known risks\n\nSome.\n\n## Costs\n\nMany.\n\n## Team\n\nUs.\n",
}


def write(repo: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text, encoding="utf-8")


def pre_commit(folder: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    environment = {**{k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "VIRTUAL_ENV", "PRE_COMMIT"))},
                   "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    return subprocess.run([sys.executable, "-m", "pre_commit", *args], cwd=folder, env=environment,
                          capture_output=True, text=True, timeout=900)


@pytest.fixture
def docs(repo: Path, hook_repo: tuple[Path, str]) -> Path:
    """The documents, committed with a configuration of both hooks that read links, ``--fix`` for check-links."""
    hooks = [{"id": "check-links", "args": ["--fix"]}, {"id": "review-hooks", "args": ["--select", "broken-link"]}]
    config = {"repos": [{"repo": str(hook_repo[0]), "rev": hook_repo[1], "hooks": hooks}]}
    write(repo, {**DOCS, ".pre-commit-config.yaml": yaml.safe_dump(config)})
    commit(repo)
    return repo


def run_hook(folder: Path, home: Path, hook: str) -> subprocess.CompletedProcess[str]:
    """One hook on the staged files, as ``git commit`` would run it."""
    return pre_commit(folder, home, "run", hook)


def findings(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in result.stdout.splitlines() if ": broken-link " in line]


@pytest.mark.parametrize("hook", ["check-links", "review-hooks"])
def test_a_commit_that_only_deletes_a_linked_file_fails(docs: Path, pre_commit_home: Path,
                                                        hook_repo: tuple[Path, str], hook: str) -> None:
    git(docs, "rm", "-q", "plan.md")  # pre-commit passes the hook no file at all
    result = run_hook(docs, pre_commit_home, hook)
    assert result.returncode == 1, result.stdout + result.stderr
    assert findings(result) == ["index.md:3:14: broken-link 'plan.md' was deleted in this change; restore it, "
                                "or correct or remove the link"]


def test_harmless_changes_pass(docs: Path, pre_commit_home: Path, hook_repo: tuple[Path, str]) -> None:
    git(docs, "mv", "plan.md", "roadmap.md")  # a rename whose links are updated in the same commit
    write(docs, {"index.md": DOCS["index.md"].replace("plan.md", "roadmap.md"),
                 "reviews/q3.md": DOCS["reviews/q3.md"].replace("Team", "People")})  # a heading nothing links to
    git(docs, "add", "-A")
    result = pre_commit(docs, pre_commit_home, "run")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Passed" in result.stdout


def test_fix_rewrites_a_renamed_target_and_the_commit_stops(docs: Path, pre_commit_home: Path) -> None:
    assert pre_commit(docs, pre_commit_home, "install").returncode == 0
    git(docs, "mv", "plan.md", "roadmap.md")
    environment = {"PRE_COMMIT_HOME": str(pre_commit_home), "PRE_COMMIT_COLOR": "never"}
    committed = subprocess.run(["git", "commit", "-m", "rename the plan"], cwd=docs, capture_output=True, text=True,
                               env={**os.environ, **environment, "GIT_AUTHOR_NAME": "t", "GIT_COMMITTER_NAME": "t",
                                    "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_EMAIL": "t@example.com"})
    assert committed.returncode == 1, committed.stdout + committed.stderr
    assert "index.md:3:14: broken-link 'plan.md' was renamed to 'roadmap.md' in this change; did you mean " \
           "'roadmap.md'? (fixed)" in committed.stdout + committed.stderr
    assert (docs / "index.md").read_text() == DOCS["index.md"].replace("(plan.md)", "(roadmap.md)")
    assert git(docs, "log", "--format=%s") == "change\n"  # nothing committed: the fixed file is to be staged


def test_each_breakage_of_a_large_commit_is_reported_once(docs: Path, pre_commit_home: Path,
                                                          hook_repo: tuple[Path, str]) -> None:
    """A rename, a deletion, a folder move and a renamed heading, among 1,600 files (over 128 KiB of
    arguments): pre-commit runs the hook in several processes; each breakage is printed once."""
    names = [f"bulk/{'long-folder-name-' * 4}{index:04}.md" for index in range(1700)]
    assert sum(len(name) + 1 for name in names) > 128 * 1024
    write(docs, dict.fromkeys(names, "# Bulk\n\nNothing linked.\n"))
    write(docs, {"reviews/q3.md": DOCS["reviews/q3.md"].replace("Known risks", "Open risks")})
    git(docs, "mv", "plan.md", "roadmap.md")
    git(docs, "rm", "-q", "guides/setup.md")
    git(docs, "mv", "manual", "handbook")
    git(docs, "add", "-A")
    result = run_hook(docs, pre_commit_home, "review-hooks")
    assert result.returncode == 1, result.stdout + result.stderr
    assert findings(result) == [
        "index.md:3:14: broken-link 'plan.md' was renamed to 'roadmap.md' in this change; did you mean 'roadmap.md'?",
        "index.md:4:11: broken-link 'guides/setup.md' was deleted in this change; restore it, or correct or "
        "remove the link",
        "index.md:5:12: broken-link 'manual/intro.md' was moved to 'handbook/intro.md' in this change; "
        "did you mean 'handbook/intro.md'?",
        'index.md:6:11: broken-link heading "Known risks" in reviews/q3.md is now "Open risks" (#open-risks); '
        "did you mean 'reviews/q3.md#open-risks'?",
    ]
