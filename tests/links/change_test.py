"""links/change.py: what a staged change (or a branch) removes, read from git with rename detection."""

from __future__ import annotations

from pathlib import Path

import pytest

from review_hooks import config as configuration
from review_hooks.links import change as changes
from review_hooks.links.change import Anchor, removed_anchors
from review_hooks.markdown.parse import parse
from review_hooks.repository import Repository
from tests.conftest import commit, git


def write(repo: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text, encoding="utf-8")


def staged(repo: Path) -> changes.Change:
    return changes.staged(Repository(repo), configuration.load(start=repo))


def test_renames_deletions_and_folder_moves(repo: Path) -> None:
    write(repo, {"plan.md": "# Plan\n", "old.md": "# Old\n", "guides/setup.md": "# Setup\n",
                 "guides/deep/more.md": "# More\n"})
    commit(repo)
    git(repo, "mv", "plan.md", "roadmap.md")
    git(repo, "rm", "-q", "old.md")
    git(repo, "mv", "guides", "handbook")
    found = staged(repo)
    assert found.moved == {"plan.md": "roadmap.md", "guides/setup.md": "handbook/setup.md",
                           "guides/deep/more.md": "handbook/deep/more.md"}
    assert found.deleted == {"old.md"}
    assert found.folders == {"guides": "handbook", "guides/deep": "handbook/deep"}
    assert found.present == {"roadmap.md", "handbook/setup.md", "handbook/deep/more.md"}
    assert found.removes and found.where == "in this change"


def test_a_path_added_back_removes_nothing(repo: Path) -> None:
    write(repo, {"plan.md": "# Plan\n\nA long enough text for git to pair the rename.\n"})
    commit(repo)
    git(repo, "mv", "plan.md", "roadmap.md")
    write(repo, {"plan.md": "# Plan\n\nStarted again.\n"})
    git(repo, "add", "plan.md")
    assert not staged(repo).removes


def test_a_renamed_heading_is_paired_and_a_removed_one_is_not(repo: Path) -> None:
    write(repo, {"q3.md": "# Q3\n\n## Known risks\n\n## Costs\n\n## Team\n\nText.\n"})
    commit(repo)
    write(repo, {"q3.md": "# Q3\n\n## Open risks\n\n## Team\n\nText.\n"})
    git(repo, "add", "q3.md")
    found = staged(repo)
    # two headings became one: which one it is now is a guess, so neither is paired
    assert found.anchors == {"q3.md": {"known-risks": Anchor("Known risks"), "costs": Anchor("Costs")}}
    write(repo, {"q3.md": "# Q3\n\n## Open risks\n\n## Costs\n\n## Team\n\nText.\n"})
    git(repo, "add", "q3.md")
    assert staged(repo).anchors == {"q3.md": {"known-risks": Anchor("Known risks", "Open risks", "open-risks")}}


def test_a_change_that_touches_no_heading_line_reads_no_blob(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(repo, {"a.md": "# A\n\nOne.\n", "b.md": "# B\n"})
    commit(repo)
    write(repo, {"a.md": "# A\n\nTwo.\n"})
    git(repo, "add", "a.md")
    calls: list[tuple[str, ...]] = []
    real = changes.git
    monkeypatch.setattr(changes, "git", lambda root, *args, **kw: calls.append(args) or real(root, *args, **kw))
    assert not staged(repo).removes
    assert [call[0] for call in calls] == ["diff"] and "--cached" in calls[0]


@pytest.mark.parametrize(("old", "new", "expected"), [
    pytest.param("## A\n## B\n", "## A\n## C\n", {"b": Anchor("B", "C", "c")}, id="renamed"),
    pytest.param("## A\n## B\n", "## A\n", {"b": Anchor("B")}, id="removed"),
    pytest.param("## A\n## B\n", "## B\n## A\n", {}, id="reordered, nothing removed"),
    pytest.param("## A\n## A\n", "## A\n", {"a-1": Anchor("A", remaining="a")}, id="a duplicate's suffix"),
    pytest.param("## A\n## A\n## A\n", "## A\n## A\n", {"a-2": Anchor("A")}, id="two left: none named"),
    pytest.param('<a name="x"></a>\n\n## A\n', "## A\n", {"x": Anchor("x", heading=False)}, id="html anchor"),
    pytest.param("Known\n===\n", "Open\n===\n", {"known": Anchor("Known", "Open", "open")}, id="setext"),
])
def test_removed_anchors(old: str, new: str, expected: dict[str, Anchor]) -> None:
    assert removed_anchors(parse(old), parse(new)) == expected


def test_a_setext_heading_renamed_is_seen_through_the_patch(repo: Path) -> None:
    write(repo, {"r.md": "Intro\n\nKnown risks\n-----------\n\nText.\n"})
    commit(repo)
    write(repo, {"r.md": "Intro\n\nOpen risks\n-----------\n\nText.\n"})
    git(repo, "add", "r.md")
    assert staged(repo).anchors == {"r.md": {"known-risks": Anchor("Known risks", "Open risks", "open-risks")}}


def test_changed_since_compares_the_working_tree_with_the_base(repo: Path) -> None:
    write(repo, {"plan.md": "# Plan\n\nLong enough to pair the rename with its new name.\n",
                 "q3.md": "# Q3\n\n## Known risks\n"})
    commit(repo)
    base = git(repo, "rev-parse", "HEAD").strip()
    git(repo, "mv", "plan.md", "roadmap.md")
    commit(repo)
    write(repo, {"q3.md": "# Q3\n\n## Open risks\n"})  # not staged: the working tree counts
    found = changes.since(Repository(repo), configuration.load(start=repo), base, "main~1")
    assert found.moved == {"plan.md": "roadmap.md"} and found.where == "since main~1"
    assert found.anchors["q3.md"]["known-risks"].slug == "open-risks"


def test_no_commit_yet_removes_nothing(repo: Path) -> None:
    write(repo, {"a.md": "# A\n"})
    git(repo, "add", "a.md")
    assert not staged(repo).removes


def test_a_heading_renamed_in_a_non_ascii_path(repo: Path) -> None:
    write(repo, {"réviews/q3 é.md": "# Q3\n\n## Known risks\n"})
    commit(repo)
    write(repo, {"réviews/q3 é.md": "# Q3\n\n## Open risks\n"})
    git(repo, "add", "-A")
    assert staged(repo).anchors == {"réviews/q3 é.md": {"known-risks": Anchor("Known risks", "Open risks",
                                                                               "open-risks")}}
