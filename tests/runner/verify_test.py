"""The runner verifies each repair alone: one that does not verify is dropped, the rest are written."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from review_hooks.check import Check, Edit
from review_hooks.document import Document
from review_hooks.finding import Finding
from review_hooks.runner import process
from review_hooks.runner.run import RunOptions, run
from tests.write_test import register


def _find(document: Document, context: object) -> Iterator[Finding]:
    for number, line in enumerate(document.lines, 1):
        for word in ("teh", "hte"):
            if (column := line.find(word)) >= 0:
                yield Finding(line=number, column=column + 1, message=f"'{word}' is a typo")


def _edits(document: Document, context: object) -> list[Edit]:
    """'teh' -> 'the' verifies; 'hte' -> 'teh' trades one finding for another and must be dropped."""
    edits = []
    for number, line in enumerate(document.lines, 1):
        for word, new in (("teh", "the"), ("hte", "teh")):
            if (column := line.find(word)) >= 0:
                start = document.offset(number, column + 1)
                edits.append(Edit(start, start + 3, new, number))
    return edits


EDITS = Check(id="typo", summary="a toy fixer", doc="typo: toy", hook="fix-typo", find=_find, repair=_edits)


@pytest.fixture
def with_edits(monkeypatch: pytest.MonkeyPatch) -> None:
    register(monkeypatch, EDITS)
    monkeypatch.setattr(process, "IDS", (*process.IDS, "typo"))  # its suppressions name a known check


def test_a_repair_that_does_not_verify_is_dropped_alone(repo: Path, with_edits: None) -> None:
    (repo / "doc.md").write_text("teh one\nhte two\nand teh three\n")
    out, err = io.StringIO(), io.StringIO()
    assert run(["doc.md"], RunOptions(select=("typo",), fix=True), out, err) == 1
    assert (repo / "doc.md").read_text() == "the one\nhte two\nand the three\n"
    assert out.getvalue().splitlines() == ["doc.md:1:1: typo 'teh' is a typo (fixed)",
                                           "doc.md:2:1: typo 'hte' is a typo",
                                           "doc.md:3:5: typo 'teh' is a typo (fixed)"]
    assert err.getvalue() == ("review-hooks: doc.md: typo fix not applied at line 2: re-checking the fixed text did "
                              "not remove its findings there\n")


def test_only_failing_repairs_leave_the_file_as_it_was(repo: Path, with_edits: None) -> None:
    (repo / "doc.md").write_text("hte\nhte\n")
    out, err = io.StringIO(), io.StringIO()
    assert run(["doc.md"], RunOptions(select=("typo",), fix=True), out, err) == 1
    assert (repo / "doc.md").read_text() == "hte\nhte\n"
    assert "(fixed)" not in out.getvalue() and "at lines 1, 2:" in err.getvalue()


def test_a_suppressed_line_keeps_its_text(repo: Path, with_edits: None) -> None:
    (repo / "doc.md").write_text("teh <!-- review-hooks: disable-line typo -->\nteh\n")
    out, err = io.StringIO(), io.StringIO()
    run(["doc.md"], RunOptions(select=("typo",), fix=True), out, err)
    assert (repo / "doc.md").read_text() == "teh <!-- review-hooks: disable-line typo -->\nthe\n"
    assert err.getvalue() == ""


def test_an_edit_the_encoding_cannot_hold_is_dropped_alone(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def edits(document: Document, context: object) -> list[Edit]:
        return [Edit(e.start, e.end, "th\u2705" if e.line == 1 else e.new, e.line) for e in _edits(document, context)]

    register(monkeypatch, Check(id="typo", summary="", doc="typo: toy", hook="fix-typo", find=_find, repair=edits))
    (repo / "old.txt").write_bytes("caf\xe9 teh\nteh\n".encode("cp1252"))
    out, err = io.StringIO(), io.StringIO()
    run(["old.txt"], RunOptions(select=("typo",), fix=True), out, err)
    assert (repo / "old.txt").read_bytes() == "caf\xe9 teh\nthe\n".encode("cp1252")
    assert err.getvalue() == ("review-hooks: old.txt: typo fix not applied at line 1: the fixed text cannot be saved "
                              "as cp1252 (convert the file with --transcode)\n")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 3)), max_size=8), st.integers(0, 40))
def test_covering_edit_found_by_bisection_as_by_reading_them_all(gaps: list[tuple[int, int]], offset: int) -> None:
    """``process._changed`` looks at one edit (edits are in order and never overlap); it agrees with reading
    every edit, empty ones (insertions) included."""
    edits, at = [], 0
    for gap, size in gaps:
        edits.append(Edit(at + gap, at + gap + size, "x", 1))
        at += gap + size
    document = Document.from_bytes(b"a" * 50 + b"\n", "doc.md")
    finding = Finding(line=1, column=offset + 1, message="m")
    slow = any(edit.start <= offset < max(edit.end, edit.start + 1) for edit in edits)
    assert process._changed(document, edits, finding) == slow


def test_a_lossy_span_said_otherwise_after_the_fix_holds_back_no_repair_on_its_line(repo: Path) -> None:
    """Vietnamese read as Windows-1254 by a tool that dropped the bytes it does not define: ``Người`` lost a byte,
    ``Mới`` did not. Once the first line is repaired, no Turkish letter is left to name Windows-1254, so the lossy
    span's candidates read otherwise; it is the same span (its ``subject``), and the repair beside it is written."""
    clean = "# 📖 Hướng dẫn\n\n## Cho Người Mới\n"
    damaged = bytes(b for b in clean.encode() if b not in (0x81, 0x8D, 0x8E, 0x8F, 0x90, 0x9D, 0x9E)).decode("cp1254")
    (repo / "doc.md").write_text(damaged, encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert run(["doc.md"], RunOptions(select=("mojibake",), fix=True), out, err) == 1
    assert (repo / "doc.md").read_text(encoding="utf-8") == "# 📖 Hướng dẫn\n\n## Cho NgÆ°á»i Mới\n"
    assert err.getvalue() == ""
    lines = out.getvalue().splitlines()
    assert lines[1].startswith("doc.md:3:10: mojibake unrecoverable 'Æ°á»' (likely ") and "(fixed)" not in lines[1]
    assert lines[2] == "doc.md:3:17: mojibake 'á»›' is double-encoded 'ớ' (Windows-1254) (fixed)"
