"""Inbound links: the links of unchanged documents that a change breaks elsewhere.

A rename, a deletion, a folder move or a renamed heading breaks links in files the commit
never touched. Given what the change removed (``change.py``), ``linking`` finds the tracked
Markdown documents outside the change that may link into it: a document is read (bytes, no
parse) only to look for the removed names, and parsed with the project's parser only if one
appears. ``problems`` then resolves each of its links as broken-link does (``tree.resolve``)
and reports exactly the links that land on something the change removed and that do not
resolve now: a link the change leaves working (a rename whose links were updated, a heading
re-added) is never reported.

Messages say where the target went, and carry the link rewritten in its author's style
(``suggest.rewrite``) when the change says so unambiguously: git paired the rename and no
other new file took that name, or the heading was replaced one for one.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path

from review_hooks.check import Context
from review_hooks.document import Document
from review_hooks.links.change import Change
from review_hooks.links.suggest import Problem, quote, rewrite
from review_hooks.links.tree import Resolved, Tree, relative, resolve
from review_hooks.markdown.structure import Link
from review_hooks.repository import Repository

CHECKED = ("link", "image", "definition", "html")  # as broken-link: reference uses count at their definition
Ignored = Callable[[str], bool]  # whether a root-relative target is ``[broken-link] ignore``d


def linking(change: Change, repository: Repository, is_markdown: Callable[[str], bool]) -> list[str]:
    """Tracked Markdown documents outside the change whose text names something it removed."""
    needles = [_needle(name) for name in sorted(_names(change))]
    if not needles:
        return []
    found = []
    for path in sorted(repository.tracked):
        if path in change.present or not is_markdown(path):
            continue
        location = repository.root / path
        try:
            if location.is_symlink():
                continue  # not a document on GitHub (broken-link skips it too)
            raw = location.read_bytes()
        except OSError:
            continue
        if any(word in raw and pattern.search(raw) for word, pattern in needles):
            found.append(path)
    return found


def _names(change: Change) -> set[str]:
    """The names a link into the change's removals must contain: file and folder names, fragments."""
    names = {p.rpartition("/")[2] for p in (*change.moved, *change.deleted, *change.folders)}
    names.update(fragment for removed in change.anchors.values() for fragment in removed)
    return names - {""}


def _needle(name: str) -> tuple[bytes, re.Pattern[bytes]]:
    """A pattern for ``name`` however a destination may write it (each character as itself,
    percent-encoded in either case, or backslash-escaped ASCII punctuation), and its longest run
    of ASCII letters and digits, which every such spelling holds (a fast ``in`` before the
    pattern). A superset of the links that can land there: the parse decides."""
    parts = []
    for char in name:
        encoded = char.encode()
        if char.isascii() and char.isalnum():
            parts.append(re.escape(encoded))
            continue
        escaped = b"".join(b"%%[%s%s][%s%s]" % (h[:1].upper(), h[:1].lower(), h[1:].upper(), h[1:].lower())
                           for h in (b"%02x" % byte for byte in encoded))
        options = [re.escape(encoded), escaped, *([re.escape(b"\\" + encoded)] if char.isascii() else [])]
        parts.append(b"(?:" + b"|".join(options) + b")")
    word = max(re.findall(rb"[A-Za-z0-9]+", name.encode()), key=len, default=b"")
    return word, re.compile(b"".join(parts))


def problems(document: Document, context: Context, change: Change,
             ignored: Ignored = lambda path: False) -> Iterator[Problem]:
    """Each link of ``document`` that the change broke, with where its target went."""
    repository = context.repository
    relative_path = repository.relative(document.location) if repository else None
    if repository is None or relative_path is None or document.location.is_symlink():
        return
    tree = Tree.of(context, repository.root)
    folder = relative_path.rpartition("/")[0]
    for link in document.markdown.links:
        if link.kind not in CHECKED or not relative(link.destination):
            continue
        resolved = resolve(link.destination, folder)
        if resolved.climbed or not resolved.written_path or ignored(resolved.path):
            continue
        found = problem(link, resolved, tree, folder, change)
        if found is not None:
            yield found


def problem(link: Link, resolved: Resolved, tree: Tree, folder: str, change: Change) -> Problem | None:
    """The problem of one resolved link, if it lands on something ``change`` removed and is broken now."""
    path = resolved.path
    kind = tree.kind(path)
    if kind is None:
        return _path_problem(link, resolved, folder, change)
    fragment = resolved.fragment
    removed = change.anchors.get(path, {})
    if kind != "file" or fragment is None or fragment not in removed or fragment in change.fragments[path]:
        return None
    return _anchor_problem(link, path, fragment, change, rewrite(link, resolved, path, folder))


def _path_problem(link: Link, resolved: Resolved, folder: str, change: Change) -> Problem | None:
    path = resolved.path
    if path in change.moved:
        new = change.moved[path]
        written = _follow_anchor(rewrite(link, resolved, new, folder), resolved.fragment, new, change)
        how = "renamed" if new.rpartition("/")[0] == path.rpartition("/")[0] else "moved"
        sure = path not in change.ambiguous
        return Problem(link, f"{quote(path)} was {how} to {quote(new)} {change.where}; did you mean "
                             f"{quote(written)}?", written if sure else None)
    if path in change.deleted:
        return Problem(link, f"{quote(path)} was deleted {change.where}; restore it, or correct or "
                             "remove the link")
    if path in change.folders:
        new_folder = change.folders[path]
        if new_folder is None:
            return Problem(link, f"folder {quote(path)} was removed {change.where}; correct or remove the link")
        written = rewrite(link, resolved, new_folder, folder)
        return Problem(link, f"folder {quote(path)} was moved to {quote(new_folder)} {change.where}; "
                             f"did you mean {quote(written)}?", written)
    return None


def _anchor_problem(link: Link, path: str, fragment: str, change: Change, written: str) -> Problem:
    anchor = change.anchors[path][fragment]
    if not anchor.heading:
        return Problem(link, f"anchor {quote(fragment)} in {path} was removed {change.where}; "
                             "correct the fragment or remove it")
    if anchor.new is None or anchor.slug is None:
        return Problem(link, f'heading "{anchor.old}" in {path} was removed {change.where}; '
                             "link to another heading or remove the fragment")
    fixed = with_fragment(written, anchor.slug)
    return Problem(link, f'heading "{anchor.old}" in {path} is now "{anchor.new}" (#{anchor.slug}); '
                         f"did you mean {quote(fixed)}?", fixed)


def _follow_anchor(written: str, fragment: str | None, new: str, change: Change) -> str:
    """A rewritten link whose fragment the same change renamed in the moved file: both follow."""
    anchor = change.anchors.get(new, {}).get(fragment or "")
    return with_fragment(written, anchor.slug) if anchor is not None and anchor.slug else written


def with_fragment(written: str, slug: str) -> str:
    """``written`` with its ``#fragment`` replaced; non-ASCII percent-encoded if the old one was."""
    head, _, old = written.partition("#")
    if "%" in old:
        from urllib.parse import quote as percent

        slug = percent(slug, safe="-_")
    return f"{head}#{slug}"


def display(repository: Repository, path: str) -> str:
    """A repository path as the output contract shows it: relative to the current folder."""
    return os.path.relpath(repository.root / path) if Path.cwd() != repository.root else path
