"""A scan in worker processes says exactly what a serial scan says, in the same order, with the same exit.

The corpus mixes what changes a file's result: committed conflicts, look-alikes in code
fences, a cp1252 file, CRLF, a binary file, a non-ASCII name, an unreadable file and the
user's seed documents; it holds more files than ``parallel.MINIMUM_FILES`` so that
``--jobs 2`` really starts workers.
"""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from review_hooks.runner import parallel
from review_hooks.runner.run import RunOptions, run
from tests.conftest import FIXTURES, git

CONFLICT = "<<<<<<< HEAD\nours\n=======\ntheirs\n>>>>>>> feature\n"


def build(folder: Path, count: int = 70) -> None:
    """``count`` documents and the seeds, committed; every seventh one holds a conflict."""
    for index in range(count):
        body = f"# Doc {index}\n\nText.\n\nNotes\n=======\n\n"
        if index % 7 == 0:
            body += CONFLICT
        if index % 11 == 0:
            body += "```text\n" + CONFLICT + "```\n"
        path = folder / f"part{index % 3}" / f"doc-{index:03d}.md"
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(body.replace("\n", "\r\n").encode() if index % 5 == 0 else body.encode())
    (folder / "café.md").write_text("# Café\n\n" + CONFLICT, encoding="utf-8")
    (folder / "legacy.txt").write_bytes("caf\xe9 menu\n".encode("cp1252") + CONFLICT.encode())
    (folder / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\0\0" + b"<<<<<<< HEAD\n")
    (folder / "nul.bin").write_bytes(b"abc\0def")
    shutil.copytree(FIXTURES / "seeds", folder / "seeds")
    git(folder, "add", "-A")
    git(folder, "commit", "-qm", "corpus")


def scan(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "review_hooks", "scan", *args], cwd=folder,
                          capture_output=True, text=True)


@pytest.mark.parametrize("jobs", ["2", "3"])
def test_workers_report_exactly_what_a_serial_scan_reports(repo: Path, jobs: str) -> None:
    build(repo)
    serial, workers = scan(repo, "--jobs", "1"), scan(repo, "--jobs", jobs)
    assert workers.stdout == serial.stdout
    assert workers.stderr == serial.stderr
    assert workers.returncode == serial.returncode == 1
    lines = serial.stdout.splitlines()
    assert len(lines) >= 12  # 10 planted conflicts, café.md, legacy.txt, the seed retrospective
    assert "café.md:3:1: conflict-markers unresolved merge conflict (lines 3-7: HEAD vs feature)" in lines
    assert not any(line.startswith("image.png") for line in lines)


def test_workers_that_exchange_anchors_report_what_a_serial_scan_reports(repo: Path) -> None:
    """Links to the anchors of documents that the other worker checks (``runner/exchange.py``), kept and
    broken, with and without a link to an anchor of their own (only those are learned in the first pass)."""
    count = 120
    for index in range(count):
        other = (index * 37 + 11) % count
        body = f"# Doc {index}\n\n## Part {index}\n\n[next](./doc-{other:03d}.md#part-{other})\n"
        body += f"[gone](./doc-{other:03d}.md#part-{other + 1})\n" if index % 9 == 0 else ""
        body += f"[top](#doc-{index})\n" if index % 2 else f"[here](#part-{index + 1})\n" if index % 10 == 0 else ""
        (repo / f"doc-{index:03d}.md").write_text(body, encoding="utf-8")
    git(repo, "add", "-A")
    serial, workers = scan(repo, "--jobs", "1"), scan(repo, "--jobs", "2")
    assert (workers.stdout, workers.stderr, workers.returncode) == (serial.stdout, serial.stderr, 1)
    lines = serial.stdout.splitlines()
    assert all("matches no heading" in line for line in lines)
    assert len(lines) == len(range(0, count, 9)) + len(range(0, count, 10))  # every kept link is quiet
    broken = {f"doc-{i:03d}.md" for i in range(count) if i % 9 == 0 or i % 10 == 0}
    assert {line.split(":")[0] for line in lines} == broken


