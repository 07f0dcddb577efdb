"""A tracked file whose name is not UTF-8 (``caf\\xe9.md``, as Latin-1 systems write it) is checked and
reported like any other: every format shows the byte escaped as ``\\xe9`` (SARIF's URI percent-encodes
it), the output stays valid UTF-8, and a link that percent-encodes that byte (``caf%E9.md``) reaches it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from review_hooks.finding import Finding, encodable, visible

from .conftest import git

SCRIPT = str(Path(sys.executable).with_name("review-hooks"))
NAME = os.fsdecode(b"caf\xe9.md")  # "caf\udce9.md": the byte as Python's file-system decoding keeps it


def run(folder: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([SCRIPT, *args], cwd=folder, capture_output=True, timeout=120,
                          env={**os.environ, "PYTHONIOENCODING": "utf-8"})


@pytest.fixture
def latin1_name(repo: Path) -> Path:
    """A repository with ``caf\\xe9.md`` holding one broken link."""
    (repo / NAME).write_bytes(b"# T\n\n[x](nope.md)\n")
    git(repo, "add", "-A")
    return repo


def test_visible_and_encodable_show_the_byte() -> None:
    assert visible(NAME) == encodable(NAME) == "caf\\xe9.md"
    assert encodable("a\x1bb\n") == "a\x1bb\n"  # JSON and SARIF escape control characters themselves
    assert visible("a\x1bb\n") == "a\\x1bb\\n"


def test_text_and_json(latin1_name: Path) -> None:
    finding = b"caf\\xe9.md:3:5: broken-link 'nope.md' does not exist; correct the link or add the file\n"
    text = run(latin1_name, "scan")
    assert (text.returncode, text.stdout, text.stderr) == (1, finding, b"")
    listed = run(latin1_name, "scan", "--format", "json")
    assert listed.returncode == 1
    assert [item["path"] for item in json.loads(listed.stdout.decode("utf-8"))] == ["caf\\xe9.md"]


def test_sarif(latin1_name: Path) -> None:
    result = run(latin1_name, "scan", "--format", "sarif")
    assert (result.returncode, result.stderr) == (1, b"")
    (only,) = json.loads(result.stdout.decode("utf-8"))["runs"][0]["results"]
    assert only["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "caf%E9.md"


def test_github_annotation_and_summary(latin1_name: Path, tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    result = subprocess.run([SCRIPT, "scan", "--format", "github"], cwd=latin1_name, capture_output=True,
                            timeout=120, env={**os.environ, "PYTHONIOENCODING": "utf-8",
                                              "GITHUB_STEP_SUMMARY": str(summary)})
    assert (result.returncode, result.stderr) == (1, b"")
    assert b"::error file=caf\\xe9.md,line=3,col=5," in result.stdout
    assert "| caf\\\\xe9.md | 3:5 |" in summary.read_text(encoding="utf-8")  # _cell doubles the backslash


def test_a_percent_encoded_link_reaches_the_file_of_that_byte(latin1_name: Path) -> None:
    (latin1_name / "y.md").write_text("# T\n\n[y](caf%E9.md)\n")
    git(latin1_name, "add", "y.md")
    assert run(latin1_name, "check", "y.md").returncode == 0


def test_a_near_miss_of_that_name_is_suggested_percent_encoded(latin1_name: Path) -> None:
    (latin1_name / "w.md").write_text("# T\n\n[y](Caf%E9.md)\n")
    git(latin1_name, "add", "w.md")
    result = run(latin1_name, "check", "w.md")
    assert (result.returncode, result.stderr) == (1, b"")
    assert result.stdout == (b"w.md:3:5: broken-link 'Caf%E9.md' does not exist (GitHub matches names "
                             b"case-exactly); did you mean 'caf%E9.md'?\n")


def test_json_properties_hold_the_byte_escaped() -> None:
    finding = Finding(NAME, 1, 1, "broken-link", f"'{NAME}' gone", properties=(("resolved", NAME),))
    assert finding.as_dict()["resolved"] == finding.as_dict()["path"] == "caf\\xe9.md"
    assert finding.as_dict()["message"] == "'caf\\xe9.md' gone"
