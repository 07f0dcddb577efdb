"""broken-link: relative links and anchors that will not resolve on GitHub, checked against git.

**What it does.** Follows every relative link of a Markdown file (inline links and images,
reference definitions, which stand for all the uses of their label and are reported once; raw HTML
``<a href>`` and ``<img src>``; nothing in code spans, code blocks or HTML comments)
the way GitHub does: the query is dropped, the path percent-decoded and resolved from the
linking file's folder (``/x`` from the repository root), ``..`` normalised as a URL path. The
target must be a file or folder git tracks (or has staged), with exactly that case. A
``#fragment`` into rendered Markdown must be a heading anchor (GitHub's slugs, duplicates
``-1``, ``-2``...), an HTML ``id`` or ``<a name>``, or ``#top``; ``#L10-L20`` into a code file
must be within the file.

**Why.** A typo (``./design.mdd``), a wrong case (``Design.md`` works on macOS and Windows, not
on GitHub), a file that is on the author's disk but never committed, or a renamed heading
breaks the chain of review documents for everyone else.

**Example.** ``docs/x.md:12:24: broken-link './p1-design-document.mdd' does not exist; did you
mean './p1-design-document.md'?`` Other messages: the target ``exists locally but is not
tracked by git``; it ``points outside the repository``; an anchor ``matches no heading``, or
differs only in case.

**Not reported.** Links with a scheme (``https:``, ``mailto:``) or ``//host``; a reference
whose only definition is a template placeholder (``- [Name]: [Contribution]`` makes every
``[Name]`` a link to ``[Contribution]``) and other placeholders (``{link}``, ``{{ url }}``);
``../../issues`` and other pages of the repository on GitHub; fragments into files GitHub
does not render.
Outside a git repository, the disk is the reference.

**Options** (``[broken-link]``): ``ignore = ["build/**"]``: targets (gitignore-style globs,
relative to the configuration file) that are never reported, such as generated files.

**Speed.** A file whose written destinations are all harmless (a scheme, a placeholder, an
ignored target, or a tracked file or folder, with any ``#fragment`` found in another file) is
answered from its raw text without a Markdown parse (``review_hooks/link_candidates.py``
gives the argument); anything else is parsed and checked as above.

**Fix safety.** ``--fix`` rewrites a link only when exactly one safe candidate exists: the same
path in another case, the same name with a tracked extension (``.mdd`` to ``.md``), the same
path below another ancestor of the linking folder (a wrong ``../`` depth), or an anchor that
differs only by case, punctuation or a duplicate suffix (when one heading has that name). It
keeps the author's style (``./``, ``%20``, ``<...>``, the query and fragment). A merely similar
name, or a file of that name in an unrelated folder, is only suggested. Reference uses are
fixed through their definition.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from review_hooks.check import Check, Context, Edit
from review_hooks.config import glob_match, only_keys, string_list
from review_hooks.document import Document
from review_hooks.finding import Finding
from review_hooks.links import candidates as link_candidates
from review_hooks.links import tree as links
from review_hooks.links.suggest import Problem, anchor_problem, path_problem, quote
from review_hooks.links.tree import Resolved, Tree
from review_hooks.markdown.structure import Link
from review_hooks.paths import relative_to

ID = "broken-link"
CHECKED = ("link", "image", "definition", "html")  # reference uses are checked at their definition
#: Skip the parse when no written destination can be broken (``link_candidates``); tests switch it off.
FAST_PATH = True


@dataclass(frozen=True)
class Settings:
    ignore: tuple[str, ...] = ()
    base: Path = Path()


def configure(table: Mapping[str, Any], base: Path) -> Settings:
    only_keys(table, "ignore")
    return Settings(string_list(table, "ignore"), base)


@dataclass(frozen=True)
class Origin:
    """Where a document's links start from."""

    tree: Tree
    folder: str  # the document's folder, relative to the tree's root
    in_git: bool
    readable: Path  # targets are read for their anchors only below this folder


def origin(document: Document, context: Context) -> Origin:
    relative = context.relative(document.location)
    if relative is not None and context.repository is not None:
        root = context.repository.root
        return Origin(Tree.of(context, root), relative.rpartition("/")[0], True, root)
    location = document.location.absolute()  # outside git: the disk, from its top
    inside = location.relative_to(location.anchor).as_posix()
    return Origin(Tree.of(context, Path(location.anchor)), inside.rpartition("/")[0], False,
                  context.config.root.absolute())


def problems(document: Document, context: Context) -> Iterator[Problem]:
    """Every broken relative link of ``document``, with its message and safe replacement.

    A symbolic link is not a document on GitHub (it shows the path it points to), and its links
    would resolve from the wrong folder: it is skipped, in hook mode as a scan skips it."""
    if document.location.is_symlink() or (FAST_PATH and unbreakable(document, context)):
        return
    structure = document.markdown
    links.remember(document)
    start: Origin | None = None
    for link in structure.links:
        if link.kind not in CHECKED or not links.relative(link.destination) or placeholder(link):
            continue
        start = start or origin(document, context)
        resolved = links.resolve(link.destination, start.folder)
        if ignored(resolved, start, context):
            continue
        if not resolved.written_path:
            found = anchor_problem(link, resolved, structure.fragments, "this document")
        else:
            found = target_problem(link, resolved, start, context)
        if found is not None:
            yield found


