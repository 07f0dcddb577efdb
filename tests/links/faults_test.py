"""Destinations written with a fault (brackets, parentheses, invisible characters): named, escaped, fixed."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.checks.broken_link_test import check, write


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("[Org Membership]\n\n[Org Membership]: [https://github.com/orgs/x]\n",
                 "a.md:3:19: broken-link '[https://github.com/orgs/x]' begins with '[': the brackets are part of the "
                 "destination, so GitHub links to a relative path that does not exist; remove the brackets (or, if "
                 "the line is not meant to define a link, start it with '\\[Org Membership]')", id="definition"),
    pytest.param("[x]([foo.md])\n",
                 "a.md:1:5: broken-link '[foo.md]' begins with '[': the brackets are part of the destination, so "
                 "GitHub links to a relative path that does not exist; remove the brackets", id="inline"),
    pytest.param("[#KEPs]\n\n[#KEPs]: (#KEPs)\n\n## KEPs\n",
                 "a.md:3:10: broken-link '(#KEPs)' begins with '(': the parentheses are part of the destination, so "
                 "GitHub links to a relative path that does not exist; remove the parentheses (or, if the line is "
                 "not meant to define a link, start it with '\\[#KEPs]')", id="parentheses, not cut at '#'"),
])
def test_brackets_around_a_destination_are_named_as_the_fault(repo: Path, text: str, expected: str) -> None:
    write(repo, {"a.md": text, "foo.md": "x\n"})
    assert check("a.md")[:2] == (1, [expected])


def test_a_file_named_with_brackets_is_a_working_link(repo: Path) -> None:
    write(repo, {"a.md": "[x]([draft].md)\n", "[draft].md": "x\n"})
    assert check("a.md") == (0, [], "")


@pytest.mark.parametrize(("written", "fixed"), [
    pytest.param("[https://github.com/orgs/x]", "https://github.com/orgs/x", id="a web address"),
    pytest.param("[foo.md]", "foo.md", id="a tracked file"),
    pytest.param("\u200b\u200bhttps://zoom.us/j/1", "https://zoom.us/j/1", id="invisible characters"),
])
def test_fix_removes_the_fault_when_what_is_left_works(repo: Path, written: str, fixed: str) -> None:
    write(repo, {"a.md": f"[x]({written})\n", "foo.md": "x\n"})
    code, lines, _ = check("a.md", fix=True)
    assert (repo / "a.md").read_text() == f"[x]({fixed})\n"
    assert code == 1 and lines[0].endswith("(fixed)")


def test_fix_leaves_brackets_around_a_missing_file(repo: Path) -> None:
    write(repo, {"a.md": "[x]([gone.md])\n"})
    code, lines, _ = check("a.md", fix=True)
    assert (repo / "a.md").read_text() == "[x]([gone.md])\n"
    assert code == 1 and not lines[0].endswith("(fixed)")


def test_invisible_characters_are_escaped_and_named(repo: Path) -> None:
    write(repo, {"a.md": "[call](\u200b\u200bhttps://zoom.us/j/1) [b](\u2060b.md)\n"})
    assert check("a.md")[1] == [
        "a.md:1:8: broken-link '\\u200b\\u200bhttps://zoom.us/j/1' starts with 2 invisible characters (U+200B), "
        "so GitHub links to a path that does not exist; delete them",
        "a.md:1:35: broken-link '\\u2060b.md' starts with 1 invisible character (U+2060), so GitHub links to a path "
        "that does not exist; delete it"]


def test_an_invisible_character_inside_a_path_is_escaped(repo: Path) -> None:
    write(repo, {"a.md": "[b](b\u200b.md)\n"})
    assert check("a.md")[1] == ["a.md:1:5: broken-link 'b\\u200b.md' does not exist; correct the link or add the "
                                "file"]


def test_a_missing_file_whose_name_begins_with_a_bracket_is_only_missing(repo: Path) -> None:
    write(repo, {"a.md": "[x]([draft].md)\n"})
    assert check("a.md")[1] == ["a.md:1:5: broken-link '[draft].md' does not exist; correct the link or add the file"]


def test_a_windows_paths_backslashes_are_named_as_the_fault_and_fixed_where_the_slashes_lead_somewhere(
        repo: Path) -> None:
    # robust8: '[x](docs\a.md)' was "does not exist; the most similar name is 'docs'"
    write(repo, {"a.md": "[x](docs\\a.md) [y](docs\\sub\\b.md) [z](docs\\_a.md)\n", "docs/a.md": "# A\n",
                 "docs_a.md": "# A\n"})
    code, lines, *_ = check("a.md")
    assert (code, lines) == (1, [
        "a.md:1:5: broken-link 'docs\\a.md' separates folders with a backslash, which GitHub takes as part of the "
        "name; write '/' between folders",
        "a.md:1:20: broken-link 'docs\\sub\\b.md' separates folders with a backslash, which GitHub takes as part of "
        "the name; write '/' between folders"])  # '\_' is Markdown's escape: 'docs_a.md' is no Windows path
    check("a.md", fix=True)  # the one whose slashes lead to a file is rewritten; the other stays reported
    assert (repo / "a.md").read_text() == "[x](docs/a.md) [y](docs\\sub\\b.md) [z](docs\\_a.md)\n"
