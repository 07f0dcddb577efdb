"""required-headings: which kind a document is (selectors combine), stubs that are no review, kinds that
require nothing, and aliases beside a template."""

from __future__ import annotations

import datetime
import io
from pathlib import Path

import pytest
import yaml

from review_hooks.checks.required_headings.kinds import same, stub
from review_hooks.document import Document
from review_hooks.runner.run import RunOptions, run

ID = "required-headings"


def run_in_process(*paths: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(list(paths), RunOptions(select=(ID,)), out, err)
    return code, out.getvalue(), err.getvalue()


def lint(*paths: str) -> tuple[int, list[str]]:
    out, err = io.StringIO(), io.StringIO()
    code = run(list(paths), RunOptions(select=(ID,)), out, err)
    assert err.getvalue() == ""
    return code, [line.replace(" required-headings ", " ", 1) for line in out.getvalue().splitlines()]


def configure(repo: Path, text: str) -> None:
    (repo / ".review-hooks.toml").write_text(text, encoding="utf-8")


def write(repo: Path, path: str, text: str) -> str:
    (repo / path).parent.mkdir(parents=True, exist_ok=True)
    (repo / path).write_text(text, encoding="utf-8")
    return path


def kinds_of(lines: list[str]) -> list[str]:
    return [line.split("(kind ")[1].split(",")[0] for line in lines]


# --- selectors combine: files AND front-matter AND title ------------------------------------------------------------

FILES_AND_TITLE = """
[[required-headings.kind]]
name = "deprecation"
files = ["text/*.md"]
title = "^Deprecate"
headings = ["## Transition Path"]

[[required-headings.kind]]
name = "rfc"
files = ["text/*.md"]
headings = ["## Detailed design"]
"""


def test_files_and_title_must_both_match(repo: Path) -> None:
    configure(repo, FILES_AND_TITLE)
    plain = write(repo, "text/a.md", "# Add a helper\n\n## Detailed design\n\nx\n")
    assert lint(plain) == (0, [])  # not a deprecation: the title does not match, so the next kind
    deprecation = write(repo, "text/b.md", "# Deprecate the helper\n\n## Detailed design\n")
    assert kinds_of(lint(deprecation)[1]) == ["deprecation"]
    elsewhere = write(repo, "other/c.md", "# Deprecate the helper\n")
    assert lint(elsewhere) == (0, [])  # the title matches, the files do not: no kind


def test_files_and_front_matter_must_both_match(repo: Path) -> None:
    configure(repo, '[[required-headings.kind]]\nname = "meta"\nfiles = ["eips/*.md"]\n'
                    'front-matter = { type = "Meta" }\nheadings = ["## Abstract"]\n')
    assert kinds_of(lint(write(repo, "eips/a.md", "---\ntype: Meta\n---\n# A\n"))[1]) == ["meta"]
    assert lint(write(repo, "eips/b.md", "---\ntype: Core\n---\n# B\n")) == (0, [])
    assert lint(write(repo, "drafts/c.md", "---\ntype: Meta\n---\n# C\n")) == (0, [])


def test_a_front_matter_value_may_be_a_list(repo: Path) -> None:
    configure(repo, '[[required-headings.kind]]\nname = "proposal"\n'
                    'front-matter = { type = ["Standards Track", "Meta"] }\nheadings = ["## Abstract"]\n')
    found = [bool(lint(write(repo, f"{n}.md", f"---\ntype: {value}\n---\n# X\n"))[1])
             for n, value in enumerate(["Standards Track", "Meta", "Informational", "meta"])]
    assert found == [True, True, False, False]


@pytest.mark.parametrize(("found", "wanted", "selected"), [
    pytest.param("Meta", "Meta", True, id="same string"),
    pytest.param("Meta", "meta", False, id="case differs"),
    pytest.param(2, 2, True, id="same number"),
    pytest.param(2, 2.0, True, id="2 is 2.0"),
    pytest.param(2, "2", False, id="a number is not a string"),
    pytest.param("2", 2, False, id="a string is not a number"),
    pytest.param(True, True, True, id="same boolean"),
    pytest.param(True, "true", False, id="a boolean is not a string"),
    pytest.param(1, True, False, id="a number is not a boolean"),
    pytest.param(datetime.date(2024, 7, 1), "2024-07-01", True, id="a date YAML read"),
    pytest.param(["core", "meta"], "meta", True, id="one item of a list"),
    pytest.param(None, "", False, id="an empty value"),
    pytest.param([["meta"]], "meta", False, id="a list in a list is no item"),
])
def test_front_matter_compares_as_yaml_reads_it(found: object, wanted: str | int | float | bool,
                                                selected: bool) -> None:
    assert same(found, wanted) is selected


def test_a_front_matter_list_that_holds_itself_selects_nothing(repo: Path) -> None:
    """YAML's ``kind: &x [*x]`` is a list that holds itself: it was an internal error (RecursionError) for a kind
    chosen by front matter (robust-eval5, B5)."""
    configure(repo, '[[required-headings.kind]]\nname = "r"\nfront-matter = { kind = "r" }\nheadings = ["## S"]\n')
    assert lint(write(repo, "s.md", "---\nkind: &x [*x]\n---\n# R\n")) == (0, [])


#: YAML's reason for a tab indent: libyaml's, which the project reads front matter with, where it is installed
TAB_REASON = ("found a tab character that violates indentation" if hasattr(yaml, "CSafeLoader")
              else "found character '\\t' that cannot start any token")


@pytest.mark.parametrize(("front", "expected"), [
    pytest.param("kind: report\ncreated: 2024-13-45\n", "s.md:1:1: front matter cannot be read as "
                 "YAML (month must be in 1..12)", id="an impossible date"),
    pytest.param("kind: report\n\tx: 1\n", "s.md:3:1: front matter cannot be read as YAML "
                 f"({TAB_REASON})", id="a tab indent, on its line"),
])
def test_front_matter_that_cannot_be_read_is_said_where_a_kind_selects_by_it(repo: Path, front: str,
                                                                             expected: str) -> None:
    """Its kind cannot be told: silence would pass a report that lacks its sections."""
    configure(repo, '[[required-headings.kind]]\nname = "r"\nfront-matter = { kind = "report" }\n'
                    'headings = ["## S"]\n')
    code, found = lint(write(repo, "s.md", f"---\n{front}---\n# R\n"))
    assert code == 1 and [line.split(", so ")[0] for line in found] == [expected]
    configure(repo, '[[required-headings.kind]]\nname = "r"\nfiles = ["*.md"]\nheadings = ["# R"]\n')
    assert lint(write(repo, "s.md", f"---\n{front}---\n# R\n")) == (0, [])  # no kind reads front matter


def test_empty_front_matter_is_no_front_matter_to_correct(repo: Path) -> None:
    """``---`` then ``---`` (Jekyll asks for one to render a page) holds no keys: the document is of no kind chosen by
    front matter, and nothing in it is to correct."""
    configure(repo, '[[required-headings.kind]]\nname = "r"\nfront-matter = { kind = "report" }\n'
                    'headings = ["## S"]\n')
    assert lint(write(repo, "s.md", "---\n---\n# R\n")) == (0, [])


def test_yaml_one_one_booleans_in_a_document(repo: Path) -> None:
    configure(repo, '[[required-headings.kind]]\nname = "draft"\nfront-matter = { draft = true }\n'
                    'headings = ["## Abstract"]\n')
    assert kinds_of(lint(write(repo, "a.md", "---\ndraft: yes\n---\n# A\n"))[1]) == ["draft"]
    assert lint(write(repo, "b.md", "---\ndraft: 'yes'\n---\n# B\n")) == (0, [])  # a quoted string


# --- a kind may require nothing; stubs are no review ------------------------------------------------------------------

CLAIMING = """
[[required-headings.kind]]
name = "withdrawn"
front-matter = { status = "Withdrawn" }
headings = []

[[required-headings.kind]]
name = "proposal"
files = ["*.md"]
headings = ["## Abstract", "## Specification"]
"""


def test_a_kind_that_requires_nothing_claims_its_documents(repo: Path) -> None:
    configure(repo, CLAIMING)
    assert lint(write(repo, "old.md", "---\nstatus: Withdrawn\n---\n# Old\n\nGone.\n")) == (0, [])
    assert kinds_of(lint(write(repo, "new.md", "# New\n\n## Abstract\n"))[1]) == ["proposal"]


def test_a_kind_without_template_or_headings_is_still_an_error(repo: Path) -> None:
    configure(repo, '[[required-headings.kind]]\nname = "k"\nfiles = ["*.md"]\n')
    code, out, err = run_in_process(write(repo, "a.md", "# A\n"))
    assert (code, out) == (2, "") and "kind[1]: kind 'k' needs a template or headings (headings = []" in err


@pytest.mark.parametrize("text", [
    pytest.param("---\ntitle: Old\nstatus: Moved\n---\n\nThis proposal is now ERC-20.\n", id="status Moved"),
    pytest.param("---\nstatus: moved\n---\n# Old\n", id="status moved, any case"),
    pytest.param("---\nredirect_to: ../new.md\n---\n", id="redirect_to key"),
    pytest.param('---\n"st\\x61tus": moved\n---\n# Old\n', id="status spelled with a YAML escape"),
    pytest.param("This document has moved to [the new place](new.md).\n", id="one line with a link"),
    pytest.param("<!-- kept for old links -->\n[new.md](new.md)\n\n", id="one link and a comment"),
    pytest.param("# Old name\n\nMoved to <https://example.com/new>.\n", id="a title and a moved line"),
])
def test_stubs_are_no_review(repo: Path, text: str) -> None:
    configure(repo, CLAIMING)
    assert lint(write(repo, "stub.md", text)) == (0, [])
    configure(repo, "[required-headings]\nstubs = false\n" + CLAIMING)  # the rule can be turned off
    assert lint("stub.md")[0] == 1


@pytest.mark.parametrize("text", [
    pytest.param("# Review\n\nTODO\n", id="one line without a link"),
    pytest.param("# Review\n\nSee [the design](design.md).\n", id="a title and a link, no word of moving"),
    pytest.param("Moved to [x](x.md).\n\nAnd more text.\n", id="two lines"),
    pytest.param("---\nstatus: Final\n---\n# P\n", id="another status"),
    pytest.param("## Abstract\n\n[moved](x.md)\n", id="a section"),
])
def test_documents_that_are_not_stubs(repo: Path, text: str) -> None:
    configure(repo, CLAIMING)
    assert lint(write(repo, "doc.md", text))[0] == 1


def test_front_matter_without_a_moved_key_is_not_read_as_yaml() -> None:
    document = Document.from_bytes(b"---\ntitle: Old\nowner: me\n---\n# Old\n\nSee [x](x.md).\n", is_markdown=True)
    assert not stub(document)
    assert "front_matter" not in vars(document.markdown)  # no key it looks for is written: YAML is not read


# --- aliases beside a template -------------------------------------------------------------------------------------

RFC_TEMPLATE = "# T\n\n## Summary\n\n## Rationale and alternatives\n\n## Drawbacks\n"


@pytest.mark.parametrize("config", [
    pytest.param('aliases = { "Rationale and alternatives" = ["Alternatives"] }', id="aliases table"),
    pytest.param('aliases = { "rationale AND alternatives" = "## Alternatives" }', id="one name, normalized key"),
    pytest.param('headings = ["## Rationale and alternatives | Alternatives"]', id="restated with |"),
])
def test_aliases_of_a_template_section(repo: Path, config: str) -> None:
    write(repo, "T.md", RFC_TEMPLATE)
    doc = write(repo, "rfc.md", "# R\n\n## Summary\n\n## Alternatives\n\n## Drawbacks\n")
    configure(repo, '[[required-headings.kind]]\nname = "rfc"\nfiles = ["rfc.md"]\ntemplate = "T.md"\n')
    assert [line.split('"')[1] for line in lint(doc)[1]] == ["## Rationale and alternatives"]
    configure(repo, f'[[required-headings.kind]]\nname = "rfc"\nfiles = ["rfc.md"]\ntemplate = "T.md"\n{config}\n')
    assert lint(doc) == (0, [])


def test_top_level_aliases_go_with_the_top_level_template(repo: Path) -> None:
    write(repo, "T.md", RFC_TEMPLATE)
    configure(repo, '[required-headings]\ntemplate = "T.md"\naliases = { "Drawbacks" = ["Costs"] }\n')
    assert lint(write(repo, "rfc.md", "## Summary\n\n## Rationale and alternatives\n\n## Costs\n")) == (0, [])
    configure(repo, '[required-headings]\naliases = { "Drawbacks" = ["Costs"] }\n')
    code, _, err = run_in_process("rfc.md")
    assert code == 2 and "required-headings.aliases: only applies with a top-level template (or in a kind)" in err


@pytest.mark.parametrize(("config", "words"), [
    pytest.param('template = "T.md"\naliases = { "Motivation" = ["Why"] }',
                 "kind[1].aliases.Motivation: no section 'Motivation' in this kind's template or headings; its "
                 "sections: 'Summary', 'Rationale and alternatives', 'Drawbacks'", id="no such section"),
    pytest.param('template = "T.md"\naliases = { "Summary" = [] }', "kind[1].aliases.Summary: expected a list",
                 id="no names"),
    pytest.param('headings = []\naliases = ["Summary"]', "kind[1].aliases: expected a table", id="not a table"),
    pytest.param('headings = []\nfront-matter = { ms.topic = "x" }',
                 'kind[1].front-matter.ms: a dotted key is a nested table in TOML; quote a key that holds a dot: '
                 '"ms.topic" = ...', id="dotted front matter key"),
    pytest.param('headings = []\nfront-matter = { type = [] }', "kind[1].front-matter.type: a value must be",
                 id="empty list of values"),
])
def test_bad_aliases_are_a_one_line_configuration_error(repo: Path, config: str, words: str) -> None:
    write(repo, "T.md", RFC_TEMPLATE)
    configure(repo, f'[[required-headings.kind]]\nname = "rfc"\nfiles = ["*.md"]\n{config}\n')
    code, out, err = run_in_process(write(repo, "a.md", "# A\n"))
    assert (code, out) == (2, "")
    assert len(err.splitlines()) == 1 and words in err, err