def test_an_error_in_a_worker_is_raised_in_the_parent(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A bug in a worker ends the scan with one line (``runner/exit.py`` prints it), not a hung parent."""
    from review_hooks.checks import broken_link

    build(repo)

    def broken(document: object, context: object) -> None:
        raise ValueError("learning failed")

    monkeypatch.setattr(broken_link, "CHECK", broken_link.CHECK._replace(learn=broken))
    with pytest.raises(RuntimeError, match="ValueError: learning failed"):
        run([], RunOptions(scan=True, jobs=2, quiet=True), io.StringIO(), io.StringIO())


def test_output_is_sorted_and_json_matches(repo: Path) -> None:
    build(repo)
    text = scan(repo, "--jobs", "2").stdout.splitlines()
    keys = [(path, int(line), int(column)) for path, line, column, _ in (x.split(":", 3) for x in text)]
    assert keys == sorted(keys)
    serial, workers = scan(repo, "--jobs", "1", "--format", "json"), scan(repo, "--jobs", "2", "--format", "json")
    assert workers.stdout == serial.stdout and workers.returncode == serial.returncode == 1


def test_clean_repository_exits_zero_with_workers(repo: Path) -> None:
    for index in range(60):
        (repo / f"clean-{index}.md").write_text(f"# Clean {index}\n\nNothing to see.\n")
    git(repo, "add", "-A")
    result = scan(repo, "--jobs", "2")
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_configuration_error_exits_two_before_any_worker(repo: Path) -> None:
    build(repo)
    (repo / ".review-hooks.toml").write_text("no-such-key = 1\n")
    result = scan(repo, "--jobs", "2")
    assert result.returncode == 2
    assert result.stderr.startswith("review-hooks: ") and "no-such-key" in result.stderr


def test_scan_from_a_subfolder_shows_paths_relative_to_it_once(repo: Path) -> None:
    build(repo)
    serial = scan(repo / "part1", "--jobs", "1", ".", "../part2", "..", str(repo / "part2"))
    workers = scan(repo / "part1", "--jobs", "2", ".", "../part2", "..", str(repo / "part2"))
    assert workers.stdout == serial.stdout and serial.stdout
    lines = serial.stdout.splitlines()
    assert any(line.startswith("../part2/doc-") for line in lines)
    assert any(line.startswith("doc-") for line in lines)
    assert "../café.md:3:1: conflict-markers unresolved merge conflict (lines 3-7: HEAD vs feature)" in lines
    assert len(lines) == len(set(lines))  # overlapping paths check each file once


@pytest.mark.parametrize("args", [pytest.param((), id="scan"), pytest.param(("--quiet",), id="scan --quiet (no click)"),
                                  pytest.param(("--jobs", "1"), id="scan --jobs 1 (click)")])
def test_a_scan_with_no_path_from_a_subfolder_checks_the_whole_repository(repo: Path, args: tuple[str, ...]) -> None:
    """``scan``'s default is the current repository, as its help says, from any folder in it; and so is
    ``scan --staged``: what the next commit holds (a staged conflict at the root is in it)."""
    build(repo, count=6)
    whole = scan(repo, *args)
    below = scan(repo / "part1", *args)
    assert below.returncode == whole.returncode == 1
    shown = [line.removeprefix("part1/") if line.startswith("part1/") else "../" + line
             for line in whole.stdout.splitlines()]  # the same findings, relative to the folder of the run
    assert sorted(below.stdout.splitlines()) == sorted(shown) and any(line.startswith("../") for line in shown)
    (repo / "staged.md").write_text("# Staged\n\n" + CONFLICT)
    subprocess.run(["git", "add", "staged.md"], cwd=repo, check=True)
    staged = scan(repo / "part1", "--staged", *args)
    assert staged.returncode == 1 and staged.stdout.startswith("../staged.md:3:1: conflict-markers"), staged


def test_small_scans_and_hook_runs_stay_in_process(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert parallel.worker_count(parallel.MINIMUM_FILES - 1) == 1
    assert parallel.worker_count(400, jobs=2, parses=False) == 1  # conflict-markers and mojibake alone
    assert parallel.worker_count(parallel.MINIMUM_LIGHT_FILES, jobs=2, parses=False) == 2
    assert parallel.worker_count(400, jobs=1) == 1
    assert parallel.worker_count(400, jobs=3) == 3
    build(repo)

    def no_workers(*args: object) -> None:
        raise AssertionError("a hook run must not start workers")

    monkeypatch.setattr(parallel, "results", no_workers)
    names = [str(path.relative_to(repo)) for path in sorted(repo.rglob("*.md")) if ".git" not in path.parts]
    out = io.StringIO()
    assert run(names, RunOptions(jobs=2), out, io.StringIO()) == 1
    assert "café.md:3:1: conflict-markers" in out.getvalue()


def test_an_in_process_scan_with_workers_leaves_the_collector_as_it_was(repo: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """The workers inherit the parent's objects frozen (``gc.freeze``); the parent unfreezes them after."""
    import gc

    build(repo)
    monkeypatch.chdir(repo)
    frozen = gc.get_freeze_count()
    out = io.StringIO()
    assert run([], RunOptions(scan=True, jobs=2, quiet=True), out, io.StringIO()) == 1
    assert "café.md:3:1: conflict-markers" in out.getvalue()
    assert gc.get_freeze_count() == frozen


@pytest.mark.parametrize("mode", ["--fix", "--diff"])
def test_fixes_in_workers_write_what_a_serial_scan_writes(tmp_path: Path, mode: str) -> None:
    outcomes = []
    for jobs in ("1", "2"):
        folder = tmp_path / f"jobs-{jobs}"
        folder.mkdir()
        git(folder, "init", "-q", "-b", "main")
        build(folder)
        for index in range(0, 70, 4):  # mojibake the fixer repairs, in every fourth document
            path = folder / f"part{index % 3}" / f"doc-{index:03d}.md"
            path.write_bytes(path.read_bytes() + "Done \u00e2\u0153\u2026 and don\u00e2\u20ac\u2122t.\n".encode())
        git(folder, "add", "-A")
        git(folder, "commit", "-qm", "mojibake")
        result = scan(folder, "--jobs", jobs, mode)
        written = {p.relative_to(folder).as_posix(): p.read_bytes()
                   for p in sorted(folder.rglob("*.md")) if ".git" not in p.parts}
        outcomes.append((result.returncode, result.stdout, result.stderr, written))
    assert outcomes[0] == outcomes[1]
    returncode, stdout, _, written = outcomes[0]
    assert returncode == 1
    assert ("(fixed)" in stdout) == (mode == "--fix")
    fixed = written["part0/doc-000.md"].decode()
    assert ("don\u2019t" in fixed) == (mode == "--fix")


def test_ctrl_c_during_a_parallel_scan_prints_no_traceback(repo: Path) -> None:
    for index in range(900):  # enough Markdown to keep two workers busy for several seconds
        body = "".join(f"## Part {n}\n\n[link](./doc-{(index + n) % 900}.md#part-{n})\n\n" for n in range(60))
        (repo / f"doc-{index}.md").write_text(f"# Doc {index}\n\n{body}")
    git(repo, "add", "-A")
    process = subprocess.Popen([sys.executable, "-m", "review_hooks", "scan", "--jobs", "2"], cwd=repo,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        process.wait(timeout=1.5)
        pytest.skip("the scan finished before it could be interrupted")
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGINT)  # as a terminal does: the whole process group
    _, stderr = process.communicate(timeout=60)
    assert "Traceback" not in stderr and "Worker" not in stderr
    assert len([line for line in stderr.splitlines() if line.strip()]) == 1  # the run's own one line

