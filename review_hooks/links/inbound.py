"""Inbound links: the links of unchanged documents that a change breaks elsewhere.

A rename, a deletion, a folder move or a renamed heading breaks links in files the commit
never touched. Given what the change removed (``change.py``), ``linking`` finds the tracked
Markdown documents outside the change that may link into it: a document is read (bytes, no
parse) only to look for the removed names, and parsed with the project's parser only if one
appears. ``problems`` then resolves each of its links as broken-link does (``tree.resolve``)
and reports exactly the links that land on something the change removed and that do not
resolve now: a link the change leaves working (a rename whose links were updated, a heading
re-added) is never reported. broken-link's rules hold here too (``Policy``): a fragment matches
a removed anchor in another case or with GitHub's ``user-content-`` prefix, a folder's fragment
lands in the README GitHub shows there (``links/readme.py``), and an unused reference
definition renders nothing, so it is no broken link.

Messages say where the target went, and carry the link rewritten in its author's style
(``suggest.rewrite``) when the change says so unambiguously: git paired the rename and no
other new file took that name, or the heading was replaced one for one.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import NamedTuple

from review_hooks.check import Context
from review_hooks.document import Document
from review_hooks.files import read_bytes
from review_hooks.links import faults
from review_hooks.links.anchors import anchor_problem
from review_hooks.links.candidates import candidates
from review_hooks.links.change import Change
from review_hooks.links.folders import scrolls
from review_hooks.links.readme import is_readme, readme, shown
from review_hooks.links.suggest import Problem, quote, rewrite, with_fragment
from review_hooks.links.targets import CHECKED
from review_hooks.links.tree import Resolved, Tree, relative, resolve
from review_hooks.markdown.structure import Link, normalize_label
from review_hooks.repository import Repository

Ignored = Callable[[str], bool]  # whether a root-relative target is ``[broken-link] ignore``d
#: Skip the parse of a document none of whose written destinations lands on a removal; tests switch it off.
FAST_PATH = True


class Policy(NamedTuple):
    """broken-link's options that decide inbound findings too (``checks/broken_link.py``; a NamedTuple, not a
    dataclass, for the hooks' start-up: ``finding.Finding``)."""

    unused_definitions: str = "ignore"  # ignore | warn
    fragment_case: str = "warn"  # warn | exact | ignore


DEFAULT = Policy()  # broken-link's defaults


def linking(change: Change, repository: Repository, is_markdown: Callable[[str], bool]) -> list[str]:
    """Tracked Markdown documents outside the change whose text names something it removed."""
    needles = [(*_needle(name, folded), folded) for name, folded in sorted(_names(change))]
    if not needles:
        return []
    folding = any(folded for *_, folded in needles)
    found = []
    for path in sorted(repository.tracked):
        if path in change.present or not is_markdown(path):
            continue
        location = repository.root / path
        try:
            if location.is_symlink():
                continue  # not a document on GitHub (broken-link skips it too)
            raw = read_bytes(location)
        except OSError:
            continue
        lowered = raw.lower() if folding else raw
        if any(word in (lowered if folded else raw) and pattern.search(raw) for word, pattern, folded in needles):
            found.append(path)
    return found


def _names(change: Change) -> set[tuple[str, bool]]:
    """The names a link into the change's removals must contain, each with whether its case may differ:
    file and folder names; a removed README's folder (``guides/#setup``); fragments, in any case."""
    removed = (*change.moved, *change.deleted)
    names = {(p.rpartition("/")[2], False) for p in (*removed, *change.folders)}
    for folder in {p.rpartition("/")[0] for p in removed if is_readme(p.rpartition("/")[2])}:
        names.update([(folder.rpartition("/")[2], False)] if folder else [("/#", False), (".#", False)])  # ../#x
    names.update((fragment, True) for removed_anchors in change.anchors.values() for fragment in removed_anchors)
    return {(name, folded) for name, folded in names if name}


