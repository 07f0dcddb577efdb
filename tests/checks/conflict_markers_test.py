"""conflict-markers: git's conflicts in every shape are found; look-alikes never are."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from review_hooks.checks.conflict_regions import Marker, _pattern, markers
from review_hooks.runner.run import RunOptions, run
from tests.conftest import git

CONFLICT = "<<<<<<< HEAD\nours\n=======\ntheirs\n>>>>>>> topic\n"


def findings(folder: Path, name: str, content: str | bytes, *extra: str) -> list[str]:
    """The conflict-markers lines ``review-hooks check`` prints for one file."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content)
    out = io.StringIO()
    overrides = {"conflict-markers": {"include-code": True}} if "--include-code" in extra else {}
    run([name], RunOptions(select=("conflict-markers",), overrides=overrides), out, io.StringIO())
    return out.getvalue().splitlines()


FINDS = [
    pytest.param("a.md", CONFLICT, ["a.md:1:1: conflict-markers unresolved merge conflict (lines 1-5: HEAD vs topic)"],
                 id="git-written"),
    pytest.param("a.md", "# T\n\n<<<<<<< HEAD\nours\n||||||| merged common ancestors\nbase\n=======\ntheirs\n"
                 ">>>>>>> topic\n",
                 ["a.md:3:1: conflict-markers unresolved merge conflict (lines 3-9: HEAD vs topic, with base "
                  "'merged common ancestors')"], id="diff3 base"),
    pytest.param("a.md", "<<<<<<< HEAD\nours\n||||||| 1a2b3c4\n=======\ntheirs\n>>>>>>> topic\n",
                 ["a.md:1:1: conflict-markers unresolved merge conflict (lines 1-6: HEAD vs topic, with base "
                  "'1a2b3c4')"], id="zdiff3 empty base"),
    pytest.param("a.md", CONFLICT.replace("\n", "\r\n").encode(),
                 ["a.md:1:1: conflict-markers unresolved merge conflict (lines 1-5: HEAD vs topic)"], id="CRLF"),
    pytest.param("a.md", b"\xef\xbb\xbf" + CONFLICT.encode(),
                 ["a.md:1:1: conflict-markers unresolved merge conflict (lines 1-5: HEAD vs topic)"], id="BOM"),
    pytest.param("a.md", CONFLICT.rstrip("\n"),
                 ["a.md:1:1: conflict-markers unresolved merge conflict (lines 1-5: HEAD vs topic)"],
                 id="no final newline"),
    pytest.param("a.md", "<<<<<<<\nours\n=======\ntheirs\n>>>>>>>\n",
                 ["a.md:1:1: conflict-markers unresolved merge conflict (lines 1-5)"], id="bare markers"),
    pytest.param("a.md", "<<<<<<< HEAD\n<<<<<<<<< Temporary merge branch 1\nx\n=========\ny\n"
                 ">>>>>>>>> Temporary merge branch 2\n=======\ntheirs\n>>>>>>> topic\n",
                 ["a.md:1:1: conflict-markers unresolved merge conflict (lines 1-9: HEAD vs topic)"],
                 id="nested longer markers of a virtual base, reported once"),
    pytest.param("notes.txt", "```\n" + CONFLICT + "```\n",
                 ["notes.txt:2:1: conflict-markers unresolved merge conflict (lines 2-6: HEAD vs topic)"],
                 id="fences mean nothing outside Markdown"),
    pytest.param("a.md", "# T\n\n<<<<<<< HEAD\nours only\n",
                 ["a.md:3:1: conflict-markers unresolved merge conflict: '<<<<<<< HEAD' has no closing '>>>>>>>'; "
                  "resolve it or remove the leftover marker"], id="orphan opener"),
    pytest.param("a.md", "# T\n\nresolved text\n\n>>>>>>> topic\n",
                 ["a.md:5:1: conflict-markers leftover conflict marker '>>>>>>> topic' with no opening '<<<<<<<'; "
                  "remove it"], id="orphan closer"),
    pytest.param("a.md", "# T\n\n=======\nresolved text\n",
                 ["a.md:3:1: conflict-markers leftover conflict separator '=======' (not a heading underline: no "
                  "text above it); remove it"], id="orphan separator"),
    pytest.param("a.md", "```\n" + CONFLICT + "<<<<<<< HEAD\n```\n\n" + CONFLICT + "<<<<<<< HEAD\n",
                 ["a.md:2:1: conflict-markers unresolved merge conflict (lines 2-6: HEAD vs topic)",
                  "a.md:7:1: conflict-markers unresolved merge conflict: '<<<<<<< HEAD' has no closing '>>>>>>>'; "
                  "resolve it or remove the leftover marker",
                  "a.md:10:1: conflict-markers unresolved merge conflict (lines 10-14: HEAD vs topic)",
                  "a.md:15:1: conflict-markers unresolved merge conflict: '<<<<<<< HEAD' has no closing '>>>>>>>'; "
                  "resolve it or remove the leftover marker"],
                 id="the same markers in a fence and outside it: the file is mid-merge, all are real"),
    pytest.param("a.md", "x\n<<<<<<< HEAD\n>>>>>>> +folks [A]\n=======\n>>>>>>> +folks [B]\n>>>>>>> topic\n",
                 ["a.md:2:1: conflict-markers unresolved merge conflict (lines 2-6: HEAD vs topic)"],
                 id="deep-quoted e-mail on both sides of a real conflict: the sides' text, not its closer"),
    pytest.param("a.md", "x\n<<<<<<< HEAD\nours\n>>>>>>> topic\n\n" + CONFLICT,
                 ["a.md:2:1: conflict-markers unresolved merge conflict (lines 2-4: HEAD vs topic; its '=======' "
                  "was deleted, the sides are still both there)",
                  "a.md:6:1: conflict-markers unresolved merge conflict (lines 6-10: HEAD vs topic)"],
                 id="a closer before the next conflict's separator still closes its own"),
    pytest.param("a.md", "x\n\n<<<<<<< HEAD \nours\n======= \ntheirs\n>>>>>>> topic \n",
                 ["a.md:3:1: conflict-markers unresolved merge conflict (lines 3-7: HEAD vs topic)"],
                 id="markers with trailing spaces, the separator too"),
]


