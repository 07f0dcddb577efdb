"""git's answers: through posix_spawn (a hook's path) exactly as through subprocess, errors as one line."""

from __future__ import annotations

import errno
import io
import os
import select
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from review_hooks import gitprocess
from review_hooks.gitprocess import GitError, git
from review_hooks.runner.run import RunOptions, run
from tests.conftest import git as run_git

pytestmark = pytest.mark.skipif(not hasattr(os, "posix_spawnp"), reason="no posix_spawn: subprocess alone")

#: a child that echoes its standard input to its output and writes a lot to both pipes, in turns, before it
#: reads: a parent that wrote all the input first, or read one pipe to its end first, would wait forever
CHATTY = ("import sys\n"
          "for i in range(300):\n"
          "    sys.stdout.write('o' * 1000); sys.stdout.flush(); sys.stderr.write('e' * 1000); sys.stderr.flush()\n"
          "data = sys.stdin.buffer.read()\n"
          "sys.stdout.buffer.write(data[::-1]); sys.exit(3)\n")


def both(argv: list[str], stdin: bytes | None = None) -> tuple[tuple[int, bytes, bytes], ...]:
    env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0"}
    return gitprocess._spawned(argv, env, stdin), gitprocess._run(argv, env, stdin, None)


def test_a_child_that_writes_both_pipes_while_fed_gives_what_subprocess_gives() -> None:
    data = bytes(range(256)) * 2000  # 512 KB: more than a pipe holds
    spawned, ran = both([sys.executable, "-c", CHATTY], data)
    assert spawned == ran
    status, output, errors = spawned
    assert status == 3 and output == b"o" * 300_000 + data[::-1] and errors == b"e" * 300_000


@pytest.mark.parametrize(("code", "stdin"), [
    pytest.param("import sys; sys.stdout.write('done')", b"x" * 1_000_000, id="input the child never reads"),
    pytest.param("import sys; sys.stdout.write(sys.stdin.read())", b"", id="empty input"),
    pytest.param("import os, signal; os.kill(os.getpid(), signal.SIGTERM)", None, id="killed by a signal"),
    pytest.param("print('inherited standard input' if __import__('sys').stdin else '')", None, id="no input"),
])
def test_edge_cases_give_what_subprocess_gives(code: str, stdin: bytes | None) -> None:
    spawned, ran = both([sys.executable, "-c", code], stdin)
    assert spawned == ran


def test_git_lists_files_and_answers_many_paths_on_its_input(repo: Path) -> None:
    names = ["a.md", "réviews/b.md", "c d.md"] + [f"many/{i:05}.md" for i in range(3000)]
    for name in names:
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text("x\n", encoding="utf-8")
    (repo / ".gitattributes").write_text("*.md text\n", encoding="utf-8")
    run_git(repo, "add", "-A")
    listed = git(repo, "ls-files", "-z", "--cached", "--full-name")
    assert sorted(os.fsdecode(p) for p in listed.split(b"\0") if p) == sorted([*names, ".gitattributes"])
    stdin = b"\0".join(os.fsencode(n) for n in names) + b"\0"
    attributes = git(repo, "check-attr", "-z", "--stdin", "text", stdin=stdin)
    assert attributes.split(b"\0")[:3] == [b"a.md", b"text", b"set"] and attributes.count(b"\0") == 3 * len(names)
    argv = ["git", "-C", str(repo), "check-attr", "-z", "--stdin", "text"]
    spawned, ran = both(argv, stdin)
    assert spawned == ran


def test_a_failing_git_is_one_line_with_its_last_message(repo: Path) -> None:
    with pytest.raises(GitError, match=r"^git cat-file failed: fatal: .*nothing") as failed:
        git(repo, "cat-file", "-p", "nothing")
    assert "\n" not in str(failed.value)


