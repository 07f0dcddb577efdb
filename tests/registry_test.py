"""The registry's explicit list matches the check modules, and imports them only when asked."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from review_hooks import checks, registry


def test_entries_name_each_module_its_check_id_and_hook() -> None:
    for check_id, hook in registry.ENTRIES:
        check = checks.get(check_id)
        assert (check.id, check.hook) == (check_id, hook)
    assert [check.id for check in checks.CHECKS] == list(registry.IDS)
    assert {check.hook: check.id for check in checks.CHECKS} == registry.HOOKS


def test_unknown_id_names_the_known_ones() -> None:
    with pytest.raises(KeyError, match="known: conflict-markers"):
        checks.get("conflict-marker")


@pytest.mark.parametrize("check_id", registry.IDS)
def test_running_one_check_imports_only_its_module(check_id: str, tmp_path: object) -> None:
    code = ("import sys, io; from review_hooks.runner.run import run, RunOptions; "
            f"run([], RunOptions(select=({check_id!r},)), io.StringIO(), io.StringIO()); "
            "print(sorted(m for m in sys.modules if m.startswith('review_hooks.checks.')))")
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True)
    loaded = set(ast.literal_eval(result.stdout))
    own = "review_hooks.checks." + check_id.replace("-", "_")
    assert own in loaded
    others = {"review_hooks.checks." + other.replace("-", "_") for other in registry.IDS if other != check_id}
    if check_id == "required-headings":  # it skips files with conflicts, using that check's marker parser
        others.discard("review_hooks.checks.conflict_markers")
    assert not loaded & others


def test_a_bad_table_fails_every_run_that_uses_its_check_and_no_other(repo: Path) -> None:
    (repo / "a.md").write_text("# A\n")
    (repo / ".review-hooks.toml").write_text('[required-headings]\nlevel = "sideways"\n')
    for args, code in ((["check-headings", "a.md"], 2), (["check", "a.md"], 2), (["scan"], 2),
                       (["check-conflict-markers", "a.md"], 0), (["check", "--select", "mojibake", "a.md"], 0)):
        result = subprocess.run([sys.executable, "-m", "review_hooks", *args], cwd=repo, capture_output=True,
                                text=True)
        assert result.returncode == code, (args, result.stderr)
        if code == 2:
            assert result.stderr.startswith("review-hooks: ") and "required-headings.level" in result.stderr
