"""broken-link: relative links and anchors that will not resolve on GitHub, checked against git.

**What it does.** Follows every relative link of a Markdown file (inline links and images, reference definitions,
which stand for all the uses of their label and are reported once; raw HTML ``<a href>``, ``<img src>`` and each URL
of a ``srcset``; nothing in code spans, code blocks or HTML comments) the way GitHub does: the query is dropped, the
path percent-decoded and resolved from the linking file's folder (``/x`` from the repository root), ``..``
normalised as a URL path. The target must be a file or folder git tracks (or has staged), with exactly that case. A
``#fragment`` into rendered Markdown must be a heading anchor (GitHub's slugs, duplicates ``-1``, ``-2``...;
headings written in raw HTML too), an HTML ``id`` or ``<a name>``, or ``#top``; on a folder, an anchor of the README
GitHub shows there (a folder without one has nothing to scroll to; the front page's README is ``.github/``'s, the
root's, then ``docs/``'s); ``#L10-L20`` into a code file must be within the file, and into a page GitHub renders
(Markdown, reStructuredText, AsciiDoc, Org, a notebook) it needs ``?plain=1``.

**Why.** A typo (``./design.mdd``), a wrong case (``Design.md`` works on macOS and Windows, not on GitHub), a file
that is on the author's disk but never committed, or a renamed heading breaks the chain of review documents for
everyone else.

**Example.** ``docs/x.md:12:24: broken-link './p1-design-document.mdd' does not exist; did you mean
'./p1-design-document.md'?`` Other messages: the target ``exists locally but is not tracked by git``; it ``points
outside the repository``; an anchor ``matches no heading``; a destination ``begins with '['`` (GitHub links to
``%5B...%5D``) or ``starts with 2 invisible characters (U+200B)``. Invisible characters in a quoted target are written
``\\u200b``. A fragment that differs from an anchor only in case is a warning (``broken-link warning: ...``, exit code
unchanged): it works on github.com, which ignores case in fragments, and breaks where case matters (GitLab, VS Code's
preview, most site generators). ``--format json`` adds ``target`` (as written) and ``resolved`` (the repository path
looked for); SARIF has them in each result's ``properties``.

**Not reported.** Links with a scheme (``https:``, ``mailto:``) or ``//host``; a reference definition that no
reference uses (GitHub renders nothing for it, nor for a use inside an HTML block); placeholders (``{link}``, ``{{ url
}}``); ``../../issues`` and other pages of the repository on GitHub; fragments into files GitHub does not render, or
into a README it shows as plain text. Outside a git repository, the disk is the reference.

**Options** (``[broken-link]``): ``ignore = ["build/**"]``: targets (gitignore-style globs, relative to the
configuration file) that are never reported, such as generated files. ``unused-definitions = "ignore" | "warn"``
(default ``"ignore"``): ``"warn"`` reports each unused definition as a warning, naming its target too when that is
broken. ``fragment-case = "warn" | "exact" | "ignore"`` (default ``"warn"``): a fragment that differs only in case is
a warning, an error (for sites where case matters), or nothing.

**Speed.** A file whose written destinations are all harmless (``review_hooks/links/candidates.py`` gives the
argument) is answered from its raw text without a Markdown parse, read only up to its first doubtful or broken one
(a ``#fragment`` into another file, which reads that file's anchors, is judged last); ``unused-definitions =
"warn"`` always parses. A destination without a fragment is judged once per run and folder.

**Fix safety.** ``--fix`` rewrites a link only when exactly one safe candidate exists: the same path in another case,
the same name with a tracked extension (``.mdd`` to ``.md``), the same path below another ancestor of the linking
folder (a wrong ``../`` depth), an anchor that differs only by case (the warning is fixed too), punctuation or a
duplicate suffix (when one heading has that name), or a destination without its brackets or leading invisible
characters when what is left works. It keeps the author's style (``./``, ``%20``, ``<...>``, the query and fragment).
A merely similar name, or a file of that name in an unrelated folder (only of the same kind: a folder only where
GitHub shows a README, never for an image), is only suggested. Reference uses are fixed through their definition; an
unused definition is never rewritten. A target git renamed (in the staged change, or in the last 1,000 commits that
renamed or deleted files, at most 1 s of ``git log``: ``links/history.py``) is named in the message, and followed by
``--fix`` when the rename is unambiguous; so is a heading the staged change renamed (a table of contents follows it).

**Links broken elsewhere.** Under pre-commit, ``scan --staged`` and ``--changed-since``, links of unchanged documents
into what the change renamed, deleted or moved are reported too once per commit by these rules (``runner/inbound.py``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from review_hooks.check import Check, Context, Edit
from review_hooks.config import choice, glob_list, glob_match, only_keys
from review_hooks.document import Document
from review_hooks.finding import Finding, Replacement
from review_hooks.links import candidates as link_candidates
from review_hooks.links import faults, target_facts
from review_hooks.links import tree as links
from review_hooks.links.anchors import anchor_problem
from review_hooks.links.readme import README_ANCHOR, shows
from review_hooks.links.suggest import Problem
from review_hooks.links.targets import CHECKED, Origin, heading_moved, origin, placeholder, target_problem
from review_hooks.links.tree import Resolved
from review_hooks.markdown.structure import Link, Structure, normalize_label
from review_hooks.paths import relative_to

if TYPE_CHECKING:  # a change is read only when a commit removes something (``runner/inbound.py``)
    from review_hooks.links.change import Change

ID = "broken-link"
#: Skip the parse when no written destination can be broken (``link_candidates``); tests switch it off.
FAST_PATH = True


class Settings(NamedTuple):
    """broken-link's options (a NamedTuple, not a dataclass, for the hooks' start-up: ``finding.Finding``)."""

    ignore: tuple[str, ...] = ()
    base: Path = Path()
    unused_definitions: str = "ignore"  # ignore | warn
    fragment_case: str = "warn"  # exact | ignore | warn


def configure(table: Mapping[str, Any], base: Path) -> Settings:
    only_keys(table, "ignore", "unused-definitions", "fragment-case")
    return Settings(glob_list(table, "ignore"), base, choice(table, "unused-definitions", ("ignore", "warn")),
                    choice(table, "fragment-case", ("warn", "exact", "ignore")))


def problems(document: Document, context: Context) -> Iterator[Problem]:
    """Every broken relative link of ``document``, with its message and safe replacement.

    A symbolic link is not a document on GitHub (it shows the path it points to), and its links
    would resolve from the wrong folder: it is skipped, in hook mode as a scan skips it. A
    reference definition that no reference uses renders nothing on GitHub: it is a warning under
    ``unused-definitions = "warn"``, else not looked at."""
    settings = context.settings(ID, configure)
    quick = FAST_PATH and settings.unused_definitions == "ignore"
    if document.location.is_symlink() or (quick and unbreakable(document, context)):
        return
    structure = document.markdown
    target_facts.remember(document)
    used: set[str] | None = None  # the labels references use, read at the first definition
    start: Origin | None = None
    for link in structure.links:
        unused = False
        if link.kind == "definition":
            used = used if used is not None else {normalize_label(x.label) for x in structure.links
                                                   if x.kind == "reference"}
            unused = normalize_label(link.label) not in used
        if link.kind not in CHECKED or (unused and settings.unused_definitions == "ignore"):
            continue
        found = None
        if links.relative(link.destination) and not placeholder(link):
            start = start or origin(document, context)
            found = link_problem(link, start, context, structure)
        if unused:
            yield faults.unused(link, found)
        elif found is not None and not (found.case_only and settings.fragment_case == "ignore"):
            yield found._replace(severity="warning") if found.case_only and settings.fragment_case == "warn" else found


def link_problem(link: Link, start: Origin, context: Context, here: Structure) -> Problem | None:
    """What is wrong with one relative link (``here``: this document), with the path looked for; a
    broken link written with a fault (brackets, invisible characters) is reported as that fault.

    Kept per run for a link to another path without a fragment (written plainly: no ``#``, escape or
    entity): the answer depends on the link as written, its folder and git's files alone, and the same
    target is often linked from many documents of a folder."""
    target = link.target
    if not start.in_git or "#" in target or "&" in target or "\\" in target or target.startswith("?"):
        return _link_problem(link, start, context, here)
    settings = context.settings(ID, configure)  # its ignore globs (and their folder) are all an answer reads
    key = (link.kind, target, link.label if link.kind == "definition" else "", start.folder, settings.ignore,
           settings.ignore and settings.base)
    verdicts = start.tree.verdicts
    if key not in verdicts:
        verdicts[key] = _link_problem(link, start, context, here)
    found = verdicts[key]
    return found if found is None or found.link is link else _problem(found, link, found.resolved)


def _link_problem(link: Link, start: Origin, context: Context, here: Structure) -> Problem | None:
    resolved = links.resolve(link.destination, start.folder)
    if ignored(resolved, start, context):
        return None
    if not resolved.written_path:
        fragments = here.fragments
        if resolved.fragment == README_ANCHOR and shows(start.tree, start.document):
            fragments = fragments | {README_ANCHOR}  # GitHub's own anchor of the README below a folder's listing
        found = heading_moved(anchor_problem(link, resolved, fragments, "this document"), resolved,
                              start.document, context)
        path = start.document
    else:
        found = target_problem(link, resolved, start, context)
        path = resolved.path
    written = faults.fault(link) if found is not None else None
    if written is not None:
        message, without = written
        works = without and (not links.relative(without) or link_problem(
            link._replace(target=without), start, context, here) is None)
        found = Problem(link, message, without if works else None)
    return _problem(found, found.link, path) if found is not None and found.resolved is None else found


def _problem(problem: Problem, link: Link, resolved: str | None) -> Problem:
    """``problem`` for ``link``, with the path looked for (built directly rather than by ``_replace``, which
    goes through ``dict`` and ``map``: this runs once per broken link)."""
    return Problem(link, problem.message, problem.replacement, problem.severity, problem.case_only, resolved)


def unbreakable(document: Document, context: Context) -> bool:
    """Whether no link of ``document`` can be broken, read without parsing (``links/candidates.py``), by
    this run's ``ignore`` globs, on which the answers it keeps for the run also depend."""
    settings = context.settings(ID, configure)
    return link_candidates.unbreakable(document, context, lambda resolved, start: ignored(resolved, start, context),
                                       (settings.ignore, settings.ignore and settings.base))


