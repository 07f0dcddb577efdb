"""The README GitHub shows below a folder's file list: what a ``#fragment`` on a folder link scrolls to.

GitHub renders one README file under the listing of a folder (``tree/main/docs``) and gives its
headings their anchors there, so ``[leads](docs#leads)`` works when that README has a ``## Leads``
heading, and a folder without a README has nothing to scroll to. A README is a file named
``README`` or ``README.<ext>`` in any case. When a folder holds several, GitHub's answer in
github/markup#360 (``README.Rmd`` had been shown over ``README.md``) is that it looks for
formatted READMEs (a markup it renders: Markdown, reStructuredText, AsciiDoc, Org...) before
plain ones and sorts each group by name: ``README.markdown``, ``README.md``, ``readme.md``,
then ``README``, ``README.txt``. (An empirical listing, KrisTHL181/Break-This-Repo#33, gives the
same order: ``README.markdown > README.md > README.mkd > README.rst > README > README.rmd >
README.txt``.)
"""

from __future__ import annotations

from review_hooks.links.tree import RENDERED, Tree

#: Extensions of the markups GitHub renders (github/markup), Markdown included.
FORMATTED = (*RENDERED, ".textile", ".rdoc", ".org", ".creole", ".mediawiki", ".wiki", ".rst", ".asciidoc",
             ".adoc", ".asc", ".pod", ".pod6")


def readme(tree: Tree, folder: str) -> str | None:
    """The root-relative path of the README GitHub shows for ``folder``, or None when it has none."""
    found = [name for name in tree.names_in(folder) if is_readme(name)
             and tree.kind(f"{folder}/{name}" if folder else name) == "file"]
    best = shown(found)
    return None if best is None else f"{folder}/{best}" if folder else best


def is_readme(name: str) -> bool:
    """A file name GitHub takes for a README: ``README`` or ``README.<ext>``, in any case."""
    return name.lower().partition(".")[0] == "readme"


def shown(names: list[str]) -> str | None:
    """Of the README names of one folder, the one GitHub shows: formatted before plain, then by name."""
    return min(names, key=lambda name: (not name.lower().endswith(FORMATTED), name), default=None)
