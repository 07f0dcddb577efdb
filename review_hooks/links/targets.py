"""Where a relative link lands and what is wrong there: broken-link's judgement of one target.

``Origin`` is where a document's links start from (git's tree, or the disk outside a repository);
``target_problem`` judges a link to another path: above the root, missing (with did-you-mean and
what git says became of it, ``suggest.py`` and ``history.py``), or a ``#fragment`` that names no
anchor of the target (``fragment_problem``: the headings GitHub renders, ``#L10`` line anchors, or
the README of a folder, ``folders.py``).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from review_hooks.check import Context
from review_hooks.document import Document
from review_hooks.links import target_facts
from review_hooks.links import tree as links
from review_hooks.links.anchors import anchor_problem
from review_hooks.links.folders import folder_problem
from review_hooks.links.suggest import Problem, above_root, path_problem, quote
from review_hooks.links.tree import Resolved, Tree
from review_hooks.markdown.structure import Link
from review_hooks.repository import find_root

#: The kinds of link whose destination is judged, by broken-link and by the inbound part alike: a reference
#: use is judged at its definition, and an autolink always has a scheme.
CHECKED = ("link", "image", "definition", "html")
#: Files GitHub renders that are not Markdown: the other markups and Jupyter notebooks.
RENDERED_OTHERWISE = (*links.MARKUPS, ".ipynb")


class Origin(NamedTuple):
    """Where a document's links start from (a NamedTuple for the hooks' start-up: ``finding.Finding``)."""

    tree: Tree
    folder: str  # the document's folder, relative to the tree's root
    in_git: bool
    readable: Path  # targets are read for their anchors only below this folder
    document: str  # the document itself, relative to the tree's root


def origin(document: Document, context: Context) -> Origin:
    relative = context.relative(document.location)
    if relative is not None and context.repository is not None:
        root = context.repository.root
        return Origin(Tree.of(context, root), relative.rpartition("/")[0], True, root, relative)
    location = document.location.absolute()
    own = _work_tree(location.parent)  # another repository's file (``check ../other/a.md``): its own disk, from
    if own is not None:                # its root, where ``/b.md`` lands
        inside = location.relative_to(own).as_posix()
        return Origin(Tree.of(context, own), inside.rpartition("/")[0], False, own, inside)
    inside = location.relative_to(location.anchor).as_posix()  # outside git: the disk, from its top
    return Origin(Tree.of(context, Path(location.anchor)), inside.rpartition("/")[0], False,
                  context.config.root.absolute(), inside)


@lru_cache(maxsize=1024)
def _work_tree(folder: Path) -> Path | None:
    """The root of the git work tree holding ``folder``, if any (once per folder)."""
    return find_root(folder)


def target_problem(link: Link, resolved: Resolved, start: Origin, context: Context) -> Problem | None:
    if resolved.climbed and start.in_git:
        if resolved.climbed == 2 and resolved.path.split("/")[0] in links.ROUTES:
            return None  # a page of the repository on GitHub, such as ../../issues
        return above_root(link, resolved, start.tree, start.folder)
    kind = start.tree.kind(resolved.path)
    if kind is None:  # where git says the target went, if it does (links/history.py)
        from review_hooks.links.history import explained  # git history, asked only once a path is missing

        def anchored(target: str) -> bool:  # a hint's fragment is shown only where it finds its heading
            return fragment_problem(link._replace(target=target), links.resolve(target, start.folder), start,
                                    context) is None

        return explained(_fragment_kept(path_problem(link, resolved, start.tree, start.folder, anchored), start,
                                        context), resolved, start.tree.repository, start.folder)
    if resolved.fragment is None:
        return None
    return fragment_problem(link, resolved, start, context)


def _fragment_kept(problem: Problem, start: Origin, context: Context) -> Problem:
    """A path's fix keeps the fragment written after it; where that fragment matches nothing in the fixed target,
    the fix is no fix: the anchor's own fix, if it has one, takes its place, else the message says what is wrong
    with it (``Ref#List_Filters.md``: ``Ref.md#List_Filters.md`` matches no heading, the most similar is...)."""
    fixed = problem.replacement
    if fixed is None or "#" not in fixed:
        return problem
    anchor = fragment_problem(problem.link._replace(target=fixed), links.resolve(fixed, start.folder), start, context)
    if anchor is None:
        return problem
    written = quote(problem.link.target)
    if anchor.replacement is not None:
        return Problem(problem.link, f"{written} does not exist; did you mean {quote(anchor.replacement)}?",
                       anchor.replacement)
    return Problem(problem.link, f"{written} does not exist; {anchor.message}")


def fragment_problem(link: Link, resolved: Resolved, start: Origin, context: Context) -> Problem | None:
    """A ``#fragment`` into another file: a heading or HTML anchor if GitHub renders it, else ``#L10``;
    into a folder: an anchor of the README GitHub shows there."""
    tree = start.tree
    if tree.kind(resolved.path) == "folder":
        return folder_problem(link, resolved, tree, start.readable, context)
    shown_rendered = not resolved.plain and links.rendered(resolved.path, context.config)
    if not shown_rendered and not resolved.plain and resolved.path.lower().endswith(RENDERED_OTHERWISE):
        # rendered, but its headings are not read: only a #L10 is judged, and there is none on a rendered page
        return _rendered_line_anchor(link, resolved) if links.LINE_ANCHOR.fullmatch(resolved.fragment or "") else None
    facts = target_facts.facts(tree.location(resolved.path), start.readable, context, shown_rendered)
    if facts is None:
        return None
    fragment = resolved.fragment or ""
    line_anchor = links.LINE_ANCHOR.fullmatch(fragment)
    if facts.fragments is not None and fragment in facts.fragments and (
            not line_anchor or fragment.lower() in facts.fragments):
        return None  # the common case (what ``anchor_problem`` answers first), before any message is prepared
    where = quote(resolved.written_path)
    if facts.fragments is None:  # shown as source: only line anchors can be checked
        last = int(line_anchor.group(2) or line_anchor.group(1)) if line_anchor else 0
        if last <= facts.lines:
            return None
        return Problem(link, f"{quote(link.target)} points past the end of {where} ({facts.lines} lines)")
    if line_anchor and fragment.lower() not in facts.fragments:
        return _rendered_line_anchor(link, resolved)
    return heading_moved(anchor_problem(link, resolved, facts.fragments, where), resolved, resolved.path, context)


def _rendered_line_anchor(link: Link, resolved: Resolved) -> Problem:
    """A ``#L10`` into a page GitHub shows rendered, which has no line anchors (``?plain=1`` shows the source)."""
    return Problem(link, f"{quote(link.target)} is a line anchor, but GitHub renders {quote(resolved.written_path)}; "
                         "add '?plain=1' before the '#'")


def heading_moved(problem: Problem | None, resolved: Resolved, path: str | None, context: Context) -> Problem | None:
    """``links.history.heading_moved`` for a fragment that is broken (the staged change read only then)."""
    if problem is None:
        return None
    from review_hooks.links import history

    return history.heading_moved(problem, resolved, path, context)


def placeholder(link: Link) -> bool:
    """A template placeholder such as ``{link}`` or ``{{ url }}``, not a real destination (``[x]`` is
    reported: GitHub links to it)."""
    return template(link.destination)


def template(destination: str) -> bool:
    """``placeholder`` of a decoded destination."""
    target = destination.strip()
    if "{" not in target:
        return False
    wrapped = len(target) > 2 and (target[0], target[-1]) == ("{", "}")
    return wrapped or "{{" in target or "{%" in target
