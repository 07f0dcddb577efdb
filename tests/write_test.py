"""Fixes lose nothing: every simulated failure leaves the original intact and no temporary file.

Failures are injected with monkeypatch (the tests run as root, so a real read-only folder
would not stop them). Each failure is tried twice: on ``write()`` itself, and through the
runner with a small fixer, where it must become one stderr line and exit 2.
"""

from __future__ import annotations

import errno
import io
import os
import signal
import stat
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from review_hooks import checks, cli, registry
from review_hooks.check import Check
from review_hooks.document import Document
from review_hooks.finding import Finding
from review_hooks.runner import run as runner
from review_hooks.runner.run import RunOptions, run
from review_hooks.write import WriteError, write

ORIGINAL = "\ufeff# Plan\r\n\r\nWe fix teh bug.\r\n".encode()


def _find(document: Document, context: object) -> Iterator[Finding]:
    for number, line in enumerate(document.lines, 1):
        if (column := line.find("teh")) >= 0:
            yield Finding(line=number, column=column + 1, message="'teh' is a typo; use 'the'")


def _repair(document: Document, context: object) -> str | None:
    return document.text.replace("teh", "the")


TYPO = Check(id="typo", summary="a toy fixer", doc="typo: toy", hook="fix-typo", find=_find, repair=_repair)


def register(monkeypatch: pytest.MonkeyPatch, extra: Check) -> None:
    """``extra`` in the registry (which imports check modules lazily, by id) for this test."""
    real = checks.get

    def get(check_id: str) -> Check:
        return extra if check_id == extra.id else real(check_id)

    ids = (*registry.IDS, extra.id)
    for module in (registry, runner):
        monkeypatch.setattr(module, "IDS", ids)
    monkeypatch.setattr(runner, "get", get)


@pytest.fixture
def with_fixer(monkeypatch: pytest.MonkeyPatch) -> None:
    """A toy fixer in the registry, so the runner's write path runs without a real fixer."""
    register(monkeypatch, TYPO)


def entries(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


def document(path: Path) -> Document:
    return Document.from_bytes(path.read_bytes(), path.name, path, is_markdown=True)


def oserror(code: int) -> OSError:
    return OSError(code, os.strerror(code))


class FailingStream(io.BufferedWriter):
    """A file object whose ``write`` or ``flush`` fails, as a full disk makes it."""

    def __init__(self, raw: io.RawIOBase, failing: str, error: BaseException) -> None:
        super().__init__(raw)
        self.failing, self.error = failing, error

    def write(self, data: object) -> int:  # type: ignore[override]
        if self.failing == "write":
            raise self.error
        return super().write(data)  # type: ignore[arg-type]

    def flush(self) -> None:
        if self.failing == "flush" and not self.closed:
            raise self.error
        super().flush()


def inject(monkeypatch: pytest.MonkeyPatch, where: str, error: BaseException) -> None:
    """Make one step of an atomic write fail with ``error``."""

    def fail(*args: object, **kwargs: object) -> None:
        raise error

    if where in ("write", "flush"):
        real = os.fdopen

        def fdopen(descriptor: int, mode: str = "r", *args: object, **kwargs: object) -> io.IOBase:
            return FailingStream(real(descriptor, "wb", buffering=0), where, error)  # type: ignore[arg-type]

        monkeypatch.setattr(os, "fdopen", fdopen)
    elif where == "mkstemp":
        monkeypatch.setattr("tempfile.mkstemp", fail)
    else:
        monkeypatch.setattr(os, {"fsync": "fsync", "chmod": "chmod", "replace": "replace"}[where], fail)


STEPS = ["mkstemp", "write", "flush", "fsync", "chmod", "replace"]
FAULTS = [  # the error, its message, and whether it is a refusal (the user may not write there: exit 1, not 2)
    pytest.param(oserror(errno.ENOSPC), "cannot write: no space left on device", False, id="disk full"),
    pytest.param(oserror(errno.EACCES), "not written: permission denied", True, id="permission denied"),
    pytest.param(oserror(errno.EROFS), "not written: read-only file system", True, id="read-only file system"),
    pytest.param(oserror(errno.EIO), "cannot write: input/output error", False, id="i/o error"),
]


@pytest.mark.parametrize("where", STEPS)
@pytest.mark.parametrize(("error", "message", "refused"), FAULTS)
def test_a_failed_write_leaves_the_original_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str, error: OSError, message: str, refused: bool
) -> None:
    target = tmp_path / "plan.md"
    target.write_bytes(ORIGINAL)
    doc = document(target)
    inject(monkeypatch, where, error)
    with pytest.raises(WriteError) as raised:
        write(doc, doc.text.replace("teh", "the"))
    assert str(raised.value) == message
    assert raised.value.refused == refused
    assert target.read_bytes() == ORIGINAL
    assert entries(tmp_path) == ["plan.md"]


