"""``--format sarif``: valid SARIF 2.1.0, rules from the registry, fixes, suppressions."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from review_hooks.checks import CHECKS
from review_hooks.finding import Finding, Replacement
from review_hooks.registry import IDS
from review_hooks.report import sarif
from tests.conftest import SHARED, commit

SCHEMA = SHARED / "schemas" / "sarif-schema-2.1.0.json"
CONFLICT = "<<<<<<< HEAD\nours\n=======\ntheirs\n>>>>>>> topic\n"


def validate(log: dict) -> None:
    if not SCHEMA.exists():
        pytest.skip(f"the SARIF 2.1.0 schema is not at {SCHEMA} (shared/ sits beside the repository in CI; "
                    "elsewhere set REVIEW_HOOKS_SHARED to its folder)")
    import jsonschema

    schema = json.loads(SCHEMA.read_text())
    validator = jsonschema.validators.validator_for(schema)(schema)
    errors = sorted(validator.iter_errors(log), key=str)
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:5])


def scan_sarif(*args: str) -> dict:
    result = subprocess.run([sys.executable, "-m", "review_hooks", "scan", "--format", "sarif", *args],
                            capture_output=True, text=True)
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)


def test_real_output_validates_and_marks_suppressed_results(repo: Path) -> None:
    (repo / "a b%.md").write_text("# Title\n\n" + CONFLICT)
    (repo / "quiet.md").write_text("<!-- review-hooks: disable-next-line conflict-markers -->\n" + CONFLICT)
    (repo / "typo.md").write_text("<!-- review-hooks: disable-next-line conflict-marker -->\ntext\n")
    commit(repo)
    log = scan_sarif("--show-suppressed")
    validate(log)
    run = log["runs"][0]
    rules = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    assert rules == [*IDS, "review-hooks"]
    assert run["columnKind"] == "unicodeCodePoints"
    results = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]: r for r in run["results"]}
    assert set(results) == {"a%20b%25.md", "quiet.md", "typo.md"}
    first = results["a%20b%25.md"]
    assert first["ruleId"] == "conflict-markers" and first["level"] == "error"
    assert first["locations"][0]["physicalLocation"]["region"] == {"startLine": 3, "startColumn": 1}
    assert rules[first["ruleIndex"]] == "conflict-markers"
    assert results["quiet.md"]["suppressions"][0]["kind"] == "inSource"
    assert results["typo.md"]["ruleId"] == "review-hooks" and "suppressions" not in results["typo.md"]
    without = scan_sarif()
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in without["runs"][0]["results"]} \
        == {"a%20b%25.md", "typo.md"}


def test_fixes_warnings_and_absolute_paths_validate(tmp_path: Path) -> None:
    findings = [
        Finding("docs/a.md", 2, 5, "broken-link", "'./x.mdd' does not exist; did you mean './x.md'?",
                replacement=Replacement(2, 12, 2, 20, "./x.md")),
        Finding("docs/a.md", 4, 1, "required-headings", "heading out of order", severity="warning"),
        Finding(str(tmp_path / "é.md"), 1, 1, "mojibake", "'cafÃ©' is mojibake for 'café'", fixed=True),
    ]
    out = io.StringIO()
    sarif.report(findings, out, CHECKS)
    log = json.loads(out.getvalue())
    validate(log)
    fix, warning, fixed = log["runs"][0]["results"]
    change = fix["fixes"][0]["artifactChanges"][0]
    assert change["artifactLocation"]["uri"] == "docs/a.md"
    assert change["replacements"][0] == {
        "deletedRegion": {"startLine": 2, "startColumn": 12, "endLine": 2, "endColumn": 20},
        "insertedContent": {"text": "./x.md"},
    }
    assert warning["level"] == "warning" and warning["message"]["text"] == "heading out of order"  # level, no prefix
    assert fixed["level"] == "note" and fixed["message"]["text"].endswith("(fixed)")
    assert fixed["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].startswith("file:///")


def test_rules_carry_the_check_documentation() -> None:
    from review_hooks.checks import CHECKS

    for check in CHECKS:
        rule = sarif.rule(check)
        assert rule["shortDescription"]["text"] == check.summary
        assert "**" not in rule["fullDescription"]["text"] and "``" not in rule["help"]["text"]
        assert "Fix safety." in rule["help"]["text"], check.id


def test_a_findings_properties_are_the_results_properties_and_json_keys() -> None:
    finding = Finding("a.md", 1, 5, "broken-link", "gone", severity="warning",
                      properties=(("target", "x.md#y"), ("resolved", "x.md")))
    result = sarif.result(finding, {})
    assert result["properties"] == {"target": "x.md#y", "resolved": "x.md"} and result["level"] == "warning"
    assert "properties" not in sarif.result(Finding("a.md", 1, 1, "mojibake", "m"), {})
    assert finding.as_dict() == {"path": "a.md", "line": 1, "column": 5, "check": "broken-link", "message": "gone",
                                 "fixed": False, "severity": "warning", "target": "x.md#y", "resolved": "x.md"}
    validate(sarif.document([finding], CHECKS))


def run_sarif(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "review_hooks", *args, "--format", "sarif"], capture_output=True,
                          text=True)


def test_a_file_that_cannot_be_checked_is_a_notification_and_an_unsuccessful_run(repo: Path) -> None:
    (repo / "notes.md").mkdir()
    (repo / "plan.md").write_text("# Plan\n\n" + CONFLICT)
    result = run_sarif("check", "notes.md", "plan.md")
    assert result.returncode == 1
    assert result.stderr == "review-hooks: notes.md: is a directory, not a file\n"
    log = json.loads(result.stdout)
    validate(log)
    run = log["runs"][0]
    assert [r["ruleId"] for r in run["results"]] == ["conflict-markers"]
    assert run["invocations"] == [{"executionSuccessful": False, "toolExecutionNotifications": [{
        "level": "error", "message": {"text": "is a directory, not a file"},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": "notes.md", "uriBaseId": "%SRCROOT%"}}}]}]}]


def test_a_stray_byte_is_a_notification_on_its_line(repo: Path) -> None:
    (repo / "notes.md").write_bytes(b"# R\xc3\xa9sum\xc3\xa9\nbad \xff\n")
    result = run_sarif("check", "notes.md")
    assert result.returncode == 1
    log = json.loads(result.stdout)
    validate(log)
    [notification] = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert notification["locations"] == [{"physicalLocation": {"artifactLocation": {
        "uri": "notes.md", "uriBaseId": "%SRCROOT%"}, "region": {"startLine": 2, "startColumn": 5}}}]


def test_a_clean_run_is_a_successful_invocation(repo: Path) -> None:
    (repo / "plan.md").write_text("# Plan\n")
    result = run_sarif("check", "plan.md")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["runs"][0]["invocations"] == [
        {"executionSuccessful": True, "toolExecutionNotifications": []}]


def test_a_run_that_cannot_start_still_writes_a_log_saying_why(repo: Path) -> None:
    (repo / ".review-hooks.toml").write_text("select = [\n")
    result = run_sarif("scan")
    assert result.returncode == 2
    assert result.stderr.startswith("review-hooks: ") and result.stderr.count("\n") == 1
    log = json.loads(result.stdout)
    validate(log)
    run = log["runs"][0]
    assert run["results"] == []
    notification = run["invocations"][0]["toolExecutionNotifications"][0]
    assert run["invocations"][0]["executionSuccessful"] is False
    assert "review-hooks: " + notification["message"]["text"] + "\n" == result.stderr
    assert "locations" not in notification


def test_a_broken_link_that_fix_repairs_carries_that_fix(repo: Path) -> None:
    # robust8: the case of a folder and an extension one letter too long, which --fix rewrites, had no SARIF fix
    (repo / "docs").mkdir()
    (repo / "docs" / "A.md").write_text("# A\n")
    (repo / "a.md").write_text("# T\n\nSee [x](<Docs/A.md>) and [y](docs/A.mdd), not [z](nowhere.md)\n")
    commit(repo)
    log = scan_sarif()
    validate(log)
    fixes = {(r["locations"][0]["physicalLocation"]["region"]["startColumn"]): r.get("fixes")
             for r in log["runs"][0]["results"] if r["ruleId"] == "broken-link"}
    assert set(fixes) == {10, 30, 51} and fixes[51] is None  # no file is like 'nowhere.md': nothing to write
    for column, end in ((10, 19), (30, 40)):
        (change,) = fixes[column][0]["artifactChanges"]
        (replacement,) = change["replacements"]
        assert replacement == {"deletedRegion": {"startLine": 3, "startColumn": column, "endLine": 3,
                                                 "endColumn": end}, "insertedContent": {"text": "docs/A.md"}}
    fixed = subprocess.run([sys.executable, "-m", "review_hooks", "check-links", "--fix", "a.md"], cwd=repo,
                           capture_output=True, text=True)
    assert (repo / "a.md").read_text() == "# T\n\nSee [x](<docs/A.md>) and [y](docs/A.md), not [z](nowhere.md)\n", \
        fixed.stderr  # the fix SARIF offers is the one --fix writes
