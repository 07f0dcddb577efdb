"""Inline suppressions: what each directive covers, that a typo is itself a finding, and that quoted
examples (code spans, RST literals) and HTML comment closers are not directives."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from review_hooks import suppressions
from review_hooks.document import Document
from review_hooks.finding import Finding
from review_hooks.registry import IDS
from review_hooks.runner.run import RunOptions, run
from review_hooks.suppressions import directives
from tests.conftest import git

CONFLICT = "<<<<<<< ours\na\n=======\nb\n>>>>>>> theirs\n"
KNOWN = ", ".join(sorted(IDS))


def report(folder: Path, name: str, text: str) -> tuple[int, list[str]]:
    (folder / name).write_text(text)
    out = io.StringIO()
    code = run([name], RunOptions(select=("conflict-markers",)), out, io.StringIO())
    return code, out.getvalue().splitlines()


@pytest.mark.parametrize("text", [
    pytest.param("<!-- review-hooks: disable-next-line conflict-markers -->\n" + CONFLICT, id="next line"),
    pytest.param("<!--\n  review-hooks: disable-next-line conflict-markers\n-->\n" + CONFLICT,
                 id="next line, long comment"),
    pytest.param("<!-- review-hooks: disable conflict-markers -->\n" + CONFLICT, id="disable to the end"),
    pytest.param("<!-- review-hooks: disable conflict-markers -->\n" + CONFLICT
                 + "<!-- review-hooks: enable conflict-markers -->\n", id="disable enable"),
    pytest.param("# T\n<!-- review-hooks: disable-file conflict-markers -->\n\n" + CONFLICT, id="whole file, above"),
    pytest.param(CONFLICT + "\n<!-- review-hooks: disable-file conflict-markers -->\n", id="whole file, below"),
    pytest.param("<!-- review-hooks: disable-next-line all -->\n" + CONFLICT, id="all"),
    pytest.param("<!-- review-hooks: disable-next-line mojibake, conflict-markers -->\n" + CONFLICT, id="several ids"),
    pytest.param("<!--review-hooks:disable-next-line conflict-markers-->\n" + CONFLICT, id="no spaces"),
])
def test_markdown_directives_suppress(repo: Path, text: str) -> None:
    assert report(repo, "doc.md", text) == (0, [])


@pytest.mark.parametrize("text", [
    pytest.param("<!-- review-hooks: disable-next-line mojibake -->\n" + CONFLICT, id="another check"),
    pytest.param("<!-- review-hooks: disable-next-line conflict-markers -->\n\n" + CONFLICT, id="not the next line"),
    pytest.param("<!-- review-hooks: disable conflict-markers -->\n<!-- review-hooks: enable conflict-markers -->\n"
                 + CONFLICT, id="enabled again"),
    pytest.param("```\n<!-- review-hooks: disable-file conflict-markers -->\n```\n" + CONFLICT, id="inside code"),
])
def test_markdown_directives_that_do_not_cover_the_finding(repo: Path, text: str) -> None:
    code, lines = report(repo, "doc.md", text)
    assert code == 1
    assert len(lines) == 1 and "conflict-markers unresolved merge conflict" in lines[0]


@pytest.mark.parametrize(("name", "text"), [
    pytest.param("run.sh", "# review-hooks: disable-next-line conflict-markers\n" + CONFLICT, id="hash"),
    pytest.param("main.c", "// review-hooks: disable-next-line conflict-markers\n" + CONFLICT, id="slashes"),
    pytest.param("q.sql", "-- review-hooks: disable-file conflict-markers\n" + CONFLICT, id="dashes"),
    pytest.param("a.ini", "; review-hooks: disable conflict-markers\n" + CONFLICT, id="semicolon"),
])
def test_directives_in_other_text_files(repo: Path, name: str, text: str) -> None:
    assert report(repo, name, text) == (0, [])


@pytest.mark.parametrize(("directive", "message"), [
    pytest.param("disable-next-line conflict-marker",
                 f"unknown check id 'conflict-marker' in suppression; known: {KNOWN}", id="unknown id"),
    pytest.param("disable-next-line", f"suppression 'disable-next-line' names no check; name one of {KNOWN}",
                 id="no id"),
    pytest.param("disable-nextline conflict-markers", "unknown suppression 'disable-nextline'; use one of "
                 "disable-next-line, disable-line, disable, enable, disable-file", id="unknown verb"),
])
def test_a_typo_in_a_directive_is_a_finding(repo: Path, directive: str, message: str) -> None:
    code, lines = report(repo, "doc.md", f"# T\n\n<!-- review-hooks: {directive} -->\nText.\n")
    assert (code, lines) == (1, [f"doc.md:3:1: review-hooks {message}"])


def test_the_optional_template_marker_is_not_a_directive() -> None:
    document = Document.from_bytes(b"<!-- review-hooks: optional -->\n## Appendix\n", "t.md", is_markdown=True)
    assert directives(document) == []


def test_a_document_that_never_mentions_review_hooks_is_not_parsed() -> None:
    document = Document.from_bytes(b"# T\n\n" + CONFLICT.encode(), "t.md", is_markdown=True)
    assert directives(document) == []
    assert "markdown" not in document.__dict__  # the cached parse was never computed


def test_an_unclosed_directive_is_not_a_directive() -> None:
    document = Document.from_bytes(b"<!-- review-hooks: disable all" + b" " * 100_000 + b"\n", "t.md",
                                   is_markdown=True)
    assert directives(document) == []


def test_suppressed_findings_are_not_printed_in_json(repo: Path) -> None:
    (repo / "doc.md").write_text("<!-- review-hooks: disable-next-line conflict-markers -->\n" + CONFLICT)
    out = io.StringIO()
    assert run(["doc.md"], RunOptions(output_format="json"), out, io.StringIO()) == 0
    assert out.getvalue() == "[]\n"


def document(text: str, name: str) -> Document:
    return Document.from_bytes(text.encode(), name, Path(name), name.endswith(".md"))


@pytest.mark.parametrize("text, name", [
    pytest.param("Write `<!-- review-hooks: disable-next-line CHECK-ID -->` above it.\n", "a.md", id="code span"),
    pytest.param('"""Use ``<!-- review-hooks: disable ID -->``."""\n', "a.py", id="rst literal"),
    pytest.param("or `# review-hooks: disable-file CHECK-ID` in text\n", "a.txt", id="code span in text"),
])
def test_a_quoted_example_is_not_a_directive(text: str, name: str) -> None:
    assert suppressions.directives(document(text, name)) == []
    finding = Finding(name, 2, 1, "conflict-markers", "m")
    assert suppressions.apply([finding], document(text + "x\n", name), ["conflict-markers"]) == [finding]


def test_an_html_comment_closer_is_not_a_check_id() -> None:
    page = document("<!-- review-hooks: disable-file conflict-markers -->\n<p>x</p>\n", "a.html")
    (directive,) = suppressions.directives(page)
    assert directive.ids == ("conflict-markers",)
    finding = Finding("a.html", 2, 1, "conflict-markers", "m")
    assert suppressions.apply([finding], page, ["conflict-markers"])[0].suppressed


def test_an_unquoted_directive_still_counts() -> None:
    text = "<!-- review-hooks: disable-next-line conflict-markers -->\nx\n"
    (directive,) = suppressions.directives(document(text, "a.md"))
    assert (directive.verb, directive.ids, directive.line) == ("disable-next-line", ("conflict-markers",), 1)


def test_a_fixer_leaves_a_suppressed_line_alone_and_fixes_the_rest(repo: Path) -> None:
    (repo / "design.md").write_text("# Design\n")
    text = ("<!-- review-hooks: disable-next-line broken-link -->\n[a](./design.mdd)\n\n[b](./design.mdd)\n"
            "<!-- review-hooks: disable-next-line mojibake -->\nkeep âœ… here\nfix âœ… here\n")
    (repo / "index.md").write_text(text)
    git(repo, "add", "-A")
    out = io.StringIO()
    code = run(["index.md"], RunOptions(fix=True), out, io.StringIO())
    assert (repo / "index.md").read_text() == text.replace("[b](./design.mdd)", "[b](./design.md)").replace(
        "fix âœ… here", "fix ✅ here")
    assert code == 1
    assert all(line.endswith("(fixed)") for line in out.getvalue().splitlines()), out.getvalue()
