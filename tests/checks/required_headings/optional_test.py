"""required-headings: sections a template marks optional in its own words are not required."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from review_hooks.checks.required_headings.template import says_optional
from review_hooks.runner.run import RunOptions, run

ID = "required-headings"


def lint(*paths: str, **overrides: str) -> tuple[int, list[str]]:
    out, err = io.StringIO(), io.StringIO()
    code = run(list(paths), RunOptions(select=(ID,), overrides={ID: overrides} if overrides else {}), out, err)
    assert err.getvalue() == ""
    return code, out.getvalue().splitlines()


def missing(repo: Path, template: str, document: str = "# D\n\n## Context\n\nc\n") -> list[str]:
    """The section names reported missing when ``document`` is checked against ``template`` (zero config)."""
    (repo / "T.md").write_text(template, encoding="utf-8")
    (repo / "doc.md").write_text(document, encoding="utf-8")
    return [line.split('"')[1] for line in lint("doc.md", template="T.md")[1]]


@pytest.mark.parametrize("text", [
    pytest.param("optional", id="the word alone"),
    pytest.param(" Optional ", id="padded"),
    pytest.param("This section is optional", id="this section is optional"),
    pytest.param("This is an optional element. Feel free to remove.", id="an optional element"),
    pytest.param("Optional, but suggested for first drafts. What is still TBD?", id="optional, but"),
    pytest.param("*Optional:* list related work", id="emphasised, colon"),
    pytest.param("(Optional) Describe the links", id="in parentheses"),
    pytest.param("review-hooks: optional", id="our own marker"),
    pytest.param(" facultatif ", id="French, as adr-tools' French template writes it"),
    pytest.param("Opcional.", id="Spanish and Portuguese"),
    pytest.param("This part of the\n   template is optional.", id="over two lines"),
    pytest.param("\n  Describe the motivation.\n\n  This section is optional.\n", id="later in a comment"),
    pytest.param("The Test Cases section may be omitted for non-core proposals.", id="may be omitted"),
    pytest.param("Include a basic code example. Omit this section if it's not applicable.", id="omit it if"),
    pytest.param("Skip this section if it does not apply.", id="skip it if"),
    pytest.param("Remove this section if not needed.", id="remove it if"),
    pytest.param("You may omit this section.", id="you may omit"),
    pytest.param("Feel free to delete this section.", id="feel free to delete"),
])
def test_words_that_make_a_section_optional(text: str) -> None:
    assert says_optional(text)


@pytest.mark.parametrize("text", [
    pytest.param("Optional parameters are listed below.", id="prose about optional content"),
    pytest.param("This section is not optional", id="negated"),
    pytest.param("Non-optional: say what was decided", id="non-optional"),
    pytest.param("Describe the options", id="other words"),
    pytest.param("TODO: remove optional flags", id="optional later in the text"),
    pytest.param("Feel free to remove this comment. The key words MAY and OPTIONAL are in RFC 2119.",
                 id="a comment about itself, and RFC 2119 words"),
    pytest.param("This section doesn't have to be comprehensive.", id="not comprehensive"),
    pytest.param("If there are no concerns, leave this section in with text like 'none'.", id="leave it in"),
    pytest.param("Remove this section's placeholder text before merging.", id="remove the placeholder"),
])
def test_words_that_do_not(text: str) -> None:
    assert not says_optional(text)


def test_a_comment_on_the_line_before_the_heading(repo: Path) -> None:
    template = "# {title}\n\n## Context\n\nx\n\n<!-- This is an optional element. Feel free to remove. -->\n" \
               "## Drivers\n\n* d\n\n## Decision\n\nx\n"
    assert missing(repo, template) == ["## Decision"]
    spaced = template.replace("-->\n## Drivers", "-->\n\n## Drivers")
    assert missing(repo, spaced) == ["## Decision"]  # a blank line between them changes nothing


def test_a_comment_at_the_end_of_the_heading_line(repo: Path) -> None:
    assert missing(repo, "# T\n\n## Context\n\nx\n\n## Links <!-- optional -->\n\n* l\n") == []


def test_a_quoted_first_line_that_starts_with_optional(repo: Path) -> None:
    template = "# T\n\n## Context\n\n> One paragraph.\n\n## Open questions\n\n> Optional, but suggested for " \
               "first drafts. What parts of the design are still\nTBD?\n"
    assert missing(repo, template) == []


def test_a_sentence_on_the_second_line_of_the_first_paragraph(repo: Path) -> None:
    """Vue's and React's RFC templates: "Omit this section if it's not applicable." after a first line."""
    template = ("# Summary\n\nBrief explanation.\n\n# Basic example\n\nIf the proposal involves a new API, include "
                "a basic code example.\nOmit this section if it's not applicable.\n\n# Motivation\n\nWhy?\n")
    assert missing(repo, template, "# Summary\n\nRemove it.\n\n# Motivation\n\nRarely used.\n") == []
    # a later paragraph of the section says nothing about the section itself
    later = template.replace("example.\nOmit", "example.\n\nOmit")
    assert missing(repo, later, "# Summary\n\nRemove it.\n\n# Motivation\n\nRarely used.\n") == ["# Basic example"]


@pytest.mark.parametrize("heading", ["Links [if applicable]", "Links (If Applicable)", "Links - optional",
                                     "Links: optional", "Optional: Links", "Links (if appropriate):"])
def test_other_ways_a_heading_says_optional(repo: Path, heading: str) -> None:
    template = f"# T\n\n## Context\n\n## {heading}\n\n## Decision\n"
    assert missing(repo, template, "# D\n\n## Context\n\n## Decision\n") == []
    assert missing(repo, template, "# D\n\n## Context\n\n## Links\n") == ["## Decision"]


def test_optional_in_the_heading_names_the_section_without_it(repo: Path) -> None:
    template = "# T\n\n## Context\n\n## Decision\n\n## Links (optional)\n\n## Approval\n"
    assert missing(repo, template, "# D\n\n## Context\n\n## Links\n\n## Approval\n") == ["## Decision"]
    # "## Links" is that optional section, so the missing Decision goes before it
    assert lint("doc.md", template="T.md")[1] == [
        'doc.md:5:1: required-headings missing required heading "## Decision" (from T.md); '
        'insert before line 5 ("## Links")']
    assert lint("T.md", template="T.md") == (0, [])  # the template still satisfies itself


def test_a_comment_as_the_sections_first_content(repo: Path) -> None:
    template = "# T\n\n## Context\n\n## Links\n\n<!-- This section is optional -->\n\nlinks\n\n## Decision\n"
    assert missing(repo, template) == ["## Decision"]


def test_a_comment_at_the_end_of_a_list_item_marks_the_item_not_the_section(repo: Path) -> None:
    template = "# Summary\n\n* Status: {status} <!-- optional -->\n\n# Motivation\n\n# Design\n"  # level-1 sections
    assert missing(repo, template, "# Motivation\n\n# Design\n") == ["# Summary"]


def test_words_elsewhere_make_nothing_optional(repo: Path) -> None:
    template = ("# T\n\n## Context\n\nfirst\n\n<!-- optional -->\n\nsecond\n\n## Parameters\n\n"
                "Optional parameters are listed here.\n\n## Decision\n\nThis section is not optional.\n\n"
                "```\n<!-- optional -->\n## Fenced\n```\n")
    assert missing(repo, template) == ["## Parameters", "## Decision"]


def test_a_template_of_level_one_sections_needs_no_levels(repo: Path) -> None:
    template = "- Feature Name: x\n\n# Summary\n\none\n\n# Motivation\n\n## Background\n\n# Drawbacks\n"
    assert missing(repo, template, "# Summary\n\n# Drawbacks\n") == ["# Motivation"]
    # a "# Title" (or two) and more "##" sections: the sections are level 2
    assert missing(repo, "# T\n\n## Summary\n\n## Risks\n\n# Appendix\n", "# D\n\n## Summary\n") == ["## Risks"]


@pytest.mark.parametrize("placeholder", ["## {title of option 1}", "## <Topic Name>", "## 4. [Component]"])
def test_a_placeholder_heading_is_no_section(repo: Path, placeholder: str) -> None:
    assert missing(repo, f"# T\n\n## Context\n\n{placeholder}\n\n## Decision\n") == ["## Decision"]


def test_a_template_headings_qualifier_is_no_part_of_the_section_a_document_names(repo: Path) -> None:
    """``## Testing (manual and automated)`` in a pull-request template: a document's ``## Testing`` is that section;
    one without it is told the template's own words (headings-eval5, case 1)."""
    template = "# T\n\n## Description\n\n## Testing (manual and automated)\n\n## Checklist:\n"
    assert missing(repo, template, "# D\n\n## Description\n\n## Testing\n\n## Checklist\n") == []
    assert missing(repo, template, "# D\n\n## Description\n\n## Tests\n\n## Checklist\n") == [
        "## Testing (manual and automated)"]


