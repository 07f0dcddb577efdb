"""``--format sarif``: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.

One run; ``tool.driver.rules`` lists every registered check (id, short and full description,
help from the check's documentation), plus ``review-hooks`` for problems in suppression
comments. Each result names its rule, its level (``error``; ``warning`` for a warning-level
finding; ``note`` for a finding a fixer removed), the message, and the physical location with
start line and column; columns count Unicode code points (``columnKind``); a finding's
``properties`` (broken-link: ``target``, ``resolved``) are the result's ``properties``. A finding with a
known ``Replacement`` carries it as a SARIF ``fix``. Suppressed findings reach this reporter
only with ``--show-suppressed`` and are then marked with an ``inSource`` suppression.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from review_hooks import __version__
from review_hooks.check import Check
from review_hooks.finding import Finding, Problem, encodable
from review_hooks.report import terminal
from review_hooks.suppressions import CHECK_ID as SUPPRESSION_ID

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _paragraphs(doc: str) -> list[str]:
    return [" ".join(part.split()) for part in re.split(r"\n\s*\n", doc.strip()) if part.strip()]


def _plain(markdown: str) -> str:
    """Markdown to plain text: bold labels lose their asterisks, RST double backticks become single."""
    return re.sub(r"\*\*([^*]+)\*\*", r"\1", markdown).replace("``", "`")


def rule(check: Check) -> dict[str, Any]:
    """A ``reportingDescriptor`` from a check: its summary, its first paragraph, its whole doc."""
    paragraphs = _paragraphs(check.doc)
    full = re.sub(r"^\*\*[^*]+\*\*\s*", "", paragraphs[1]) if len(paragraphs) > 1 else check.summary
    full = _plain(full)
    markdown = "\n\n".join(part.replace("``", "`") for part in paragraphs[1:]) or check.summary
    return {
        "id": check.id,
        "name": check.hook,
        "shortDescription": {"text": check.summary},
        "fullDescription": {"text": full},
        "help": {"text": _plain("\n\n".join(paragraphs[1:])) or check.summary, "markdown": markdown},
        "defaultConfiguration": {"level": "error"},
    }


SUPPRESSION_RULE: dict[str, Any] = {
    "id": SUPPRESSION_ID,
    "name": "suppression-comment",
    "shortDescription": {"text": "A review-hooks suppression comment is malformed or names an unknown check."},
    "fullDescription": {"text": "Suppression comments must use a known verb and name known check ids, "
                                "so that a typo cannot silently suppress nothing."},
    "help": {"text": "Name a verb (disable-next-line, disable-line, disable, enable, disable-file) and "
                     "check ids from `review-hooks list` in the suppression comment."},
    "defaultConfiguration": {"level": "error"},
}


def uri(path: str) -> str:
    """A URI reference for a finding's path: relative paths stay relative (to the checkout)."""
    from urllib.parse import quote  # only a SARIF run pays for it

    location = Path(path)
    if location.is_absolute():
        return location.as_uri()
    return quote(location.as_posix(), safe="/", errors="surrogateescape")  # a name that is not UTF-8: its bytes


def artifact_location(path: str) -> dict[str, str]:
    """Where a file is: relative to the checkout (``%SRCROOT%``), or an absolute ``file:`` URI as it is."""
    found = {"uri": uri(path), "uriBaseId": "%SRCROOT%"}
    if found["uri"].startswith("file:"):
        del found["uriBaseId"]
    return found


def result(finding: Finding, rule_index: dict[str, int]) -> dict[str, Any]:
    level = "note" if finding.fixed else ("warning" if finding.severity == "warning" else "error")
    artifact = artifact_location(finding.path)
    value: dict[str, Any] = {
        "ruleId": finding.check,
        "level": level,
        "message": {"text": encodable(finding.message) + (" (fixed)" if finding.fixed else "")},
        "locations": [{"physicalLocation": {
            "artifactLocation": artifact,
            "region": {"startLine": finding.line, "startColumn": finding.column},
        }}],
    }
    if finding.properties:
        value["properties"] = {name: encodable(text) if isinstance(text, str) else text
                               for name, text in finding.properties}
    if finding.check in rule_index:
        value["ruleIndex"] = rule_index[finding.check]
    if finding.replacement is not None:
        span = finding.replacement
        value["fixes"] = [{
            "description": {"text": encodable(f"replace with {span.text!r}")},
            "artifactChanges": [{"artifactLocation": artifact, "replacements": [{
                "deletedRegion": {"startLine": span.line, "startColumn": span.column,
                                  "endLine": span.end_line, "endColumn": span.end_column},
                "insertedContent": {"text": encodable(span.text)},
            }]}],
        }]
    if finding.suppressed:
        value["suppressions"] = [{"kind": "inSource", "status": "accepted",
                                  "justification": "review-hooks suppression comment"}]
    return value


def notification(item: Problem) -> dict[str, Any]:
    """A ``toolExecutionNotification``: a problem that is no finding (a file not read, a fix not written), on
    its line where it has one."""
    value: dict[str, Any] = {"level": "error", "message": {"text": encodable(item.text)}}
    if item.path:
        location: dict[str, Any] = {"artifactLocation": artifact_location(item.path)}
        if item.line:
            location["region"] = {"startLine": item.line, "startColumn": item.column}
        value["locations"] = [{"physicalLocation": location}]
    return value


def document(findings: Sequence[Finding], checks: Sequence[Check],
             problems: Sequence[Problem] = ()) -> dict[str, Any]:
    """The whole SARIF log for ``findings`` (suppressed ones included as given); ``checks`` are its rules;
    ``problems`` are its invocation's notifications, and make it unsuccessful."""
    rules = [rule(check) for check in checks] + [SUPPRESSION_RULE]
    rule_index = {item["id"]: index for index, item in enumerate(rules)}
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "review-hooks", "version": __version__, "semanticVersion": __version__,
                                "rules": rules}},
            "originalUriBaseIds": {"%SRCROOT%": {"uri": _source_root()}},
            "columnKind": "unicodeCodePoints",
            "invocations": [{"executionSuccessful": not problems,
                             "toolExecutionNotifications": [notification(item) for item in problems]}],
            "results": [result(finding, rule_index) for finding in findings],
        }],
    }


def _source_root() -> str:
    """The folder the paths are relative to, as a URI; ``file:///`` when it was removed under the run (the run
    that cannot start for that still writes its log)."""
    try:
        return Path.cwd().as_uri().rstrip("/") + "/"
    except FileNotFoundError:
        return "file:///"


def report(findings: Sequence[Finding], out: TextIO, checks: Sequence[Check],
           problems: Sequence[Problem] = ()) -> None:
    import json  # imported by the runs that write or read JSON, not by every hook

    json.dump(document(findings, checks, problems), out, ensure_ascii=not terminal.unicode_out(out), indent=2)
    out.write("\n")
