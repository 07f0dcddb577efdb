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
from review_hooks.links.readme import readme
from review_hooks.links.suggest import Problem, anchor_problem, quote
from review_hooks.links.target_facts import facts
from review_hooks.links.tree import LINE_ANCHOR, RENDERED, Resolved, Tree
from review_hooks.markdown.structure import Link


def folder_problem(link: Link, resolved: Resolved, tree: Tree, readable: Path, context: Context) -> Problem | None:
    """A ``#fragment`` on a folder link must name an anchor of the README GitHub shows below the listing."""
    fragment = resolved.fragment or ""
    if fragment.lower() in ("", "top") or LINE_ANCHOR.fullmatch(fragment):
        return None
    shown = readme(tree, resolved.path)
    if shown is None:
        return Problem(link, f"{quote(link.target)} links to the folder {quote(resolved.written_path)}, which has no "
                             f"README: GitHub shows only its file list, with no {quote('#' + fragment)} to scroll to; "
                             "link to the document that has the heading", resolved=resolved.path)
    if not shown.lower().endswith(RENDERED) and not context.config.is_markdown(shown):
        return None  # shown as plain text: no anchors to compare with
    found = facts(tree.location(shown), readable, context, True)
    if found is None or found.fragments is None:
        return None
    where = quote(posixpath.join(resolved.written_path, shown.rpartition("/")[2]))
    problem = anchor_problem(link, resolved, found.fragments, where)
    return problem._replace(resolved=shown) if problem is not None else None
