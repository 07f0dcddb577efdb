"""People at a terminal: colour and a progress bar only on a TTY, ``--quiet``, ``--statistics``."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from review_hooks.report import terminal
from review_hooks.runner.run import RunOptions, run
from tests.conftest import commit

CONFLICT = "<<<<<<< HEAD\nours\n=======\ntheirs\n>>>>>>> topic\n"
LINE = "a.md:1:1: conflict-markers unresolved merge conflict (lines 1-5: HEAD vs topic)\n"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def scan(options: RunOptions, out: io.StringIO | None = None, err: io.StringIO | None = None) -> tuple[int, str, str]:
    out, err = out if out is not None else io.StringIO(), err if err is not None else io.StringIO()
    code = run(["."], options, out, err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def conflicted(repo: Path) -> Path:
    (repo / "a.md").write_text(CONFLICT)
    (repo / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\0\0")
    commit(repo)
    return repo


def test_colour_only_on_a_terminal_and_never_with_no_color(conflicted: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, plain, _ = scan(RunOptions(scan=True))
    assert (code, plain) == (1, LINE)
    _, coloured, _ = scan(RunOptions(scan=True), out=Terminal())
    assert "\x1b[" in coloured and coloured != plain
    assert "unresolved merge conflict" in coloured
    monkeypatch.setenv("NO_COLOR", "1")
    assert scan(RunOptions(scan=True), out=Terminal())[1] == plain


def test_piped_output_is_never_coloured(conflicted: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "review_hooks", "scan"], capture_output=True, text=True)
    assert result.stdout == LINE


def test_statistics_count_checks_and_skipped_files(conflicted: Path) -> None:
    (conflicted / "b.md").write_text("<!-- review-hooks: disable-file conflict-markers -->\n" + CONFLICT)
    commit(conflicted)
    code, out, err = scan(RunOptions(scan=True, statistics=True))
    assert (code, out) == (1, LINE)
    assert err.splitlines() == [
        "     1  conflict-markers",
        "     1  findings in 2 checked files",
        "     1  suppressed inline",
        "     1  binary file skipped",
    ]


def test_quiet_keeps_findings_and_failures_but_drops_notes(repo: Path) -> None:
    (repo / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\0\0")
    (repo / "a.md").write_text(CONFLICT)
    options = RunOptions()
    assert "binary" in run_named(options, "logo.png", "a.md")[2]
    code, out, err = run_named(RunOptions(quiet=True), "logo.png", "a.md", "missing.md")
    assert (code, out) == (1, LINE)
    assert err == "review-hooks: missing.md: no such file\n"


def run_named(options: RunOptions, *paths: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    return run(list(paths), options, out, err), out.getvalue(), err.getvalue()


def test_progress_bar_only_on_a_terminal_for_long_scans(repo: Path) -> None:
    for number in range(terminal.PROGRESS_THRESHOLD):
        (repo / f"{number:02}.md").write_text("fine\n")
    commit(repo)
    assert scan(RunOptions(scan=True))[2] == ""
    _, out, err = scan(RunOptions(scan=True), err=Terminal())
    assert "review-hooks" in err and f"{terminal.PROGRESS_THRESHOLD}/{terminal.PROGRESS_THRESHOLD}" in err
    assert out == ""
    assert scan(RunOptions(scan=True, quiet=True), err=Terminal())[2] == ""


def test_quiet_still_shows_the_diff_that_was_asked_for(repo: Path) -> None:
    (repo / "a.md").write_text("# Caf\u00c3\u00a9\n", encoding="utf-8")
    code, out, err = run_named(RunOptions(quiet=True, diff=True, select=("mojibake",)), "a.md")
    assert code == 1 and "mojibake" in out
    assert "-# Caf\u00c3\u00a9" in err and "+# Café" in err
    assert (repo / "a.md").read_text(encoding="utf-8") == "# Caf\u00c3\u00a9\n"


def test_a_coloured_warning_still_says_it_is_a_warning() -> None:
    import click

    from review_hooks.finding import Finding

    line = terminal.coloured(Finding("a.md", 2, 1, "required-headings", "out of order", severity="warning"))
    assert click.unstyle(line) == "a.md:2:1: required-headings warning: out of order"