def test_no_git_is_one_line(repo: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(GitError, match=r"^cannot run git: No such file or directory"):
        git(repo, "ls-files")


def test_a_child_past_its_time_is_killed_and_what_it_wrote_is_kept() -> None:
    code = "import sys, time; sys.stdout.write('so far'); sys.stdout.flush(); time.sleep(30)"
    with pytest.raises(gitprocess._Late) as late:
        gitprocess._spawned([sys.executable, "-c", code], dict(os.environ), None, 0.5)
    assert late.value.output == b"so far"


def test_git_past_its_time_is_one_git_timeout(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gitprocess, "_exchange", lambda *args: (_ for _ in ()).throw(gitprocess._Late(b"x")))
    with pytest.raises(gitprocess.GitTimeout, match=r"^git log took over 2 s$") as stopped:
        git(repo, "log", timeout=2)
    assert stopped.value.output == b"x"


def open_descriptors() -> list[str]:
    return sorted(os.listdir("/proc/self/fd"))


def failing(call: int, real: Callable[..., Any]) -> Callable[..., Any]:
    """``real``, except that its ``call``-th use fails as when the process has used all its descriptors."""
    calls = 0

    def fake(*args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        if calls == call:
            raise OSError(errno.EMFILE, os.strerror(errno.EMFILE))
        return real(*args, **kwargs)

    return fake


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="no /proc/self/fd to count descriptors")
@pytest.mark.parametrize(("owner", "name", "call"), [
    pytest.param(os, "pipe", 1, id="first pipe"),
    pytest.param(os, "pipe", 2, id="second pipe: the first one's ends were open"),
    pytest.param(os, "pipe", 3, id="input pipe: two pipes' ends were open"),
    pytest.param(os, "posix_spawnp", 1, id="the spawn"),
    pytest.param(select, "poll", 1, id="the poller, git already started"),
])
def test_running_out_of_descriptors_leaves_none_open_and_is_one_git_error(
        repo: Path, monkeypatch: pytest.MonkeyPatch, owner: object, name: str, call: int) -> None:
    before = open_descriptors()
    monkeypatch.setattr(owner, name, failing(call, getattr(owner, name)))
    with pytest.raises(GitError, match=r"^cannot run git: Too many open files$"):
        git(repo, "check-attr", "--stdin", "text", stdin=b"a.md\n")
    monkeypatch.undo()
    assert open_descriptors() == before


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="no /proc/self/fd to count descriptors")
def test_a_scan_out_of_descriptors_says_so_in_one_line_and_exits_2(repo: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    (repo / "a.md").write_text("# A\n")
    run_git(repo, "add", "a.md")
    before = open_descriptors()
    monkeypatch.setattr(os, "pipe", failing(2, os.pipe))
    out, err = io.StringIO(), io.StringIO()
    code = run([], RunOptions(scan=True, jobs=1), out, err)
    monkeypatch.undo()
    assert (code, out.getvalue(), err.getvalue()) == (2, "", "review-hooks: cannot run git: Too many open files\n")
    assert open_descriptors() == before


def test_gits_reason_is_its_fatal_line_with_its_remedy() -> None:
    errors = ("fatal: detected dubious ownership in repository at '/srv/docs'\nTo add an exception for this "
              "directory, call:\n\n\tgit config --global --add safe.directory /srv/docs\n")
    assert gitprocess._reason(errors) == ("fatal: detected dubious ownership in repository at '/srv/docs'; "
                                          "`git config --global --add safe.directory <path>` trusts it")
    assert gitprocess._reason("warning: x\nsomething broke\n") == "something broke"


def test_a_home_folder_this_user_may_not_enter_is_gits_to_warn_about(
        repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from review_hooks.repository import Repository

    real = Path.stat

    def stat(self: Path, *args: Any, **kwargs: Any) -> os.stat_result:
        if "attributes" in self.name:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "stat", stat)
    assert Repository(repo).may_have_attributes(repo / "a.md")  # may exist: git decides, and only warns


def test_git_that_cannot_answer_a_check_is_said_so_not_an_internal_error(
        repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from review_hooks.repository import Repository

    (repo / "plan.md").write_text("# Plan\n\n[design](design.md)\n")

    def distrusted(self: Repository) -> frozenset[str]:
        raise GitError("git ls-files failed: fatal: detected dubious ownership in repository at 'x'")

    monkeypatch.setattr(Repository, "tracked", property(distrusted))
    out, err = io.StringIO(), io.StringIO()
    assert run(["plan.md"], RunOptions(select=("broken-link",)), out, err) == 2
    assert err.getvalue() == ("review-hooks: plan.md: broken-link could not ask git: git ls-files failed: fatal: "
                              "detected dubious ownership in repository at 'x'\n")


def test_a_scan_from_outside_reads_the_work_tree_gits_environment_names(
        repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``GIT_DIR`` and ``GIT_WORK_TREE`` set by a script: every git command of the run reads that repository, and
    so does the run, not the untracked folder it was started in."""
    (repo / "a.md").write_text("Done âœ…\n", encoding="utf-8")
    run_git(repo, "add", "a.md")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "untracked.md").write_text("Done âœ…\n", encoding="utf-8")
    monkeypatch.chdir(elsewhere)
    monkeypatch.setenv("GIT_DIR", str(repo / ".git"))
    monkeypatch.setenv("GIT_WORK_TREE", str(repo))
    out = io.StringIO()
    assert run([], RunOptions(scan=True, select=("mojibake",), jobs=1), out, io.StringIO()) == 1
    assert "untracked.md" not in out.getvalue()
    assert "a.md:1:6: mojibake 'âœ…' is double-encoded '✅' (Windows-1252)" in out.getvalue()
