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