def unbreakable(document: Document, context: Context) -> bool:
    """Whether no link of ``document`` can be broken, read without parsing (``link_candidates``)."""
    found = link_candidates.candidates(document.text)
    if found is None:
        return False
    start: Origin | None = None
    for candidate in dict.fromkeys(found):  # each distinct destination once
        if candidate.doubtful:
            return False
        link = Link("html" if candidate.html else "link", candidate.target, 0, 0)
        plain = "\\" not in candidate.target and "&" not in candidate.target  # decoding changes nothing
        destination = candidate.target if plain else link.destination
        if not links.relative(destination) or placeholder(link):
            continue
        if destination != candidate.target:
            return False  # escapes or entities: the full path decides
        start = start or origin(document, context)
        resolved = links.resolve(destination, start.folder)
        if ignored(resolved, start, context):
            continue
        kind = None if resolved.climbed or not resolved.written_path else start.tree.kind(resolved.path)
        if kind is None:
            return False  # missing, above the root, or a fragment into this document (its parse)
        if resolved.fragment is not None and kind == "file" and fragment_problem(link, resolved, start, context):
            return False
    return True


def target_problem(link: Link, resolved: Resolved, start: Origin, context: Context) -> Problem | None:
    if resolved.climbed and start.in_git:
        if resolved.climbed == 2 and resolved.path.split("/")[0] in links.ROUTES:
            return None  # a page of the repository on GitHub, such as ../../issues
        return Problem(link, f"{quote(link.target)} points outside the repository; "
                             "GitHub cannot follow a link above the repository root")
    kind = start.tree.kind(resolved.path)
    if kind is None:
        return path_problem(link, resolved, start.tree, start.folder)
    if resolved.fragment is None or kind == "folder":
        return None
    return fragment_problem(link, resolved, start, context)


def fragment_problem(link: Link, resolved: Resolved, start: Origin, context: Context) -> Problem | None:
    """A ``#fragment`` into another file: a heading or HTML anchor if GitHub renders it, else ``#L10``."""
    location = start.tree.root / resolved.path
    name = location.name.lower()
    rendered = not resolved.plain and (name.endswith(links.RENDERED) or context.config.is_markdown(name))
    facts = links.facts(location, start.readable, context, rendered)
    fragment = resolved.fragment or ""
    line_anchor = links.LINE_ANCHOR.fullmatch(fragment)
    where = quote(resolved.written_path)
    if facts is None:
        return None
    if facts.fragments is None:  # shown as source: only line anchors can be checked
        last = int(line_anchor.group(2) or line_anchor.group(1)) if line_anchor else 0
        if last <= facts.lines:
            return None
        return Problem(link, f"{quote(link.target)} points past the end of {where} ({facts.lines} lines)")
    if line_anchor and fragment.lower() not in facts.fragments:
        return Problem(link, f"{quote(link.target)} is a line anchor, but GitHub renders {where}; "
                             "add '?plain=1' before the '#'")
    return anchor_problem(link, resolved, facts.fragments, where)


def placeholder(link: Link) -> bool:
    """A template placeholder such as ``[Contribution]`` or ``{link}``, not a real destination."""
    target = link.destination.strip()
    wrapped = len(target) > 2 and (target[0], target[-1]) in (("[", "]"), ("{", "}"))
    return wrapped or "{{" in target or "{%" in target


def ignored(resolved: Resolved, start: Origin, context: Context) -> bool:
    settings = context.settings(ID, configure)
    if not settings.ignore:
        return False
    target = relative_to(start.tree.root / resolved.path, settings.base)
    return target is not None and any(glob_match(p, target) for p in settings.ignore)


def find(document: Document, context: Context) -> Iterator[Finding]:
    for problem in problems(document, context):
        yield Finding(line=problem.link.line, column=problem.link.column, message=problem.message)


def repair(document: Document, context: Context) -> list[Edit] | None:
    """One edit per link that has exactly one safe candidate (the runner verifies each alone); None
    when there is none."""
    text = document.text
    edits = {}
    for problem in problems(document, context):
        link = problem.link
        start = document.offset(link.line, link.column)
        if problem.replacement is not None and text[start : start + len(link.target)] == link.target:
            edits[start] = Edit(start, start + len(link.target), problem.replacement, link.line)
    return sorted(edits.values()) or None


CHECK = Check(
    id=ID,
    summary="relative links and anchors that will not resolve on GitHub, checked against git's files",
    doc=__doc__ or "",
    hook="check-links",
    find=find,
    repair=repair,
    markdown_only=True,
    configure=configure,
)
