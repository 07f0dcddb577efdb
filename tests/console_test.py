"""The console script's click-free path behaves exactly like the click commands.

``review-hooks <hook> FILE...``, ``review-hooks check FILE...`` and ``review-hooks scan [PATH...]`` skip click to start
faster; every case here runs both the installed console entry (``python -m review_hooks``)
and the click interface (``review_hooks.cli.main``) on fresh copies of the same files and
compares stdout, stderr, the exit status and the files' bytes afterwards.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from review_hooks.checks import CHECKS
from review_hooks.console import simple_invocation
from review_hooks.runner import run
from tests.conftest import FIXTURES, git

CONSOLE = [sys.executable, "-m", "review_hooks"]
CLICK = [sys.executable, "-c", "import sys; from review_hooks.cli import main; main(sys.argv[1:])"]
FILES = {
    "conflict.md": b"# Plan\n\n<<<<<<< HEAD\nours\n=======\ntheirs\n>>>>>>> main\n",
    "clean.md": b"# Clean\n\nNothing here.\n\nTitle\n=======\n",
    "crlf.md": b"<<<<<<< HEAD\r\na\r\n=======\r\nb\r\n>>>>>>> x\r\n",
    "legacy.txt": "caf\xe9 \x93quoted\x94 \xe2\x80\x99\n".encode("latin-1"),
    "mojibake.md": "# Notes\n\nDone \u00e2\u0153\u2026 and don\u00e2\u20ac\u2122t.\n".encode(),
    "image.png": b"\x89PNG\r\n\x1a\n\0\0\0",
    "folder/inner.md": b"[missing](./nowhere.md)\n",
}
SEEDS = sorted(path.name for path in (FIXTURES / "seeds").glob("*.md"))


def prepare(folder: Path) -> None:
    folder.mkdir()
    git(folder, "init", "-q", "-b", "main")
    for name, data in FILES.items():
        (folder / name).parent.mkdir(exist_ok=True)
        (folder / name).write_bytes(data)
    for name in SEEDS:
        shutil.copy(FIXTURES / "seeds" / name, folder / name)
    git(folder, "add", "-A")


def outcome(prefix: list[str], args: list[str], folder: Path) -> tuple[object, ...]:
    prepare(folder)
    result = subprocess.run([*prefix, *args], cwd=folder, capture_output=True)
    files = {path.relative_to(folder).as_posix(): path.read_bytes()
             for path in sorted(folder.rglob("*")) if path.is_file() and ".git" not in path.parts}
    return result.returncode, result.stdout, result.stderr, files


ARGUMENTS = [
    pytest.param(["check", *FILES, "missing.md", "folder"], id="check: every kind of file, missing, folder"),
    pytest.param(["check", *SEEDS], id="check: the seeds"),
    pytest.param(["check"], id="check: no files"),
    *(pytest.param([check.hook, *FILES, *SEEDS, "missing.md"], id=check.hook) for check in CHECKS),
    *(pytest.param([check.hook], id=f"{check.hook}: no files") for check in CHECKS),
    *(pytest.param([check.hook, "--diff", *FILES, "--exit-zero", *SEEDS], id=f"{check.hook} --diff --exit-zero")
      for check in CHECKS),
    pytest.param(["check", "-q", *FILES, "--quiet", "missing.md", "--diff"], id="check: -q, --quiet, --diff"),
    pytest.param(["check", "--exit-zero", *FILES, "--exit-zero"], id="check: a flag twice"),
    pytest.param(["scan"], id="scan"),
    pytest.param(["scan", "folder", "clean.md", "missing.md", "--quiet", "."], id="scan: paths, missing, overlap"),
    pytest.param(["scan", "--diff", "--exit-zero"], id="scan --diff --exit-zero"),
]


@pytest.mark.parametrize("args", ARGUMENTS)
def test_fast_path_matches_click(args: list[str], tmp_path: Path) -> None:
    assert simple_invocation(args) is not None  # the case really takes the fast path
    fast = outcome(CONSOLE, args, tmp_path / "fast")
    slow = outcome(CLICK, args, tmp_path / "click")
    assert fast == slow
    assert b"Traceback" not in fast[2]


def test_fast_path_matches_click_on_a_configuration_error(tmp_path: Path) -> None:
    fast_folder, slow_folder = tmp_path / "fast", tmp_path / "click"
    results = []
    for prefix, folder in ((CONSOLE, fast_folder), (CLICK, slow_folder)):
        prepare(folder)
        (folder / ".review-hooks.toml").write_text("select = 'conflict-markers'\n")
        result = subprocess.run([*prefix, "check-conflict-markers", "clean.md"], cwd=folder, capture_output=True)
        results.append((result.returncode, result.stdout, result.stderr.replace(bytes(folder), b"FOLDER")))
    assert results[0] == results[1]
    assert results[0][0] == 2 and results[0][2].startswith(b"review-hooks: FOLDER/.review-hooks.toml: select:")


@pytest.mark.parametrize("args", [
    pytest.param(["check-conflict-markers", "--include-code", "a.md"], id="an option"),
    pytest.param(["fix-mojibake", "--diff", "--transcode", "a.md"], id="a flag and an option"),
    pytest.param(["check", "--fix", "a.md"], id="--fix"),
    pytest.param(["check", "-qq", "a.md"], id="flags joined"),
    pytest.param(["check", "--", "a.md"], id="double dash"),
    pytest.param(["check", "-"], id="a dash"),
    pytest.param(["scan", "--jobs", "1"], id="scan with an option"),
    pytest.param(["scan", "--fix"], id="scan --fix"),
    pytest.param(["list"], id="list"),
    pytest.param(["--version"], id="version"),
    pytest.param(["check-conflict-marker", "a.md"], id="a typo"),
    pytest.param([], id="nothing"),
])
def test_everything_else_goes_to_click(args: list[str]) -> None:
    assert simple_invocation(args) is None


def test_hook_run_does_not_import_click(tmp_path: Path) -> None:
    prepare(tmp_path / "repo")
    result = subprocess.run([*CONSOLE[:1], "-X", "importtime", *CONSOLE[1:], "check-conflict-markers", "clean.md"],
                            cwd=tmp_path / "repo", capture_output=True, text=True)
    assert result.returncode == 0
    imported = {line.split("|")[-1].strip() for line in result.stderr.splitlines() if "|" in line}
    assert "review_hooks.runner.run" in imported
    assert not {"click", "pyromark", "ftfy", "charset_normalizer", "git", "multiprocessing"} & imported


def test_clean_hook_run_imports_no_module_it_does_not_use(tmp_path: Path) -> None:
    """A clean document, no baseline, a check without an inbound part: no suppressions, baseline or inbound
    module (their patterns are start-up time on every commit), no ``dataclasses`` (with ``inspect``, about as
    long to import as the interpreter takes to start) and no git process (``subprocess``)."""
    prepare(tmp_path / "repo")
    result = subprocess.run([*CONSOLE[:1], "-X", "importtime", *CONSOLE[1:], "check-conflict-markers", "clean.md"],
                            cwd=tmp_path / "repo", capture_output=True, text=True)
    assert result.returncode == 0
    imported = {line.split("|")[-1].strip() for line in result.stderr.splitlines() if "|" in line}
    assert "review_hooks.runner.process" in imported  # the document was checked
    assert not {"review_hooks.suppressions", "review_hooks.runner.baseline", "review_hooks.runner.inbound"} & imported
    assert not {"dataclasses", "inspect", "subprocess"} & imported


#: The mojibake engine still builds dataclasses: a kind's required headings are compared through its repair (so
#: ``check-headings`` with a kind configured loads it), and so is every ``check``. These cases hold once the
#: mojibake branch that makes them NamedTuples is merged: strict, so that they then fail until the mark goes.
KIND = ('[required-headings]\n[[required-headings.kind]]\nname = "review"\nfiles = ["review.md"]\n'
        'headings = ["## Risks"]\n')
HEADINGS = "review_hooks.checks.required_headings.config"


@pytest.mark.parametrize(("hook", "config", "loaded"), [
    pytest.param("check-links", "", "review_hooks.links.targets", id="check-links"),
    pytest.param("check-headings", "", HEADINGS, id="check-headings, no kind"),
    pytest.param("check-headings", KIND, HEADINGS, id="check-headings, a kind"),
    pytest.param("check", KIND, "review_hooks.links.targets", id="check"),
])
def test_clean_run_builds_no_dataclass(hook: str, config: str, loaded: str, tmp_path: Path) -> None:
    """A clean document whose links are followed (another file's heading, one of its own): no ``dataclasses``
    and no ``inspect`` (issue 13's start-up: together about 17 ms, and about 1 ms more per class built)."""
    folder = linked(tmp_path / "repo", config)
    imported = clean_run(folder, hook)
    assert loaded in imported and (hook == "check-headings" or "review_hooks.markdown.parse" in imported)
    assert not {"dataclasses", "inspect"} & imported


def test_commit_that_removes_nothing_reads_only_the_change(tmp_path: Path) -> None:
    """Under pre-commit broken-link reads the staged change (``links/change.py``); a commit that renames,
    deletes or retitles nothing needs no more: not the inbound engine (``links/inbound.py``), no dataclass."""
    folder = linked(tmp_path / "repo")
    git(folder, "commit", "-qm", "review")
    with (folder / "review.md").open("a", encoding="utf-8") as stream:
        stream.write("\nMore.\n")
    git(folder, "add", "review.md")
    imported = clean_run(folder, "check-links", {**os.environ, "PRE_COMMIT": "1"})
    assert "review_hooks.links.change" in imported
    assert not {"review_hooks.links.inbound", "dataclasses", "inspect"} & imported


def linked(folder: Path, config: str = "") -> Path:
    """A repository with a clean review document that links a heading of another file and one of its own."""
    folder.mkdir()
    git(folder, "init", "-q", "-b", "main")
    (folder / "review.md").write_text("# Review\n\nSee [the plan](plan.md#rollout) and [risks](#risks).\n\n"
                                      "## Risks\n\nNone.\n", encoding="utf-8")
    (folder / "plan.md").write_text("# Plan\n\n## Rollout\n\nSoon.\n", encoding="utf-8")
    if config:
        (folder / ".review-hooks.toml").write_text(config, encoding="utf-8")
    git(folder, "add", "-A")
    return folder


def clean_run(folder: Path, hook: str, environment: dict[str, str] | None = None) -> set[str]:
    """The modules a ``hook`` run on ``review.md`` imports; it must pass and print nothing."""
    result = subprocess.run([*CONSOLE[:1], "-X", "importtime", *CONSOLE[1:], hook, "review.md"],
                            cwd=folder, capture_output=True, text=True, env=environment)
    assert (result.returncode, result.stdout) == (0, "")
    return {line.split("|")[-1].strip() for line in result.stderr.splitlines() if "|" in line}


def test_a_clean_check_that_follows_links_asks_git_without_subprocess(tmp_path: Path) -> None:
    """git lists the tracked files (the link's target must be one) through ``os.posix_spawn``: ``subprocess``
    and what it imports (``threading``, ``selectors``, ``signal``, ``locale``) are start-up time on every commit."""
    folder = linked(tmp_path / "repo", KIND)
    imported = clean_run(folder, "check")
    assert {"review_hooks.links.targets", "review_hooks.markdown.parse"} <= imported
    assert not {"subprocess", "threading", "selectors"} & (imported - interpreter_start(folder))


def interpreter_start(folder: Path) -> set[str]:
    """The modules ``python -c pass`` imports here: a site's ``.pth`` files may import ``threading`` before
    any code of ours runs (pyenv's certifi and importlib.resources readers do), which no hook can avoid."""
    result = subprocess.run([sys.executable, "-X", "importtime", "-c", "pass"], cwd=folder, capture_output=True,
                            text=True, check=True)
    return {line.split("|")[-1].strip() for line in result.stderr.splitlines() if "|" in line}


#: Records whether the collector is on when the checks are chosen (set-up) and when a file is checked.
GC_PROBE = """
import gc, sys
from review_hooks import console
from review_hooks.runner import run
seen = []
chosen, checked = run.selected, run.process
run.selected = lambda ids: (seen.append(("set-up", gc.isenabled())), chosen(ids))[1]
run.process = lambda *args: (seen.append(("file", gc.isenabled())), checked(*args))[1]
try:
    console.main(sys.argv[1:])
except SystemExit as end:
    print(seen, gc.isenabled(), gc.get_freeze_count() > 0, end.code)
"""


@pytest.mark.parametrize("args", [["check", "review.md"], ["check", "--format", "json", "review.md"]],
                         ids=["fast path", "click"])
def test_the_collector_is_off_for_the_set_up_and_on_for_the_files(args: list[str], tmp_path: Path) -> None:
    folder = linked(tmp_path / "repo")
    result = subprocess.run([sys.executable, "-c", GC_PROBE, *args], cwd=folder, capture_output=True, text=True)
    assert result.stdout.splitlines()[-1] == "[('set-up', False), ('file', True)] True True 0", result.stderr


def test_the_files_are_checked_with_fewer_passes_of_the_collector(tmp_path: Path) -> None:
    """The collector passes over its youngest generation every ``run.YOUNG`` objects while files are checked."""
    folder = linked(tmp_path / "repo")
    probe = GC_PROBE.replace('("file", gc.isenabled())', '("file", gc.get_threshold()[0])')
    result = subprocess.run([sys.executable, "-c", probe, "check", "review.md"], cwd=folder, capture_output=True,
                            text=True)
    assert result.stdout.splitlines()[-1] == f"[('set-up', False), ('file', {run.YOUNG})] True True 0", result.stderr


@pytest.mark.parametrize("entry", ["console", "cli"])
def test_ctrl_c_is_one_line_and_exit_130_on_both_paths(entry: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    from review_hooks import cli, console
    from review_hooks.runner import run as runner

    def interrupted(*args: object, **kwargs: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(runner, "run", interrupted)
    monkeypatch.setattr(cli, "run", interrupted)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as exited:
        (console.main if entry == "console" else cli.main)(["check-conflict-markers", "a.md"])
    assert exited.value.code == 130
    assert capsys.readouterr().err == "\nreview-hooks: interrupted\n"  # click ends the ^C line first
