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
README.txt``.) The front page of the repository shows ``.github/README.md`` before the root's, and
``docs/README.md`` when neither has one.
"""

from __future__ import annotations

from review_hooks.links.tree import MARKUPS, RENDERED, Tree

#: Extensions of the markups GitHub renders (github/markup), Markdown included.
FORMATTED = (*RENDERED, *MARKUPS)


#: The anchor of the README section on a folder's page (the README tab of the front page links it).
README_ANCHOR = "readme"
#: Where GitHub looks for the README of the repository's front page, in this order (GitHub's "About the
#: repository README file": the ``.github`` folder, then the root, then ``docs``).
FRONT_PAGE = (".github", "", "docs")


def readme(tree: Tree, folder: str) -> str | None:
    """The root-relative path of the README GitHub shows for ``folder``, or None when it has none; for the root,
    the front page's README, which may be in ``.github`` or ``docs``."""
    for place in FRONT_PAGE if folder == "" else (folder,):
        found = [name for name in tree.names_in(place) if is_readme(name)
                 and tree.kind(f"{place}/{name}" if place else name) == "file"]
        best = shown(found)
        if best is not None:
            return f"{place}/{best}" if place else best
    return None


def shows(tree: Tree, document: str) -> bool:
    """Whether GitHub shows ``document`` (root-relative) as the README below its folder's listing, the front page
    included: there the README's section is ``#readme`` (the README tab), so ``[back to top](#readme)`` works."""
    folder = document.rpartition("/")[0]
    return is_readme(document.rpartition("/")[2]) and document in (readme(tree, folder), readme(tree, ""))


def is_readme(name: str) -> bool:
    """A file name GitHub takes for a README: ``README`` or ``README.<ext>``, in any case."""
    return name.lower().partition(".")[0] == "readme"


def shown(names: list[str]) -> str | None:
    """Of the README names of one folder, the one GitHub shows: formatted before plain, then by name."""
    return min(names, key=lambda name: (not name.lower().endswith(FORMATTED), name), default=None)