def ignored(resolved: Resolved, start: Origin, context: Context) -> bool:
    settings = context.settings(ID, configure)
    return bool(settings.ignore) and _ignored(start.tree.root / resolved.path, settings)


def _ignored(target: Path, settings: Settings) -> bool:
    """Whether ``[broken-link] ignore`` covers ``target`` (its globs are relative to the configuration's folder)."""
    relative = relative_to(target, settings.base)
    return relative is not None and any(glob_match(p, relative) for p in settings.ignore)


def find(document: Document, context: Context) -> Iterator[Finding]:
    yield from findings(problems(document, context), document)


def repair(document: Document, context: Context) -> list[Edit] | None:
    return edits(document, problems(document, context))


def findings(found: Iterable[Problem], document: Document) -> Iterator[Finding]:
    """Each problem as a finding, with the ``target`` and ``resolved`` facts (also for inbound links), and the fix
    ``--fix`` would write (``edits``) as its replacement (a SARIF ``fix``)."""
    for problem in found:
        link = problem.link
        facts = (("target", link.target), ("resolved", problem.resolved or ""))
        edit = edits(document, [problem])
        fix = edit and Replacement(link.line, link.column, link.line, link.column + len(link.target), edit[0].new)
        yield Finding(line=link.line, column=link.column, message=problem.message, severity=problem.severity,
                      properties=facts, replacement=fix or None)


