"""``--format github``: workflow-command annotations, the plain lines, and a job summary.

GitHub Actions turns ``::error file=F,line=L,col=C,title=T::message`` lines into annotations on
the pull request. It shows at most 10 error annotations per step (50 per job) and silently drops
the rest, so this format also prints every finding as a plain contract line (the step log keeps
them all) and, in a ``scan`` when ``GITHUB_STEP_SUMMARY`` names a file, appends a Markdown summary
to it: counts per check and a table of findings, capped, saying how many were left out.

Escaping follows GitHub's toolkit (``@actions/core`` ``command.ts``): in the message ``%``, CR
and LF become ``%25``, ``%0D``, ``%0A``; in properties (file, title) ``:`` and ``,`` become
``%3A`` and ``%2C`` as well.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TextIO

from review_hooks.finding import Finding, Problem, breaks_kept, encodable
from review_hooks.repository import run_root

#: Rows of the job summary's findings table; the rest are counted, not listed.
SUMMARY_ROWS = 100


def escape_data(value: str) -> str:
    """A message as a workflow command carries it: ``%``, CR and LF escaped as GitHub's toolkit does, and the other
    control characters written as ``\\x1b`` (an escape sequence from a file name or a link would colour the log)."""
    return breaks_kept(value).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


@lru_cache(maxsize=4)
def _root(cwd: str) -> str | None:
    return str(root) if (root := run_root(Path(cwd))) is not None else None


def repository_path(path: str) -> str:
    """``path`` (as the run names it, from the current folder) from the root of its work tree, where GitHub looks
    for an annotation's file whatever folder the step ran in; as it is outside any work tree."""
    root = _root(os.getcwd())
    if root is None:
        return path
    inside = os.path.relpath(os.path.abspath(path), root)
    return path if inside == ".." or inside.startswith(".." + os.sep) else inside.replace(os.sep, "/")


def annotation(finding: Finding) -> str:
    """One workflow command: ``error``, ``warning`` for a warning-level finding, ``notice`` if fixed."""
    command = "notice" if finding.fixed else ("warning" if finding.severity == "warning" else "error")
    properties = {
        "file": encodable(repository_path(finding.path)),
        "line": str(finding.line),
        "col": str(finding.column),
        "title": f"review-hooks ({finding.check})",
    }
    joined = ",".join(f"{name}={escape_property(value)}" for name, value in properties.items())
    message = encodable(finding.message) + (" (fixed)" if finding.fixed else "")
    return f"::{command} {joined}::{escape_data(message)}"


def problem(item: Problem) -> str:
    """An ``error`` annotation on a file for a problem that is no finding (it could not be read, a fix could
    not be written), on its line where it has one; no file for a problem of the whole run."""
    where = f"file={escape_property(encodable(repository_path(item.path)))}," if item.path else ""
    if item.path and item.line:
        where += f"line={item.line},col={item.column},"
    return f"::error {where}title=review-hooks::{escape_data(encodable(item.text))}"


def report(findings: Sequence[Finding], out: TextIO, problems: Sequence[Problem] = ()) -> None:
    """An annotation per problem (first: GitHub shows 10 error annotations a step and drops the rest), the plain
    lines, then one annotation per finding."""
    for item in problems:
        print(problem(item), file=out)
    shown = [f for f in findings if not f.suppressed]
    for finding in shown:
        print(finding, file=out)
    for finding in shown:
        print(annotation(finding), file=out)


def append_summary(findings: Sequence[Finding], out: TextIO, problems: Sequence[Problem] = ()) -> None:
    """Append the Markdown summary to the file ``GITHUB_STEP_SUMMARY`` names, if it names one.

    Only ``scan`` calls this: pre-commit runs ``check`` once per batch of files, and a summary
    per batch would be noise.
    """
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if not summary_file:
        return
    try:
        with open(summary_file, "a", encoding="utf-8") as handle:
            handle.write(summary(findings, problems=problems))
    except OSError as error:
        print(f"::warning::{escape_data(f'review-hooks: cannot write the job summary: {error}')}", file=out)


def _problems(problems: Sequence[Problem], rows: int) -> list[str]:
    """The lines of a list of what failed the run without being a finding, a blank line after it (none at all
    when nothing did)."""
    if not problems:
        return []
    lines = [f"{len(problems)} problem{'s' * (len(problems) != 1)} failed the run:", ""]
    lines += [f"- {_escaped(item.path) + ': ' if item.path else ''}{_escaped(item.text)}" for item in problems[:rows]]
    if len(problems) > rows:
        lines += ["", f"{len(problems) - rows} more not shown here; the step log lists them all."]
    return [*lines, ""]


def _escaped(text: str) -> str:
    """Text on a line of Markdown as written: its emphasis, code, link and HTML characters escaped (``note_1.md``)."""
    return re.sub(r"([\\`*_\[\]<>|#])", r"\\\1", encodable(text).replace("\r", " ").replace("\n", " "))


def _cell(value: object) -> str:
    """A Markdown table cell: pipes escaped, line breaks flattened, code spans kept literal."""
    return str(value).replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ")


def summary(findings: Sequence[Finding], rows: int = SUMMARY_ROWS, problems: Sequence[Problem] = ()) -> str:
    """The Markdown job summary: counts per check and the first ``rows`` findings, after what failed the run
    without being a finding (``problems``: a file not checked, a fix not written), which "No findings" would hide."""
    findings = [f for f in findings if not f.suppressed]
    failed = _problems(problems, rows)
    if not findings:
        none = "Every file that could be checked is clean." if failed else "No findings."
        return "\n".join(["## review-hooks", "", *failed, none]) + "\n\n"
    files = len({f.path for f in findings})
    fixed = sum(f.fixed for f in findings)
    lines = ["## review-hooks", "", *failed,
             f"{len(findings)} finding{'s' * (len(findings) != 1)} in {files} file{'s' * (files != 1)}"
             + (f" ({fixed} fixed)." if fixed else "."), "",
             "| check | findings |", "| --- | ---: |"]
    lines += [f"| {check} | {count} |" for check, count in sorted(Counter(f.check for f in findings).items())]
    lines += ["", "| file | line | check | message |", "| --- | ---: | --- | --- |"]
    for finding in findings[:rows]:
        message = encodable(finding.message) + (" (fixed)" if finding.fixed else "")
        where = f"{finding.line}:{finding.column}"
        lines.append(f"| {_cell(encodable(finding.path))} | {where} | {finding.check} | {_cell(message)} |")
    left_out = len(findings) - rows
    if left_out > 0:
        lines += ["", f"{left_out} more finding{'s' * (left_out != 1)} not shown here; the step log lists them all."]
    return "\n".join(lines) + "\n\n"
