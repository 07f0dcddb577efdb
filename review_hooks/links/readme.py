"""The README GitHub shows below a folder's file list: what a ``#fragment`` on a folder link scrolls to.

GitHub renders one README file under the listing of a folder (``tree/main/docs``) and gives its
headings their anchors there, so ``[leads](docs#leads)`` works when that README has a ``## Leads``
heading, and a folder without a README has nothing to scroll to. When a folder holds several,
GitHub prefers, in this order, ``README.md``, ``README.markdown``, ``README``, ``readme.md``
(the order the issue tracker gives, after github/markup#360, where ``README.Rmd`` had been shown
over ``README.md``); any other name GitHub accepts as a README (``Readme.md``, ``README.rst``,
``README.txt``: the name ``readme`` in any case, with or without an extension) comes after those,
Markdown first, then by name.
"""

from __future__ import annotations

from review_hooks.links.tree import RENDERED, Tree

#: GitHub's preference among a folder's README files.
PREFERRED = ("README.md", "README.markdown", "README", "readme.md")


def readme(tree: Tree, folder: str) -> str | None:
    """The root-relative path of the README GitHub shows for ``folder``, or None when it has none."""
    found = [name for name in tree.names_in(folder) if name.lower().partition(".")[0] == "readme"
             and tree.kind(f"{folder}/{name}" if folder else name) == "file"]
    if not found:
        return None

    def rank(name: str) -> tuple[int, bool, str]:
        preferred = PREFERRED.index(name) if name in PREFERRED else len(PREFERRED)
        return preferred, not name.lower().endswith(RENDERED), name

    best = min(found, key=rank)
    return f"{folder}/{best}" if folder else best
