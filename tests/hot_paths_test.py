"""The hot paths do no more work than their answer needs: no Markdown parse, no extra git process.

Speed itself is measured in bench/, never here; these tests pin the behaviour that makes it:
what is (not) computed for a given document, and how often git is asked.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from review_hooks import config as configuration
from review_hooks import repository as repository_module
from review_hooks.check import Context
from review_hooks.checks import conflict_markers, mojibake
from review_hooks.document import Document
from review_hooks.runner.run import RunOptions, run
from tests.conftest import git

CONFLICT = "<<<<<<< HEAD\nours\n=======\ntheirs\n>>>>>>> main\n"


def document(text: str) -> Document:
    return Document.from_bytes(text.encode(), "doc.md", Path("doc.md"), is_markdown=True)


def context(tmp_path: Path) -> Context:
    return Context(configuration.load(start=tmp_path))


def parsed(doc: Document) -> bool:
    return "markdown" in doc.__dict__  # the cached_property has run


@pytest.mark.parametrize("text", [
    pytest.param("# Plan\n\n" + CONFLICT + "\n```sh\nmake\n```\n", id="conflict before any fence"),
    pytest.param("# Plan\n\n" + CONFLICT, id="no fence at all"),
    pytest.param("Title\n=======\n\nText.\n", id="setext underline only"),
])
def test_conflicts_outside_any_possible_code_block_need_no_parse(text: str, tmp_path: Path) -> None:
    doc = document(text)
    found = list(conflict_markers.find(doc, context(tmp_path)))
    assert len(found) == text.count("<<<<<<<")
    assert not parsed(doc)


def test_a_conflict_after_a_fence_is_checked_against_the_parse(tmp_path: Path) -> None:
    shown = document("# Teaching\n\n```text\n" + CONFLICT + "```\n")
    assert list(conflict_markers.find(shown, context(tmp_path))) == []
    assert parsed(shown)
    real = document("# Plan\n\n```sh\nmake\n```\n\n" + CONFLICT)
    assert [f.line for f in conflict_markers.find(real, context(tmp_path))] == [7]


@pytest.mark.parametrize("text", [
    pytest.param("# Plain ASCII\n\nNothing to repair, [a link](./a.md).\n", id="ascii"),
    pytest.param("# Café\n\nClean UTF-8 — “quoted” ✅.\n", id="clean utf-8"),
])
def test_clean_text_is_not_parsed_by_mojibake(text: str, tmp_path: Path) -> None:
    doc = document(text)
    assert list(mojibake.find(doc, context(tmp_path))) == []
    assert not parsed(doc)


def test_a_scan_asks_git_for_the_tracked_files_once(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for index in range(30):
        (repo / f"doc-{index}.md").write_text(f"# Doc {index}\n\n[next](./doc-{index + 1}.md#doc-{index + 1})\n")
    git(repo, "add", "-A")
    calls: list[str] = []
    real_git = repository_module.git

    def counting(root: Path, *args: str, stdin: bytes | None = None, timeout: float | None = None) -> bytes:
        calls.append(args[0])
        return real_git(root, *args, stdin=stdin, timeout=timeout)

    monkeypatch.setattr(repository_module, "git", counting)
    out = io.StringIO()
    assert run(["."], RunOptions(scan=True, jobs=1), out, io.StringIO()) == 1
    assert out.getvalue().startswith("doc-29.md:3:8: broken-link './doc-30.md#doc-30' does not exist")
    assert out.getvalue().count("\n") == 1  # every other link and anchor resolves
    assert calls.count("ls-files") == 1
    assert len(calls) <= 3  # ls-files, and at most check-attr and one staged-paths diff
