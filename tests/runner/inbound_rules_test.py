"""Inbound links follow broken-link's own rules: unused definitions, fragment matching, folders with a README,
and the JSON facts. Each case is the minimal repository of an outside evaluation's mismatch (R1-R7)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from review_hooks.runner.options import RunOptions
from review_hooks.runner.run import run
from tests.conftest import commit, git

STAGED = RunOptions(scan=True, staged=True, jobs=1)
FIX = RunOptions(scan=True, staged=True, jobs=1, fix=True)


def setup(repo: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text, encoding="utf-8")
    commit(repo)


def edit(repo: Path, name: str, old: str, new: str) -> None:
    (repo / name).write_text((repo / name).read_text().replace(old, new, 1), encoding="utf-8")
    git(repo, "add", "-A")


def lines(options: RunOptions = STAGED) -> tuple[int, list[str]]:
    out = io.StringIO()
    code = run([], options, out, io.StringIO())
    return code, out.getvalue().splitlines()


UNUSED = "# Index\n\ntext\n\n[unused]: notes.md\n"


@pytest.mark.parametrize("change", [("mv", "notes.md", "journal.md"), ("rm", "-q", "notes.md")],
                         ids=["rename", "deletion"])
def test_an_unused_definition_into_a_removed_file_is_neither_reported_nor_rewritten(
        repo: Path, change: tuple[str, ...]) -> None:
    """R1: GitHub renders nothing for a definition no reference uses; a full scan is clean, so is the commit."""
    setup(repo, {"notes.md": "# Notes\n", "index.md": UNUSED})
    git(repo, *change)
    assert lines() == (0, [])
    assert lines(FIX) == (0, [])
    assert (repo / "index.md").read_text() == UNUSED


def test_a_used_definition_is_reported_and_followed(repo: Path) -> None:
    setup(repo, {"notes.md": "# Notes\n", "index.md": "# Index\n\nsee [the notes]\n\n[the notes]: notes.md\n"})
    git(repo, "mv", "notes.md", "journal.md")
    assert lines(FIX) == (1, ["index.md:5:14: broken-link 'notes.md' was renamed to 'journal.md' in this change; "
                              "did you mean 'journal.md'? (fixed)"])
    assert (repo / "index.md").read_text().endswith("[the notes]: journal.md\n")


def test_an_unused_definition_is_a_warning_under_unused_definitions_warn(repo: Path) -> None:
    setup(repo, {"notes.md": "# Notes\n", "index.md": UNUSED,
                 ".review-hooks.toml": '[broken-link]\nunused-definitions = "warn"\n'})
    git(repo, "mv", "notes.md", "journal.md")
    assert lines(FIX) == (0, [
        "index.md:5:11: broken-link warning: reference definition '[unused]' is unused: GitHub renders nothing for "
        "it; use it or delete it; besides, 'notes.md' was renamed to 'journal.md' in this change; "
        "did you mean 'journal.md'?"])
    assert (repo / "index.md").read_text() == UNUSED  # an unused definition is never rewritten


PLAN = "# Plan\n\n## Known risks\n\nrisk\n"
RISKS = "# Index\n\n[a](plan.md#Known-Risks)\n\n[b](plan.md#user-content-known-risks)\n\n[c](plan.md#known-risks)\n"


def test_a_renamed_heading_is_found_in_any_case_and_with_githubs_prefix(repo: Path) -> None:
    """R4: github.com finds '#Known-Risks' and '#user-content-known-risks' too; all three break."""
    setup(repo, {"plan.md": PLAN, "index.md": RISKS})
    edit(repo, "plan.md", "## Known risks", "## Open risks")
    message = ('broken-link heading "Known risks" in plan.md is now "Open risks" (#open-risks); '
               "did you mean 'plan.md#open-risks'?")
    assert lines() == (1, [f"index.md:{line}:5: {message}" for line in (3, 5, 7)])
    lines(FIX)
    assert (repo / "index.md").read_text() == RISKS.replace("#Known-Risks", "#open-risks").replace(
        "#user-content-known-risks", "#open-risks").replace("#known-risks", "#open-risks")


@pytest.mark.parametrize(("policy", "expected"), [
    pytest.param("", (0, ["index.md:1:5: broken-link warning: 'plan.md#Setup' differs from the anchor '#setup' in "
                          "plan.md only in case: it works on github.com, which ignores case in fragments, and breaks "
                          "where case matters (GitLab, VS Code's preview, most site generators); "
                          "write 'plan.md#setup'"]), id="warn (default)"),
    pytest.param('fragment-case = "exact"\n', (1, ["index.md:1:5: broken-link 'plan.md#Setup' differs"]), id="exact"),
    pytest.param('fragment-case = "ignore"\n', (0, []), id="ignore"),
])
def test_a_fragment_the_change_leaves_matching_but_for_case_follows_fragment_case(
        repo: Path, policy: str, expected: tuple[int, list[str]]) -> None:
    setup(repo, {"plan.md": '# Plan\n\n<a name="Setup"></a>\n\ntext\n', "index.md": "[s](plan.md#Setup)\n",
                 ".review-hooks.toml": f"[broken-link]\n{policy}"})
    edit(repo, "plan.md", 'name="Setup"', 'name="setup"')
    code, found = lines()
    assert code == expected[0] and len(found) == len(expected[1])
    assert all(line.startswith(prefix) for line, prefix in zip(found, expected[1], strict=True))


GUIDES = {"guides/README.md": "# Guides\n\n## Setup\n", "guides/other.md": "# Other\n",
          "index.md": "[s](guides/#setup) and [t](guides#setup) and [g](guides/)\n"}


def test_a_folder_fragment_breaks_when_the_folders_readme_is_renamed_away(repo: Path) -> None:
    """R2: GitHub shows no README below the listing any more, so the fragment has nothing to scroll to."""
    setup(repo, GUIDES)
    git(repo, "mv", "guides/README.md", "guides/index.md")
    why = ("scrolls within the README of the folder 'guides', but 'guides/README.md' was renamed to 'guides/index.md' "
           "in this change: GitHub shows no README there now, so '#setup' has nothing to scroll to; "
           "link to 'guides/index.md#setup'")
    expected = [f"index.md:1:5: broken-link 'guides/#setup' {why}", f"index.md:1:28: broken-link 'guides#setup' {why}"]
    assert lines(FIX) == (1, expected)  # only suggested: a folder link is not silently made a file link
    assert (repo / "index.md").read_text() == GUIDES["index.md"]
    git(repo, "reset", "-q", "--hard")
    git(repo, "rm", "-q", "guides/README.md")
    assert [line.rpartition("; ")[2] for line in lines()[1]] == ["link to the document that has the heading"] * 2


def test_top_and_line_anchors_on_a_folder_link_never_need_its_readme(repo: Path) -> None:
    """``#top`` and ``#L3`` name no place in the README (``folders.scrolls``): not broken when it goes, in the
    commit that removes it or in a scan after."""
    setup(repo, {**GUIDES, "index.md": "[t](guides/#top) and [l](guides#L3) and [s](guides/#setup)\n"})
    git(repo, "rm", "-q", "guides/README.md")
    code, found = lines()
    assert (code, [line.split(" ")[0] for line in found]) == (1, ["index.md:1:45:"])  # only '#setup'
    code, found = lines(RunOptions(scan=True, jobs=1, select=("broken-link",)))
    assert (code, [line.split(" ")[0] for line in found]) == (1, ["index.md:1:45:"])


def test_the_root_folders_readme_renamed_away_breaks_its_fragments(repo: Path) -> None:
    """No folder name to look for: the documents that write ``/#`` or ``.#`` are read."""
    setup(repo, {"README.md": "# Top\n\n## Setup\n", "docs/a.md": "[s](../#setup) [t](/#setup) [u](..#setup)\n"})
    git(repo, "mv", "README.md", "index.md")
    code, found = lines()
    assert code == 1 and [line.split(" ", 1)[0] for line in found] == ["docs/a.md:1:5:", "docs/a.md:1:20:",
                                                                        "docs/a.md:1:33:"]
    assert found[0].endswith("'../#setup' scrolls within the README of the repository's root folder, but "
                             "'README.md' was renamed to 'index.md' in this change: GitHub shows no README there "
                             "now, so '#setup' has nothing to scroll to; link to '../index.md#setup'")


