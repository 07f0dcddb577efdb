"""required-headings: the advice a finding gives (what is a near-miss heading, where a section goes)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from review_hooks.runner.run import RunOptions, run

ID = "required-headings"


def lint(*paths: str) -> list[str]:
    out, err = io.StringIO(), io.StringIO()
    run(list(paths), RunOptions(select=(ID,)), out, err)
    assert err.getvalue() == ""
    return [line.split(" (kind ", 1)[1].split(")", 1)[1][2:] for line in out.getvalue().splitlines()]


def configure(repo: Path, *headings: str, template: str = "") -> None:
    listed = ", ".join(f'"{h}"' for h in headings)
    (repo / ".review-hooks.toml").write_text(
        f'[[required-headings.kind]]\nname = "rfc"\nfiles = ["r.md"]\nheadings = [{listed}]\n'
        + (f'template = "{template}"\n' if template else ""), encoding="utf-8")


@pytest.mark.parametrize("prose", [
    pytest.param("We weighed two designs (see\nAlternatives.)\n", id="the tail of a wrapped sentence"),
    pytest.param("The last word of this line is\nAlternatives\n", id="a paragraph's second line"),
    pytest.param("\nAlternatives, which we weighed.\n", id="a sentence"),
])
def test_wrapped_prose_is_never_a_near_miss_heading(repo: Path, prose: str) -> None:
    configure(repo, "## Summary", "## Alternatives")
    (repo / "r.md").write_text(f"## Summary\n\n{prose}", encoding="utf-8")
    advice = lint("r.md")
    assert len(advice) == 1 and "not a heading" not in advice[0], advice


@pytest.mark.parametrize(("prose", "shown"), [
    pytest.param("**Alternatives**\n\nnone\n", "**Alternatives**", id="bold"),
    pytest.param("Alternatives:\n\nnone\n", "Alternatives:", id="a label"),
])
def test_a_line_on_its_own_is_still_a_near_miss(repo: Path, prose: str, shown: str) -> None:
    configure(repo, "## Summary", "## Alternatives")
    (repo / "r.md").write_text(f"## Summary\n\ntext\n\n{prose}", encoding="utf-8")
    assert lint("r.md") == [f'line 5 has "{shown}", which is not a heading (make it one: "## Alternatives")']


def test_a_listed_section_missing_before_an_unlisted_one_goes_after_the_previous_section(repo: Path) -> None:
    configure(repo, "## Drawbacks", "## Alternatives")  # the template also has Unresolved questions, last
    (repo / "r.md").write_text("# RFC\n\n## Drawbacks\n\nx\n\n## Unresolved questions\n\nnone\n", encoding="utf-8")
    assert lint("r.md") == ['insert before line 7 ("## Unresolved questions")']


def test_the_templates_last_section_still_goes_at_the_end(repo: Path) -> None:
    (repo / "T.md").write_text("## Summary\n\n## Approval\n", encoding="utf-8")
    configure(repo, template="T.md")
    (repo / "r.md").write_text("## Summary\n\nx\n\n## Appendix\n\nlogs\n", encoding="utf-8")
    assert lint("r.md") == ["add it at the end (after line 7)"]


def test_a_section_required_through_headings_keeps_its_template_place(repo: Path) -> None:
    (repo / "T.md").write_text("# T\n\n## Abstract\n\n## Rationale\n\n<!-- optional -->\n\n## Specification\n\n"
                               "## Copyright\n", encoding="utf-8")
    configure(repo, "## Rationale", template="T.md")  # optional in the template, required by this team
    (repo / "r.md").write_text("# P\n\n## Abstract\n\n## Specification\n\n## Copyright\n", encoding="utf-8")
    assert lint("r.md") == ['insert before line 5 ("## Specification")']
