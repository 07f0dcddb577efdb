"""Every hook of ``.pre-commit-hooks.yaml``, run by real pre-commit from a commit of this worktree.

pre-commit installs the hook repository into a virtual environment once per session
(``pre_commit_home``); each test then runs one hook on a clean document (it must pass) and on
a document with that hook's defect (it must fail and name the defect; a fixer must also
repair the file). Our own ``.pre-commit-config.yaml`` must mirror the manifest and run clean
on this repository.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from review_hooks.checks import CHECKS
from review_hooks.registry import IDS
from tests.conftest import ROOT, commit, git

MANIFEST = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
HOOKS = [hook["id"] for hook in MANIFEST]
PRE_COMMIT = str(Path(sys.executable).with_name("pre-commit"))
CONFLICT = "<<<<<<< HEAD\nours\n=======\ntheirs\n>>>>>>> topic\n"


@dataclass(frozen=True)
class Case:
    name: str
    text: str
    expected: str  # in pre-commit's output
    fixed: str | None = None  # the file's text after a fixer ran


CASES = {
    "check-conflict-markers": Case("conflict.md", CONFLICT, "conflict.md:1:1: conflict-markers unresolved"),
    "fix-mojibake": Case("menu.md", "# Menu\n\nCaf\u00c3\u00a9 cr\u00c3\u00a8me\n", "menu.md:3:",
                         fixed="# Menu\n\nCafé crème\n"),
    "check-links": Case("links.md", "# Links\n\nSee [the plan](./no-such-plan.md).\n", "no-such-plan.md"),
    "check-headings": Case("report.md", "# Report\n\n## Details\n", "report.md:"),
    "review-hooks": Case("conflict.txt", CONFLICT, "conflict.txt:1:1: conflict-markers unresolved"),
}
CLEAN = {
    "clean.md": "# Report\n\n## Summary\n\nAll good; see [the notes](./notes.txt).\n",
    "notes.txt": "Plain notes.\n",
}
if "required-headings" in IDS:  # an unknown configuration table is an error until the check exists
    CLEAN[".review-hooks.toml"] = ('[[required-headings.kind]]\nname = "report"\nfiles = ["*.md"]\n'
                                   'headings = ["## Summary"]\n')



def pre_commit(folder: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    environment = {**{k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "VIRTUAL_ENV"))},
                   "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    return subprocess.run([sys.executable, "-m", "pre_commit", *args], cwd=folder, env=environment,
                          capture_output=True, text=True, timeout=900)


@pytest.mark.parametrize("hook", HOOKS)
def test_hook_verdicts_through_pre_commit(hook: str, repo: Path, hook_repo: tuple[Path, str],
                                          pre_commit_home: Path) -> None:
    assert hook in CASES, f"add a case for the new hook {hook!r}"
    case = CASES[hook]
    config = {"repos": [{"repo": str(hook_repo[0]), "rev": hook_repo[1], "hooks": [{"id": hook}]}]}
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config))
    for name, text in {**CLEAN, case.name: case.text}.items():
        (repo / name).write_text(text, encoding="utf-8")
    commit(repo)
    passed = pre_commit(repo, pre_commit_home, "run", hook, "--files", "clean.md", "notes.txt")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout
    failed = pre_commit(repo, pre_commit_home, "run", hook, "--files", case.name)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "Failed" in failed.stdout and case.expected in failed.stdout, failed.stdout
    assert (repo / case.name).read_text(encoding="utf-8") == (case.fixed or case.text)


def test_the_manifest_describes_every_hook_fully() -> None:
    for hook in MANIFEST:
        assert {"id", "name", "description", "entry", "language", "minimum_pre_commit_version"} <= set(hook)
        assert hook["language"] == "python"
        assert "types" in hook or "types_or" in hook, hook["id"]


def test_our_own_config_mirrors_the_manifest_and_pyproject() -> None:
    ours = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    assert ours["exclude"] == "^(fixtures|tests|bench)/"
    (local,) = ours["repos"]
    assert local["repo"] == "local"
    dependencies = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    by_id = {hook["id"]: hook for hook in local["hooks"]}
    assert list(by_id) == HOOKS
    for hook in MANIFEST:
        mine = by_id[hook["id"]]
        assert mine["entry"] == hook["entry"].replace("review-hooks ", "python -m review_hooks ", 1)
        assert (mine.get("types"), mine.get("types_or")) == (hook.get("types"), hook.get("types_or"))
        assert mine.get("always_run") == hook.get("always_run")
        assert mine["additional_dependencies"] == dependencies


def test_this_repository_passes_its_own_hooks(hook_repo: tuple[Path, str], pre_commit_home: Path,
                                              tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(hook_repo[0]), str(clone)], check=True)
    result = pre_commit(clone, pre_commit_home, "run", "--all-files")
    assert result.returncode == 0, result.stdout + result.stderr


# pre-commit's own schema, and `pre-commit try-repo` on a throw-away repository


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


def try_repo(folder: Path, home: Path, hook_repo: tuple[Path, str], hook: str) -> subprocess.CompletedProcess[str]:
    """``pre-commit try-repo`` of this worktree's commit (``hook_repo``): the same repository and revision as
    the other tests' configuration, so pre-commit builds the hook environment once per session."""
    environment = {**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never",
                   "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
                   "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    return subprocess.run([PRE_COMMIT, "try-repo", str(hook_repo[0]), hook, "--ref", hook_repo[1], "--all-files"],
                          cwd=folder, capture_output=True, text=True, env=environment, timeout=600)


