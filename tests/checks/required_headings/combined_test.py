"""required-headings: one heading that names several sections (``## Motivation and Summary``)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from review_hooks.checks.required_headings.heading_text import normalized, parts
from review_hooks.runner.run import RunOptions, run

ID = "required-headings"


def lint(*paths: str) -> tuple[int, list[str]]:
    out, err = io.StringIO(), io.StringIO()
    code = run(list(paths), RunOptions(select=(ID,)), out, err)
    assert err.getvalue() == ""
    return code, [line.replace(" required-headings ", " ", 1) for line in out.getvalue().splitlines()]


def kind(repo: Path, *headings: str, policies: str = "") -> None:
    listed = ", ".join(f'"{h}"' for h in headings)
    (repo / ".review-hooks.toml").write_text(
        f'[required-headings]\n{policies}\n[[required-headings.kind]]\nname = "rfc"\nfiles = ["*.md"]\n'
        f"headings = [{listed}]\n", encoding="utf-8")


@pytest.mark.parametrize(("heading", "names"), [
    pytest.param("Motivation and Summary", {"motivation", "summary"}, id="and"),
    pytest.param("Drawbacks & Alternatives", {"drawbacks", "alternatives"}, id="ampersand"),
    pytest.param("Drawbacks/Alternatives", {"drawbacks", "alternatives"}, id="slash"),
    pytest.param("Summary, Motivation and Goals", {"summary", "motivation", "goals"}, id="comma and"),
    pytest.param("Guide-level and reference-level explanation",
                 {"guide-level explanation", "reference-level explanation"}, id="shared tail"),
    pytest.param("Context and Problem Statement and Drivers", {"context and problem statement", "drivers"},
                 id="a part that is itself combined"),
    pytest.param("1. Summary and 2. Motivation", {"summary", "motivation"}, id="numbered parts"),
])
def test_the_sections_a_combined_heading_names(heading: str, names: set[str]) -> None:
    assert names <= set(parts(normalized(heading)))


@pytest.mark.parametrize("heading", ["Summary {#summary}", "Summary {: #summary .big}", "Summary {.unnumbered}"])
def test_a_heading_attribute_block_is_not_part_of_the_name(heading: str) -> None:
    assert normalized(heading) == "summary"


@pytest.mark.parametrize("heading", ["Summary", "Pros of X", "Research-and-development", "Q&A"])
def test_a_heading_that_is_not_combined_has_no_parts(heading: str) -> None:
    assert parts(normalized(heading)) == ()


@pytest.mark.parametrize(("heading", "required"), [
    pytest.param("## Motivation and Summary", ("## Summary", "## Motivation"), id="two sections, swapped"),
    pytest.param("## Guide-level and reference-level explanation",
                 ("## Guide-level explanation", "## Reference-level explanation"), id="shared suffix"),
    pytest.param("## Test Cases and Implementations", ("## Test Cases", "## Implementations"), id="test cases"),
    pytest.param("## Unresolved questions and future possibilities",
                 ("## Unresolved questions", "## Future possibilities"), id="unresolved and future"),
])
def test_a_combined_heading_counts_for_each_section_it_names(repo: Path, heading: str,
                                                              required: tuple[str, ...]) -> None:
    kind(repo, *required, policies='order = "error"')  # one heading is at both places: in order
    (repo / "r.md").write_text(f"# R\n\n{heading}\n\ntext\n", encoding="utf-8")
    assert lint("r.md") == (0, [])


def test_a_combined_heading_gives_the_place_of_a_missing_section(repo: Path) -> None:
    kind(repo, "## Summary", "## Motivation", "## Design", "## Drawbacks")
    (repo / "r.md").write_text("# R\n\n## Motivation and Summary\n\nx\n\n## Drawbacks\n", encoding="utf-8")
    assert lint("r.md")[1] == ['r.md:7:1: missing required heading "## Design" (kind rfc, from its headings '
                               'list); insert before line 7 ("## Drawbacks")']


def test_the_order_advice_uses_a_combined_headings_position(repo: Path) -> None:
    kind(repo, "## Alpha", "## Beta", "## Gamma", policies='order = "error"')
    (repo / "r.md").write_text("## Gamma\n\n## Alpha and Beta\n", encoding="utf-8")
    assert lint("r.md")[1] == ['r.md:1:1: heading "## Gamma" is out of the required order (kind rfc, from its '
                               'headings list); move it after "## Alpha and Beta"']


def test_a_whole_heading_is_preferred_to_a_part_and_a_part_answers_once(repo: Path) -> None:
    (repo / "T.md").write_text("## Summary\n\n## Notes\n\n## Notes\n", encoding="utf-8")  # Notes twice
    (repo / ".review-hooks.toml").write_text('[required-headings]\ntemplate = "T.md"\n', encoding="utf-8")
    (repo / "r.md").write_text("## Summary and notes\n\n## Notes\n", encoding="utf-8")
    assert lint("r.md") == (0, [])  # Summary and one Notes from line 1, the other Notes from line 3
    (repo / "r.md").write_text("## Summary and notes\n", encoding="utf-8")
    assert [line.split('"')[1] for line in lint("r.md")[1]] == ["## Notes"]


def test_exact_matching_reads_no_combined_heading(repo: Path) -> None:
    kind(repo, "## Summary", "## Motivation", policies='match = "exact"')
    (repo / "r.md").write_text("## Summary and Motivation\n", encoding="utf-8")
    assert len(lint("r.md")[1]) == 2


_PIECES = st.sampled_from(["## Summary and Risks", "## Risks & Approval", "## Summary/Approval", "## Summary",
                           "## Risks, Hazards and Approval", "Approval", "x", "", "## and", "## / ,", "# A & B"])


@given(st.lists(_PIECES, max_size=12))
@settings(max_examples=100, deadline=None)
def test_combined_headings_keep_findings_on_real_lines(pieces: list[str]) -> None:
    from review_hooks.check import Context
    from review_hooks.checks.required_headings import find
    from review_hooks.checks.required_headings.config import configure as configure_table
    from review_hooks.config import Config
    from review_hooks.document import Document

    text = "\n\n".join(pieces)
    table = {"kind": [{"name": "k", "files": ["*.md"], "headings": ["## Summary", "Risks | Hazards", "## Approval"]}],
             "order": "warn"}
    config = Config(None, Path.cwd())
    config.settings[ID] = configure_table(table, Path.cwd())
    document = Document("a.md", Path("a.md"), text.encode(), text, is_markdown=True)
    findings = list(find(document, Context(config)))
    assert all(1 <= f.line <= len(document.lines) for f in findings)
    missing = {f.message.split('"')[1] for f in findings if f.message.startswith("missing")}
    for name in ("Summary", "Approval"):  # a heading that names it, alone or combined, answers it
        named = any(p.startswith("## ") and name in p for p in pieces)
        assert (f"## {name}" in missing) is not named