@pytest.mark.parametrize(("name", "content", "expected"), FINDS)
def test_finds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, content: str | bytes,
               expected: list[str]) -> None:
    monkeypatch.chdir(tmp_path)
    assert findings(tmp_path, name, content) == expected


LOOK_ALIKES = [
    pytest.param("Title\n=======\n\nText.\n", id="setext heading"),
    pytest.param("Title\n=======\nText\n-------\n", id="setext headings"),
    pytest.param("=======\nTitle\n=======\n\nText.\n", id="RST overline and underline"),
    pytest.param("====\nT\n====\n", id="RST short"),
    pytest.param("=============================\nA Much Longer Title\n=============================\n", id="RST long"),
    pytest.param("Section\n=========\n", id="RST underline, nine"),
    pytest.param("======= Phase 1 =======\n\nWork.\n\n======= Phase 2 =======\n", id="banners"),
    pytest.param("| a | b |\n|||||||\n| c | d |\n", id="table row of pipes"),
    pytest.param("||||||| not a base\n", id="lone base marker"),
    pytest.param("> On Monday, A wrote:\n>> earlier\n>>>>>>> deep quote\n>>>>>>> deeper still\n> end\n",
                 id="deeply quoted email"),
    pytest.param(">>>>>>> deep quote\n>>>>>> less deep\n", id="quoted email first line"),
    pytest.param(">" * 5000 + " very deep\n", id="5000 levels of quoting"),
    pytest.param("Text with <<<<<<< HEAD in the middle and ======= too and >>>>>>> x\n", id="mid-line"),
    pytest.param("Use `<<<<<<< HEAD` and `=======` and `>>>>>>> topic` to spot conflicts.\n", id="inline code"),
    pytest.param("   <<<<<<< HEAD\nx\n   =======\ny\n   >>>>>>> topic\n", id="indented"),
    pytest.param("<<<<<<<HEAD\nx\n=======\ny\n>>>>>>>topic\n", id="no space before the label"),
    pytest.param("<<<<<< HEAD\nx\n======\ny\n>>>>>> topic\n", id="six"),
    pytest.param("How a conflict looks:\n\n```\n" + CONFLICT + "```\n", id="complete conflict in a fence"),
    pytest.param("How a conflict looks:\n\n    <<<<<<< HEAD\n    ours\n    =======\n    theirs\n    >>>>>>> topic\n",
                 id="complete conflict in indented code"),
    pytest.param("~~~text\n<<<<<<< HEAD\n~~~\n", id="orphan in a fence"),
    pytest.param("", id="empty"),
    pytest.param("level 8\n<<<<<<<\n\nlevel 9\n>>>>>>>\n\n<<<<<<<\nover\n<<<<<<<\n", id="RST titles in < and >"),
    pytest.param("Use <<<<<<< and >>>>>>> markers.\n<<<<<<< and >>>>>>> markers. A conflict looks so:\n",
                 id="prose that starts with a marker and names another"),
]