@pytest.mark.parametrize("where", STEPS)
def test_an_interrupt_mid_write_leaves_the_original_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    target = tmp_path / "plan.md"
    target.write_bytes(ORIGINAL)
    doc = document(target)
    inject(monkeypatch, where, KeyboardInterrupt())
    with pytest.raises(KeyboardInterrupt):
        write(doc, doc.text.replace("teh", "the"))
    assert target.read_bytes() == ORIGINAL
    assert entries(tmp_path) == ["plan.md"]


class Ended(Exception):
    pass


@pytest.mark.parametrize("number", [signal.SIGINT, signal.SIGTERM])
@pytest.mark.parametrize("where", ["fsync", "chmod", "replace"])
def test_a_signal_mid_write_arrives_once_the_file_is_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str, number: int
) -> None:
    """A real signal, not an exception raised in its place: it waits until the write is whole."""
    target = tmp_path / "plan.md"
    target.write_bytes(ORIGINAL)
    doc = document(target)
    real = getattr(os, where)

    def signalled(*args: object) -> object:
        os.kill(os.getpid(), number)
        return real(*args)

    def ended(signum: int, frame: object) -> None:
        raise Ended(signum)

    monkeypatch.setattr(os, where, signalled)
    previous = signal.signal(number, ended)
    try:
        with pytest.raises(Ended):
            write(doc, doc.text.replace("teh", "the"))
    finally:
        signal.signal(number, previous)
    assert target.read_bytes() == ORIGINAL.replace(b"teh", b"the")
    assert entries(tmp_path) == ["plan.md"]


def test_a_process_ended_by_sigterm_mid_write_leaves_no_temporary_file(tmp_path: Path) -> None:
    """SIGTERM with its default action (a scan's worker) ends the process with no clean-up: it must wait."""
    target = tmp_path / "plan.md"
    target.write_bytes(ORIGINAL)
    script = textwrap.dedent(f"""
        import os, signal, sys
        from pathlib import Path
        from review_hooks.document import Document
        from review_hooks.write import write
        real = os.fsync
        def fsync(descriptor):
            os.kill(os.getpid(), signal.SIGTERM)
            return real(descriptor)
        os.fsync = fsync
        location = Path({str(target)!r})
        doc = Document.from_bytes(location.read_bytes(), "plan.md", location, is_markdown=True)
        write(doc, doc.text.replace("teh", "the"))
        sys.exit(3)  # not reached: the signal ends the process as the write ends
    """)
    ended = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert ended.returncode == -signal.SIGTERM, ended.stderr
    assert target.read_bytes() == ORIGINAL.replace(b"teh", b"the")
    assert entries(tmp_path) == ["plan.md"]


@pytest.mark.parametrize("where", STEPS)
@pytest.mark.parametrize(("error", "message", "refused"), FAULTS)
def test_a_failed_fix_is_one_line_and_exit_2_and_a_refused_one_exit_1(
    repo: Path, monkeypatch: pytest.MonkeyPatch, with_fixer: None, where: str, error: OSError, message: str,
    refused: bool
) -> None:
    (repo / "plan.md").write_bytes(ORIGINAL)
    (repo / "notes.md").write_bytes(b"teh end\n")
    inject(monkeypatch, where, error)
    out, err = io.StringIO(), io.StringIO()
    code = run(["notes.md", "plan.md"], RunOptions(select=("typo",), fix=True), out, err)
    assert code == (1 if refused else 2)
    assert err.getvalue().splitlines() == [f"review-hooks: notes.md: {message}", f"review-hooks: plan.md: {message}"]
    assert out.getvalue().splitlines() == [
        "notes.md:1:1: typo 'teh' is a typo; use 'the'",  # not marked fixed: it was not written
        "plan.md:3:8: typo 'teh' is a typo; use 'the'",
    ]
    assert (repo / "plan.md").read_bytes() == ORIGINAL
    assert entries(repo) == [".git", "notes.md", "plan.md"]


