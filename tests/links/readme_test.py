"""A ``#fragment`` on a folder link is checked against the README GitHub shows there (``links/readme.py``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from review_hooks.links.readme import readme
from review_hooks.links.tree import Tree
from tests.checks.broken_link_test import check, write


@pytest.mark.parametrize(("names", "shown"), [
    pytest.param(("README.md", "README.markdown"), "README.markdown", id="formatted, by name"),
    pytest.param(("readme.md", "README.md"), "README.md", id="capitals sort first"),
    pytest.param(("README", "readme.md"), "readme.md", id="formatted before plain"),
    pytest.param(("README.txt", "README.Rmd", "README"), "README", id="plain ones by name"),
    pytest.param(("README.rst", "README.txt"), "README.rst", id="another markup is formatted too"),
    pytest.param(("notes.md", "readme-dev.md"), None, id="none"),
])
def test_the_readme_github_shows(tmp_path: Path, names: tuple[str, ...], shown: str | None) -> None:
    for name in names:
        (tmp_path / "sub").mkdir(exist_ok=True)
        (tmp_path / "sub" / name).write_text("x\n")
    assert readme(Tree(tmp_path, None), "sub") == (f"sub/{shown}" if shown else None)


@pytest.mark.parametrize("link", [
    pytest.param("[d](sub#sub-heading)", id="heading of README.md"),
    pytest.param("[d](sub/#top) [e](/sub#sub)", id="top, and from the root"),
    pytest.param("[d](low#low-heading)", id="heading of readme.md"),
    pytest.param("[d](plain#anything)", id="a plain-text README is not judged"),
])
def test_a_fragment_found_in_the_folders_readme_is_fine(repo: Path, link: str) -> None:
    write(repo, {"sub/README.md": "# Sub\n\n## Sub Heading\n", "low/readme.md": "## Low Heading\n",
                 "plain/README": "Plain text\n", "a.md": f"{link}\n"})
    assert check("a.md") == (0, [], "")


def test_a_fragment_missing_from_the_folders_readme_is_broken(repo: Path) -> None:
    write(repo, {"sub/README.md": "# Sub\n\n## Sub Heading\n", "sub/other.md": "## Nope\n",
                 "a.md": "[d](sub#nope) [e](sub#Sub-Heading)\n"})
    assert check("a.md")[:2] == (1, [
        "a.md:1:5: broken-link 'sub#nope' matches no heading or anchor in 'sub/README.md'",
        "a.md:1:19: broken-link warning: 'sub#Sub-Heading' differs from the anchor '#sub-heading' in "
        "'sub/README.md' only in case: it works on github.com, which ignores case in fragments, and breaks where "
        "case matters (GitLab, VS Code's preview, most site generators); write 'sub#sub-heading'"])


def test_a_fragment_on_a_folder_without_a_readme_is_broken(repo: Path) -> None:
    write(repo, {"none/a.txt": "x\n", "a.md": "[d](none#x)\n"})
    assert check("a.md")[:2] == (1, [
        "a.md:1:5: broken-link 'none#x' links to the folder 'none', which has no README: GitHub shows only its "
        "file list, with no '#x' to scroll to; link to the document that has the heading"])


def test_a_folder_is_suggested_only_when_it_shows_a_document(repo: Path) -> None:
    """A page-like link is not pointed at an image folder of that name, nor a folder link at an unrelated one."""
    write(repo, {"docs/media/using-keys/shot.png": b"\x89PNG\r\n\x1a\n\x00", "docs/guide/using-help/README.md": "x\n",
                 "a.md": "[k](/learn/using-keys) [h](/learn/using-help)\n"})
    assert check("a.md")[1] == [
        "a.md:1:5: broken-link '/learn/using-keys' does not exist (looked for 'learn/using-keys'); correct the "
        "link or add the file",
        "a.md:1:28: broken-link '/learn/using-help' does not exist; a file of that name is at "
        "'/docs/guide/using-help'"]


def test_an_image_is_suggested_for_an_image(repo: Path) -> None:
    write(repo, {"src/img/a.svg": "<svg/>\n", "img/b.svg/x.md": "x\n", "book/ch.md": "![a](img/a.svg) ![b](b.svg)\n"})
    assert check("book/ch.md")[1] == [
        "book/ch.md:1:6: broken-link 'img/a.svg' does not exist; a file of that name is at '../src/img/a.svg'",
        "book/ch.md:1:22: broken-link 'b.svg' does not exist (looked for 'book/b.svg'); correct the link or add "
        "the file"]


def test_a_folder_hint_drops_the_query_written_for_another_site(repo: Path) -> None:
    write(repo, {"tools/api/README.md": "# API\n", "a.md": "[api](/dotnet/api/?view=sdk-7.4#top)\n"})
    assert check("a.md")[1] == ["a.md:1:7: broken-link '/dotnet/api/?view=sdk-7.4#top' does not exist; a file of "
                                "that name is at '/tools/api/#top'"]


@pytest.mark.parametrize(("files", "shown"), [
    pytest.param(("README.md", ".github/README.md", "docs/README.md"), ".github/README.md", id=".github first"),
    pytest.param(("README.md", "docs/README.md"), "README.md", id="then the root"),
    pytest.param(("docs/README.md", ".github/notes.md"), "docs/README.md", id="then docs"),
    pytest.param(("guide/README.md",), None, id="no other folder"),
])
def test_the_front_page_shows_the_readme_of_github_then_the_root_then_docs(
        tmp_path: Path, files: tuple[str, ...], shown: str | None) -> None:
    for name in files:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x\n")
    assert readme(Tree(tmp_path, None), "") == shown
    assert readme(Tree(tmp_path, None), "docs") == ("docs/README.md" if "docs/README.md" in files else None)


def test_a_fragment_on_the_root_is_judged_by_the_front_pages_readme(repo: Path) -> None:
    write(repo, {"README.md": "# Root\n\n## Usage\n", ".github/README.md": "# Shown\n\n## Gh Only\n",
                 "guide/a.md": "[a](/#gh-only) [b](../#usage)\n"})
    assert check("guide/a.md")[1] == [
        "guide/a.md:1:20: broken-link '../#usage' matches no heading or anchor in '../.github/README.md'"]


def test_a_fragment_on_the_root_reads_docs_readme_when_the_root_has_none(repo: Path) -> None:
    write(repo, {"docs/README.md": "# Docs\n\n## Install\n", "guide/a.md": "[a](../#install) [b](/#nope)\n"})
    assert check("guide/a.md")[1] == [
        "guide/a.md:1:22: broken-link '/#nope' matches no heading or anchor in '/docs/README.md'"]


def test_the_readme_section_anchor_works_in_the_readme_github_shows_and_on_its_folder(repo: Path) -> None:
    """``#readme`` is GitHub's own anchor of the README section below a folder's listing (the front page's README
    tab): a README's "back to top" link works; the same fragment in another document names nothing."""
    write(repo, {"README.md": "# Project\n\n[back to top](#readme)\n", "docs/README.md": "# Docs\n\n[top](#readme)\n",
                 "docs/guide.md": "# Guide\n\n[a](#readme) [b](./#readme) [c](../#readme)\n"})
    assert check("README.md", "docs/README.md", "docs/guide.md")[1] == [
        "docs/guide.md:3:5: broken-link '#readme' matches no heading or anchor in this document"]
