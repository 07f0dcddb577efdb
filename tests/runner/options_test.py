"""A file's result starts empty, and no two results share a list (they are filled in as the file is checked)."""

from __future__ import annotations

from review_hooks.finding import Finding
from review_hooks.runner.options import FileResult, RunOptions


def test_results_do_not_share_their_lists() -> None:
    first, second = FileResult(), FileResult()
    first.findings.append(Finding("a.md"))
    first.notes.append("review-hooks: a.md: a note")
    first.tallies["required-headings"] = "design"
    assert (second.findings, second.notes, second.tallies) == ([], [], {})


def test_options_are_values() -> None:
    assert RunOptions(select=("mojibake",), fix=True) == RunOptions(select=("mojibake",), fix=True)
    assert RunOptions().overrides is None  # the configuration reads None as no options given on the command line