def test_a_failed_fix_is_an_error_annotation_under_github_actions(
    repo: Path, monkeypatch: pytest.MonkeyPatch, with_fixer: None
) -> None:
    (repo / "plan.md").write_bytes(ORIGINAL)
    inject(monkeypatch, "replace", oserror(errno.ENOSPC))
    out, err = io.StringIO(), io.StringIO()
    assert run(["plan.md"], RunOptions(select=("typo",), fix=True, output_format="github"), out, err) == 2
    assert out.getvalue().splitlines()[0] == (  # first: GitHub drops error annotations after the tenth
        "::error file=plan.md,title=review-hooks::cannot write: no space left on device")
    assert (repo / "plan.md").read_bytes() == ORIGINAL


def test_a_refused_write_is_no_error_annotation(repo: Path, with_fixer: None) -> None:
    (repo / "plan.md").write_bytes(b"teh\n")
    (repo / "plan.md").chmod(0o444)
    out, err = io.StringIO(), io.StringIO()
    assert run(["plan.md"], RunOptions(select=("typo",), fix=True, output_format="github"), out, err) == 1
    assert [line for line in out.getvalue().splitlines() if line.startswith("::")] == [
        "::error file=plan.md,line=1,col=1,title=review-hooks (typo)::'teh' is a typo; use 'the'"]


def test_an_interrupt_through_the_console_script_is_one_line(
    repo: Path, monkeypatch: pytest.MonkeyPatch, with_fixer: None, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / "plan.md").write_bytes(ORIGINAL)
    inject(monkeypatch, "fsync", KeyboardInterrupt())
    with pytest.raises(SystemExit) as exited:
        cli.main(["check", "--select", "typo", "--fix", "plan.md"])
    assert exited.value.code == 130  # the shell's convention for Ctrl-C, as pre-commit itself uses
    err = capsys.readouterr().err
    assert err.lstrip("\n") == "review-hooks: interrupted\n"  # click first ends the terminal's "^C" line
    assert (repo / "plan.md").read_bytes() == ORIGINAL
    assert entries(repo) == [".git", "plan.md"]


def test_a_fix_keeps_bom_crlf_and_mode(repo: Path, with_fixer: None) -> None:
    target = repo / "plan.md"
    target.write_bytes(ORIGINAL)
    target.chmod(0o751)
    out, err = io.StringIO(), io.StringIO()
    assert run(["plan.md"], RunOptions(select=("typo",), fix=True), out, err) == 1
    assert out.getvalue() == "plan.md:3:8: typo 'teh' is a typo; use 'the' (fixed)\n"
    assert err.getvalue() == ""
    assert target.read_bytes() == ORIGINAL.replace(b"teh", b"the")
    assert stat.S_IMODE(target.stat().st_mode) == 0o751
    assert entries(repo) == [".git", "plan.md"]


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only root can give a file away")
def test_a_fix_run_as_root_keeps_the_files_owner_and_group(tmp_path: Path) -> None:
    target = tmp_path / "plan.md"
    target.write_bytes(b"teh\n")
    os.chown(target, 1001, 1002)
    target.chmod(0o640)
    doc = document(target)
    write(doc, "the\n")
    facts = target.stat()
    assert (target.read_bytes(), facts.st_uid, facts.st_gid) == (b"the\n", 1001, 1002)
    assert stat.S_IMODE(facts.st_mode) == 0o640