def run_hook(folder: Path, home: Path, hook_repo: tuple[Path, str], hook: str,
             via_try_repo: bool = False) -> subprocess.CompletedProcess[str]:
    """``hook`` over every file of ``folder``, as ``pre-commit try-repo`` runs it (a fresh hook environment
    each time: slow) or as ``pre-commit run`` with a configuration naming ``hook_repo`` (built once)."""
    if via_try_repo:
        return try_repo(folder, home, hook_repo, hook)
    config = folder.parent / "pre-commit-config.yaml"
    config.write_text(yaml.safe_dump({"repos": [{"repo": str(hook_repo[0]), "rev": hook_repo[1],
                                                 "hooks": [{"id": hook}]}]}))
    return pre_commit(folder, home, "run", hook, "--all-files", "--config", str(config))


@pytest.mark.parametrize(("hook", "via_try_repo"), [("check-conflict-markers", True), ("review-hooks", False)])
def test_the_hook_fails_on_a_committed_conflict(repo: Path, pre_commit_home: Path, hook_repo: tuple[Path, str],
                                                hook: str, via_try_repo: bool) -> None:
    (repo / "plan.md").write_text("# Plan\n\n<<<<<<< HEAD\nours\n=======\ntheirs\n>>>>>>> topic\n")
    (repo / "notes.md").write_text("Title\n=======\n\nA setext heading, not a conflict.\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "a merge nobody finished")
    result = run_hook(repo, pre_commit_home, hook_repo, hook, via_try_repo)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Failed" in result.stdout
    assert "plan.md:3:1: conflict-markers unresolved merge conflict (lines 3-7: HEAD vs topic)" in result.stdout
    assert "notes.md" not in result.stdout.split("- exit code: 1", 1)[1]
    assert "Traceback" not in result.stdout + result.stderr


def test_the_hook_passes_a_clean_repository(repo: Path, pre_commit_home: Path, hook_repo: tuple[Path, str]) -> None:
    (repo / "notes.md").write_text("Title\n=======\n\nNothing to see.\n")
    (repo / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00<<<<<<< not text")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "clean")
    result = run_hook(repo, pre_commit_home, hook_repo, "check-conflict-markers")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Passed" in result.stdout
