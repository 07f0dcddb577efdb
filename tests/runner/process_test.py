"""A bug in a check's fix or tally is one line on stderr and exit 2; the other checks' work still stands."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from review_hooks.check import Check, Context
from review_hooks.document import Document
from review_hooks.finding import Finding
from review_hooks.runner.run import RunOptions, run
from tests.conftest import git
from tests.write_test import register


def _typo(document: Document, context: Context) -> Iterator[Finding]:
    for number, line in enumerate(document.lines, 1):
        if (column := line.find("teh")) >= 0:
            yield Finding(line=number, column=column + 1, message="'teh' is a typo")


def _explode(document: Document, context: Context) -> str:
    raise ValueError("boom")


def test_a_fixer_that_crashes_is_one_line_and_the_other_fixes_are_written(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    register(monkeypatch, Check(id="typo", summary="", doc="typo: toy", hook="fix-typo", find=_typo, repair=_explode))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_bytes("teh caf\u00c3\u00a9\n".encode())
    out, err = io.StringIO(), io.StringIO()
    code = run(["a.md"], RunOptions(select=("mojibake", "typo"), fix=True), out, err)
    assert code == 2
    assert err.getvalue() == "review-hooks: a.md: internal error in typo fix: ValueError: boom\n"
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == "teh caf\u00e9\n"  # mojibake's repair written
    assert out.getvalue() == ("a.md:1:1: typo 'teh' is a typo\n"  # not fixed: still reported
                              "a.md:1:8: mojibake '\u00c3\u00a9' is double-encoded '\u00e9' (Windows-1252) (fixed)\n")


def test_a_tally_that_crashes_is_one_line_and_the_findings_are_still_reported(
        repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    register(monkeypatch, Check(id="typo", summary="", doc="typo: toy", hook="fix-typo", find=_typo,
                                tally=_explode))
    (repo / "a.md").write_text("teh\n")
    git(repo, "add", "a.md")
    out, err = io.StringIO(), io.StringIO()
    code = run([], RunOptions(scan=True, jobs=1, select=("typo",)), out, err)
    assert (code, out.getvalue()) == (2, "a.md:1:1: typo 'teh' is a typo\n")
    assert err.getvalue() == "review-hooks: a.md: internal error in typo: ValueError: boom\n"


def test_a_file_named_twice_is_checked_once(repo: Path) -> None:
    (repo / "plan.md").write_text("# Plan\n\n[x](gone.md)\n")
    out = io.StringIO()
    assert run(["plan.md", "./plan.md", "plan.md"], RunOptions(), out, io.StringIO()) == 1
    assert out.getvalue().splitlines() == [
        "plan.md:3:5: broken-link 'gone.md' does not exist; correct the link or add the file"]


@pytest.mark.parametrize("args", [("scan",), ("check", "a.md"), ("check", "--format", "sarif", "a.md")])
def test_a_current_folder_removed_under_the_run_is_said_in_one_line(tmp_path: Path, args: tuple[str, ...]) -> None:
    import subprocess
    import sys

    gone = tmp_path / "gone"
    gone.mkdir()
    script = f"import os, sys; os.chdir({str(gone)!r}); os.rmdir({str(gone)!r}); from review_hooks import console; " \
             f"console.main({list(args)!r})"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr == "review-hooks: the current folder no longer exists; change to a folder that does\n"