def test_without_the_right_to_give_the_file_away_the_fix_is_still_written(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "plan.md"
    target.write_bytes(b"teh\n")
    doc = document(target)

    def refuse(*args: object) -> None:
        raise oserror(errno.EPERM)

    monkeypatch.setattr(os, "chown", refuse)
    write(doc, "the\n")
    assert (target.read_bytes(), entries(tmp_path)) == (b"the\n", ["plan.md"])


@pytest.mark.parametrize("encoding", ["cp1252", "mac_roman", "utf-16"])
def test_a_fix_keeps_the_files_encoding(tmp_path: Path, encoding: str) -> None:
    target = tmp_path / "plan.md"
    original = "Café crème: teh menu\n".encode(encoding)
    target.write_bytes(original)
    doc = document(target)
    write(doc, doc.text.replace("teh", "the"))
    assert target.read_bytes() == "Café crème: the menu\n".encode(encoding)


def test_text_the_encoding_cannot_hold_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "plan.md"
    target.write_bytes("Café: done\n".encode("cp1252"))
    doc = document(target)
    assert doc.encoding == "cp1252"
    with pytest.raises(WriteError, match="cannot be saved as cp1252") as raised:
        write(doc, "Café: ✅ done\n")
    assert raised.value.refused
    assert target.read_bytes() == "Café: done\n".encode("cp1252")


def test_never_writes_through_a_symlink(tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_bytes(b"teh\n")
    link = tmp_path / "link.md"
    link.symlink_to("real.md")
    doc = document(link)
    with pytest.raises(WriteError, match="symbolic link") as raised:
        write(doc, "the\n")
    assert raised.value.refused
    assert link.is_symlink() and os.readlink(link) == "real.md"
    assert real.read_bytes() == b"teh\n"


def test_a_symlink_named_for_fixing_is_reported_not_an_error(repo: Path, with_fixer: None) -> None:
    (repo / "real.md").write_bytes(b"teh\n")
    (repo / "link.md").symlink_to("real.md")
    out, err = io.StringIO(), io.StringIO()
    assert run(["link.md"], RunOptions(select=("typo",), fix=True), out, err) == 1
    assert out.getvalue() == "link.md:1:1: typo 'teh' is a typo; use 'the'\n"
    assert err.getvalue() == "review-hooks: link.md: not written: it is a symbolic link; fix the file it points to\n"
    assert (repo / "link.md").is_symlink()
    assert (repo / "real.md").read_bytes() == b"teh\n"


def test_never_overwrites_a_file_that_changed_since_it_was_read(tmp_path: Path) -> None:
    target = tmp_path / "plan.md"
    target.write_bytes(b"teh\n")
    doc = document(target)
    target.write_bytes(b"teh, and a line someone just typed\n")
    with pytest.raises(WriteError, match="changed since it was read") as raised:
        write(doc, "the\n")
    assert raised.value.refused
    assert target.read_bytes() == b"teh, and a line someone just typed\n"
    assert entries(tmp_path) == ["plan.md"]


def test_a_file_edited_during_the_run_is_kept(repo: Path, monkeypatch: pytest.MonkeyPatch, with_fixer: None) -> None:
    target = repo / "plan.md"
    target.write_bytes(b"teh\n")

    def repair_while_someone_saves(doc: Document, context: object) -> str:
        target.write_bytes(b"teh, saved by an editor meanwhile\n")
        return doc.text.replace("teh", "the")

    register(monkeypatch, Check(id="typo", summary="", doc="", hook="fix-typo", find=_find,
                                repair=repair_while_someone_saves))
    out, err = io.StringIO(), io.StringIO()
    assert run(["plan.md"], RunOptions(select=("typo",), fix=True), out, err) == 1
    assert err.getvalue() == "review-hooks: plan.md: not written: the file changed since it was read\n"
    assert target.read_bytes() == b"teh, saved by an editor meanwhile\n"


def test_a_missing_file_at_write_time_is_one_line(tmp_path: Path) -> None:
    target = tmp_path / "plan.md"
    target.write_bytes(b"teh\n")
    doc = document(target)
    target.unlink()
    with pytest.raises(WriteError, match=r"^cannot write: no such file or directory$"):
        write(doc, "the\n")
    assert entries(tmp_path) == []


def test_writing_the_same_fix_twice_changes_nothing(repo: Path, with_fixer: None) -> None:
    target = repo / "plan.md"
    target.write_bytes(ORIGINAL)
    assert run(["plan.md"], RunOptions(select=("typo",), fix=True), io.StringIO(), io.StringIO()) == 1
    fixed = target.read_bytes()
    before = target.stat().st_mtime_ns, target.stat().st_ino
    out = io.StringIO()
    assert run(["plan.md"], RunOptions(select=("typo",), fix=True), out, io.StringIO()) == 0
    assert out.getvalue() == ""
    assert target.read_bytes() == fixed
    assert (target.stat().st_mtime_ns, target.stat().st_ino) == before  # not even rewritten


def test_a_fix_the_files_encoding_cannot_hold_is_not_applied(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A fixer that puts ✅ into a cp1252 file: one note, the file and the exit code as without the fix."""
    def find(document: Document, context: object) -> list[Finding]:
        return [Finding(line=1, column=1, message="wants a check mark")] if "OK" in document.text else []

    fixer = Check(id="mojibake", summary="", doc="", hook="fix-mojibake", find=find,
                  repair=lambda document, context: document.text.replace("OK", "✅"))
    real = checks.get
    monkeypatch.setattr(runner, "get", lambda check_id: fixer if check_id == "mojibake" else real(check_id))
    data = "caf\xe9 OK\n".encode("cp1252")
    (repo / "old.txt").write_bytes(data)
    out, err = io.StringIO(), io.StringIO()
    assert run(["old.txt"], RunOptions(select=("mojibake",), fix=True), out, err) == 1
    assert (repo / "old.txt").read_bytes() == data
    assert err.getvalue() == ("review-hooks: old.txt: mojibake fix not applied: the fixed text cannot be saved as "
                              "cp1252 (convert the file with --transcode)\n")
    assert out.getvalue() == "old.txt:1:1: mojibake wants a check mark\n"


def test_a_read_only_file_is_refused_even_as_root(tmp_path: Path) -> None:
    target = tmp_path / "plan.md"
    target.write_bytes(b"teh\n")
    target.chmod(0o444)
    with pytest.raises(WriteError, match="read-only") as raised:
        write(document(target), "the\n")
    assert raised.value.refused
    assert target.read_bytes() == b"teh\n" and stat.S_IMODE(target.stat().st_mode) == 0o444
    assert entries(tmp_path) == ["plan.md"]


def test_a_file_this_user_may_not_write_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "plan.md"
    target.write_bytes(b"teh\n")
    real = os.access
    monkeypatch.setattr(os, "access", lambda path, mode, **kw: False if mode == os.W_OK else real(path, mode, **kw))
    with pytest.raises(WriteError, match="read-only"):
        write(document(target), "the\n")
    assert target.read_bytes() == b"teh\n"


def test_a_hard_linked_file_is_refused_and_both_names_keep_one_text(tmp_path: Path) -> None:
    target = tmp_path / "plan.md"
    target.write_bytes(b"teh\n")
    os.link(target, tmp_path / "copy.md")
    with pytest.raises(WriteError, match="2 hard links") as raised:
        write(document(target), "the\n")
    assert raised.value.refused
    assert os.path.samefile(target, tmp_path / "copy.md")
    assert target.read_bytes() == b"teh\n"
    assert entries(tmp_path) == ["copy.md", "plan.md"]


def test_a_read_only_file_named_for_fixing_is_reported_not_an_error(repo: Path, with_fixer: None) -> None:
    target = repo / "plan.md"
    target.write_bytes(b"teh\n")
    target.chmod(0o444)
    out, err = io.StringIO(), io.StringIO()
    assert run(["plan.md"], RunOptions(select=("typo",), fix=True), out, err) == 1
    assert out.getvalue() == "plan.md:1:1: typo 'teh' is a typo; use 'the'\n"
    assert err.getvalue() == "review-hooks: plan.md: not written: it is read-only; make it writable to fix it\n"
    assert target.read_bytes() == b"teh\n"


def test_a_file_whose_name_is_near_the_longest_allowed_is_written(tmp_path: Path) -> None:
    """The temporary file beside it repeats only the start of its name: 250 bytes plus a dot, a random part and
    ``.tmp`` would be over the 255 a file system allows ("file name too long")."""
    target = tmp_path / ("é" * 100 + "r" * 47 + ".md")  # 250 bytes in UTF-8
    target.write_bytes(ORIGINAL)
    write(document(target), document(target).text.replace("teh", "the"))
    assert target.read_bytes() == ORIGINAL.replace(b"teh", b"the")
    assert entries(tmp_path) == [target.name]


@pytest.mark.parametrize("name", [b"caf\xe9.md", b"caf\xe9-" + b"r" * 240 + b".md"])
def test_a_file_whose_name_is_no_utf8_is_written(tmp_path: Path, name: bytes) -> None:
    """Its name's bytes, not UTF-8 (surrogate escapes), are cut: the temporary file is named by the same bytes."""
    target = tmp_path / os.fsdecode(name)
    target.write_bytes(ORIGINAL)
    write(document(target), document(target).text.replace("teh", "the"))
    assert target.read_bytes() == ORIGINAL.replace(b"teh", b"the")
    assert entries(tmp_path) == [target.name]
