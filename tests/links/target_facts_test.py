"""A target's anchors are kept by its real path: a document named relative to the current folder is that
folder's, whichever folder was current before."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from review_hooks import config as configuration
from review_hooks.check import Context
from review_hooks.document import Document
from review_hooks.links import target_facts


def test_a_relative_document_is_remembered_where_it_is_now(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same relative name in two folders, one after the other in one process (a library caller, a test
    run): each document's anchors go to its own file, not to the file that name meant first."""
    first, second = tmp_path / "first", tmp_path / "second"
    for folder, heading in ((first, "# One\n"), (second, "# Two\n")):  # the same size: only the path differs
        folder.mkdir()
        (folder / "a.md").write_text(heading, encoding="utf-8")
    for folder in (first, second):
        monkeypatch.chdir(folder)
        raw = (folder / "a.md").read_bytes()
        target_facts.remember(Document.from_bytes(raw, "a.md", Path("a.md"), is_markdown=True))
    context = Context(configuration.load(start=tmp_path))
    for folder, fragment in ((first, "one"), (second, "two")):
        facts = target_facts.facts(os.fspath(folder / "a.md"), tmp_path, context, True)
        assert facts is not None and facts.fragments == frozenset({fragment})


def test_what_a_worker_learns_is_what_a_link_would_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``learned`` hands on the facts ``facts`` reads for a link into the document, under its key; a document
    without a link to an anchor of its own, and one read through a symbolic link, are not handed on."""
    (tmp_path / "a.md").write_text("# Title\n\n## Part\n\n[top](#title)\n<a id=\"here\"></a>\n", encoding="utf-8")
    (tmp_path / "plain.md").write_text("# Plain\n\n[other](a.md#part)\n", encoding="utf-8")
    (tmp_path / "linked").symlink_to(tmp_path, target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    context = Context(configuration.load(start=tmp_path))

    def read(location: Path) -> Document:
        return Document.from_bytes(location.read_bytes(), location.name, location, is_markdown=True)

    assert target_facts.learned(read(tmp_path / "plain.md"), context) is None
    assert target_facts.learned(read(tmp_path / "linked" / "a.md"), context) is None
    found = target_facts.learned(read(tmp_path / "a.md"), context)
    assert found is not None
    key, facts = found
    assert key[0] == os.path.realpath(tmp_path / "a.md") and key[3] is True
    assert facts.fragments == frozenset({"title", "part", "here"}) and facts.lines == 6
    target_facts._FACTS.clear()  # another worker's process: it knows the facts only as taught
    target_facts.taught([found])
    assert target_facts.facts(os.fspath(tmp_path / "a.md"), tmp_path, context, True) == facts
    target_facts._FACTS.clear()
    assert target_facts.facts(os.fspath(tmp_path / "a.md"), tmp_path, context, True) == facts  # read and parsed