def _needle(name: str, folded: bool = False) -> tuple[bytes, re.Pattern[bytes]]:
    """A pattern for ``name`` however a destination may write it (each character as itself,
    percent-encoded in either case, or backslash-escaped ASCII punctuation; ``folded``: ASCII letters in
    any case), and its longest run of ASCII letters and digits, which every such spelling holds (a fast
    ``in`` before the pattern; lower case when ``folded``, for the document in lower case). A superset
    of the links that can land there: the parse decides."""
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
    return (word.lower(), re.compile(b"".join(parts), re.IGNORECASE)) if folded else (word, re.compile(b"".join(parts)))


def problems(document: Document, context: Context, change: Change, ignored: Ignored = lambda path: False,
             policy: Policy = DEFAULT) -> Iterator[Problem]:
    """Each link of ``document`` that the change broke, with where its target went. broken-link's own
    rules hold: a reference definition nothing uses renders nothing (reported only under
    ``unused-definitions = "warn"``, as that warning, never rewritten), and a fragment that now
    differs from an anchor only in case follows ``fragment-case``."""
    repository = context.repository
    relative_path = repository.relative(document.location) if repository else None
    if repository is None or relative_path is None or document.location.is_symlink():
        return
    tree = Tree.of(context, repository.root)
    folder = relative_path.rpartition("/")[0]
    if FAST_PATH and not _may_break(document, tree, folder, change, ignored):
        return
    used: set[str] | None = None
    for link in document.markdown.links:
        if link.kind not in CHECKED or not relative(link.destination):
            continue
        resolved = resolve(link.destination, folder)
        if resolved.climbed or not resolved.written_path or ignored(resolved.path):
            continue
        found = problem(link, resolved, tree, folder, change, policy.fragment_case)
        if found is None:
            continue
        if link.kind == "definition":
            used = used if used is not None else {normalize_label(other.label) for other in document.markdown.links
                                                  if other.kind == "reference"}
            if normalize_label(link.label) not in used:
                if policy.unused_definitions == "warn":
                    yield faults.unused(link, found)
                continue
        yield found


def _may_break(document: Document, tree: Tree, folder: str, change: Change, ignored: Ignored) -> bool:
    """Whether a link of ``document`` may land on what the change removed, read without a parse: each
    destination the full path could check (``links/candidates.py``, a superset) judged by ``problem``
    itself (``fragment-case = "exact"``, the strictest). Many documents name a removed file without
    linking to it (PowerShell-Docs has an ``about_Splatting.md`` in each version folder)."""
    found = candidates(document.text)
    if found is None:
        return True
    for candidate in dict.fromkeys(found):
        target = candidate.target
        if candidate.doubtful or "\\" in target or "&" in target:
            return True  # the parse decides how the site, its escapes or entities read
        if not relative(target):
            continue
        resolved = resolve(target, folder)
        if resolved.climbed or not resolved.written_path or ignored(resolved.path):
            continue
        if problem(candidate.link, resolved, tree, folder, change, "exact") is not None:
            return True
    return False


def problem(link: Link, resolved: Resolved, tree: Tree, folder: str, change: Change,
            fragment_case: str = "warn") -> Problem | None:
    """The problem of one resolved link, if it lands on something ``change`` removed and is broken now."""
    path = resolved.path
    kind = tree.kind(path)
    if kind is None:
        found = _path_problem(link, resolved, folder, change)
        return found._replace(resolved=path) if found is not None else None
    if resolved.fragment is None:
        return None
    if kind == "folder":
        return _folder_problem(link, resolved, tree, folder, change, fragment_case)
    return _fragment_problem(link, resolved, path, rewrite(link, resolved, path, folder), change, fragment_case)


def _fragment_problem(link: Link, resolved: Resolved, path: str, written: str, change: Change,
                      fragment_case: str) -> Problem | None:
    """A ``#fragment`` into ``path`` that named an anchor the change removed, matched as broken-link
    matches it (``anchor_problem``: GitHub's ``user-content-`` prefix, letter case), if it is broken now."""
    key = _removed(resolved.fragment or "", change.anchors.get(path, {}))
    if key is None:
        return None
    now = anchor_problem(link, resolved, change.fragments[path], path)
    if now is None or (now.case_only and fragment_case == "ignore"):
        return None  # it still lands on an anchor
    if now.case_only:
        return now._replace(severity="warning" if fragment_case == "warn" else "error", resolved=path)
    return _anchor_problem(link, path, key, change, written)._replace(resolved=path)


