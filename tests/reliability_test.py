"""Bad input through ``scan`` and every hook: one clear line or nothing, never a traceback.

One git repository holds every kind of bad input next to good documents that have a defect
for each check. Every command (``scan``, ``check`` and one per check in the registry, so a
check that lands later is covered without touching this file) runs on it as the installed
console script: it exits 0 or 1, prints no traceback, says what it skipped in one line per
path, still reports the good documents' findings, and leaves binaries, non-UTF-8 files and
symlinks exactly as they were (unless ``--transcode``).
"""

from __future__ import annotations

import hashlib
import io
import os
import random
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from review_hooks import files
from review_hooks.checks import CHECKS
from review_hooks.runner.run import RunOptions, run
from tests.conftest import git

SCRIPT = str(Path(sys.executable).with_name("review-hooks"))
HOOKS = [check.hook for check in CHECKS]
COMMANDS = ["check", *HOOKS]  # the commands that take exactly the files given
#: What each check must still report on the good documents next to the bad input.
EXPECTED = {
    "conflict-markers": "docs/conflicted.md:3:1: conflict-markers unresolved merge conflict",
    "mojibake": "docs/good.md:3:6: mojibake ",
    "broken-link": "docs/good.md:3:",  # completed below: the column moves when mojibake is fixed first
    "required-headings": "docs/good.md:3:1: required-headings missing required heading \"## Summary\"",
}
LINK_FINDING = "broken-link 'nope.md' does not exist (looked for 'docs/nope.md'); correct the link or add the file"
CONFIG = """\
[[required-headings.kind]]
name = "review"
files = ["docs/good.md"]
headings = ["## Summary"]
"""
RNG = random.Random(8)
RANDOM_BYTES = bytes(RNG.randrange(256) for _ in range(4096))
BINARY_WITHOUT_NUL = b"%PDF-1.4\n" + bytes(RNG.randrange(1, 256) for _ in range(4096))
HUGE = 30 * 1024 * 1024


def build(root: Path, outside: Path) -> None:
    """The battery: every bad input of the issue, plus good documents with one defect per check."""
    docs = root / "docs"
    docs.mkdir()
    (root / ".review-hooks.toml").write_text(CONFIG)
    (docs / "random.md").write_bytes(RANDOM_BYTES)
    (docs / "binary-without-nul.md").write_bytes(BINARY_WITHOUT_NUL)
    (docs / "logo.ai").write_bytes(b"%!PS-Adobe-3.0\n%%Creator: Adobe Illustrator\n" + BINARY_WITHOUT_NUL)
    (docs / "cp1252.md").write_bytes("# Café\n\nCrème brûlée — naïve “quotes”\n".encode("cp1252"))
    (docs / "utf16.md").write_bytes("\ufeff# Title\r\n\r\nÉté ✅\r\n".encode("utf-16-le"))
    (docs / "empty.md").write_bytes(b"")
    with (docs / "huge.md").open("wb") as stream:  # sparse: 30 MB on paper, nothing on disk
        stream.write(b"# Huge\n")
        stream.truncate(HUGE)
    (docs / "one-line.md").write_text("word " * 1_000_000)
    (docs / "brackets.md").write_text("[" * 50_000 + "]" * 50_000 + "\n")
    (docs / "quoting.md").write_text(">" * 5_000 + " deep\n")
    (docs / "dangling.md").symlink_to("nowhere.md")
    outside.write_text("# Outside\n\nDone âœ… here.\n")
    (docs / "outside.md").symlink_to(outside)
    (docs / "folder.md").mkdir()
    (docs / "réunion notes 2024.md").write_text("# Réunion\n\n## Summary\n\nSee [the plan](good.md).\n")
    (docs / "good.md").write_text("# Good\n\nDone âœ… and see [x](nope.md).\n")
    (docs / "conflicted.md").write_text("# Plan\n\n<<<<<<< HEAD\nours\n=======\ntheirs\n>>>>>>> topic\n")


