"""A ``#fragment`` on a link to a folder: GitHub scrolls within the README it shows below the listing.

``[leads](sig-x#leads)`` opens the folder page of ``sig-x``; the fragment works when the README
shown there (``links/readme.py`` says which) has that anchor, and a folder without a README has
nothing to scroll to. A README GitHub shows as plain text has no anchors to compare with, so a
fragment into it is not judged.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from review_hooks.check import Context
from review_hooks.links.anchors import anchor_problem
from review_hooks.links.readme import README_ANCHOR, readme
from review_hooks.links.suggest import Problem, quote
from review_hooks.links.target_facts import facts
from review_hooks.links.tree import LINE_ANCHOR, Resolved, Tree, rendered
from review_hooks.markdown.structure import Link


def scrolls(fragment: str) -> bool:
    """Whether a folder link's ``fragment`` names a place in the README below the listing, so that there is
    something to judge: not empty, not ``#top``, not a line anchor (``#L10``)."""
    return fragment.lower() not in ("", "top") and not LINE_ANCHOR.fullmatch(fragment)


def folder_problem(link: Link, resolved: Resolved, tree: Tree, readable: Path, context: Context) -> Problem | None:
    """A ``#fragment`` on a folder link must name an anchor of the README GitHub shows below the listing."""
    fragment = resolved.fragment or ""
    if not scrolls(fragment):
        return None
    shown = readme(tree, resolved.path)
    if shown is None:
        return Problem(link, f"{quote(link.target)} links to the folder {quote(resolved.written_path)}, which has no "
                             f"README: GitHub shows only its file list, with no {quote('#' + fragment)} to scroll to; "
                             "link to the document that has the heading", resolved=resolved.path)
    if not rendered(shown, context.config) or fragment == README_ANCHOR:
        return None  # shown as plain text: no anchors to compare with; or the README section itself
    found = facts(tree.location(shown), readable, context, True)
    if found is None or found.fragments is None:
        return None
    inside = shown[len(resolved.path) + 1 :] if resolved.path else shown  # the root's may be in .github or docs
    where = quote(posixpath.join(resolved.written_path, inside))
    problem = anchor_problem(link, resolved, found.fragments, where)
    return problem._replace(resolved=shown) if problem is not None else None