def edits(document: Document, found: Iterable[Problem]) -> list[Edit] | None:
    """One edit per link that has exactly one safe candidate (the runner verifies each alone); None
    when there is none (also for inbound links)."""
    text, chosen = document.text, {}
    for problem in found:
        link = problem.link
        start = document.offset(link.line, link.column)
        if problem.replacement is not None and text[start : start + len(link.target)] == link.target:
            chosen[start] = Edit(start, start + len(link.target), problem.replacement, link.line)
    return sorted(chosen.values()) or None


def affected(change: Change) -> Check:
    """broken-link bound to a change: in a document outside it, the links the change broke (``links/inbound.py``),
    by the same settings (``ignore``, ``unused-definitions``, ``fragment-case``), findings and edits as its
    own links; the runner decides when and on which documents (``runner/inbound.py``)."""
    return CHECK._replace(find=lambda document, context: findings(_inbound(document, context, change), document),
                          repair=lambda document, context: edits(document, _inbound(document, context, change)),
                          affected=None)


def _inbound(document: Document, context: Context, change: Change) -> Iterator[Problem]:
    from review_hooks.links import inbound

    if context.repository is None:  # never: the inbound part runs only in a repository (``runner/inbound.py``)
        return iter(())
    settings, root = context.settings(ID, configure), context.repository.root

    def ignored(path: str) -> bool:  # a target relative to the repository's root
        return bool(settings.ignore) and _ignored(root / path, settings)

    return inbound.problems(document, context, change, ignored,
                            inbound.Policy(settings.unused_definitions, settings.fragment_case))


CHECK = Check(
    id=ID,
    summary="relative links and anchors that will not resolve on GitHub, checked against git's files",
    doc=__doc__ or "",
    hook="check-links",
    find=find,
    repair=repair,
    markdown_only=True,
    configure=configure,
    affected=affected,
    learn=target_facts.learned,
    teach=target_facts.taught,
)
