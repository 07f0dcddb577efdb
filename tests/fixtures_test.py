"""Every fixture case produces exactly its expected output, and its fixes are exact.

A case is a folder under ``fixtures/`` holding ``expected.txt``: the exact stdout of
``review-hooks check --select CHECK-ID FILE...`` over the case's other files (the check id
is the first folder under ``fixtures/``; ``fixtures/seeds`` runs every check), from inside a
fresh git repository holding a copy of the case. Optional files: ``args.txt`` (extra
arguments, one line), ``.review-hooks.toml``, ``NAME.fixed`` (the exact bytes NAME must
have after ``--fix``; every document without one must stay byte-identical), and
``untracked.txt`` (paths, one a line, removed from git's index after ``git add -A``: files that
exist on disk but are not tracked, as an untracked or ignored file would be).
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, git

SPECIAL = {"expected.txt", "args.txt", ".review-hooks.toml", "untracked.txt"}
CASES = sorted(path.parent for path in FIXTURES.rglob("expected.txt"))


def documents(case: Path) -> list[str]:
    return sorted(
        path.relative_to(case).as_posix()
        for path in case.rglob("*")
        if path.is_file() and path.name not in SPECIAL and path.suffix != ".fixed"
    )


def command(case: Path, *extra: str) -> list[str]:
    check_id = case.relative_to(FIXTURES).parts[0]
    select = [] if check_id == "seeds" else ["--select", check_id]
    args = shlex.split((case / "args.txt").read_text()) if (case / "args.txt").exists() else []
    return [sys.executable, "-m", "review_hooks", "check", *select, *args, *extra, *documents(case)]


def copy(case: Path, tmp_path: Path) -> Path:
    work = tmp_path / "case"
    shutil.copytree(case, work, symlinks=True)
    for path in work.rglob("*.fixed"):
        path.unlink()
    git(work, "init", "-q", "-b", "main")
    git(work, "add", "-A")
    untracked = work / "untracked.txt"
    if untracked.exists():
        git(work, "rm", "-q", "--cached", "--", *untracked.read_text().split("\n")[:-1], "untracked.txt")
    return work


@pytest.mark.parametrize("case", CASES, ids=[c.relative_to(FIXTURES).as_posix() for c in CASES])
def test_fixture_output(case: Path, tmp_path: Path) -> None:
    work = copy(case, tmp_path)
    result = subprocess.run(command(case), cwd=work, capture_output=True, text=True)
    expected = (case / "expected.txt").read_text()
    assert result.stdout == expected, result.stderr
    assert "Traceback" not in result.stderr
    assert result.returncode == (1 if expected.strip() else 0), result.stderr


@pytest.mark.parametrize("case", [c for c in CASES if any(c.rglob("*.fixed"))],
                         ids=lambda c: c.relative_to(FIXTURES).as_posix())
def test_fixture_fix(case: Path, tmp_path: Path) -> None:
    work = copy(case, tmp_path)
    subprocess.run(command(case, "--fix"), cwd=work, capture_output=True, text=True)
    for name in documents(case):
        fixed = case / (name + ".fixed")
        expected = fixed.read_bytes() if fixed.exists() else (case / name).read_bytes()
        assert (work / name).read_bytes() == expected, name
    again = subprocess.run(command(case, "--fix"), cwd=work, capture_output=True, text=True)
    assert "(fixed)" not in again.stdout, "a second --fix changed something: fixes must be idempotent"


def test_every_check_has_fixtures() -> None:
    from review_hooks.registry import IDS

    for check_id in IDS:
        assert any(c.relative_to(FIXTURES).parts[0] == check_id for c in CASES), check_id
