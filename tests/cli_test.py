"""The installed console script keeps the output contract: real exit status, exact lines.

Everything runs ``review-hooks`` as a subprocess, because click ignores a standalone
command's return value: only the real exit status proves 0 clean, 1 findings, 2 errors.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from review_hooks import __version__
from review_hooks.checks import CHECKS
from review_hooks.registry import IDS
from tests.conftest import git

SCRIPT = str(Path(sys.executable).with_name("review-hooks"))
CONFLICT = "# Plan\n\n<<<<<<< HEAD\nours\n=======\ntheirs\n>>>>>>> topic\n"
FINDING = "docs/x.md:3:1: conflict-markers unresolved merge conflict (lines 3-7: HEAD vs topic)"


def invoke(folder: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([SCRIPT, *args], cwd=folder, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONIOENCODING": "utf-8", **env})


@pytest.fixture
def docs(repo: Path) -> Path:
    (repo / "docs").mkdir()
    (repo / "docs" / "x.md").write_text(CONFLICT)
    (repo / "docs" / "clean.md").write_text("# Clean\n\nNothing to see.\n")
    return repo


def test_version(tmp_path: Path) -> None:
    result = invoke(tmp_path, "--version")
    assert (result.returncode, result.stdout) == (0, f"review-hooks, version {__version__}\n")


def test_list_names_every_check(tmp_path: Path) -> None:
    result = invoke(tmp_path, "list")
    assert result.returncode == 0
    assert [line.split()[0] for line in result.stdout.splitlines()] == list(IDS)
    verbose = invoke(tmp_path, "list", "--verbose")
    for check in CHECKS:
        assert check.doc.strip().splitlines()[0] in verbose.stdout


@pytest.mark.parametrize(("args", "code", "stdout"), [
    pytest.param(["check", "docs/clean.md"], 0, "", id="clean"),
    pytest.param(["check", "docs/x.md", "docs/clean.md"], 1, FINDING + "\n", id="finding"),
    pytest.param(["check-conflict-markers", "docs/x.md"], 1, FINDING + "\n", id="hook"),
    pytest.param(["scan", "docs"], 1, FINDING + "\n", id="scan"),
    pytest.param(["check", "--exit-zero", "docs/x.md"], 0, FINDING + "\n", id="exit zero"),
    pytest.param(["check"], 0, "", id="no files"),
])
def test_exit_status(docs: Path, args: list[str], code: int, stdout: str) -> None:
    if args[0] == "scan":
        subprocess.run(["git", "add", "-A"], cwd=docs, check=True)
    result = invoke(docs, *args)
    assert (result.returncode, result.stdout, result.stderr) == (code, stdout, "")


@pytest.mark.parametrize(("args", "stderr"), [
    pytest.param(["check", "docs/nope.md"], "review-hooks: docs/nope.md: no such file\n", id="missing"),
    pytest.param(["check", "docs"], "review-hooks: docs: is a directory, not a file\n", id="directory"),
    pytest.param(["scan", "docs/nope.md"], "review-hooks: docs/nope.md: no such file\n", id="scan missing"),
])
def test_a_path_that_cannot_be_checked_is_one_line_and_exit_1(docs: Path, args: list[str], stderr: str) -> None:
    result = invoke(docs, *args)
    assert (result.returncode, result.stdout, result.stderr) == (1, "", stderr)


def test_a_missing_path_does_not_hide_the_others(docs: Path) -> None:
    result = invoke(docs, "check", "docs/nope.md", "docs/x.md")
    assert (result.returncode, result.stdout) == (1, FINDING + "\n")
    assert result.stderr == "review-hooks: docs/nope.md: no such file\n"


def test_unknown_check_is_exit_2(docs: Path) -> None:
    result = invoke(docs, "check", "--select", "conflict-markers,nope", "docs/x.md")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == f"review-hooks: unknown check 'nope'; known: {', '.join(IDS)}\n"


@pytest.mark.parametrize(("args", "line"), [
    (["check", "--bogus"], "review-hooks check: No such option '--bogus'. (see 'review-hooks check --help')"),
    (["nope"], "review-hooks: No such command 'nope'. (see 'review-hooks --help')"),
    (["scan", "--format", "xml"], "review-hooks scan: Invalid value for '--format': 'xml' is not one of 'github', "
                                  "'json', 'sarif', 'summary', 'text'. (see 'review-hooks scan --help')"),
])
def test_usage_errors_are_one_line_and_exit_2(tmp_path: Path, args: list[str], line: str) -> None:
    result = invoke(tmp_path, *args)
    assert (result.returncode, result.stdout, result.stderr) == (2, "", line + "\n")


def test_a_scan_in_a_bare_repository_is_one_line_and_exit_2(tmp_path: Path) -> None:
    """A bare repository has no working tree: it was scanned as an ordinary folder and passed, exit 0
    (robust-eval5, C4)."""
    git(tmp_path, "init", "-q", "--bare", "r.git")
    result = invoke(tmp_path / "r.git", "scan")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == ("review-hooks: this folder is a bare git repository, which has no working tree to scan; "
                             "scan a clone of it\n")


def test_review_hooks_alone_prints_its_help(tmp_path: Path) -> None:
    result = invoke(tmp_path)
    assert result.returncode == 2 and "Usage: review-hooks" in result.stderr and "Commands:" in result.stderr


def test_json_format(docs: Path) -> None:
    result = invoke(docs, "check", "--format", "json", "docs/x.md", "docs/clean.md")
    assert result.returncode == 1
    assert json.loads(result.stdout) == [{
        "path": "docs/x.md", "line": 3, "column": 1, "check": "conflict-markers",
        "message": "unresolved merge conflict (lines 3-7: HEAD vs topic)", "fixed": False,
        "severity": "error",
    }]


def test_json_format_when_clean_is_an_empty_list(docs: Path) -> None:
    result = invoke(docs, "check", "--format", "json", "docs/clean.md")
    assert (result.returncode, json.loads(result.stdout)) == (0, [])


def test_output_the_terminal_cannot_encode_is_escaped_not_fatal(docs: Path) -> None:
    (docs / "docs" / "café.md").write_text("<<<<<<< ours ✅\na\n=======\nb\n>>>>>>> theirs\n")
    result = invoke(docs, "check", "docs/café.md", "docs/x.md", PYTHONIOENCODING="ascii")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "docs/caf\\xe9.md:1:1: conflict-markers unresolved merge conflict (lines 1-5: ours \\u2705 vs theirs)",
        FINDING,
    ]


def test_python_dash_m_is_the_same_program(docs: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "review_hooks", "check", "docs/x.md"], cwd=docs,
                            capture_output=True, text=True, timeout=120)
    assert (result.returncode, result.stdout) == (1, FINDING + "\n")


def test_every_hook_command_exists_with_help(tmp_path: Path) -> None:
    for check in CHECKS:
        result = invoke(tmp_path, check.hook, "--help")
        assert result.returncode == 0, check.hook
        assert f"Usage: review-hooks {check.hook}" in result.stdout


@pytest.mark.parametrize("command", ["check", "check-links"])
def test_help_says_when_inbound_links_are_checked_and_how_far_back_history_looks(command: str) -> None:
    from click.testing import CliRunner

    from review_hooks.cli import cli
    from review_hooks.links.history import LIMIT_COMMITS, LIMIT_SECONDS

    shown = " ".join(CliRunner().invoke(cli, [command, "--help"]).output.split())
    assert "Under pre-commit (PRE_COMMIT=1), broken-link also reads the staged change" in shown
    assert f"at most {LIMIT_COMMITS} commits that renamed or deleted files and {LIMIT_SECONDS:g} s of git log" in shown


def test_a_bom_file_with_a_stray_byte_cannot_be_checked_and_exits_1(repo: Path) -> None:
    """Not skipped as binary with exit 0, which would let its conflict through (robust-eval5 C1)."""
    (repo / "b.md").write_bytes(b"\xef\xbb\xbf# T\n\nPrice 5\x80\n" + CONFLICT.encode())
    result = invoke(repo, "check", "b.md")
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == ("review-hooks: b.md: cannot check: not valid UTF-8 (byte 0x80 at line 3, column 8) "
                             "after its byte order mark; correct the bytes or convert the file\n")


def test_a_file_named_like_an_option_is_a_file_as_pre_commit_passes_it(repo: Path) -> None:
    # pre-commit puts staged names after the hook's arguments, never after ``--``
    (repo / "ok.md").write_text("# Ok\n")
    for name in ("-draft.md", "--fix.md"):
        (repo / name).write_text(CONFLICT)
    result = invoke(repo, "check-conflict-markers", "ok.md", "-draft.md", "--fix.md")
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines() == [
        "--fix.md:3:1: conflict-markers unresolved merge conflict (lines 3-7: HEAD vs topic)",
        "-draft.md:3:1: conflict-markers unresolved merge conflict (lines 3-7: HEAD vs topic)"]
    assert invoke(repo, "check-conflict-markers", "--fixx.md").returncode == 2  # no such file: an unknown option


def test_a_lone_cr_in_an_lf_file_ends_a_line_for_every_check_and_is_kept(repo: Path) -> None:
    # robust8: text pasted with bare CRs shifted every later line; editors, CommonMark and GitHub end a line there
    markers = b"<<<<<<< HEAD\nours\n=======\ntheirs\n>>>>>>> topic\n"
    (repo / "l.md").write_bytes(b"# T\n\none\rtwo\r[x](nope.md) caf\xc3\x83\xc2\xa9\n" + markers)
    git(repo, "add", "-A")
    result = invoke(repo, "check", "l.md")
    assert [line.split(" ", 2)[:2] for line in result.stdout.splitlines()] == [
        ["l.md:5:5:", "broken-link"], ["l.md:5:17:", "mojibake"], ["l.md:6:1:", "conflict-markers"]]
    invoke(repo, "fix-mojibake", "l.md")
    assert (repo / "l.md").read_bytes() == b"# T\n\none\rtwo\r[x](nope.md) caf\xc3\xa9\n" + markers