def test_a_folder_fragment_follows_a_renamed_heading_of_the_readme(repo: Path) -> None:
    """R3: ``guides/#setup`` and ``guides#setup`` scroll within guides/README.md."""
    setup(repo, GUIDES)
    edit(repo, "guides/README.md", "## Setup", "## Installation")
    assert lines() == (1, [
        'index.md:1:5: broken-link heading "Setup" in guides/README.md is now "Installation" (#installation); '
        "did you mean 'guides/#installation'?",
        'index.md:1:28: broken-link heading "Setup" in guides/README.md is now "Installation" (#installation); '
        "did you mean 'guides#installation'?"])
    lines(FIX)
    assert (repo / "index.md").read_text() == GUIDES["index.md"].replace("#setup", "#installation")


def test_a_duplicate_heading_left_behind_is_named(repo: Path) -> None:
    """R6: renaming the first of two "Notes" breaks '#notes-1'; the one left is '#notes' (which one of the two
    it is, git cannot say, so it is a hint, not a fix)."""
    setup(repo, {"dup.md": "# Dup\n\n## Notes\n\na\n\n## Notes\n\nb\n", "index.md": "[second](dup.md#notes-1)\n"})
    edit(repo, "dup.md", "## Notes", "## Summary")
    assert lines(FIX) == (1, [
        "index.md:1:10: broken-link a heading \"Notes\" ('#notes-1') in dup.md was removed or renamed in this "
        "change; the one left is now '#notes': did you mean 'dup.md#notes'?"])