def test_a_documents_title_answers_no_section_of_a_titled_template(repo: Path) -> None:
    """A MADR opens with ``# Title``; a record titled ``# Decision Outcome: use Redis`` still lacks the section
    (headings-eval5, case 2). A document that writes its sections at level 1 still has them."""
    template = "# Title\n\n## Context\n\n## Decision Outcome\n\n## More Information\n"
    titled = "# Decision Outcome: use Redis\n\n## Context\n\nx\n\n## More Information\n"
    assert missing(repo, template, titled) == ["## Decision Outcome"]
    assert missing(repo, template, "# Context\n\n# Decision Outcome\n\n# More Information\n") == []


def test_a_template_that_holds_a_merge_conflict_is_a_configuration_error(repo: Path) -> None:
    """Its sections would be both sides' headings and the markers' lines (robust-eval5, D5); a conflict the
    template shows in a code block is an example."""
    (repo / "T.md").write_text("# T\n\n<<<<<<< HEAD\n## A\n=======\n## B\n>>>>>>> x\n\n## C\n", encoding="utf-8")
    (repo / "doc.md").write_text("# D\n\n## A\n\n## C\n", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert run(["doc.md"], RunOptions(select=(ID,), overrides={ID: {"template": "T.md"}}), out, err) == 2
    assert err.getvalue() == ("review-hooks: --template: template 'T.md' holds an unresolved merge conflict at line "
                              "3; resolve it first\n")
    (repo / "T.md").write_text("# T\n\n## A\n\n```\n<<<<<<< HEAD\na\n=======\nb\n>>>>>>> x\n```\n\n## C\n")
    assert missing(repo, (repo / "T.md").read_text(), "# D\n\n## A\n\n## C\n") == []
