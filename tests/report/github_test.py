"""``--format github``: annotations with GitHub's escaping, the plain lines, and the job summary."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from review_hooks.finding import Finding, Problem
from review_hooks.report import github
from tests.conftest import commit

CONFLICT = "<<<<<<< HEAD\nours\n=======\ntheirs\n>>>>>>> topic\n"


@pytest.mark.parametrize("value, data, prop", [
    pytest.param("50% done", "50%25 done", "50%25 done", id="percent"),
    pytest.param("a:b,c", "a:b,c", "a%3Ab%2Cc", id="colon and comma"),
    pytest.param("one\ntwo\r\nthree", "one%0Atwo%0D%0Athree", "one%0Atwo%0D%0Athree", id="newlines"),
    pytest.param("%0A", "%250A", "%250A", id="an escape sequence stays literal"),
])
def test_escaping(value: str, data: str, prop: str) -> None:
    assert github.escape_data(value) == data
    assert github.escape_property(value) == prop


def test_annotation_escapes_path_and_message() -> None:
    finding = Finding("docs/a,b:50%\n.md", 3, 7, "broken-link", "'x:y,z' 100% broken\nsee: here")
    assert github.annotation(finding) == (
        "::error file=docs/a%2Cb%3A50%25%0A.md,line=3,col=7,title=review-hooks (broken-link)"
        "::'x:y,z' 100%25 broken%0Asee: here"
    )


def test_warning_and_fixed_findings_are_not_errors() -> None:
    assert github.annotation(Finding("a.md", 1, 1, "c", "m", severity="warning")).startswith("::warning file=a.md,")
    assert github.annotation(Finding("a.md", 1, 1, "c", "m", fixed=True)).endswith("::m (fixed)")


def test_a_warning_says_so_on_its_plain_line_and_by_its_annotation_level() -> None:
    out = io.StringIO()
    github.report([Finding("a.md", 3, 1, "required-headings", "out of order", severity="warning")], out)
    assert out.getvalue() == ("a.md:3:1: required-headings warning: out of order\n"
                              "::warning file=a.md,line=3,col=1,title=review-hooks (required-headings)::out of order\n")
    assert str(Finding("a.md", 3, 1, "c", "m")) == "a.md:3:1: c m"


def test_report_prints_plain_lines_then_annotations_and_skips_suppressed(monkeypatch: pytest.MonkeyPatch) -> None:
    out = io.StringIO()
    github.report([Finding("a.md", 1, 2, "c", "one"), Finding("b.md", 1, 1, "c", "gone", suppressed=True)], out)
    assert out.getvalue() == "a.md:1:2: c one\n::error file=a.md,line=1,col=2,title=review-hooks (c)::one\n"


def test_summary_counts_checks_and_caps_the_table() -> None:
    findings = [Finding(f"f{n}.md", n, 1, "conflict-markers", f"m|{n}") for n in range(1, 6)]
    findings.append(Finding("g.md", 1, 1, "broken-link", "x", fixed=True))
    text = github.summary(findings, rows=2)
    assert "6 findings in 6 files (1 fixed)." in text
    assert "| broken-link | 1 |\n| conflict-markers | 5 |" in text
    assert "| f1.md | 1:1 | conflict-markers | m\\|1 |" in text
    assert "f3.md" not in text
    assert "4 more findings not shown here; the step log lists them all." in text
    assert github.summary([]) == "## review-hooks\n\nNo findings.\n\n"


def test_chosen_under_github_actions_and_summary_appended(repo: Path, tmp_path: Path) -> None:
    (repo / "a.md").write_text(CONFLICT)
    commit(repo)
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n")
    environment = {**os.environ, "GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)}
    result = subprocess.run([sys.executable, "-m", "review_hooks", "scan"], capture_output=True, text=True,
                            env=environment)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "a.md:1:1: conflict-markers unresolved merge conflict (lines 1-5: HEAD vs topic)",
        "::error file=a.md,line=1,col=1,title=review-hooks (conflict-markers)"
        "::unresolved merge conflict (lines 1-5: HEAD vs topic)",
    ]
    assert summary.read_text().startswith("earlier step\n## review-hooks\n\n1 finding in 1 file.\n")
    text = subprocess.run([sys.executable, "-m", "review_hooks", "scan", "--format", "text"], capture_output=True,
                          text=True, env=environment)
    assert "::error" not in text.stdout


def test_a_real_file_with_awkward_characters_in_its_name(repo: Path) -> None:
    (repo / "notes, draft: 50%.md").write_text("intro\n\n" + CONFLICT)
    commit(repo)
    result = subprocess.run([sys.executable, "-m", "review_hooks", "scan", "--format", "github"],
                            capture_output=True, text=True)
    assert result.stdout.splitlines()[1] == (
        "::error file=notes%2C draft%3A 50%25.md,line=3,col=1,title=review-hooks (conflict-markers)"
        "::unresolved merge conflict (lines 3-7: HEAD vs topic)"
    )


def test_summary_format_prints_the_markdown_alone(repo: Path) -> None:
    (repo / "a.md").write_text(CONFLICT)
    commit(repo)
    result = subprocess.run([sys.executable, "-m", "review_hooks", "scan", "--format", "summary"],
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stdout.startswith("## review-hooks\n\n1 finding in 1 file.\n")
    assert "| a.md | 1:1 | conflict-markers | unresolved merge conflict (lines 1-5: HEAD vs topic) |" in result.stdout


def test_hook_mode_never_writes_the_job_summary(repo: Path, tmp_path: Path) -> None:
    (repo / "a.md").write_text(CONFLICT)
    summary = tmp_path / "summary.md"
    environment = {**os.environ, "GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)}
    result = subprocess.run([sys.executable, "-m", "review_hooks", "check", "a.md"], capture_output=True, text=True,
                            env=environment)
    assert result.returncode == 1 and "::error file=a.md," in result.stdout
    assert not summary.exists(), "pre-commit runs check once per batch: no summary per batch"


def test_a_document_cannot_write_workflow_commands_of_its_own(repo: Path) -> None:
    """A link that decodes to a line break (``%0A``) and a file name that holds one: every line printed
    is one finding or one annotation, and none starts a command the document wrote."""
    link = "x%0A::error%20file=README.md,line=1::Forged%0A::stop-commands::t.md"
    (repo / "inj.md").write_text(f"# Doc\n\n[spec]({link})\n")
    (repo / "a\n::warning::name.md").write_text(CONFLICT)
    commit(repo)
    result = subprocess.run([sys.executable, "-m", "review_hooks", "scan", "--format", "github"],
                            capture_output=True, text=True)
    lines = result.stdout.splitlines()
    assert result.returncode == 1 and len(lines) == 4  # two findings, each a plain line and an annotation
    assert not any(line.startswith(("::stop-commands", "::error file=README.md", "::warning::")) for line in lines)
    assert "(looked for 'x\\n::error file=README.md,line=1::Forged\\n::stop-commands::t.md')" in lines[1]
    assert lines[0].startswith("a\\n::warning::name.md:1:1: conflict-markers")
    assert not [line for line in result.stderr.splitlines() if line.startswith("::")]


def test_a_file_that_cannot_be_checked_is_an_error_annotation(repo: Path) -> None:
    (repo / "notes, draft.md").mkdir()
    result = subprocess.run([sys.executable, "-m", "review_hooks", "check", "--format", "github", "notes, draft.md"],
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr == "review-hooks: notes, draft.md: is a directory, not a file\n"
    assert result.stdout == "::error file=notes%2C draft.md,title=review-hooks::is a directory, not a file\n"


def test_a_run_that_cannot_start_is_an_annotation_without_a_file(repo: Path) -> None:
    (repo / ".review-hooks.toml").write_text("[broken-link]\nignore = 3\n")
    env = {**os.environ, "GITHUB_ACTIONS": "true"}
    env.pop("GITHUB_STEP_SUMMARY", None)
    result = subprocess.run([sys.executable, "-m", "review_hooks", "scan"], capture_output=True, text=True, env=env)
    assert result.returncode == 2
    message = result.stderr.removeprefix("review-hooks: ").rstrip("\n")
    assert message and "\n" not in message
    assert result.stdout == f"::error title=review-hooks::{github.escape_data(message)}\n"


def test_a_problem_annotation_escapes_its_file_and_text() -> None:
    assert github.problem(Problem("a:b,c.md", "cannot read: 100% gone\nreally")) == (
        "::error file=a%3Ab%2Cc.md,title=review-hooks::cannot read: 100%25 gone%0Areally")


def test_a_problem_at_a_position_is_annotated_on_its_line() -> None:
    assert github.problem(Problem("notes.md", "cannot check: not valid UTF-8", 2, 5)) == (
        "::error file=notes.md,line=2,col=5,title=review-hooks::cannot check: not valid UTF-8")
    assert github.problem(Problem("", "bad configuration", 2, 5)) == (  # a problem of no file has no line either
        "::error title=review-hooks::bad configuration")


def test_control_characters_of_a_message_cannot_colour_the_log() -> None:
    assert github.escape_data("see c\x1b[31mmd.md\u0085 100%") == "see c\\x1b[31mmd.md\\x85 100%25"


def test_the_summary_of_a_run_that_failed_without_findings_says_why(repo: Path) -> None:
    (repo / "notes.md").write_bytes(b"# R\xc3\xa9sum\xc3\xa9\nbad \xff\n")  # UTF-8 with a stray byte
    commit(repo)
    result = subprocess.run([sys.executable, "-m", "review_hooks", "scan", "--format", "summary"], capture_output=True,
                            text=True)
    assert result.returncode == 1
    assert result.stdout == ("## review-hooks\n\n1 problem failed the run:\n\n- notes.md: cannot check: not valid "
                             "UTF-8 (byte 0xff at line 2, column 5); correct the bytes\n\n"
                             "Every file that could be checked is clean.\n\n")  # not "No findings": it failed
    annotated = subprocess.run([sys.executable, "-m", "review_hooks", "scan", "--format", "github"],
                               capture_output=True, text=True)
    assert annotated.stdout.splitlines()[0] == (  # on the line of the stray byte, which GitHub shows in the diff
        "::error file=notes.md,line=2,col=5,title=review-hooks::cannot check: not valid UTF-8 (byte 0xff at line 2, "
        "column 5); correct the bytes")


def test_changed_since_needs_a_revision(repo: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "review_hooks", "scan", "--changed-since", ""], capture_output=True,
                            text=True)
    assert result.returncode == 2 and "--changed-since needs a revision" in result.stderr


def test_the_summary_lists_so_many_problems_and_counts_the_rest() -> None:
    problems = [Problem(f"docs/note_{n}.md", "is a directory, not a file") for n in range(3)]
    text = github.summary([], rows=2, problems=problems)
    assert "- docs/note\\_0.md: is a directory, not a file\n- docs/note\\_1.md: is a directory" in text
    assert "note_2" not in text and "1 more not shown here; the step log lists them all." in text


def test_annotations_name_files_from_the_work_tree_root_whatever_folder_the_step_ran_in(repo: Path) -> None:
    # robust8: a step with ``working-directory: docs`` annotated ``a.md`` for ``docs/a.md``
    (repo / "docs").mkdir()
    (repo / "docs" / "a.md").write_text("# A\n\n[x](nope.md)\n")
    commit(repo)
    result = subprocess.run([str(Path(sys.executable).with_name("review-hooks")), "scan", "--format", "github"],
                            cwd=repo / "docs", capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith("a.md:3:5: broken-link ")  # the plain line: as the run names the file
    assert lines[1].startswith("::error file=docs/a.md,line=3,col=5,title=review-hooks (broken-link)::")
    assert github.repository_path("/elsewhere/b.md") == "/elsewhere/b.md"  # outside the work tree: as named