def test_json_gives_target_and_resolved_as_for_any_broken_link(repo: Path) -> None:
    """R7: the same facts as broken-link's own findings."""
    setup(repo, {"plan.md": PLAN, "index.md": "[p](./plan.md#known-risks)\n\n[g](guides/#setup)\n",
                 "guides/README.md": "# Guides\n\n## Setup\n"})
    git(repo, "mv", "plan.md", "roadmap.md")
    edit(repo, "guides/README.md", "## Setup", "## Install")
    out = io.StringIO()
    assert run([], RunOptions(scan=True, staged=True, jobs=1, output_format="json"), out, io.StringIO()) == 1
    found = json.loads(out.getvalue())
    assert [(f["line"], f["target"], f["resolved"], f["severity"]) for f in found] == [
        (1, "./plan.md#known-risks", "plan.md", "error"), (3, "guides/#setup", "guides/README.md", "error")]


SITES = {
    "plan.md": "# Plan\n\n## Risks\n",
    "old/plan.md": "# The old plan\n",
    "old/index.md": "[same name, another file](plan.md#risks)\n",
    "index.md": "[the plan](plan.md#risks)\n",
    "code.md": "`[p](../plan.md)` and\n\n    [p](plan.md)\n\n<!-- [p](plan.md) -->\n",
    "escaped.md": "[p](plan\\.md) [q](plan&#46;md#risks) <a href=\"plan.md#Risks\">r</a>\n",
    "reference.md": "[used]\n\n[used]: <plan.md>\n",
}


@pytest.mark.parametrize("change", [("mv", "plan.md", "roadmap.md"), ("heading",)], ids=["rename", "heading"])
def test_documents_that_cannot_land_on_a_removal_are_not_parsed_and_nothing_is_lost(
        repo: Path, change: tuple[str, ...], monkeypatch: pytest.MonkeyPatch) -> None:
    """The raw-text reading (``links/candidates.py``) skips the parse of a document that names the removed
    file without linking to it; the findings equal those with every document parsed."""
    from review_hooks.document import Document
    from review_hooks.links import inbound

    setup(repo, SITES)
    if change == ("heading",):
        edit(repo, "plan.md", "## Risks", "## Hazards")
    else:
        git(repo, *change)
    parsed: list[str] = []
    real = Document.markdown.func  # type: ignore[attr-defined]
    monkeypatch.setattr(Document, "markdown", property(lambda self: parsed.append(self.location.name) or real(self)))
    fast = lines()
    assert parsed.count("index.md") == 1 and "escaped.md" in parsed  # old/index.md is not; a backslash: parsed
    monkeypatch.setattr(inbound, "FAST_PATH", False)
    assert lines() == fast and fast[0] == 1


def test_a_duplicate_headings_suffix_that_moves_says_why_not_that_it_was_renamed(repo: Path) -> None:
    """robust8: the first of two '## Notes' removed, the second's '#notes-1' is '#notes' now."""
    setup(repo, {"q3.md": "# Q3\n\n## Notes\n\nfirst\n\n## Details\n\n## Notes\n\nsecond\n",
                 "other.md": "[n](q3.md#notes-1)\n"})
    edit(repo, "q3.md", "## Notes\n\nfirst\n\n", "")
    assert lines() == (1, [
        "other.md:1:5: broken-link heading \"Notes\" in q3.md is now '#notes', not '#notes-1': a heading of the same "
        "name before it was removed or renamed in this change; did you mean 'q3.md#notes'?"])
