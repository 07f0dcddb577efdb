"""required-headings: a configured kind that no file of a whole scan is, is a warning."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import git

KINDS = """[required-headings]
exclude = ["templates/**"]

[[required-headings.kind]]
name = "meta"
front-matter = { type = "meta" }
headings = ["## Abstract"]

[[required-headings.kind]]
name = "proposal"
files = ["eips/*.md"]
headings = ["## Abstract"]
"""
WARNING = ('.review-hooks.toml:4:1: required-headings warning: kind "meta" matched no file in this scan; check its '
           "front-matter (front-matter values compare exactly, case included)")


def review_hooks(repo: Path, *args: str, cwd: Path | None = None) -> tuple[int, list[str]]:
    result = subprocess.run([sys.executable, "-m", "review_hooks", *args], cwd=cwd or repo, capture_output=True,
                            text=True)
    assert "Traceback" not in result.stderr
    return result.returncode, result.stdout.splitlines()


@pytest.fixture
def proposals(repo: Path) -> Path:
    (repo / ".review-hooks.toml").write_text(KINDS, encoding="utf-8")
    (repo / "eips").mkdir()
    (repo / "eips" / "1.md").write_text("---\ntype: Meta\n---\n# One\n\n## Abstract\n", encoding="utf-8")
    (repo / "eips" / "2.md").write_text("---\ntype: Core\n---\n# Two\n\n## Abstract\n", encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "proposals")
    return repo


def test_a_kind_no_file_is_warns_in_a_scan_without_changing_the_exit_code(proposals: Path) -> None:
    assert review_hooks(proposals, "scan", "--select", "required-headings") == (0, [WARNING])
    (proposals / "eips" / "3.md").write_text("# Three\n", encoding="utf-8")
    git(proposals, "add", "-A")
    code, lines = review_hooks(proposals, "scan", "--select", "required-headings")
    assert code == 1 and lines[0] == WARNING and "missing required heading" in lines[1]  # sorted by path


def test_no_warning_once_a_file_is_the_kind(proposals: Path) -> None:
    (proposals / ".review-hooks.toml").write_text(KINDS.replace('"meta" }', '"Meta" }'), encoding="utf-8")
    assert review_hooks(proposals, "scan", "--select", "required-headings") == (0, [])


def test_an_excluded_or_stub_file_is_no_kind(proposals: Path) -> None:
    (proposals / ".review-hooks.toml").write_text(KINDS.replace('"meta" }', '"Meta" }'), encoding="utf-8")
    (proposals / "eips" / "1.md").write_text("---\ntype: Meta\nstatus: Moved\n---\n", encoding="utf-8")
    (proposals / "eips" / "2.md").write_text("Moved to [three](3.md).\n", encoding="utf-8")
    (proposals / "templates").mkdir()
    (proposals / "templates" / "t.md").write_text("---\ntype: Meta\n---\n# T\n", encoding="utf-8")
    git(proposals, "add", "-A")
    lines = review_hooks(proposals, "scan", "--select", "required-headings")[1]
    assert [line.split('"')[1] for line in lines] == ["meta", "proposal"]


def test_a_kind_of_several_selectors_says_they_combine(repo: Path) -> None:
    (repo / ".review-hooks.toml").write_text('[[required-headings.kind]]\nname = "deprecation"\nfiles = ["*.md"]\n'
                                             'title = "^Deprecate"\nheadings = []\n', encoding="utf-8")
    (repo / "a.md").write_text("# Add a helper\n", encoding="utf-8")
    git(repo, "add", "-A")
    assert review_hooks(repo, "scan", "--select", "required-headings")[1] == [
        '.review-hooks.toml:1:1: required-headings warning: kind "deprecation" matched no file in this scan; check '
        "its files and title (a file must match all of them)"]


def test_a_run_that_sees_part_of_the_tree_never_warns(proposals: Path) -> None:
    assert review_hooks(proposals, "check-headings", "eips/1.md") == (0, [])  # a hook run: some files
    assert review_hooks(proposals, "scan", "eips", "--select", "required-headings") == (0, [])  # a subfolder
    (proposals / "eips" / "1.md").write_text("---\ntype: Meta\n---\n# One\n\n## Abstract\n\nmore\n", encoding="utf-8")
    assert review_hooks(proposals, "scan", "--changed-since", "HEAD", "--select", "required-headings") == (0, [])
    assert review_hooks(proposals, "scan", "..", "--select", "required-headings", cwd=proposals / "eips") == (
        0, ["../" + WARNING])  # a scan from below that covers the configuration's folder


def test_the_warning_survives_worker_processes(proposals: Path) -> None:
    for number in range(3, 63):  # enough files for a scan to use workers
        (proposals / "eips" / f"{number}.md").write_text("# P\n\n## Abstract\n", encoding="utf-8")
    git(proposals, "add", "-A")
    assert review_hooks(proposals, "scan", "--jobs", "2", "--select", "required-headings") == (0, [WARNING])
    (proposals / ".review-hooks.toml").write_text(KINDS.replace('"meta" }', '"Meta" }'), encoding="utf-8")
    assert review_hooks(proposals, "scan", "--jobs", "2", "--select", "required-headings") == (0, [])


def test_the_warning_points_into_pyproject_toml(repo: Path) -> None:
    (repo / "pyproject.toml").write_text('[project]\nname = "x"\n\n[[tool.review-hooks.required-headings.kind]]\n'
                                         'name = "adr"\nfiles = ["adr/*.md"]\nheadings = ["## Context"]\n',
                                         encoding="utf-8")
    (repo / "notes.md").write_text("# Notes\n", encoding="utf-8")
    git(repo, "add", "-A")
    assert review_hooks(repo, "scan", "--select", "required-headings") == (0, [
        'pyproject.toml:4:1: required-headings warning: kind "adr" matched no file in this scan; check its files'])


def test_the_warning_names_the_kinds_line_in_a_configuration_with_a_bom(proposals: Path) -> None:
    """The configuration is read as TOML reads it: a byte order mark does not hide the first line."""
    config = proposals / ".review-hooks.toml"
    config.write_text("[[required-headings.kind]]" + KINDS.split("[[required-headings.kind]]", 1)[1],
                      encoding="utf-8-sig")  # the meta kind's header is now line 1, after the BOM
    assert review_hooks(proposals, "scan", "--select", "required-headings") == (
        0, [WARNING.replace(".review-hooks.toml:4:1:", ".review-hooks.toml:1:1:")])
