"""``action.yml``: its shell step, run locally the way the GitHub runner runs it.

The runner evaluates each ``env:`` value (only ``${{ inputs.NAME }}`` expressions here), sets
``GITHUB_ACTION_PATH``, ``GITHUB_OUTPUT``, ``RUNNER_TEMP`` and ``GITHUB_STEP_SUMMARY``, and runs
the ``run:`` script with ``bash -e {0}``-like semantics; this test does the same against a
temporary repository, installing review-hooks from a commit of this worktree.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import ROOT, commit

CONFLICT = "<<<<<<< HEAD\nours\n=======\ntheirs\n>>>>>>> topic\n"
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def action() -> dict[str, Any]:
    return yaml.safe_load((ROOT / "action.yml").read_text())


def step_environment(step: dict[str, Any], inputs: dict[str, str]) -> dict[str, str]:
    """The step's ``env:`` with each ``${{ inputs.NAME }}`` evaluated (given value, else the default)."""
    declared = action()["inputs"]

    def evaluate(match: re.Match[str]) -> str:
        expression = match.group(1)
        assert expression.startswith("inputs."), f"env uses {expression!r}; only inputs are evaluated here"
        name = expression.removeprefix("inputs.")
        assert name in declared, f"env uses an undeclared input {name!r}"
        return inputs.get(name, str(declared[name].get("default", "")))

    return {name: EXPRESSION.sub(evaluate, str(value)) for name, value in step.get("env", {}).items()}


def run_step(repo: Path, hook_repo: Path, tmp_path: Path, **inputs: str) -> tuple[subprocess.CompletedProcess[str],
                                                                                 dict[str, str]]:
    (step,) = action()["runs"]["steps"]
    assert step["shell"] == "bash"
    output = tmp_path / "github-output"
    output.touch()
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "VIRTUAL_ENV"))},
        **step_environment(step, inputs),
        "GITHUB_ACTIONS": "true",
        "GITHUB_ACTION_PATH": str(hook_repo),
        "GITHUB_OUTPUT": str(output),
        "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"),
        "RUNNER_TEMP": str(tmp_path.parent / "runner-temp"),  # shared by the tests: one venv, like one job
    }
    result = subprocess.run(["bash", "--noprofile", "--norc", "-e", "-c", step["run"]], cwd=repo, env=environment,
                            capture_output=True, text=True, timeout=600)
    outputs = dict(line.split("=", 1) for line in output.read_text().splitlines())
    return result, outputs


def test_the_action_declares_its_interface() -> None:
    declared = action()
    assert set(declared["inputs"]) >= {"paths", "select", "format", "fix", "version", "summary"}
    assert set(declared["outputs"]) == {"exit-code"}
    (step,) = declared["runs"]["steps"]
    assert "${{" not in step["run"], "inputs reach the script through env: only"
    assert declared["runs"]["using"] == "composite"


def test_action_step_annotates_summarises_and_sets_exit_code(
        repo: Path, hook_repo: tuple[Path, str], tmp_path: Path) -> None:
    (repo / "docs").mkdir()
    (repo / "docs" / "bad.md").write_text(CONFLICT)
    (repo / "other.md").write_text(CONFLICT)
    commit(repo)
    result, outputs = run_step(repo, hook_repo[0], tmp_path, paths="docs\n")
    assert result.returncode == 1, result.stderr
    assert outputs == {"exit-code": "1"}
    assert "::error file=docs/bad.md,line=1,col=1,title=review-hooks (conflict-markers)::" in result.stdout
    assert "other.md" not in result.stdout
    assert "1 finding in 1 file." in (tmp_path / "summary.md").read_text()


def test_action_step_options_reach_the_scan(repo: Path, hook_repo: tuple[Path, str], tmp_path: Path) -> None:
    (repo / "a.md").write_text(CONFLICT)
    commit(repo)
    result, outputs = run_step(repo, hook_repo[0], tmp_path, format="sarif", summary="false",
                               output="report.sarif", args="--exit-zero", select="conflict-markers")
    assert (result.returncode, outputs) == (0, {"exit-code": "0"}), result.stderr
    assert '"ruleId": "conflict-markers"' in (repo / "report.sarif").read_text()
    assert not (tmp_path / "summary.md").exists()
    result, outputs = run_step(repo, hook_repo[0], tmp_path, fix="yes")
    assert (result.returncode, outputs) == (2, {"exit-code": "2"})
    assert "::error title=review-hooks::input fix must be true or false, not 'yes'" in result.stdout
    result, outputs = run_step(repo, hook_repo[0], tmp_path, output="no/such/folder/report.sarif")
    assert (result.returncode, outputs) == (2, {"exit-code": "2"})  # not "findings" (robust-eval5, C6)
    assert "::error title=review-hooks::cannot write the output file 'no/such/folder/report.sarif'" in result.stdout


@pytest.mark.parametrize("paths", ["*.md", "$(touch${IFS}pwned)", "`touch${IFS}pwned`"])
def test_inputs_are_never_expanded_by_the_shell(repo: Path, hook_repo: tuple[Path, str], tmp_path: Path,
                                                paths: str) -> None:
    (repo / "a.md").write_text(CONFLICT)
    commit(repo)
    result, outputs = run_step(repo, hook_repo[0], tmp_path, paths=paths)
    assert outputs == {"exit-code": "1"}, result.stderr
    assert f"review-hooks: {paths}: no such file" in result.stderr
    assert not (repo / "pwned").exists()


def test_our_workflow_runs_the_tests_and_the_action_with_declared_inputs() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text())
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    assert any(step.get("run") == "bash .ci/run" for step in steps)
    ours = [step for step in steps if step.get("uses") == "./"]
    assert ours, "the workflow runs this repository's action"
    declared = set(action()["inputs"])
    for step in ours:
        assert set(step.get("with", {})) <= declared, step.get("name")
