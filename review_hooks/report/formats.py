"""Reporters: small functions from sorted findings to text, one per ``--format``.

``text`` is the output contract, one ``PATH:LINE:COL: CHECK-ID message`` line each;
``json`` is a list of objects with the same fields; ``github`` (``github.py``) adds
workflow-command annotations and a job summary; ``sarif`` (``sarif.py``) is SARIF 2.1.0;
``summary`` is the job summary's Markdown alone. Suppressed findings are never printed,
except in SARIF, which marks them (they reach a reporter only with ``--show-suppressed``).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TextIO

from review_hooks.finding import Finding, Problem
from review_hooks.report import terminal

if TYPE_CHECKING:
    from review_hooks.check import Check

#: Every check, in order, handed in by the runner (the report layer never imports the checks).
AllChecks = Callable[[], Sequence["Check"]]

#: What failed a run without being a finding (``Problem``: a file not checked, a write that failed, an internal
#: error): stderr says it as it happens; the formats a CI reads say it too.
Problems = Sequence[Problem]

Reporter = Callable[[Sequence[Finding], TextIO, AllChecks, Problems], None]


def text(findings: Sequence[Finding], out: TextIO, checks: AllChecks, problems: Problems = ()) -> None:
    colour = terminal.use_colour(out)
    for finding in findings:
        if not finding.suppressed:
            print(terminal.coloured(finding) if colour else finding, file=out)


def json_list(findings: Sequence[Finding], out: TextIO, checks: AllChecks, problems: Problems = ()) -> None:
    """``json.dumps(..., ensure_ascii=False, indent=2)`` of the findings' objects, byte for byte, in one write.
    With ``indent`` the standard library encodes in Python; without it, in C. The objects hold scalars only,
    so C's encoding with the indentation as item separator is the same text, a third faster
    (``tests/report/formats_test.py`` holds the two equal)."""
    import json  # imported by the runs that write or read JSON, not by every hook

    shown = [f.as_dict() for f in findings if not f.suppressed]
    ascii_only = not terminal.unicode_out(out)
    if any(type(v) not in _SCALARS for f in findings for _, v in f.properties):  # the library's own layout
        out.write(json.dumps(shown, ensure_ascii=ascii_only, indent=2) + "\n")
        return
    encode = json.JSONEncoder(ensure_ascii=ascii_only, separators=(",\n    ", ": ")).encode
    objects = ",\n".join("  {\n    " + encode(o)[1:-1] + "\n  }" for o in shown)
    out.write(f"[\n{objects}\n]\n" if objects else "[]\n")


#: The types of value the objects hold (an object of scalars is laid out the same at any indentation); the
#: contract's fields are scalars, a check's ``properties`` are strings but are looked at.
_SCALARS = frozenset({str, int, bool, type(None)})


def github_annotations(findings: Sequence[Finding], out: TextIO, checks: AllChecks, problems: Problems = ()) -> None:
    from review_hooks.report import github

    github.report(findings, out, problems)


def sarif_log(findings: Sequence[Finding], out: TextIO, checks: AllChecks, problems: Problems = ()) -> None:
    from review_hooks.report import sarif

    sarif.report(findings, out, checks(), problems)


def markdown_summary(findings: Sequence[Finding], out: TextIO, checks: AllChecks, problems: Problems = ()) -> None:
    from review_hooks.report import github

    out.write(github.summary(findings, problems=problems))


REPORTERS: dict[str, Reporter] = {
    "text": text,
    "json": json_list,
    "github": github_annotations,
    "sarif": sarif_log,
    "summary": markdown_summary,
}


def default_format() -> str:
    """``github`` under GitHub Actions (when it is available), else ``text``."""
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" and "github" in REPORTERS else "text"


#: The formats that say what failed a run (``Problems``) themselves: a run that cannot start writes them with no
#: finding (a SARIF upload rejects an empty file); text and JSON leave it to stderr, where an empty list would
#: read as a clean run.
TELLS_PROBLEMS = frozenset({"github", "sarif", "summary"})


def report(findings: Sequence[Finding], output_format: str, out: TextIO, checks: AllChecks,
           job_summary: bool = False, problems: Problems = ()) -> None:
    """Write ``findings`` and ``problems`` in ``output_format``; ``checks`` gives every check, asked only by a
    format that lists its rules (SARIF: a hook run imports no other check); ``job_summary``: also GitHub's job
    summary (github format)."""
    chosen = output_format or default_format()
    REPORTERS[chosen](findings, out, checks, problems)
    if chosen == "github" and job_summary:
        from review_hooks.report import github

        github.append_summary([f for f in findings if not f.suppressed], out, problems)


def report_unstarted(message: str, output_format: str, out: TextIO, checks: AllChecks, job_summary: bool) -> None:
    """The account of a run that could not start (``message`` said on stderr), in a format that ``TELLS_PROBLEMS``."""
    if (output_format or default_format()) in TELLS_PROBLEMS:
        report([], output_format, out, checks, job_summary, [Problem("", message)])
