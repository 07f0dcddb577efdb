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
    found = [name for name in tree.names_in(folder) if name.lower().partition(".")[0] == "readme"
             and tree.kind(f"{folder}/{name}" if folder else name) == "file"]
    if not found:
        return None
    best = min(found, key=lambda name: (not name.lower().endswith(FORMATTED), name))
    return f"{folder}/{best}" if folder else best