@pytest.mark.parametrize("content", LOOK_ALIKES)
def test_look_alikes_are_never_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: str) -> None:
    monkeypatch.chdir(tmp_path)
    assert findings(tmp_path, "doc.md", content) == []


def test_include_code_reports_conflicts_in_fences(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    lines = findings(tmp_path, "doc.md", "```\n" + CONFLICT + "```\n", "--include-code")
    assert lines == ["doc.md:2:1: conflict-markers unresolved merge conflict (lines 2-6: HEAD vs topic)"]


def test_a_conflict_whose_separator_was_deleted_is_one_finding(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Opener and closer both there, the ``=======`` gone: one conflict, not an opener 'with no closing' beside a
    closer 'with no opening' (outside evaluation of real conflicts, r04)."""
    monkeypatch.chdir(tmp_path)
    assert findings(tmp_path, "doc.md", "# T\n\n<<<<<<< HEAD\nours\n>>>>>>> feature\n") == [
        "doc.md:3:1: conflict-markers unresolved merge conflict (lines 3-5: HEAD vs feature; its '=======' was "
        "deleted, the sides are still both there)"]


@pytest.mark.parametrize(("label", "reported"), [
    ("merged common ancestors", True), ("1a2b3c4", True), ("parent of 1a2b3c4 (fix the typo)", True),
    ("not a base", False), ("a | b", False)])
def test_a_lone_base_marker_is_reported_when_git_labelled_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                              label: str, reported: bool) -> None:
    """A leftover ``|||||||`` of a diff3 conflict is reported as a leftover ``>>>>>>>`` is (r03), when its label is
    one git writes; a row of a table or other text after pipes is not."""
    monkeypatch.chdir(tmp_path)
    lines = findings(tmp_path, "doc.md", f"# T\n\nresolved text\n||||||| {label}\nold text\n")
    assert lines == ([f"doc.md:4:1: conflict-markers leftover conflict marker '||||||| {label}' (a merge's base "
                      "version starts here); remove it and that version"] if reported else [])


def test_a_base_marker_inside_a_conflict_is_never_a_leftover(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Our side ends a setext heading with a line of seven '=' before git's base marker: the conflict is one
    finding, its base marker no leftover of its own (the evaluation's diff3 edits beside heading underlines)."""
    monkeypatch.chdir(tmp_path)
    text = "<<<<<<< HEAD\nTitle\n=======\n||||||| 1a2b3c4\nOld title\n=======\nNew title\n>>>>>>> topic\n"
    assert [line.split(" ", 1)[0] for line in findings(tmp_path, "doc.md", text)] == ["doc.md:1:1:"]


def test_a_conflict_in_a_fence_of_a_file_that_is_mid_merge_is_real(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """git writes markers into code blocks too: where the document holds a marker outside code, it is mid-merge,
    and the conflict inside a fence is no example (the same fence alone stays one: ``LOOK_ALIKES``)."""
    monkeypatch.chdir(tmp_path)
    text = "# Install\n\n```sh\ncargo new hello\n" + CONFLICT + "cargo run\n```\n\n" + CONFLICT
    assert findings(tmp_path, "doc.md", text) == [
        "doc.md:5:1: conflict-markers unresolved merge conflict (lines 5-9: HEAD vs topic)",
        "doc.md:13:1: conflict-markers unresolved merge conflict (lines 13-17: HEAD vs topic)"]
    orphan = "```sh\n" + CONFLICT + "```\n\n>>>>>>> topic\n"  # a leftover closer outside code
    assert [line.split(" ", 1)[0] for line in findings(tmp_path, "doc.md", orphan)] == ["doc.md:2:1:", "doc.md:9:1:"]


def test_conflict_marker_size_attribute(repo: Path) -> None:
    (repo / ".gitattributes").write_text("*.md conflict-marker-size=9\n")
    nine = "<<<<<<<<< HEAD\nours\n=========\ntheirs\n>>>>>>>>> topic\n"
    assert findings(repo, "a.md", nine) == [
        "a.md:1:1: conflict-markers unresolved merge conflict (lines 1-5: HEAD vs topic)"]
    assert findings(repo, "b.md", "Title\n=======\n\n" + CONFLICT) == []  # seven is not a marker here
    assert findings(repo, "d.txt", CONFLICT) == [  # the attribute names *.md only
        "d.txt:1:1: conflict-markers unresolved merge conflict (lines 1-5: HEAD vs topic)"]


def test_a_conflict_marker_size_below_seven(repo: Path) -> None:
    (repo / ".gitattributes").write_text("*.md conflict-marker-size=5\n")
    five = "<<<<< HEAD\nours\n=====\ntheirs\n>>>>> topic\n"
    assert findings(repo, "a.md", five) == [
        "a.md:1:1: conflict-markers unresolved merge conflict (lines 1-5: HEAD vs topic)"]


@pytest.mark.parametrize("value", ["abc", "0", "-3", "99999999999999999999", "2147483648"])
def test_a_size_git_does_not_read_as_one_is_git_default_seven(repo: Path, value: str) -> None:
    """Not a number, not positive, or beyond git's int (an OverflowError once, robust-eval5 B8): git's 7."""
    (repo / ".gitattributes").write_text(f"*.md conflict-marker-size={value}\n")
    assert findings(repo, "a.md", CONFLICT) == [
        "a.md:1:1: conflict-markers unresolved merge conflict (lines 1-5: HEAD vs topic)"]
    assert findings(repo, "b.md", "# T\n\n< a\n\n| x |\n\n> quote\n") == []  # one '<' is no marker


def test_a_size_longer_than_the_document_finds_nothing(repo: Path) -> None:
    (repo / ".gitattributes").write_text("*.md conflict-marker-size=2147483647\n")
    assert findings(repo, "a.md", CONFLICT) == []


def test_an_unmerged_file_is_reported_even_inside_a_fence(repo: Path) -> None:
    """git writes the markers inside the fence; the index says the conflict is real."""
    (repo / "doc.md").write_text("# Doc\n\n```\nline\n```\n")
    git(repo, "add", "doc.md")
    git(repo, "commit", "-qm", "base")
    git(repo, "checkout", "-qb", "topic")
    (repo / "doc.md").write_text("# Doc\n\n```\ntheirs\n```\n")
    git(repo, "commit", "-qam", "theirs")
    git(repo, "checkout", "-q", "main")
    (repo / "doc.md").write_text("# Doc\n\n```\nours\n```\n")
    git(repo, "commit", "-qam", "ours")
    with pytest.raises(Exception):  # noqa: B017 (git exits 1 on a conflict)
        git(repo, "merge", "-q", "topic")
    assert "<<<<<<< HEAD" in (repo / "doc.md").read_text()
    out = io.StringIO()
    run(["doc.md"], RunOptions(select=("conflict-markers",)), out, io.StringIO())
    assert out.getvalue() == "doc.md:4:1: conflict-markers unresolved merge conflict (lines 4-8: HEAD vs topic)\n"


def test_a_staged_change_adding_the_lines_is_reported_inside_a_fence_while_a_merge_is_under_way(repo: Path) -> None:
    """Mid-merge, ``git add`` of a file whose fenced block holds git's markers resolves nothing; outside any
    operation a new page that shows a conflict in a fence is an example, staged or not (conflicts-eval5)."""
    document = "# Doc\n\n```\n" + CONFLICT + "```\n"
    (repo / "doc.md").write_text("# Doc\n\n```\n```\n")
    git(repo, "add", "doc.md")
    git(repo, "commit", "-qm", "base")
    (repo / "doc.md").write_text(document)
    assert findings(repo, "doc.md", document) == []  # not staged: teaching material as far as we know
    git(repo, "add", "doc.md")
    assert findings(repo, "doc.md", document) == []  # staged with no merge under way: a page about conflicts
    (repo / ".git" / "MERGE_HEAD").write_text(git(repo, "rev-parse", "HEAD"))
    assert findings(repo, "doc.md", document) == [
        "doc.md:4:1: conflict-markers unresolved merge conflict (lines 4-8: HEAD vs topic)"]
    (repo / ".git" / "MERGE_HEAD").unlink()
    git(repo, "commit", "-qm", "a document about conflicts")
    assert findings(repo, "doc.md", document) == []  # committed on purpose: no longer a staged addition


@settings(max_examples=300, deadline=None)
@given(lines=st.lists(st.sampled_from(["<<<<<<< HEAD", "=======", ">>>>>>> topic", "||||||| base", "<<<<<<<<", "",
                                       "x<<<<<<< mid", "== =======", "========\r", "=======x", "text", "<<<<<<<\t"]),
                      max_size=12),
       size=st.integers(min_value=1, max_value=9))
def test_markers_are_the_lines_an_anchored_pattern_finds(lines: list[str], size: int) -> None:
    """The run-finding search gives exactly the markers of one pattern anchored at every line start."""
    text = "\n".join(lines)
    expected = []
    for match in _pattern(size).finditer(text):
        run = match.group("run") or match.group("sep")
        expected.append(Marker(run[0], len(run), text.count("\n", 0, match.start()) + 1,
                               (match.group("label") or "").strip(), match.start()))
    assert markers(text, size) == expected


def test_git_is_asked_for_its_folder_once_per_run_however_many_fenced_conflicts(
        repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pages that show a conflict in a fence, staged: each needs to know whether a merge is under way, which is
    read from git's folder; the folder is asked of git once per run, not once per page (a scan of 1,500
    generated documents spawned ``git rev-parse --git-dir`` 32 times)."""
    from review_hooks import repository

    asked: list[tuple[str, ...]] = []
    real = repository.git
    monkeypatch.setattr(repository, "git", lambda root, *args, **kw: asked.append(args) or real(root, *args, **kw))
    for number in range(3):
        (repo / f"page{number}.md").write_text("# Page\n\n```\n" + CONFLICT + "```\n")
    git(repo, "add", ".")
    out = io.StringIO()
    assert run(["page0.md", "page1.md", "page2.md"], RunOptions(select=("conflict-markers",), jobs=1), out,
               io.StringIO()) == 0
    assert out.getvalue() == ""
    assert asked.count(("rev-parse", "--git-dir")) == 1