def _removed(fragment: str, removed: Mapping[str, object]) -> str | None:
    """The removed anchor a fragment named: as written, without ``user-content-``, or in another case."""
    spellings = [fragment, *([fragment[13:]] if fragment.startswith("user-content-") else [])]
    exact = next((spelling for spelling in spellings if spelling in removed), None)
    if exact is not None:
        return exact
    return next((key for spelling in spellings for key in sorted(removed) if key.lower() == spelling.lower()), None)


def _folder_problem(link: Link, resolved: Resolved, tree: Tree, folder: str, change: Change,
                    fragment_case: str) -> Problem | None:
    """A ``#fragment`` on a folder link scrolls within the README GitHub shows there (``links/folders.py``):
    broken when the change renamed that heading, or took the folder's README away."""
    fragment = resolved.fragment or ""
    if not scrolls(fragment):
        return None
    path = resolved.path
    written = rewrite(link, resolved, path, folder)
    now = readme(tree, path)
    if now is not None:
        return _fragment_problem(link, resolved, now, written, change, fragment_case) if now in change.anchors else None
    old = shown([p.rpartition("/")[2] for p in (*change.moved, *change.deleted)
                 if p.rpartition("/")[0] == path and is_readme(p.rpartition("/")[2])])
    if old is None:
        return None
    old = f"{path}/{old}" if path else old
    if old in change.moved:  # to the renamed README itself, not to a folder of that name
        new = change.moved[old]
        went = f"was renamed to {quote(new)} {change.where}"
        to_file = rewrite(link, resolved._replace(folder=False), new, folder)
        hint = f"link to {quote(_follow_anchor(to_file, fragment, new, change))}"
    else:
        went, hint = f"was deleted {change.where}", "link to the document that has the heading"
    where = f"the folder {quote(path)}" if path else "the repository's root folder"
    return Problem(link, f"{quote(link.target)} scrolls within the README of {where}, but "
                         f"{quote(old)} {went}: GitHub shows no README there now, so {quote('#' + fragment)} has "
                         f"nothing to scroll to; {hint}", resolved=path)


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
    if anchor.remaining is not None:
        hint = with_fragment(written, anchor.remaining, _decoded(link, written))
        return Problem(link, f'a heading "{anchor.old}" ({quote("#" + fragment)}) in {path} was removed or renamed '
                             f'{change.where}; the one left is now {quote("#" + anchor.remaining)}: '
                             f"did you mean {quote(hint)}?")
    if anchor.new is None or anchor.slug is None:
        return Problem(link, f'heading "{anchor.old}" in {path} was removed {change.where}; '
                             "link to another heading or remove the fragment")
    fixed = with_fragment(written, anchor.slug, _decoded(link, written))
    if anchor.new == anchor.old:  # the same heading, its suffix moved: an earlier one of its name went
        return Problem(link, f'heading "{anchor.old}" in {path} is now {quote("#" + anchor.slug)}, not '
                             f'{quote("#" + fragment)}: a heading of the same name before it was removed or renamed '
                             f"{change.where}; did you mean {quote(fixed)}?", fixed)
    return Problem(link, f'heading "{anchor.old}" in {path} is now "{anchor.new}" (#{anchor.slug}); '
                         f"did you mean {quote(fixed)}?", fixed)


def _decoded(link: Link, written: str) -> str:
    """The link's decoded destination while ``written`` is still its target (a rewrite has no entities)."""
    return link.destination if written == link.target else ""


def _follow_anchor(written: str, fragment: str | None, new: str, change: Change) -> str:
    """A rewritten link whose fragment the same change renamed in the moved file: both follow."""
    anchor = change.anchors.get(new, {}).get(fragment or "")
    return with_fragment(written, anchor.slug) if anchor is not None and anchor.slug else written


def display(repository: Repository, path: str) -> str:
    """A repository path as the output contract shows it: relative to the current folder."""
    return os.path.relpath(repository.root / path) if Path.cwd() != repository.root else path
