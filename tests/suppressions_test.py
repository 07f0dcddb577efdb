"""Inline suppressions: examples quoted in code spans are not directives; HTML comment closers are not ids."""

from __future__ import annotations

from pathlib import Path

import pytest

from review_hooks import suppressions
from review_hooks.document import Document
from review_hooks.finding import Finding


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