@pytest.fixture
def battery(repo: Path, tmp_path: Path) -> Path:
    build(repo, tmp_path / "outside.md")
    (repo / "docs" / "folder.md" / "keep.txt").write_text("a tracked file inside the folder\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "battery")
    return repo


NAMED = [f"docs/{name}" for name in (
    "random.md", "binary-without-nul.md", "logo.ai", "cp1252.md", "utf16.md", "empty.md", "huge.md",
    "one-line.md", "brackets.md", "quoting.md", "dangling.md", "outside.md", "folder.md",
    "réunion notes 2024.md", "good.md", "conflicted.md", "missing.md",
)]
NOTES = {  # the one line each bad path named on the command line gets, exactly
    "review-hooks: docs/binary-without-nul.md: skipped: binary file (too many control characters for text)",
    "review-hooks: docs/dangling.md: broken symbolic link",
    "review-hooks: docs/folder.md: is a directory, not a file",
    f"review-hooks: docs/huge.md: skipped: {HUGE} bytes is over max-file-size (10485760)",
    "review-hooks: docs/logo.ai: skipped: binary file",
    "review-hooks: docs/missing.md: no such file",
    "review-hooks: docs/random.md: skipped: binary file (contains NUL bytes)",
}
UNTOUCHABLE = ["random.md", "binary-without-nul.md", "logo.ai", "cp1252.md", "utf16.md", "empty.md", "huge.md",
               "one-line.md", "brackets.md", "quoting.md", "réunion notes 2024.md", "conflicted.md"]


def invoke(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([SCRIPT, *args], cwd=cwd, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONIOENCODING": "utf-8"})


def digests(root: Path) -> dict[str, str]:
    docs = root / "docs"
    return {name: hashlib.sha256((docs / name).read_bytes()).hexdigest() for name in UNTOUCHABLE}


def assert_clean_run(result: subprocess.CompletedProcess[str]) -> None:
    assert result.returncode in (0, 1), result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    for line in result.stderr.splitlines():
        assert line.startswith("review-hooks: "), line


def assert_untouched(root: Path, before: dict[str, str], outside: Path) -> None:
    assert digests(root) == before
    for name, target in (("dangling.md", "nowhere.md"), ("outside.md", str(outside))):
        assert (root / "docs" / name).is_symlink() and os.readlink(root / "docs" / name) == target
    assert outside.read_text() == "# Outside\n\nDone âœ… here.\n"


def expected_finding(check_id: str, stdout: str) -> None:
    if check_id == "broken-link":
        assert any(line.startswith(EXPECTED[check_id]) and line.endswith(LINK_FINDING)
                   for line in stdout.splitlines()), stdout
    else:
        assert EXPECTED[check_id] in stdout, stdout


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("fix", [False, True], ids=["report", "fix"])
def test_every_hook_survives_the_battery(battery: Path, tmp_path: Path, command: str, fix: bool) -> None:
    before = digests(battery)
    has_fix_option = command == "check" or any(c.hook == command and c.fixable for c in CHECKS)
    if fix and (command.startswith("fix-") or not has_fix_option):
        pytest.skip(f"{command} has no --fix option (a fix- hook always fixes)")
    result = invoke(command, *(["--fix"] if fix else []), *NAMED, cwd=battery)
    assert_clean_run(result)
    assert result.returncode == 1  # named paths that could not be checked, and findings
    writes = command.startswith("fix-") or fix
    refused = "review-hooks: docs/outside.md: not written: it is a symbolic link; fix the file it points to"
    assert set(result.stderr.splitlines()) - {refused} == NOTES
    assert (refused in result.stderr) == (writes and command in ("check", "fix-mojibake"))
    ids = [c.id for c in CHECKS] if command == "check" else [c.id for c in CHECKS if c.hook == command]
    for check_id in ids:
        expected_finding(check_id, result.stdout)
    assert_untouched(battery, before, tmp_path / "outside.md")


@pytest.mark.parametrize("fix", [[], ["--fix"]], ids=["report", "fix"])
def test_scan_survives_the_battery(battery: Path, tmp_path: Path, fix: list[str]) -> None:
    before = digests(battery)
    result = invoke("scan", *fix, cwd=battery)
    assert_clean_run(result)
    assert result.returncode == 1
    # in a scan, a Markdown file that is not text, or too big, is named (a scan that checked nothing must not
    # look clean); images and symlinks are only counted
    assert result.stderr.splitlines() == [
        "review-hooks: docs/binary-without-nul.md: skipped: binary file (too many control characters for text)",
        "review-hooks: docs/huge.md: skipped: 31457280 bytes is over max-file-size (10485760)",
        "review-hooks: docs/random.md: skipped: binary file (contains NUL bytes)"]
    for check in CHECKS:
        expected_finding(check.id, result.stdout)
    assert "docs/outside.md" not in result.stdout  # a scan never follows a symlink
    assert_untouched(battery, before, tmp_path / "outside.md")


def test_scan_of_a_bad_path_is_one_line(battery: Path) -> None:
    result = invoke("scan", "docs/missing.md", "docs/good.md", cwd=battery)
    assert_clean_run(result)
    assert result.stderr == "review-hooks: docs/missing.md: no such file\n"
    expected_finding("mojibake", result.stdout)


def test_transcode_converts_only_text_that_is_not_utf8(battery: Path, tmp_path: Path) -> None:
    docs = battery / "docs"
    binaries = {name: (docs / name).read_bytes() for name in ("random.md", "binary-without-nul.md", "logo.ai")}
    result = invoke("fix-mojibake", "--transcode", *NAMED, cwd=battery)
    assert_clean_run(result)
    assert (docs / "cp1252.md").read_bytes() == "# Café\n\nCrème brûlée — naïve “quotes”\n".encode()
    assert (docs / "utf16.md").read_bytes() in ("# Title\r\n\r\nÉté ✅\r\n".encode(),
                                                "\ufeff# Title\r\n\r\nÉté ✅\r\n".encode())
    assert {name: (docs / name).read_bytes() for name in binaries} == binaries
    assert (docs / "outside.md").is_symlink()
    assert (tmp_path / "outside.md").read_text() == "# Outside\n\nDone âœ… here.\n"


def test_a_symlink_named_for_fixing_is_not_written_through(battery: Path, tmp_path: Path) -> None:
    result = invoke("fix-mojibake", "docs/outside.md", cwd=battery)
    assert_clean_run(result)
    assert result.returncode == 1
    assert "symbolic link" in result.stderr
    assert (battery / "docs" / "outside.md").is_symlink()
    assert (tmp_path / "outside.md").read_text() == "# Outside\n\nDone âœ… here.\n"


def test_an_unreadable_file_is_one_line_and_the_run_goes_on(
    battery: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Permission denied, simulated: the tests run as root, who may read anything."""
    real = files.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == "conflicted.md":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(files, "read_bytes", read_bytes)
    out, err = io.StringIO(), io.StringIO()
    code = run(["docs/conflicted.md", "docs/good.md"], RunOptions(), out, err)
    assert code == 1
    assert err.getvalue() == "review-hooks: docs/conflicted.md: cannot read: permission denied\n"
    expected_finding("mojibake", out.getvalue())


def test_a_folder_a_scan_outside_git_cannot_list_is_named_and_fails_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Permission denied on a folder, simulated (the tests run as root): it was passed over in silence, exit 0
    (robust-eval5, C2); inside git the same file is named, and so is the folder now."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "b.md").write_text("# B\n\nDone âœ… here.\n")
    (tmp_path / "a.md").write_text("# A\n")
    real_walk, real_access = os.walk, os.access

    def walk(top: object, onerror: Any = None, **options: Any) -> Any:
        for folder, folders, names in real_walk(top, onerror=onerror, **options):
            if "locked" in folders and onerror is not None:  # files.os is os: other callers pass no onerror
                folders.remove("locked")
                onerror(PermissionError(13, "Permission denied", os.path.join(folder, "locked")))
            yield folder, folders, names

    monkeypatch.setattr(files.os, "walk", walk)
    monkeypatch.setattr(files.os, "access", lambda path, mode: "locked" not in str(path) and real_access(path, mode))
    out, err = io.StringIO(), io.StringIO()
    code = run(["."], RunOptions(scan=True, jobs=1, quiet=True), out, err)
    assert (code, out.getvalue()) == (1, "")
    assert err.getvalue() == "review-hooks: locked: cannot read: permission denied\n"


def test_an_unreadable_file_in_a_scan_is_named_and_fails_the_run(
    battery: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A scan that could not read a tracked file must not pass as if it had checked it."""
    real = files.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == "good.md":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(files, "read_bytes", read_bytes)
    out, err = io.StringIO(), io.StringIO()
    code = run(["docs"], RunOptions(scan=True, jobs=1, select=("broken-link",), quiet=True), out, err)
    assert code == 1
    assert err.getvalue() == "review-hooks: docs/good.md: cannot read: permission denied\n"


def test_a_check_that_crashes_is_one_line_and_the_others_still_report(
    battery: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from review_hooks import checks
    from review_hooks.check import Check
    from review_hooks.runner import run as runner

    def explode(document: object, context: object) -> Iterator[object]:
        raise ValueError("boom")

    broken = Check(id="conflict-markers", summary="", doc="", hook="check-conflict-markers", find=explode)
    real = checks.get
    monkeypatch.setattr(runner, "get", lambda check_id: broken if check_id == "conflict-markers" else real(check_id))
    out, err = io.StringIO(), io.StringIO()
    assert run(["docs/good.md"], RunOptions(), out, err) == 2
    assert err.getvalue() == "review-hooks: docs/good.md: internal error in conflict-markers: ValueError: boom\n"
    expected_finding("mojibake", out.getvalue())


class Audit:
    """Records, through a process-wide audit hook, what a run opens and whether it connects."""

    events: list[tuple[str, str]] = []  # noqa: RUF012 (one hook per process: it cannot be removed)
    installed = False

    @classmethod
    def start(cls) -> list[tuple[str, str]]:
        if not cls.installed:
            sys.addaudithook(cls.hook)
            cls.installed = True
        cls.events.clear()
        return cls.events

    @classmethod
    def hook(cls, event: str, args: tuple[object, ...]) -> None:
        if event == "open" and args and isinstance(args[0], str | bytes | os.PathLike):
            cls.events.append(("open", os.fsdecode(args[0])))
        elif event in ("socket.connect", "socket.getaddrinfo", "urllib.Request", "http.client.connect"):
            cls.events.append(("network", repr(args[:2])))


def test_nothing_reaches_out(battery: Path, tmp_path: Path) -> None:
    """No network, and link checking never reads a file outside the repository root."""
    secret = tmp_path / "secret.md"
    secret.write_text("# Secret\n\n## Heading\n")
    (battery / "docs" / "links.md").write_text(
        "# Links\n\n[web](https://example.com/x) [mail](mailto:a@example.com)\n"
        f"[escape](../../secret.md#heading) [absolute]({secret}) [up](../../secret.md)\n"
    )
    git(battery, "add", "docs/links.md")
    events = Audit.start()
    out = io.StringIO()
    run(["docs/links.md", "docs/good.md"], RunOptions(), out, io.StringIO())
    recorded = list(events)
    events.clear()
    assert [event for event in recorded if event[0] == "network"] == []
    assert all(not path.startswith(str(tmp_path)) or path.startswith(str(battery))
               for kind, path in recorded if kind == "open"), recorded
    findings = out.getvalue()
    assert "docs/links.md:4:" in findings  # the links that leave the repository are reported
    assert "example.com" not in findings


def test_configuration_and_front_matter_cannot_execute_code(repo: Path) -> None:
    (repo / ".review-hooks.toml").write_text('exclude = ["__import__(\'os\').system(\'touch pwned\')"]\n')
    (repo / "doc.md").write_text("---\nkind: !!python/object/apply:os.system ['touch pwned']\n---\n# Doc\n")
    result = invoke("check", "doc.md", cwd=repo)
    assert_clean_run(result)
    assert not (repo / "pwned").exists()


@pytest.mark.parametrize("name", ["docs/réunion notes 2024.md", "docs/ünïcödé/spa ced/x y.md"])
def test_non_ascii_paths_with_spaces(repo: Path, name: str) -> None:
    path = repo / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("# T\n\nDone âœ…\n")
    git(repo, "add", "-A")
    for args in (["scan"], ["check", name]):
        result = invoke(*args, cwd=repo)
        assert_clean_run(result)
        assert result.stdout.startswith(f"{name}:3:6: mojibake "), result.stdout
