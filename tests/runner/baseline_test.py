"""``--write-baseline`` and ``--baseline``: adopting review-hooks on a repository full of old findings."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from review_hooks.registry import IDS
from tests.conftest import FIXTURES, commit, git

CONFLICT = "<<<<<<< HEAD\nours\n=======\ntheirs\n>>>>>>> topic\n"


def scan(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "review_hooks", "scan", *args], capture_output=True, text=True,
                          cwd=cwd)


def test_baseline_hides_recorded_findings_even_after_lines_move(repo: Path) -> None:
    (repo / "a.md").write_text("# A\n\n" + CONFLICT)
    commit(repo)
    written = scan("--write-baseline", "baseline.json")
    assert (written.returncode, written.stdout) == (0, "")
    assert "recorded 1 finding in baseline.json" in written.stderr
    assert scan("--baseline", "baseline.json").returncode == 0
    (repo / "a.md").write_text("# A\n\nA new paragraph\nabove the old conflict.\n\n" + CONFLICT)
    result = scan("--baseline", "baseline.json", "--statistics")
    assert (result.returncode, result.stdout) == (0, ""), result.stderr
    assert "1  in the baseline" in result.stderr


def test_counts_let_the_second_identical_finding_through(repo: Path) -> None:
    (repo / "a.md").write_text(CONFLICT)
    commit(repo)
    assert scan("--write-baseline", "b.json").returncode == 0
    entry = json.loads((repo / "b.json").read_text())["findings"]
    assert entry == [{"path": "a.md", "check": "conflict-markers",
                      "message": "unresolved merge conflict (lines 1-5: HEAD vs topic)", "count": 1}]
    (repo / "a.md").write_text(CONFLICT + "\n" + CONFLICT)
    result = scan("--baseline", "b.json")
    assert result.returncode == 1
    assert result.stdout == "a.md:7:1: conflict-markers unresolved merge conflict (lines 7-11: HEAD vs topic)\n"


def test_stale_entries_are_reported_only_when_asked(repo: Path) -> None:
    (repo / "a.md").write_text(CONFLICT)
    (repo / "b.md").write_text(CONFLICT)
    commit(repo)
    scan("--write-baseline", "b.json")
    (repo / "b.md").write_text("resolved\n")
    quiet = scan("--baseline", "b.json")
    assert (quiet.returncode, quiet.stderr) == (0, "")
    stale = scan("--baseline", "b.json", "--baseline-stale")
    assert stale.returncode == 1
    assert stale.stderr == ("review-hooks: b.json: stale baseline entry: b.md: conflict-markers "
                            "unresolved merge conflict (lines 1-5: HEAD vs topic)\n")


def test_only_entries_of_the_files_and_checks_a_run_looked_at_can_be_stale(repo: Path) -> None:
    """A pre-commit hook with ``--baseline-stale`` checks the staged files only: another file's entry, or another
    check's, is not stale there (robust-eval5, C3); a scan of the whole tree still finds a deleted file's."""
    (repo / "a.md").write_text(CONFLICT)
    (repo / "b.md").write_text(CONFLICT)
    commit(repo)
    assert scan("--write-baseline", "b.json").returncode == 0
    hook = [sys.executable, "-m", "review_hooks", "check", "--baseline", "b.json", "--baseline-stale"]
    assert subprocess.run([*hook, "a.md"], capture_output=True, text=True).returncode == 0
    other = subprocess.run([*hook, "--select", "mojibake", "a.md", "b.md"], capture_output=True, text=True)
    assert (other.returncode, other.stderr) == (0, "")
    git(repo, "rm", "-q", "b.md")
    whole = scan("--baseline", "b.json", "--baseline-stale")
    assert whole.returncode == 1 and "stale baseline entry: b.md: conflict-markers" in whole.stderr


def test_paths_are_relative_to_the_baseline_so_any_folder_works(repo: Path) -> None:
    (repo / "docs").mkdir()
    (repo / "docs" / "a.md").write_text(CONFLICT)
    commit(repo)
    assert scan("--write-baseline", "ci/baseline.json").returncode == 2  # the folder does not exist
    (repo / "ci").mkdir()
    assert scan("--write-baseline", "ci/baseline.json").returncode == 0
    assert '"path": "../docs/a.md"' in (repo / "ci" / "baseline.json").read_text()
    inside = scan("--baseline", "../ci/baseline.json", ".", cwd=repo / "docs")
    assert (inside.returncode, inside.stdout) == (0, "")


@pytest.mark.parametrize("content, reason", [
    pytest.param(None, "does not exist; create it with --write-baseline", id="missing"),
    pytest.param("not json", "cannot read baseline", id="not json"),
    pytest.param('{"version": 9, "findings": []}', "has version 9", id="other version"),
    pytest.param('{"version": 1, "findings": [{"path": "a.md"}]}', "is not a review-hooks baseline", id="bad entry"),
    pytest.param("[]", 'expected an object with "version" and "findings"', id="a list"),
    pytest.param("null", 'expected an object with "version" and "findings"', id="null"),
    pytest.param("{}", 'expected an object with "version" and "findings"', id="an empty object"),
    pytest.param('{"version": "1", "findings": []}', "has version '1'; this review-hooks reads 1",
                 id="a string version"),
    pytest.param('{"version": true, "findings": []}', "has version True", id="a boolean version"),
    pytest.param('{"version": 1, "findings": [{"path": "a.md", "check": "x", "message": "m", "count": 1e400}]}',
                 'finding 1 needs "path", "check" and "message" (strings) and a "count" of 1 or more',
                 id="an infinite count"),
    pytest.param('{"version": 1, "findings": [{"path": "a.md", "check": "x", "message": "m", "count": -3}]}',
                 "finding 1 needs", id="a negative count"),
    pytest.param("[" * 100_000 + "]" * 100_000, "cannot read baseline", id="nested too deeply"),
])
def test_an_unusable_baseline_is_one_line_and_exit_2(repo: Path, content: str | None, reason: str) -> None:
    (repo / "a.md").write_text(CONFLICT)
    commit(repo)
    if content is not None:
        (repo / "b.json").write_text(content)
    result = scan("--baseline", "b.json")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and reason in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_suppressed_and_fixed_findings_are_not_recorded(repo: Path) -> None:
    (repo / "a.md").write_text("<!-- review-hooks: disable-file conflict-markers -->\n" + CONFLICT)
    commit(repo)
    scan("--write-baseline", "b.json")
    assert json.loads((repo / "b.json").read_text()) == {"version": 1, "findings": []}


@pytest.mark.skipif("broken-link" not in IDS, reason="needs the broken-link check (issue: broken-link), not merged yet")
def test_seed_repository_baseline_then_one_new_broken_link(repo: Path) -> None:
    for seed in sorted((FIXTURES / "seeds").glob("*.md")):
        shutil.copyfile(seed, repo / seed.name)
    commit(repo, "the seed documents")
    before = scan()
    assert before.returncode == 1 and before.stdout, "the seeds hold defects"
    assert scan("--write-baseline", ".review-hooks-baseline.json").returncode == 0
    clean = scan("--baseline", ".review-hooks-baseline.json")
    assert (clean.returncode, clean.stdout) == (0, ""), clean.stdout
    changed = repo / "retrospective-merge-conflict.md"
    changed.write_bytes(b"See [the plan](./no-such-plan.md).\n\n" + changed.read_bytes())
    commit(repo, "a new broken link, above every old finding of that file")
    new = scan("--baseline", ".review-hooks-baseline.json")
    assert new.returncode == 1
    lines = new.stdout.splitlines()
    assert len(lines) == 1, new.stdout
    assert lines[0].startswith("retrospective-merge-conflict.md:1:") and "broken-link" in lines[0]
    assert "no-such-plan.md" in lines[0]
    since = scan("--changed-since", "HEAD~1")
    assert since.returncode == 1
    assert {line.split(":", 1)[0] for line in since.stdout.splitlines()} == {"retrospective-merge-conflict.md"}
    both = scan("--changed-since", "HEAD~1", "--baseline", ".review-hooks-baseline.json")
    assert both.stdout.splitlines() == lines
    assert not git(repo, "status", "--porcelain", "--untracked-files=no"), "the scans wrote nothing"


def test_baseline_stale_without_a_baseline_is_a_usage_error(repo: Path) -> None:
    result = scan("--baseline-stale")
    assert result.returncode == 2
    assert "--baseline-stale needs --baseline FILE" in result.stderr


def test_the_baseline_file_is_ascii_so_no_check_flags_it(repo: Path) -> None:
    (repo / "réviews").mkdir()
    (repo / "réviews" / "a.md").write_text(CONFLICT.replace("topic", "caf\u00c3\u00a9"))
    commit(repo)
    assert scan("--write-baseline", "b.json").returncode == 0
    raw = (repo / "b.json").read_bytes()
    assert raw.isascii() and "réviews/a.md" in json.loads(raw)["findings"][0]["path"]
    commit(repo)
    assert scan("--baseline", "b.json").returncode == 0
    assert scan("--select", "mojibake,conflict-markers", "b.json").stdout == ""


def test_a_file_or_a_baseline_named_through_a_link_to_the_repository_is_the_same_entry(repo: Path,
                                                                                      tmp_path: Path) -> None:
    (repo / "k.md").write_text(CONFLICT)
    commit(repo)
    assert scan("--write-baseline", "bl.json").returncode == 0
    alias = tmp_path / "alias"
    alias.symlink_to(repo)
    for cwd, baseline, named in ((alias, "bl.json", "k.md"), (repo, str(repo / "bl.json"), str(alias / "k.md")),
                                 (repo, str(alias / "bl.json"), str(repo / "k.md"))):
        result = subprocess.run([sys.executable, "-m", "review_hooks", "check", "--baseline", baseline, named],
                                cwd=cwd, capture_output=True, text=True)
        assert (result.returncode, result.stdout) == (0, ""), (cwd, baseline, named, result.stderr)
