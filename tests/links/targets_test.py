"""A link's answer is kept per run for the same target written in the same folder: each use still gets its own
position, and what differs between uses (the folder, a definition's label, a fragment) is never shared."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from review_hooks.runner.run import RunOptions, run
from tests.checks.broken_link_test import write


def scan() -> list[str]:
    out = io.StringIO()
    run(["."], RunOptions(scan=True, jobs=1, select=("broken-link",)), out, io.StringIO())
    return out.getvalue().splitlines()


def test_the_same_missing_target_from_two_documents_has_each_ones_position(repo: Path) -> None:
    write(repo, {"docs/guide.md": "# Guide\n", "docs/a.md": "See [g](gide.md).\n",
                 "docs/b.md": "# B\n\nAlso [the guide](gide.md) here.\n"})
    assert scan() == [
        "docs/a.md:1:9: broken-link 'gide.md' does not exist; the most similar name is 'guide.md'",
        "docs/b.md:3:18: broken-link 'gide.md' does not exist; the most similar name is 'guide.md'",
    ]


def test_the_same_target_written_in_another_folder_is_judged_there(repo: Path) -> None:
    write(repo, {"docs/guide.md": "# Guide\n", "docs/a.md": "[g](guide.md)\n", "notes/a.md": "[g](guide.md)\n"})
    assert scan() == ["notes/a.md:1:5: broken-link 'guide.md' does not exist; a file of that name is at "
                      "'../docs/guide.md'"]


def test_definitions_of_one_target_keep_their_own_labels(repo: Path) -> None:
    write(repo, {"a.md": "[one] and [two]\n\n[one]: [x.md]\n[two]: [x.md]\n"})
    found = scan()
    assert [line.split(" (or, if", 1)[1] for line in found] == [
        " the line is not meant to define a link, start it with '\\[one]')",
        " the line is not meant to define a link, start it with '\\[two]')",
    ]


def test_fragments_are_judged_against_each_target(repo: Path) -> None:
    write(repo, {"docs/x.md": "# Here\n", "docs/a.md": "[a](x.md#here) [b](x.md#gone)\n"})
    assert scan() == ["docs/a.md:1:20: broken-link 'x.md#gone' matches no heading or anchor in 'x.md'"]


def test_names_in_a_folder_that_start_with_a_stem(repo: Path) -> None:
    from review_hooks.links.tree import Tree
    from review_hooks.repository import Repository

    write(repo, {f"d/{name}": "x\n" for name in ("a.md", "guide", "guide.md", "guide.txt", "guides.md", "h.md")})
    tree = Tree(repo, Repository(repo))
    assert tree.names_in("d", "guide") == ["guide", "guide.md", "guide.txt", "guides.md"]
    assert tree.names_in("d", "z") == []
    assert tree.names_in("d") == ["a.md", "guide", "guide.md", "guide.txt", "guides.md", "h.md"]


def test_the_pre_test_judges_one_target_per_folder(repo: Path) -> None:
    """The pre-test keeps a candidate's landing per folder: the same text from another folder is judged there."""
    from review_hooks import config as configuration
    from review_hooks.check import Context
    from review_hooks.checks.broken_link import unbreakable
    from review_hooks.document import Document
    from review_hooks.repository import Repository

    write(repo, {"docs/guide.md": "# Guide\n", "docs/a.md": "[g](guide.md)\n", "docs/b.md": "[g](guide.md)\n",
                 "notes/c.md": "[g](guide.md)\n"})
    context = Context(configuration.load(None, repo), Repository(repo))

    def vouched(name: str) -> bool:
        return unbreakable(Document.from_bytes((repo / name).read_bytes(), name, repo / name, True), context)

    assert [vouched(name) for name in ("docs/a.md", "notes/c.md", "docs/b.md")] == [True, False, True]


def test_the_pre_test_gives_up_on_a_link_into_the_document_before_reading_another_file(
        repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A ``#fragment`` into another file is judged last: a document that needs its own parse anyway
    (here for ``#intro``) reads no other file's anchors in the pre-test, and gets the same findings."""
    from review_hooks import config as configuration
    from review_hooks.check import Context
    from review_hooks.checks.broken_link import unbreakable
    from review_hooks.document import Document
    from review_hooks.links import target_facts
    from review_hooks.repository import Repository

    write(repo, {"x.md": "# Here\n", "a.md": "# Intro\n\n[a](x.md#here) [b](x.md#gone) [c](#intro)\n"})
    read: list[object] = []
    facts = target_facts.facts
    monkeypatch.setattr(target_facts, "facts", lambda *args: read.append(args[0]) or facts(*args))
    context = Context(configuration.load(None, repo), Repository(repo))
    document = Document.from_bytes((repo / "a.md").read_bytes(), "a.md", repo / "a.md", True)
    assert not unbreakable(document, context)
    assert read == []
    assert scan() == ["a.md:3:20: broken-link 'x.md#gone' matches no heading or anchor in 'x.md'"]


def test_an_html_anchor_spelled_like_a_line_anchor_is_still_one(repo: Path) -> None:
    """The quick answer for a fragment that names an anchor must not pass ``#L3``: GitHub's ``#L3`` on a
    rendered file is a line anchor whatever ``<a name="L3">`` says (its anchor is ``l3``)."""
    write(repo, {"x.md": '# Here\n\n<a name="L3"></a>\n<a name="l4"></a>\n',
                 "a.md": "[a](x.md#L3) [b](x.md#l4) [c](x.md#here)\n"})
    assert scan() == ["a.md:1:5: broken-link 'x.md#L3' is a line anchor, but GitHub renders 'x.md'; "
                      "add '?plain=1' before the '#'"]


def test_a_line_anchor_into_another_markup_github_renders_needs_plain(repo: Path) -> None:
    """reStructuredText, AsciiDoc, Org and notebooks are shown rendered, without line anchors; their other
    fragments are not judged (their headings are not read), and ``?plain=1`` shows the numbered source."""
    write(repo, {"d.rst": "Title\n=====\n\ntext\n", "o.org": "* Org\ntext\n", "n.ipynb": "{}\n",
                 "a.md": "[a](d.rst#L3) [b](o.org#L2) [c](n.ipynb#L1) [d](d.rst?plain=1#L3) [e](d.rst#title)\n"})
    assert scan() == [
        "a.md:1:5: broken-link 'd.rst#L3' is a line anchor, but GitHub renders 'd.rst'; add '?plain=1' before the '#'",
        "a.md:1:19: broken-link 'o.org#L2' is a line anchor, but GitHub renders 'o.org'; add '?plain=1' before the '#'",
        "a.md:1:33: broken-link 'n.ipynb#L1' is a line anchor, but GitHub renders 'n.ipynb'; add '?plain=1' before "
        "the '#'"]


def test_a_target_fixed_in_the_run_is_read_again_by_later_links(repo: Path) -> None:
    """A fix written during the run changes a target's anchors: links checked after it read the new ones
    (here ``# CafÃ©`` becomes ``# Café``: a.md, checked before, saw only the old heading)."""
    write(repo, {"b.md": "# CafÃ©\n", "a.md": "[a](b.md#café)\n", "c.md": "[c](b.md#café)\n"})
    out = io.StringIO()
    run(["."], RunOptions(scan=True, jobs=1, fix=True, select=("mojibake", "broken-link")), out, io.StringIO())
    assert (repo / "b.md").read_text(encoding="utf-8") == "# Café\n"
    found = [line for line in out.getvalue().splitlines() if "broken-link" in line]
    assert [line.split(":")[0] for line in found] == ["a.md"]
